// Disputes: a receiving organisation flags that an assessment seems wrong or out of date, the
// assessing organisation's assessors see it and resolve it, the raiser reads the resolution, and
// nobody else sees any of it. Over HTTP against a real D1.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { completedAssessment } from '../helpers/assess';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';

const OWN = 'st-mungos';
const SHARED = 'connection-support';
const OUTSIDE = 'a2dominion';

const REASON = 'Robin moved into supported housing at Simon House last week; the housing section still says rough sleeping.';
const RESOLUTION = 'Thank you. Started a reassessment with Robin on Tuesday; the housing section is updated.';

let id: string;
let owner: Visitor;
let ownSupport: Visitor;
let sharedSupport: Visitor;
let sharedAssessor: Visitor;
let outsider: Visitor;
let sharedSupportName: string;

beforeAll(async () => {
  owner = await signIn(await createStaff('assessor', OWN));
  id = await completedAssessment(owner, 'Robin Dispute', '1983-02-14', [SHARED]);
  ownSupport = await signIn(await createStaff('support-worker', OWN));
  const support = await createStaff('support-worker', SHARED);
  sharedSupportName = (await env.DB.prepare('SELECT name FROM users WHERE id = ?').bind(support.id).first<{ name: string }>())!.name;
  sharedSupport = await signIn(support);
  sharedAssessor = await signIn(await createStaff('assessor', SHARED));
  outsider = await signIn(await createStaff('assessor', OUTSIDE));
});

async function raise(v: Visitor, fields: Record<string, string>) {
  return v.post(`/assess/${id}/disputes`, { csrf: await csrfOf(v), ...fields });
}

async function disputeRows() {
  return (await env.DB.prepare('SELECT * FROM assessment_disputes WHERE assessment_id = ?').bind(id).all<Record<string, unknown>>()).results;
}

describe('raising and resolving a dispute', () => {
  it('offers the form only to receiving organisations', async () => {
    expect(await (await sharedSupport.get(`/assess/${id}`)).text()).toContain('Something wrong or out of date?');
    expect(await (await owner.get(`/assess/${id}`)).text()).not.toContain('Something wrong or out of date?');
    expect(await (await ownSupport.get(`/assess/${id}`)).text()).not.toContain('Something wrong or out of date?');
  });

  it('refuses an empty or overlong reason and an unknown section with a 422, keeping the text', async () => {
    const empty = await raise(sharedSupport, { reason: '   ', section: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Say what seems wrong or out of date');

    const long = 'Too long. '.repeat(201);
    const over = await raise(sharedSupport, { reason: long, section: 'housing' });
    expect(over.status).toBe(422);
    const html = await over.text();
    expect(html).toContain('2000 characters or fewer');
    expect(html).toContain(long.trim());
    expect(html).toMatch(/<option value="housing" selected/);

    const section = await raise(sharedSupport, { reason: REASON, section: 'no-such-section' });
    expect(section.status).toBe(422);
    const kept = await section.text();
    expect(kept).toContain('Choose a section from the list');
    expect(kept).toContain('Robin moved into supported housing');
    expect(await disputeRows()).toEqual([]);
  });

  it('refuses the assessing organisation and anyone who cannot read it', async () => {
    expect((await raise(owner, { reason: REASON })).status).toBe(403);
    expect((await raise(ownSupport, { reason: REASON })).status).toBe(403);
    expect((await raise(outsider, { reason: REASON })).status).toBe(404);
    expect(await disputeRows()).toEqual([]);
  });

  it('stores a raised dispute sealed, logs it, and shows it to the assessing organisation’s assessors only', async () => {
    const res = await raise(sharedSupport, { reason: REASON, section: 'housing' });
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe(`/assess/${id}?done=disputed`);

    const rows = await disputeRows();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('Simon House');
    expect(rows[0]!.reason_sealed).toMatch(/^v1\.k2\./);
    expect(rows[0]).toMatchObject({ status: 'open', organisation_id: SHARED, section_id: 'housing', version_number: 1 });

    const log = await env.DB.prepare("SELECT actor_organisation_id AS org FROM assessment_access_log WHERE assessment_id = ? AND action = 'dispute-raised'").bind(id).all<{ org: string }>();
    expect(log.results).toEqual([{ org: SHARED }]);

    const ownerPage = await (await owner.get(`/assess/${id}`)).text();
    expect(ownerPage).toContain('1 open dispute');
    expect(ownerPage).toContain('Robin moved into supported housing');
    expect(ownerPage).toContain(`From ${sharedSupportName}, Connection Support`);
    expect(ownerPage).toContain('section “My housing story”');
    expect(ownerPage).toContain(`/assess/${id}/disputes/${rows[0]!.id as string}/resolve`);

    const home = await (await owner.get('/assess')).text();
    expect(home).toContain('1 open dispute');
    expect(home).toContain(`/assess/${id}#disputes`);

    // The raiser sees it as open; the assessing organisation's support worker, another receiving reader
    // in the raising organisation aside, sees nothing.
    const raiserPage = await (await sharedSupport.get(`/assess/${id}`)).text();
    expect(raiserPage).toContain('Problems your organisation flagged');
    expect(raiserPage).toContain('has not resolved it yet');
    expect(await (await sharedAssessor.get(`/assess/${id}`)).text()).toContain('Robin moved into supported housing');
    const supportPage = await (await ownSupport.get(`/assess/${id}`)).text();
    expect(supportPage).not.toContain('Robin moved into supported housing');
    expect(supportPage).not.toContain('open dispute');
    expect(await (await ownSupport.get('/assess')).text()).not.toContain('open dispute');
    expect(await (await sharedAssessor.get('/assess')).text()).not.toContain('open dispute');
  });

  it('resolves a dispute: required words, sealed, logged, and read by the raising organisation', async () => {
    const [row] = await disputeRows();
    const disputeId = row!.id as string;
    const path = `/assess/${id}/disputes/${disputeId}/resolve`;

    // Only the assessing organisation's assessors resolve.
    expect((await sharedAssessor.post(path, { csrf: await csrfOf(sharedAssessor), resolution: RESOLUTION })).status).toBe(403);
    expect((await ownSupport.post(path, { csrf: await csrfOf(ownSupport), resolution: RESOLUTION })).status).toBe(403);

    const empty = await owner.post(path, { csrf: await csrfOf(owner), resolution: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Say what you did about it');
    const long = 'x'.repeat(2001);
    const over = await owner.post(path, { csrf: await csrfOf(owner), resolution: long });
    expect(over.status).toBe(422);
    expect(await over.text()).toContain(long);

    const res = await owner.post(path, { csrf: await csrfOf(owner), resolution: RESOLUTION });
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe(`/assess/${id}?done=dispute-resolved`);
    // Resolving twice finds nothing open.
    expect((await owner.post(path, { csrf: await csrfOf(owner), resolution: RESOLUTION })).status).toBe(404);

    const [after] = await disputeRows();
    expect(after).toMatchObject({ status: 'resolved' });
    expect(after!.resolution_sealed).toMatch(/^v1\.k2\./);
    expect(JSON.stringify(after)).not.toContain('reassessment');
    const log = await env.DB.prepare("SELECT detail FROM assessment_access_log WHERE assessment_id = ? AND action = 'dispute-resolved'").bind(id).all<{ detail: string }>();
    expect(log.results).toEqual([{ detail: disputeId }]);

    const ownerPage = await (await owner.get(`/assess/${id}`)).text();
    expect(ownerPage).not.toContain('open dispute');
    expect(ownerPage).toContain('Resolved disputes (1)');
    expect(await (await owner.get('/assess')).text()).not.toContain('open dispute');

    const raiserPage = await (await sharedSupport.get(`/assess/${id}`)).text();
    expect(raiserPage).toContain('Resolved');
    expect(raiserPage).toContain('Started a reassessment with Robin on Tuesday');
    expect(await (await ownSupport.get(`/assess/${id}`)).text()).not.toContain('Started a reassessment with Robin');
  });

  it('hides a receiving organisation’s disputes once the person withdraws its consent', async () => {
    const w = await owner.post(`/assess/${id}/withdraw`, { csrf: await csrfOf(owner), organisation: SHARED });
    expect(w.status).toBe(303);
    expect((await sharedSupport.get(`/assess/${id}`)).status).toBe(404);
    expect((await raise(sharedSupport, { reason: REASON })).status).toBe(404);
  });
});

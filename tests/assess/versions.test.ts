// Tell it once: a reassessment starts from the last answers, past versions stay as they were, and a
// page shows what changed. Receiving organisations never see a draft version or its changes. Over
// HTTP in workerd against the seeded assessment form and a real D1.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, complete, completedAssessment, fillRequired, saveSection } from '../helpers/assess';
import { createStaff, csrfOf, signIn, type TestStaff } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';

const OWN = 'st-mungos';
const SHARED = 'connection-support';
const OUTSIDE = 'a2dominion';

let assessor: TestStaff;
let asV: Visitor;
let sharedReader: Visitor;
let ownSupport: Visitor;

beforeAll(async () => {
  assessor = await createStaff('assessor', OWN);
  asV = await signIn(assessor);
  sharedReader = await signIn(await createStaff('support-worker', SHARED));
  ownSupport = await signIn(await createStaff('support-worker', OWN));
});

async function accessLog(id: string) {
  return (await env.DB.prepare('SELECT actor, actor_organisation_id AS org, action, detail FROM assessment_access_log WHERE assessment_id = ? ORDER BY id').bind(id).all<{ actor: string; org: string | null; action: string; detail: string | null }>()).results;
}

async function sealedSections(id: string, version: number) {
  return (await env.DB.prepare('SELECT section_id AS s, answers_sealed AS a FROM assessment_sections WHERE assessment_id = ? AND version_number = ? ORDER BY section_id').bind(id, version).all<{ s: string; a: string }>()).results;
}

async function reassess(v: Visitor, id: string) {
  return v.post(`/assess/${id}/reassess`, { csrf: await csrfOf(v) });
}

const newReview = { 'assessor-name': 'Test Assessor', 'review-date-day': '1', 'review-date-month': '12', 'review-date-year': '2027' };

describe('a reassessment', () => {
  let id: string;

  beforeAll(async () => {
    id = await addPerson(asV, 'Rae Again', '1983-02-14');
    await fillRequired(asV, id, [SHARED], { strengths: 'Cooks for the hostel on Sundays.' });
    expect((await saveSection(asV, id, 'housing', { 'why-it-ended': 'Landlord sold the flat in Witney.', 'evictions-arrears': 'None' })).status).toBe(303);
    await complete(asV, id);
  });

  it('is offered once the newest version is complete, and starts from the last answers', async () => {
    const page = await (await asV.get(`/assess/${id}`)).text();
    expect(page).toContain('Start a reassessment');
    expect(page).toContain(`action="/assess/${id}/reassess"`);

    const res = await reassess(asV, id);
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe(`/assess/${id}?done=reassessed`);

    const after = await (await asV.get(`/assess/${id}?done=reassessed`)).text();
    expect(after).toContain('Reassessment started');
    expect(after).toContain('From the last version');
    expect(after).not.toContain('Start a reassessment');

    // The new draft's sections open with the old answers in them, ready to check.
    const strengths = await (await asV.get(`/assess/${id}/sections/strengths`)).text();
    expect(strengths).toContain('Cooks for the hostel on Sundays.');
    const housing = await (await asV.get(`/assess/${id}/sections/housing`)).text();
    expect(housing).toContain('Landlord sold the flat in Witney.');
    // The review date is what is being met: asked afresh, not carried over.
    const review = await (await asV.get(`/assess/${id}/sections/review`)).text();
    expect(review).toContain('Test Assessor');
    expect(review).not.toMatch(/name="review-date-year"[^>]*value="2027"/);

    const row = await env.DB.prepare('SELECT status, current_version AS v FROM assessments WHERE id = ?').bind(id).first<{ status: string; v: number }>();
    expect(row).toEqual({ status: 'in-progress', v: 2 });
    // Copied sections are sealed again under version 2's context, never copied as they were.
    const [one, two] = [await sealedSections(id, 1), await sealedSections(id, 2)];
    expect(two.map((r) => r.s)).toEqual(one.map((r) => r.s));
    for (const r of two) expect(one.find((o) => o.s === r.s)!.a).not.toBe(r.a);

    const log = await accessLog(id);
    expect(log.filter((l) => l.action === 'reassessment-started')).toEqual([{ actor: assessor.id, org: OWN, action: 'reassessment-started', detail: 'version 2 from version 1' }]);
  });

  it('is not started twice: a second click carries on with the draft', async () => {
    const again = await reassess(asV, id);
    expect(again.status).toBe(303);
    expect(Visitor.location(again)).toBe(`/assess/${id}`);
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM assessment_versions WHERE assessment_id = ?').bind(id).first<{ n: number }>();
    expect(count!.n).toBe(2);
  });

  it('keeps receiving organisations on the last completed version, and never shows them the draft', async () => {
    expect((await saveSection(asV, id, 'strengths', { strengths: 'Runs the hostel garden now.', goals: 'A flat of my own near my sister in Banbury.' })).status).toBe(303);
    const shared = await (await sharedReader.get(`/assess/${id}`)).text();
    expect(shared).toContain('Cooks for the hostel on Sundays.');
    expect(shared).not.toContain('Runs the hostel garden now.');
    expect(shared).not.toContain(`/assess/${id}/versions/2`);
    expect(shared).not.toContain('Start a reassessment');

    const before = (await accessLog(id)).length;
    expect((await sharedReader.get(`/assess/${id}/versions/2`)).status).toBe(404);
    // With one completed version there is nothing for them to compare yet, whichever versions they ask for.
    for (const path of [`/assess/${id}/changes?from=1&to=2`, `/assess/${id}/changes`]) {
      const changes = await sharedReader.get(path);
      expect(changes.status).toBe(200);
      const text = await changes.text();
      expect(text).toContain('nothing to compare yet');
      expect(text).not.toContain('Runs the hostel garden now.');
      expect(text).not.toContain('Rae Again');
      expect(text).not.toContain('Version 2');
    }
    // Refused and empty pages read nothing, so log nothing.
    expect((await accessLog(id)).length).toBe(before);

    // The assessing organisation's own readers see the draft.
    expect(await (await ownSupport.get(`/assess/${id}/versions/2`)).text()).toContain('Runs the hostel garden now.');
  });

  it('is only for the assessing organisation’s assessors, and only once the newest version is complete', async () => {
    expect((await reassess(ownSupport, id)).status).toBe(403);
    const sharedAssessor = await signIn(await createStaff('assessor', SHARED));
    expect((await reassess(sharedAssessor, id)).status).toBe(403);
    const outsider = await signIn(await createStaff('assessor', OUTSIDE));
    expect((await reassess(outsider, id)).status).toBe(404);
    const fresh = await addPerson(asV, 'Never Done', '1991-09-09');
    const res = await reassess(asV, fresh);
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe(`/assess/${fresh}`);
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM assessment_versions WHERE assessment_id = ?').bind(fresh).first<{ n: number }>();
    expect(count!.n).toBe(1);
  });
});

describe('past versions and what changed', () => {
  let id: string;
  let v1Sealed: { s: string; a: string }[];

  beforeAll(async () => {
    id = await addPerson(asV, 'Dale Changes', '1975-06-30');
    await fillRequired(asV, id, [SHARED], { strengths: 'Fixes bikes for friends.' });
    expect((await saveSection(asV, id, 'housing', { 'why-it-ended': 'Relationship ended; left the shared tenancy in Didcot.' })).status).toBe(303);
    expect((await saveSection(asV, id, 'money-id', { debts: 'Council tax arrears, about £300.' })).status).toBe(303);
    await complete(asV, id);
    v1Sealed = await sealedSections(id, 1);

    expect((await reassess(asV, id)).status).toBe(303);
    // Changed: strengths. Added: pets. Removed: why the last home ended. Unchanged: money and ID.
    expect((await saveSection(asV, id, 'strengths', { strengths: 'Fixes bikes; now volunteers at the repair cafe.', goals: 'A flat of my own near my sister in Banbury.' })).status).toBe(303);
    expect((await saveSection(asV, id, 'about-me', { 'preferred-name': 'Sam', pets: 'A lurcher called Biscuit.' })).status).toBe(303);
    expect((await saveSection(asV, id, 'housing', {})).status).toBe(303);
    expect((await saveSection(asV, id, 'review', newReview)).status).toBe(303);
    await complete(asV, id);
  });

  it('shows a changed, an added and a removed answer, with before and now', async () => {
    const res = await asV.get(`/assess/${id}/changes`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('What changed from version 1 to version 2');
    const strengths = page.slice(page.indexOf('id="section-strengths"'));
    expect(strengths).toMatch(/Changed[\s\S]*Before:[\s\S]*Fixes bikes for friends\.[\s\S]*Now:[\s\S]*Fixes bikes; now volunteers at the repair cafe\./);
    const about = page.slice(page.indexOf('id="section-about-me"'), page.indexOf('id="section-housing"'));
    expect(about).toMatch(/Added[\s\S]*Before:[\s\S]*not answered[\s\S]*Now:[\s\S]*A lurcher called Biscuit\./);
    const housing = page.slice(page.indexOf('id="section-housing"'), page.indexOf('id="section-money-id"'));
    expect(housing).toMatch(/Removed[\s\S]*Before:[\s\S]*Relationship ended; left the shared tenancy in Didcot\.[\s\S]*Now:[\s\S]*not answered/);
    // Unchanged sections take one line; an unchanged answer is not listed at all.
    expect(page).toMatch(/<strong>Money and ID<\/strong>: no changes\./i);
    expect(page).not.toContain('Council tax arrears');
    expect(page).toContain('2 answers changed, 1 answer added, 1 answer removed');
  });

  it('compares whichever two versions are chosen, the earlier always as "before"', async () => {
    const res = await asV.get(`/assess/${id}/changes?from=2&to=1`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('What changed from version 1 to version 2');
    expect(page).toMatch(/<select[^>]*name="from"/);
    expect(page).toMatch(/<form method="get" action="\/assess\/[^"]+\/changes"/);
  });

  it('answers unusable choices with a friendly 422 or 404, never a 500', async () => {
    for (const query of ['from=abc&to=2', 'from=1&to=1', 'from=99&to=2', 'from=1&to=-1', `from=${'9'.repeat(60)}&to=2`]) {
      const res = await asV.get(`/assess/${id}/changes?${query}`);
      expect(res.status, query).toBe(422);
      const text = await res.text();
      expect(text, query).toContain('govuk-error-summary');
      expect(text, query).toContain('<select');
    }
    for (const n of ['abc', '0', '3', '99', '-1', '1.5']) expect((await asV.get(`/assess/${id}/versions/${n}`)).status, n).toBe(404);
    expect((await asV.get('/assess/not-an-assessment/changes?from=1&to=2')).status).toBe(404);
    expect((await asV.get('/assess/not-an-assessment/versions/1')).status).toBe(404);
  });

  it('keeps old versions read-only: no editing route for them, and their stored answers never change', async () => {
    const v1 = await asV.get(`/assess/${id}/versions/1`);
    expect(v1.status).toBe(200);
    const page = await v1.text();
    expect(page).toContain('This is a past version');
    expect(page).toContain('Fixes bikes for friends.');
    expect(page).toContain('Relationship ended; left the shared tenancy in Didcot.');
    expect(page).not.toContain(`/assess/${id}/sections/`);
    expect(page).not.toMatch(/<form method="post" action="\/assess/);

    // No route edits a version by number, and the section routes edit only a draft: none is left.
    expect((await asV.post(`/assess/${id}/versions/1/sections/strengths`, { csrf: await csrfOf(asV), strengths: 'Rewritten history' })).status).toBe(404);
    expect((await saveSection(asV, id, 'strengths', { strengths: 'Rewritten history' })).status).toBe(404);
    expect((await asV.get(`/assess/${id}/sections/strengths`)).status).toBe(404);
    expect(await sealedSections(id, 1)).toEqual(v1Sealed);
    expect(await (await asV.get(`/assess/${id}/versions/1`)).text()).not.toContain('Rewritten history');
  });

  it('links each version and what changed between consecutive ones from the assessment page', async () => {
    for (const reader of [asV, sharedReader]) {
      const page = await (await reader.get(`/assess/${id}`)).text();
      expect(page).toContain(`href="/assess/${id}/versions/1"`);
      expect(page).toContain(`href="/assess/${id}/versions/2"`);
      expect(page).toContain(`href="/assess/${id}/changes?from=1&amp;to=2"`);
      expect(page).toContain('What changed since the last version');
    }
  });

  it('lets a receiving organisation read completed versions and their changes, and logs each read', async () => {
    const res = await sharedReader.get(`/assess/${id}/changes`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('A lurcher called Biscuit.');
    expect(await (await sharedReader.get(`/assess/${id}/versions/1`)).text()).toContain('Fixes bikes for friends.');
    const log = await accessLog(id);
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'changes-viewed', org: SHARED, detail: 'version 1 to version 2' }),
        expect.objectContaining({ action: 'version-viewed', org: SHARED, detail: 'version 1' }),
        expect.objectContaining({ action: 'changes-viewed', actor: assessor.id, org: OWN, detail: 'version 1 to version 2' }),
      ]),
    );
  });

  it('refuses the pages to roles that do not read assessments', async () => {
    const facilitator = await signIn(await createStaff('facilitator', OWN));
    expect((await facilitator.get(`/assess/${id}/versions/1`)).status).toBe(403);
    expect((await facilitator.get(`/assess/${id}/changes`)).status).toBe(403);
    const admin = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
    expect((await admin.get(`/assess/${id}/changes`)).status).toBe(403);
    const outsider = await signIn(await createStaff('assessor', OUTSIDE));
    expect((await outsider.get(`/assess/${id}/versions/1`)).status).toBe(404);
    expect((await outsider.get(`/assess/${id}/changes`)).status).toBe(404);
    expect((await accessLog(id)).filter((l) => l.org === OUTSIDE)).toEqual([]);
  });
});

describe('a limited risk and safety section across versions', () => {
  it('is neither shown nor compared for readers without the named role', async () => {
    const id = await addPerson(asV, 'Kim Limited', '1969-10-10');
    await fillRequired(asV, id, [SHARED]);
    expect((await saveSection(asV, id, 'risk', { 'risk-from-others': 'Ex-partner lives near the bus station.' })).status).toBe(303);
    await complete(asV, id);
    expect((await reassess(asV, id)).status).toBe(303);
    expect((await saveSection(asV, id, 'risk', { 'risk-from-others': 'Ex-partner has moved to Reading.' })).status).toBe(303);
    expect((await saveSection(asV, id, 'review', newReview)).status).toBe(303);
    await complete(asV, id);
    expect((await asV.post(`/assess/${id}/restriction`, { csrf: await csrfOf(asV), limit: 'yes', roles: 'assessor' })).status).toBe(303);

    const changes = await (await sharedReader.get(`/assess/${id}/changes`)).text();
    expect(changes).toContain('not compared for your role');
    expect(changes).not.toContain('Ex-partner');
    const v1 = await (await sharedReader.get(`/assess/${id}/versions/1`)).text();
    expect(v1).toContain('This section is limited to assessors');
    expect(v1).not.toContain('Ex-partner');

    const own = await (await asV.get(`/assess/${id}/changes`)).text();
    expect(own).toContain('Ex-partner lives near the bus station.');
    expect(own).toContain('Ex-partner has moved to Reading.');
  });
});

describe('due for review', () => {
  it('lists the assessing organisation’s completed assessments due within two weeks or overdue, for its assessors', async () => {
    const overdue = await addPerson(asV, 'Pat Overdue', '1980-01-20');
    await fillRequired(asV, overdue, [SHARED]);
    expect((await saveSection(asV, overdue, 'review', { 'assessor-name': 'Test Assessor', 'review-date-day': '1', 'review-date-month': '3', 'review-date-year': '2025' })).status).toBe(303);
    await complete(asV, overdue);
    const later = await completedAssessment(asV, 'Lou Later', '1980-01-21', [SHARED]);

    const home = await (await asV.get('/assess')).text();
    const due = home.slice(home.indexOf('id="due-for-review"'), home.indexOf('</section>', home.indexOf('id="due-for-review"')));
    expect(due).toContain(`href="/assess/${overdue}#reassess"`);
    expect(due).toContain('Overdue');
    expect(due).not.toContain(`/assess/${later}`);

    // The link leads to the reassessment, with the reason to start it now.
    const page = await (await asV.get(`/assess/${overdue}`)).text();
    expect(page).toContain('id="reassess"');
    expect(page).toContain('has passed');

    // Another organisation's assessor, even one it is shared with, has nothing to reassess here.
    const sharedAssessor = await signIn(await createStaff('assessor', SHARED));
    expect(await (await sharedAssessor.get('/assess')).text()).not.toContain(`/assess/${overdue}#reassess`);

    // Once the reassessment starts it is no longer due.
    expect((await reassess(asV, overdue)).status).toBe(303);
    expect(await (await asV.get('/assess')).text()).not.toContain(`/assess/${overdue}#reassess`);
  });
});

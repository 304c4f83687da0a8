// Trusted assessments over HTTP in workerd, against the seeded assessment form and a real D1: adding
// and finding people, sittings, completion, the access matrix, consent withdrawal, the restricted
// section, the access log and what is in the database at rest.
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

beforeAll(async () => {
  assessor = await createStaff('assessor', OWN);
  asV = await signIn(assessor);
});

async function accessLog(id: string) {
  return (await env.DB.prepare('SELECT actor, actor_organisation_id AS org, action, detail FROM assessment_access_log WHERE assessment_id = ? ORDER BY id').bind(id).all<{ actor: string; org: string | null; action: string; detail: string | null }>()).results;
}

describe('adding a person and filling the assessment over sittings', () => {
  it('adds a person, keeps half-done sections, and refuses completion until the needed answers are there', async () => {
    const id = await addPerson(asV, 'Robin Halloran', '1979-11-02');
    const page = await (await asV.get(`/assess/${id}?done=added`)).text();
    expect(page).toContain('Robin Halloran');
    expect(page).toMatch(/TA-[A-Z2-9]{4}-[A-Z2-9]{4}/);
    expect(page).toContain('Not started');

    // The date of birth given when adding the person is already an answer in "About me".
    const first = await (await asV.get(`/assess/${id}/sections/about-me`)).text();
    expect(first).toMatch(/name="date-of-birth-year"[^>]*value="1979"/);

    // First sitting: part of "About me", then stop.
    const dob = { 'date-of-birth-day': '2', 'date-of-birth-month': '11', 'date-of-birth-year': '1979' };
    expect((await saveSection(asV, id, 'about-me', { 'preferred-name': 'Robin', contact: 'Text only, after 4pm', ...dob })).status).toBe(303);
    const again = await (await asV.get(`/assess/${id}/sections/about-me`)).text();
    expect(again).toContain('Text only, after 4pm');
    expect(again).toMatch(/name="date-of-birth-year"[^>]*value="1979"/);

    const early = await asV.post(`/assess/${id}/complete`, { csrf: await csrfOf(asV) });
    expect(early.status).toBe(422);
    const text = await early.text();
    expect(text).toContain('before completing the assessment');
    expect(text).toContain('Robin');

    // Second sitting: the rest, then complete.
    await fillRequired(asV, id, [SHARED]);
    await complete(asV, id);
    const done = await (await asV.get(`/assess/${id}?done=completed`)).text();
    expect(done).toContain('Assessment completed');
    expect(done).toContain('Connection Support');
    // A completed version is read-only: its sections no longer open for editing.
    expect((await asV.get(`/assess/${id}/sections/about-me`)).status).toBe(404);
  });

  it('keeps what was typed when an answer is the wrong shape, with a 422', async () => {
    const id = await addPerson(asV, 'Kit Marlow', '1990-01-15');
    const res = await saveSection(asV, id, 'review', { 'assessor-name': 'Asha', 'review-date-day': '31', 'review-date-month': '2', 'review-date-year': '2027', 'assessor-notes': 'Met at the day centre; came with a friend.' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Met at the day centre; came with a friend.');
    expect(html).toContain('govuk-error-summary');
  });

  it('gives a plain 422 for a person with no name or an impossible date of birth, keeping what was typed', async () => {
    const res = await asV.post('/assess/people', { csrf: await csrfOf(asV), name: '', 'birth-day': '30', 'birth-month': '2', 'birth-year': '1980', language: 'en' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Enter their full name');
    expect(html).toContain('Date must be a real date');
    expect(html).toContain('value="30"');
  });

  it('warns before adding someone with the same name and date of birth', async () => {
    await addPerson(asV, 'Jo Twice', '1985-03-27');
    const res = await asV.post('/assess/people', { csrf: await csrfOf(asV), name: 'jo  twice', 'birth-day': '27', 'birth-month': '3', 'birth-year': '1985', language: 'en' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('already has an assessment');
  });
});

describe('finding a person by name and date of birth', () => {
  it('finds by the blind index, ignoring case and accents, and near names born the same day', async () => {
    const id = await addPerson(asV, 'Zoë Ó Briain', '1972-07-09');
    const exact = await (await asV.get('/assess/find?name=zoe+o+briain&birth-day=9&birth-month=7&birth-year=1972')).text();
    expect(exact).toContain(`/assess/${id}`);
    expect(exact).toContain('Name and date of birth');
    const near = await (await asV.get('/assess/find?name=Zoe+OBrien&birth-day=9&birth-month=7&birth-year=1972')).text();
    expect(near).toContain(`/assess/${id}`);
    const other = await (await asV.get('/assess/find?name=Someone+Else&birth-day=9&birth-month=7&birth-year=1972')).text();
    expect(other).not.toContain(`/assess/${id}`);
    expect(other).toContain('Nobody found');
  });

  it('finds only within what the searcher may read', async () => {
    await completedAssessment(asV, 'Morgan Vale', '1968-05-05', [SHARED]);
    const outside = await signIn(await createStaff('assessor', OUTSIDE));
    const res = await (await outside.get('/assess/find?name=Morgan+Vale&birth-day=5&birth-month=5&birth-year=1968')).text();
    expect(res).toContain('Nobody found');
    const shared = await signIn(await createStaff('support-worker', SHARED));
    expect(await (await shared.get('/assess/find?name=Morgan+Vale&birth-day=5&birth-month=5&birth-year=1968')).text()).toContain('1 person found');
  });

  it('asks for the missing parts of a search in plain words', async () => {
    const res = await asV.get('/assess/find?name=&birth-day=&birth-month=&birth-year=');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Enter their name');
    expect(html).toContain('Enter their date of birth');
  });
});

describe('who can read an assessment', () => {
  let id: string;
  const readers: Record<string, Visitor> = {};

  beforeAll(async () => {
    id = await completedAssessment(asV, 'Sam Matrix', '1988-08-08', [SHARED]);
    const people: [string, Parameters<typeof createStaff>[0], string][] = [
      ['own support worker', 'support-worker', OWN],
      ['shared assessor', 'assessor', SHARED],
      ['shared support worker', 'support-worker', SHARED],
      ['outside assessor', 'assessor', OUTSIDE],
      ['shared facilitator', 'facilitator', SHARED],
      ['shared moderator', 'moderator', SHARED],
      ['shared commissioner', 'commissioner', SHARED],
      ['shared org admin', 'org-admin', SHARED],
      ['own org admin', 'org-admin', OWN],
      ['deployment admin', 'deployment-admin', 'oxfordshire-county-council'],
    ];
    for (const [label, role, org] of people) readers[label] = await signIn(await createStaff(role, org));
  });

  it.each([
    ['own support worker', 200],
    ['shared assessor', 200],
    ['shared support worker', 200],
    ['outside assessor', 404],
    ['shared facilitator', 403],
    ['shared moderator', 403],
    ['shared commissioner', 403],
    ['shared org admin', 403],
    ['own org admin', 403],
    ['deployment admin', 403],
  ])('%s gets %i', async (label, status) => {
    const res = await readers[label]!.get(`/assess/${id}`);
    expect(res.status).toBe(status);
    const html = await res.text();
    if (status === 200) expect(html).toContain('Sam Matrix');
    else expect(html).not.toContain('Sam Matrix');
  });

  it('lets only the assessing organisation’s assessors change it', async () => {
    const shared = readers['shared assessor']!;
    const res = await shared.post(`/assess/${id}/withdraw`, { csrf: await csrfOf(shared), organisation: 'all' });
    expect(res.status).toBe(403);
    const page = await (await shared.get(`/assess/${id}`)).text();
    expect(page).not.toContain('Withdraw all consent');
    expect(page).not.toContain('/sections/');
  });

  it('logs every read with who and through which organisation', async () => {
    await readers['shared support worker']!.get(`/assess/${id}`);
    const log = await accessLog(id);
    expect(log.some((l) => l.action === 'opened' && l.org === SHARED)).toBe(true);
    expect(log.some((l) => l.action === 'completed' && l.actor === assessor.id && l.org === OWN)).toBe(true);
    // Refused reads are not reads: nothing logged for the outsider.
    expect(log.filter((l) => l.org === OUTSIDE)).toEqual([]);
  });

  it('ends a receiving organisation’s access on its next request when consent is withdrawn', async () => {
    const reader = readers['shared assessor']!;
    expect((await reader.get(`/assess/${id}`)).status).toBe(200);
    const res = await asV.post(`/assess/${id}/withdraw`, { csrf: await csrfOf(asV), organisation: SHARED });
    expect(res.status).toBe(303);
    expect((await reader.get(`/assess/${id}`)).status).toBe(404);
    expect((await readers['own support worker']!.get(`/assess/${id}`)).status).toBe(200);
    expect((await accessLog(id)).some((l) => l.action === 'consent-withdrawn' && l.detail === SHARED)).toBe(true);
  });
});

describe('recording consent', () => {
  it('shares with nobody when the person chooses "No one else"; an option the form does not offer is refused with a 422', async () => {
    const id = await addPerson(asV, 'Nobody Else', '1983-02-14');
    expect((await saveSection(asV, id, 'consent', { 'privacy-explained': 'yes', 'share-with': ['no-one-else'], 'exceptions-explained': 'yes' })).status).toBe(303);
    expect((await saveSection(asV, id, 'consent', { 'privacy-explained': 'yes', 'share-with': ['not-an-organisation'], 'consent-notes': 'Wants to think about the council.' })).status).toBe(422);
    const shares = await env.DB.prepare('SELECT organisation_id FROM assessment_shares WHERE assessment_id = ?').bind(id).all();
    expect(shares.results).toEqual([]);
    // Choosing an organisation later gives it access; choosing "No one else" again ends it.
    await saveSection(asV, id, 'consent', { 'privacy-explained': 'yes', 'share-with': [SHARED], 'exceptions-explained': 'yes' });
    const current = async () => (await env.DB.prepare('SELECT organisation_id AS o FROM assessment_shares WHERE assessment_id = ? AND withdrawn_at IS NULL').bind(id).all<{ o: string }>()).results.map((r) => r.o);
    expect(await current()).toEqual([SHARED]);
    await saveSection(asV, id, 'consent', { 'privacy-explained': 'yes', 'share-with': 'no-one-else', 'exceptions-explained': 'yes' });
    expect(await current()).toEqual([]);
  });

  it('shows the consent section as consent stands: an organisation withdrawn since it was saved is not ticked again', async () => {
    const id = await addPerson(asV, 'Withdrawn Since', '1976-06-06');
    await saveSection(asV, id, 'consent', { 'privacy-explained': 'yes', 'share-with': [SHARED, 'homeless-oxfordshire'], 'exceptions-explained': 'yes' });
    expect((await asV.post(`/assess/${id}/withdraw`, { csrf: await csrfOf(asV), organisation: SHARED })).status).toBe(303);
    const page = await (await asV.get(`/assess/${id}/sections/consent`)).text();
    const ticked = [...page.matchAll(/<input[^>]*name="share-with"[^>]*>/g)].map((m) => m[0]).filter((tag) => / checked/.test(tag));
    expect(ticked.some((tag) => tag.includes(`value="${SHARED}"`))).toBe(false);
    expect(ticked.some((tag) => tag.includes('value="homeless-oxfordshire"'))).toBe(true);
  });
});

describe('the risk and safety section limited to named roles', () => {
  it('hides the section from readers without the named role, and never opens it for them', async () => {
    const id = await addPerson(asV, 'Lee Limit', '1995-12-12');
    await fillRequired(asV, id, [SHARED]);
    expect((await saveSection(asV, id, 'risk', { 'risk-from-others': 'Threatened by a former partner in Bicester; avoid the north of the town.' })).status).toBe(303);
    await complete(asV, id);
    const limit = await asV.post(`/assess/${id}/restriction`, { csrf: await csrfOf(asV), limit: 'yes', roles: 'assessor' });
    expect(limit.status).toBe(303);

    const support = await signIn(await createStaff('support-worker', SHARED));
    const supportPage = await (await support.get(`/assess/${id}`)).text();
    expect(supportPage).toContain('Lee Limit');
    expect(supportPage).not.toContain('former partner');
    expect(supportPage).toContain('This section is limited to assessors');

    const sharedAssessor = await signIn(await createStaff('assessor', SHARED));
    expect(await (await sharedAssessor.get(`/assess/${id}`)).text()).toContain('former partner');

    // Limited to support workers only, the assessing organisation's assessors still read what they wrote.
    expect((await asV.post(`/assess/${id}/restriction`, { csrf: await csrfOf(asV), limit: 'yes', roles: 'support-worker' })).status).toBe(303);
    expect(await (await asV.get(`/assess/${id}`)).text()).toContain('former partner');
    expect(await (await sharedAssessor.get(`/assess/${id}`)).text()).not.toContain('former partner');

    // Limiting with no role chosen is refused in plain words.
    const none = await asV.post(`/assess/${id}/restriction`, { csrf: await csrfOf(asV), limit: 'yes' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Choose at least one role');
  });
});

describe('encryption at rest', () => {
  it('stores no name, date of birth or answer in the clear', async () => {
    const id = await addPerson(asV, 'Plaintext Pat', '1961-04-30');
    await fillRequired(asV, id, [SHARED], { strengths: 'Unmistakable-strength-words', goals: 'Unmistakable-goal-words' });
    await complete(asV, id);
    const tables = ['people', 'assessments', 'assessment_versions', 'assessment_sections', 'assessment_shares', 'assessment_access_log'];
    for (const table of tables) {
      const rows = (await env.DB.prepare(`SELECT * FROM ${table}`).all()).results;
      const raw = JSON.stringify(rows);
      for (const secret of ['Plaintext Pat', 'plaintext pat', '1961-04-30', 'Unmistakable-strength-words', 'Unmistakable-goal-words', 'Test Assessor']) {
        expect(raw, `${secret} in ${table}`).not.toContain(secret);
      }
    }
    const sealed = await env.DB.prepare('SELECT answers_sealed AS s, key_id AS k FROM assessment_sections WHERE assessment_id = ?').bind(id).all<{ s: string; k: string }>();
    expect(sealed.results.length).toBeGreaterThan(0);
    for (const r of sealed.results) {
      expect(r.s).toMatch(/^v1\.k2\./);
      expect(r.k).toBe('k2');
    }
  });

  it('refuses a sealed value moved into another record', async () => {
    const a = await addPerson(asV, 'Swap One', '1970-01-01');
    const b = await addPerson(asV, 'Swap Two', '1970-01-02');
    const one = await env.DB.prepare('SELECT name_sealed AS n FROM people p JOIN assessments a ON a.person_id = p.id WHERE a.id = ?').bind(a).first<{ n: string }>();
    await env.DB.prepare('UPDATE people SET name_sealed = ? WHERE id = (SELECT person_id FROM assessments WHERE id = ?)').bind(one!.n, b).run();
    const res = await asV.get(`/assess/${b}`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('Swap One');
  });
});

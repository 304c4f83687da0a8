// "You said, we did" as a moderator or commissioner records it: adding, editing and publishing an
// action, the form kept when something is wrong, evidence that is only ever an approved quote of
// someone who agreed to be quoted, and the audit trail, over HTTP against the real Worker and D1.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { database } from '../../worker/db/client';
import { linkedActions } from '../../worker/reports/actions/queries';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import { Visitor, type Fields } from '../helpers/visitor';

const HOUR = 3_600_000;
const OBJECTIVE = 'oxfordshire-countywide:5.6';
const OTHER_OBJECTIVE = 'oxfordshire-countywide:3.1';

let moderator: Visitor;
let commissioner: Visitor;
let moderatorId: string;

beforeAll(async () => {
  const m = await createStaff('moderator');
  moderatorId = m.id;
  moderator = await signIn(m);
  commissioner = await signIn(await createStaff('commissioner'));
  // Quotes are offered only from a quarter in which at least 5 responses raised the objective or theme
  // (as reports show them): enough tagged, unapproved responses in the quotes' quarter for each code used.
  for (const code of [{ objective: OBJECTIVE }, { objective: OTHER_OBJECTIVE }, ...['having-a-say', 'being-listened-to', 'waiting-for-housing', 'not-hearing-back'].map((theme) => ({ theme }))]) {
    for (let i = 0; i < 5; i++) await aQuote({ text: 'Background words, not a quote.', approved: false, ...code });
  }
});

let made = 0;

interface Quote {
  text: string;
  consent?: boolean;
  approved?: boolean;
  status?: 'new' | 'done' | 'excluded';
  objective?: string;
  theme?: string;
  /** when the quote was approved (ms) */
  approvedAt?: number;
}

/** A response with one excerpt of its redacted answer, tagged, and approved as a quote unless told otherwise. */
async function aQuote(q: Quote): Promise<{ responseId: string; excerptId: number }> {
  made += 1;
  const responseId = crypto.randomUUID();
  const version = await env.DB.prepare("SELECT current_version_id AS v FROM forms WHERE id = 'festival-of-feedback'").first<{ v: string }>();
  const at = Date.UTC(2026, 0, 1) + made * HOUR;
  const approved = q.approved ?? true;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) VALUES (?, ?, 'online', 'en', ?)").bind(responseId, version!.v, at),
    env.DB.prepare('INSERT INTO moderation (response_id, status, quote_consent, submitted_at) VALUES (?, ?, ?, ?)').bind(responseId, q.status ?? 'done', q.consent === false ? 0 : 1, at),
    env.DB.prepare("INSERT INTO answer_texts (response_id, question_id, redacted) VALUES (?, 'change', ?)").bind(responseId, `Before. ${q.text} After.`),
  ]);
  const excerpt = await env.DB.prepare("INSERT INTO excerpts (response_id, question_id, start, \"end\", text, created_by, created_at, quote_approved_by, quote_approved_at) VALUES (?, 'change', 8, ?, ?, ?, ?, ?, ?) RETURNING id")
    .bind(responseId, 8 + q.text.length, q.text, moderatorId, at, approved ? moderatorId : null, approved ? (q.approvedAt ?? at) : null)
    .first<{ id: number }>();
  await env.DB.prepare('INSERT INTO tags (excerpt_id, response_id, objective_id, theme_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(excerpt!.id, responseId, q.theme ? null : (q.objective ?? OBJECTIVE), q.theme ?? null, moderatorId, at)
    .run();
  return { responseId, excerptId: excerpt!.id };
}

const good = (extra: Fields = {}): Fields => ({
  objective: OBJECTIVE,
  theme: '',
  'you-said-en': 'Nobody tells us what happens to our feedback.',
  'you-said-ar': 'لا أحد يخبرنا بما يحدث لملاحظاتنا.',
  'we-did-en': 'We now publish what changed every quarter on this site.',
  'we-did-ar': '',
  organisation: 'oxfordshire-county-council',
  status: 'green',
  'acted-day': '3',
  'acted-month': '2',
  'acted-year': '2026',
  'evidence-quarter': '',
  ...extra,
});

async function post(v: Visitor, path: string, fields: Fields) {
  return v.post(path, { csrf: await csrfOf(v), ...fields });
}

const latestActionId = async () => (await env.DB.prepare('SELECT id FROM actions ORDER BY created_at DESC, rowid DESC LIMIT 1').first<{ id: string }>())!.id;
const audits = async (targetId: string) => (await env.DB.prepare('SELECT action, detail, actor FROM audit_log WHERE target_type = ? AND target_id = ? ORDER BY id').bind('action', targetId).all<{ action: string; detail: string; actor: string }>()).results;
/** The checkbox offering a quote as evidence. */
const offers = (q: { excerptId: number }) => `name="evidence" type="checkbox" value="${q.excerptId}"`;
const evidenceOf = async (actionId: string) => (await env.DB.prepare('SELECT excerpt_id AS id FROM action_evidence WHERE action_id = ? ORDER BY excerpt_id').bind(actionId).all<{ id: number }>()).results.map((r) => r.id);

describe('who may record actions', () => {
  it('sends someone signed out to sign in, and refuses a facilitator or an assessor', async () => {
    const anonymous = await new Visitor().get('/reports/actions');
    expect(anonymous.status).toBe(303);
    expect(Visitor.location(anonymous)).toBe('/login?next=%2Freports%2Factions');
    for (const role of ['facilitator', 'assessor'] as const) {
      const v = await signIn(await createStaff(role));
      for (const path of ['/reports/actions', '/reports/actions/new']) {
        const res = await v.get(path);
        expect(res.status, `${role} ${path}`).toBe(403);
        expect(await res.text()).toContain('You do not have access to this page');
      }
      expect((await post(v, '/reports/actions', good())).status, `${role} post`).toBe(403);
      expect(await env.DB.prepare('SELECT count(*) AS n FROM actions').first<{ n: number }>()).toEqual({ n: 0 });
    }
  });

  it('refuses a form post without the session’s form token', async () => {
    const res = await moderator.post('/reports/actions', { csrf: 'not-the-token', ...good() });
    expect(res.status).toBe(403);
  });
});

describe('adding an action', () => {
  it('shows an empty list, then a form with every objective grouped by framework and section', async () => {
    const list = await commissioner.get('/reports/actions');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('No actions yet.');
    const form = await (await commissioner.get('/reports/actions/new')).text();
    expect(form).toContain('<optgroup label="Oxfordshire Countywide Homelessness and Rough Sleeping Strategy – Governance">');
    expect(form).toContain('<optgroup label="City of London Homelessness and Rough Sleeping Strategy Delivery Plan 2023-27 – Priority 1: Rapid, Effective and Tailored Interventions">');
    expect(form).toMatch(/<option value="oxfordshire-countywide:1\.1">1\.1 – Reaffirm/);
    expect(form).toContain('Waiting and delays › Waiting for housing');
    expect(form).toContain('Stuck or not started');
    expect(form).toContain('Under way, with problems');
    expect(form).toContain('name="acted-day"');
    expect(form).toContain('name="csrf"');
    expect(form).not.toContain('<script');
  });

  it('saves what a commissioner typed, as a draft, and records who did it without the words', async () => {
    const res = await post(commissioner, '/reports/actions', good({ 'evidence-quarter': '2025-Q3' }));
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe('/reports/actions?done=added');
    const id = await latestActionId();
    const row = await env.DB.prepare('SELECT * FROM actions WHERE id = ?').bind(id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ objective_id: OBJECTIVE, theme_id: null, organisation_id: 'oxfordshire-county-council', status: 'green', acted_on: Date.UTC(2026, 1, 3), evidence_quarter: '2025-Q3', published: 0 });
    expect(JSON.parse(row!.you_said as string)).toEqual({ en: 'Nobody tells us what happens to our feedback.', ar: 'لا أحد يخبرنا بما يحدث لملاحظاتنا.' });
    // An empty Arabic box is no translation: the public page falls back to English.
    expect(JSON.parse(row!.we_did as string)).toEqual({ en: 'We now publish what changed every quarter on this site.' });
    const entries = await audits(id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.action).toBe('action.added');
    expect(entries[0]!.detail).not.toMatch(/Nobody|every quarter/i);

    const list = await (await commissioner.get('/reports/actions?done=added')).text();
    expect(list).toContain('Action added.');
    expect(list).toMatch(new RegExp(`data-action="${id}"[\\s\\S]*?We now publish what changed[\\s\\S]*?5\\.6[\\s\\S]*?Oxfordshire County Council[\\s\\S]*?Green[\\s\\S]*?3 February 2026[\\s\\S]*?Draft`));
  });

  it('refuses a form with problems, saying what to fix and keeping everything typed', async () => {
    const res = await post(moderator, '/reports/actions', {
      ...good(),
      objective: '',
      'you-said-en': '   ',
      'you-said-ar': 'نص عربي محفوظ',
      'we-did-en': 'Kept words about what was done',
      status: '',
      'acted-day': '31',
      'acted-month': '2',
      'acted-year': '2026',
      published: 'yes',
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('govuk-error-summary');
    expect(page).toContain('<title>Error: Add an action – Heard staff</title>');
    for (const message of ['Choose an objective or a theme, or both', 'Enter what people said, in English', 'Choose how it is going', 'Date must be a real date']) expect(page).toContain(message);
    expect(page).toContain('href="#objective"');
    expect(page).toContain('href="#status-0"');
    expect(page).toContain('href="#acted-day"');
    expect(page).toContain('Kept words about what was done');
    expect(page).toContain('نص عربي محفوظ');
    expect(page).toContain('value="31"');
    expect(page).toMatch(/id="published"[^>]*checked/);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM actions').first<{ n: number }>()).toEqual({ n: 1 });
  });

  it('refuses unknown choices, a future date, a made-up quarter and over-long words with a 422, never a 500', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000);
    const cases: [Fields, string][] = [
      [{ objective: 'no-such:objective' }, 'Choose an objective from the list'],
      [{ theme: 'no-such-theme' }, 'Choose a theme from the list'],
      [{ organisation: 'nobody' }, 'Choose an organisation from the list'],
      [{ organisation: '' }, 'Choose the organisation that did it'],
      [{ status: 'purple' }, 'Choose how it is going'],
      [{ 'acted-day': String(tomorrow.getUTCDate()), 'acted-month': String(tomorrow.getUTCMonth() + 1), 'acted-year': String(tomorrow.getUTCFullYear()) }, 'Date must be today or in the past'],
      [{ 'acted-day': '', 'acted-month': '', 'acted-year': '' }, 'Enter the date it was done'],
      [{ 'acted-month': '' }, 'Date must include a month'],
      [{ 'acted-year': '26' }, 'Year must include 4 numbers'],
      [{ 'evidence-quarter': '2026-Q5' }, 'A quarter such as 2026-Q2'],
      [{ 'we-did-en': 'x'.repeat(1001) }, '“We did” in English must be 1,000 characters or fewer'],
      [{ evidence: ['1; DROP TABLE actions'] }, 'Choose quotes from the list'],
    ];
    for (const [fields, message] of cases) {
      const res = await post(moderator, '/reports/actions', good(fields));
      expect(res.status, message).toBe(422);
      expect(await res.text(), message).toContain(message);
    }
    expect(await env.DB.prepare('SELECT count(*) AS n FROM actions').first<{ n: number }>()).toEqual({ n: 1 });
  });
});

describe('evidence', () => {
  it('offers only approved quotes of people who agreed to be quoted, on this objective or theme, and saves the ones chosen', async () => {
    const shown = await aQuote({ text: 'I never heard what happened to what I said.' });
    const noConsent = await aQuote({ text: 'Words from someone who said no to quotes.', consent: false });
    const notApproved = await aQuote({ text: 'Words not approved as a quote.', approved: false });
    const excluded = await aQuote({ text: 'Words from an excluded response.', status: 'excluded' });
    const elsewhere = await aQuote({ text: 'Words tagged with another objective.', objective: OTHER_OBJECTIVE });
    const childTheme = await aQuote({ text: 'Words tagged with a child theme.', theme: 'having-a-say' });

    // Without JavaScript: choose the objective, then "Show quotes" re-shows the form with them.
    const refreshed = await post(moderator, '/reports/actions', good({ intent: 'refresh', 'we-did-en': 'Typed before looking at quotes' }));
    expect(refreshed.status).toBe(200);
    const page = await refreshed.text();
    expect(page).toContain('Nothing is saved until you save the action.');
    expect(page).toContain('Typed before looking at quotes');
    expect(page).toContain(offers(shown));
    expect(page).toContain('I never heard what happened to what I said.');
    // Only the excerpt's words: not the rest of the answer around it.
    expect(page).not.toContain('Before. I never heard');
    for (const hidden of [noConsent, notApproved, excluded, elsewhere, childTheme]) expect(page).not.toContain(offers(hidden));
    expect(await env.DB.prepare('SELECT count(*) AS n FROM actions').first<{ n: number }>()).toEqual({ n: 1 });

    // A top-level theme takes in its children's quotes.
    const byTheme = await (await post(moderator, '/reports/actions', good({ intent: 'refresh', objective: '', theme: 'being-listened-to' }))).text();
    expect(byTheme).toContain(offers(childTheme));
    expect(byTheme).not.toContain(offers(shown));

    // A quote not offered is refused, even when its id is sent by hand.
    const forged = await post(moderator, '/reports/actions', good({ evidence: [String(shown.excerptId), String(noConsent.excerptId)] }));
    expect(forged.status).toBe(422);
    expect(await forged.text()).toContain('Choose quotes from the list');

    const saved = await post(moderator, '/reports/actions', good({ 'we-did-en': 'Feedback now has a public page.', evidence: String(shown.excerptId) }));
    expect(saved.status).toBe(303);
    const id = await latestActionId();
    expect(await evidenceOf(id)).toEqual([shown.excerptId]);
    expect((await audits(id))[0]!.detail).toContain('evidence=1');
    const edit = await (await moderator.get(`/reports/actions/${id}`)).text();
    expect(edit).toContain(`${offers(shown)} checked`);

    const summary = (await linkedActions(database(env.DB), { objectiveIds: [OBJECTIVE] })).find((a) => a.id === id);
    expect(summary).toMatchObject({ id, evidenceCount: 1 });
  });

  it('lists the 30 newest quotes, and keeps one already linked even when it is older', async () => {
    const theme = 'not-hearing-back';
    const oldest = await aQuote({ text: 'The oldest quote of all.', theme, approvedAt: Date.UTC(2025, 0, 1) });
    const res = await post(moderator, '/reports/actions', good({ objective: '', theme, evidence: String(oldest.excerptId) }));
    expect(res.status).toBe(303);
    const id = await latestActionId();
    const newer: number[] = [];
    for (let i = 0; i < 31; i++) newer.push((await aQuote({ text: `Newer quote number ${i}.`, theme, approvedAt: Date.UTC(2026, 0, 1) + i * HOUR })).excerptId);
    const page = await (await moderator.get(`/reports/actions/${id}`)).text();
    const offered = [...page.matchAll(/name="evidence" type="checkbox" value="(\d+)"/g)].map((m) => Number(m[1]));
    expect(offered).toHaveLength(31);
    expect(offered).toContain(oldest.excerptId);
    expect(offered).not.toContain(newer[0]);
    expect(offered).toContain(newer[30]);
  });

  it('drops a quote from the evidence when its response is withdrawn', async () => {
    const quote = await aQuote({ text: 'Taken back later by the person who said it.' });
    const res = await post(moderator, '/reports/actions', good({ 'we-did-en': 'Action with a quote that goes.', evidence: String(quote.excerptId) }));
    expect(res.status).toBe(303);
    const id = await latestActionId();
    expect(await evidenceOf(id)).toEqual([quote.excerptId]);

    // Withdrawal deletes the response row; everything made from it goes with it.
    await env.DB.prepare('DELETE FROM responses WHERE id = ?').bind(quote.responseId).run();
    expect(await evidenceOf(id)).toEqual([]);
    const page = await (await moderator.get(`/reports/actions/${id}`)).text();
    expect(page).not.toContain('Taken back later');
    const summary = (await linkedActions(database(env.DB), { objectiveIds: [OBJECTIVE] })).find((a) => a.id === id);
    expect(summary?.evidenceCount).toBe(0);
  });

  it('stops counting a quote whose approval is taken away', async () => {
    const quote = await aQuote({ text: 'Approved, then not.' });
    await post(moderator, '/reports/actions', good({ 'we-did-en': 'Action whose quote is unapproved.', evidence: String(quote.excerptId) }));
    const id = await latestActionId();
    await env.DB.prepare('UPDATE excerpts SET quote_approved_at = NULL, quote_approved_by = NULL WHERE id = ?').bind(quote.excerptId).run();
    const summary = (await linkedActions(database(env.DB), { objectiveIds: [OBJECTIVE] })).find((a) => a.id === id);
    expect(summary?.evidenceCount).toBe(0);
    expect(await (await moderator.get(`/reports/actions/${id}`)).text()).not.toContain('Approved, then not.');
  });
});

describe('editing and publishing', () => {
  it('shows the saved action on its form, saves changes, publishes it, and audits what changed but never the words', async () => {
    await post(moderator, '/reports/actions', good({ 'we-did-en': 'A drop-in every Tuesday.', status: 'amber', 'evidence-quarter': '2025-Q4' }));
    const id = await latestActionId();
    const form = await (await moderator.get(`/reports/actions/${id}`)).text();
    expect(form).toContain('Edit an action');
    expect(form).toContain('A drop-in every Tuesday.');
    expect(form).toMatch(/value="amber" checked/);
    expect(form).toContain('<option value="2025-Q4" selected>2025/26 Q4</option>');
    expect(form).toContain(`action="/reports/actions/${id}"`);

    const edited = await post(commissioner, `/reports/actions/${id}`, good({ 'we-did-en': 'A drop-in every Tuesday and Thursday.', status: 'complete', published: 'yes', 'evidence-quarter': '2025-Q4' }));
    expect(edited.status).toBe(303);
    expect(Visitor.location(edited)).toBe('/reports/actions?done=saved');
    expect(await env.DB.prepare('SELECT status, published FROM actions WHERE id = ?').bind(id).first()).toEqual({ status: 'complete', published: 1 });
    const entries = await audits(id);
    expect(entries.map((e) => e.action)).toEqual(['action.added', 'action.edited']);
    expect(entries[1]!.detail).toBe('changed=weDid,status,published');
    expect(entries.map((e) => e.detail).join(' ')).not.toMatch(/Tuesday|drop-in/);

    // Saving again with nothing changed writes nothing, and records nothing.
    await post(commissioner, `/reports/actions/${id}`, good({ 'we-did-en': 'A drop-in every Tuesday and Thursday.', status: 'complete', published: 'yes', 'evidence-quarter': '2025-Q4' }));
    expect(await audits(id)).toHaveLength(2);

    const list = await (await moderator.get('/reports/actions?published=yes')).text();
    expect(list).toContain(`data-action="${id}"`);
    expect(list).not.toContain('Draft</td>');
    const drafts = await (await moderator.get('/reports/actions?published=no&status=')).text();
    expect(drafts).not.toContain(`data-action="${id}"`);
    const complete = await (await moderator.get('/reports/actions?status=complete')).text();
    expect(complete).toContain(`data-action="${id}"`);
    expect(complete).not.toContain('Nobody tells us what happens to our feedback.</a>');

    expect(await (await new Visitor().get('/you-said-we-did')).text()).toContain('A drop-in every Tuesday and Thursday.');
  });

  it('keeps an edit’s typed words on a 422, and says so plainly for an action that does not exist', async () => {
    const id = await latestActionId();
    const res = await post(moderator, `/reports/actions/${id}`, good({ 'we-did-en': '', 'you-said-en': 'Edited words kept' }));
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('Enter what was done, in English');
    expect(page).toContain('Edited words kept');
    expect(page).toContain(`action="/reports/actions/${id}"`);

    for (const path of ['/reports/actions/no-such-action', `/reports/actions/${crypto.randomUUID()}`]) {
      const get = await moderator.get(path);
      expect(get.status).toBe(404);
      expect(await get.text()).toContain('Page not found');
      expect((await post(moderator, path, good())).status).toBe(404);
    }
  });

  it('filters the list plainly, refusing a made-up filter with a 400', async () => {
    expect((await moderator.get('/reports/actions?status=purple')).status).toBe(400);
    const none = await (await moderator.get('/reports/actions?status=red')).text();
    expect(none).toContain('No actions match these filters.');
  });
});

describe('linkedActions, for the report pages', () => {
  it('finds actions by objective or theme, newest first, drafts only when asked', async () => {
    const db = database(env.DB);
    await post(moderator, '/reports/actions', good({ objective: '', theme: 'waiting-for-housing', 'we-did-en': 'Theme action, published', published: 'yes', 'acted-day': '1', 'acted-month': '1', 'acted-year': '2026' }));
    const themed = await latestActionId();
    await post(moderator, '/reports/actions', good({ objective: OTHER_OBJECTIVE, theme: 'waiting-for-housing', 'we-did-en': 'Both, a draft', 'acted-day': '2', 'acted-month': '1', 'acted-year': '2026' }));
    const both = await latestActionId();

    const byTheme = await linkedActions(db, { themeIds: ['waiting-for-housing'] });
    expect(byTheme.map((a) => a.id)).toEqual([both, themed]);
    expect(byTheme[1]).toEqual({
      id: themed,
      objectiveId: null,
      themeId: 'waiting-for-housing',
      youSaid: { en: 'Nobody tells us what happens to our feedback.', ar: 'لا أحد يخبرنا بما يحدث لملاحظاتنا.' },
      weDid: { en: 'Theme action, published' },
      organisationName: 'Oxfordshire County Council',
      status: 'green',
      actedOn: Date.UTC(2026, 0, 1),
      published: true,
      evidenceCount: 0,
    });
    expect((await linkedActions(db, { themeIds: ['waiting-for-housing'] }, { publishedOnly: true })).map((a) => a.id)).toEqual([themed]);
    // One action matching by objective and by theme is listed once.
    expect((await linkedActions(db, { objectiveIds: [OTHER_OBJECTIVE], themeIds: ['waiting-for-housing'] })).map((a) => a.id)).toEqual([both, themed]);
    expect(await linkedActions(db, {})).toEqual([]);
    // Many ids at once stay within D1's limit on bound values.
    const many = Array.from({ length: 250 }, (_, i) => `oxfordshire-countywide:${i}`);
    expect((await linkedActions(db, { objectiveIds: [...many, OTHER_OBJECTIVE] })).map((a) => a.id)).toEqual([both]);
  });
});

// Paper (issue 11, point 6): any form printed on A4 (large print, languages, tick boxes, writing lines,
// branching in words, the session code on every page) and the fast entry screen that types the sheets
// back in as responses of channel `paper`, once each, with who entered them shown to moderators only.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoStatements } from '../../seeds/demo/load';
import { demoStaff, demoStaffStatements } from '../../seeds/demo-staff';
import { FESTIVAL_JOIN_CODE, FESTIVAL_SESSION_ID } from '../../seeds/demo/sessions';
import { seededVersions } from '../../seeds/index';
import { expectRollupMatchesRaw } from '../helpers/rollup';
import { createStaff, csrfOf, signIn, type TestStaff } from '../helpers/staff';
import { hiddenValue, Visitor, type Fields } from '../helpers/visitor';

const one = async <T,>(sql: string, ...binds: unknown[]) => (await env.DB.prepare(sql).bind(...binds).first<T>())!;
const count = async (sql: string, ...binds: unknown[]) => (await one<{ n: number }>(sql, ...binds)).n;

let facilitator: TestStaff;
let v: Visitor;
let csrf: string;

async function newSession(form: string, languages: string[] = ['en', 'ar']) {
  const res = await v.post('/sessions', { csrf, name: `Paper day ${form}`, place: 'Community room, Barton', 'held-day': '2', 'held-month': '12', 'held-year': '2026', organisation: 'leaf', form, languages, kiosk: 'no' });
  expect(res.status).toBe(303);
  const id = Visitor.location(res).split('/')[2]!.split('?')[0]!;
  const code = (await one<{ c: string }>('SELECT join_code AS c FROM feedback_sessions WHERE id = ?', id)).c;
  return { id, code };
}

/** The text of a page with its tags taken out, spaces squeezed. */
const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');

/** The printed sheet alone: the table that prints. */
const sheetOf = (html: string) => /<table role="presentation" class="heard-paper[\s\S]*<\/table>/.exec(html)![0];

async function blankSheet(sessionId: string, as = v) {
  const res = await as.get(`/sessions/${sessionId}/entry`);
  expect(res.status).toBe(200);
  const html = await res.text();
  return { html, sheet: hiddenValue(html, 'sheet') };
}

const FESTIVAL_SHEET: Fields = {
  staying: 'hostel',
  'accommodation-rating': '2',
  'accommodation-comments': 'The heating in my room is off all day. Ask for Dave on the desk, he knows.',
  // Written on the paper although the branch would skip it: kept, because it is what they wrote.
  'rough-sleeping-help': 'I slept out last winter before the hostel.',
  'support-rating': '4',
  health: ['gp', 'dentist'],
  'listened-to': '3',
  change: 'A worker who rings back.',
  quote: 'yes',
};

beforeAll(async () => {
  facilitator = await createStaff('facilitator', 'leaf');
  v = await signIn(facilitator);
  csrf = await csrfOf(v);
});

describe('the paper version of a form', () => {
  it('numbers every question, draws tick boxes and lines, puts the purpose and privacy words first and branching in words', async () => {
    const res = await v.get('/forms/festival-of-feedback/paper');
    expect(res.status).toBe(200);
    const sheet = sheetOf(await res.text());
    const text = words(sheet);
    expect(text).toContain('The Lived Experience Advisory Forum (LEAF) wants to hear what services are like for you');
    expect(text).toContain('How your answers are used');
    expect(text).toContain('We take out anything that could identify someone');
    expect(text).toContain('You do not need to give your name');
    expect(text.indexOf('You do not need to give your name')).toBeLessThan(text.indexOf('Where are you staying at the moment?'));
    // Eleven questions, numbered in order.
    expect([...sheet.matchAll(/class="heard-paper__number">(\d+)</g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(text).toContain('1 Where are you staying at the moment?');
    expect(text).toContain('11 ');
    // Branching in words, where the person needs them.
    expect(text).toContain('If you ticked “Sleeping rough”, go to question 4.');
    expect(text).toContain('If you ticked “Prefer not to say”, go to question 5.');
    expect(text).toContain('Skip this question if you ticked “Sleeping rough” or “Prefer not to say” at question 1.');
    expect(text).toContain('Answer this question only if you ticked “Sleeping rough” at question 1.');
    expect(text).toContain('If you ticked “Most of the time” or “Always”, go to question 10.');
    expect(text).toContain('Tick all the boxes that apply.');
    // Drawn boxes, not form controls: 6 + 5 + 5 + 5 + 4 choices and the consent box.
    expect(sheet.match(/class="heard-paper__box"/g)!.length).toBe(6 + 5 + 5 + 5 + 4 + 1);
    expect(sheet).not.toMatch(/<input|<textarea|<select/);
    // Lines to write on: five long answers of six lines.
    expect(sheet.match(/class="heard-paper__line"/g)!.length).toBe(5 * 6);
    // Without a session there is no code: the running head is the form's title.
    expect(words(/<thead[\s\S]*<\/thead>/.exec(sheet)![0]).trim()).toBe('Festival of Feedback');
  });

  it('prints in large print, with more room to write', async () => {
    const sheet = sheetOf(await (await v.get('/forms/festival-of-feedback/paper?size=large')).text());
    expect(sheet).toContain('heard-paper--large');
    expect(sheet.match(/class="heard-paper__line"/g)!.length).toBe(5 * 8);
    // Anything else is the normal sheet, never an error.
    const odd = await v.get('/forms/festival-of-feedback/paper?size=huge&lang=xx');
    expect(odd.status).toBe(200);
    expect(sheetOf(await odd.text())).toContain('heard-paper--normal');
  });

  it('prints in each of the form’s languages, right to left in Arabic, with the interface words of that language', async () => {
    const sheet = sheetOf(await (await v.get('/forms/festival-of-feedback/paper?lang=ar')).text());
    expect(sheet).toContain('lang="ar" dir="rtl"');
    const text = words(sheet);
    expect(text).toContain('مهرجان الملاحظات');
    expect(text).toContain('أين تقيم في الوقت الحالي؟');
    expect(text).toContain('إذا اخترت «أنام في الشارع»، فانتقل إلى السؤال 4.');
    expect(text).toContain('ضع علامة في كل المربعات التي تنطبق.');
    expect(text).not.toContain('Where are you staying');
  });

  it('is for staff who handle forms: facilitators, moderators and admins, not commissioners or assessors; an unknown form is not found', async () => {
    for (const role of ['moderator', 'org-admin', 'deployment-admin'] as const) {
      const staff = await signIn(await createStaff(role, 'leaf'));
      expect((await staff.get('/forms/service-feedback/paper')).status, role).toBe(200);
    }
    for (const role of ['commissioner', 'assessor'] as const) {
      const staff = await signIn(await createStaff(role, 'leaf'));
      expect((await staff.get('/forms/service-feedback/paper')).status, role).toBe(403);
    }
    expect((await new Visitor().get('/forms/service-feedback/paper')).status).toBe(303);
    // The list of every form to print, linked from the sessions page.
    expect(await (await v.get('/sessions')).text()).toContain('href="/forms/paper"');
    const list = await (await v.get('/forms/paper')).text();
    for (const href of ['/forms/festival-of-feedback/paper', '/forms/festival-of-feedback/paper?size=large', '/forms/festival-of-feedback/paper?lang=ar', '/forms/service-feedback/paper']) expect(list).toContain(`href="${href}"`);
    expect((await (await signIn(await createStaff('commissioner', 'leaf'))).get('/forms/paper')).status).toBe(403);
    expect((await v.get('/forms/no-such-form/paper')).status).toBe(404);
  });

  it('for a session, carries the join code in the running head and foot that every printed page repeats, in the session’s languages only', async () => {
    const { id, code } = await newSession('festival-of-feedback');
    const res = await v.get(`/sessions/${id}/paper`);
    expect(res.status).toBe(200);
    const sheet = sheetOf(await res.text());
    expect(words(/<thead[\s\S]*<\/thead>/.exec(sheet)![0])).toContain(`Session code: ${code}`);
    expect(words(/<tfoot[\s\S]*<\/tfoot>/.exec(sheet)![0])).toContain(`Session code: ${code}`);
    const arabic = sheetOf(await (await v.get(`/sessions/${id}/paper?lang=ar&size=large`)).text());
    expect(arabic).toContain('lang="ar"');
    expect(arabic).toContain('heard-paper--large');
    expect(words(arabic)).toContain(code);

    const english = await newSession('festival-of-feedback', ['en']);
    const onlyEnglish = await (await v.get(`/sessions/${english.id}/paper?lang=ar`)).text();
    expect(sheetOf(onlyEnglish)).toContain('lang="en"');
    // The session page links to the paper form, its large print and the entry screen.
    const page = await (await v.get(`/sessions/${id}`)).text();
    for (const href of [`/sessions/${id}/paper`, `/sessions/${id}/paper?size=large`, `/sessions/${id}/entry`]) expect(page).toContain(`href="${href}"`);

    expect((await (await signIn(await createStaff('facilitator', 'st-mungos'))).get(`/sessions/${id}/paper`)).status).toBe(404);
    expect((await (await signIn(await createStaff('moderator', 'leaf'))).get(`/sessions/${id}/paper`)).status).toBe(403);
  });
});

describe('typing in paper sheets', () => {
  it('shows every question on one page, the first field focused, even those a branch would skip', async () => {
    const { id } = await newSession('festival-of-feedback');
    const { html } = await blankSheet(id);
    expect(html).toContain('0 paper forms entered for this session');
    for (const q of ['staying-0', 'accommodation-rating-0', 'accommodation-comments', 'rough-sleeping-help', 'support-rating-0', 'health-0', 'listened-comments', 'change', 'quote-0']) expect(html).toContain(`id="${q}"`);
    expect(html.match(/autofocus/g)!.length).toBe(1);
    expect(html).toMatch(/id="staying-0"[^>]*autofocus/);
    expect(html).toContain('1. Where are you staying at the moment?');
    expect(html).toContain('id="sheet-language"');
  });

  it('stores a sheet as a paper response of the session, entered by the facilitator, through moderation’s arrival; then a blank sheet with the count', async () => {
    const { id } = await newSession('festival-of-feedback');
    const { sheet } = await blankSheet(id);
    const res = await v.post(`/sessions/${id}/entry`, { csrf, sheet, ...FESTIVAL_SHEET, 'sheet-language': 'en' });
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe(`/sessions/${id}/entry?entered=1&lang=en`);
    const row = await one('SELECT channel, session_id, entered_by, organisation_id, withdrawal_key, locale FROM responses WHERE id = ?', sheet);
    expect(row).toEqual({ channel: 'paper', session_id: id, entered_by: facilitator.id, organisation_id: 'leaf', withdrawal_key: null, locale: 'en' });
    const answers = (await env.DB.prepare('SELECT question_id AS q FROM answers WHERE response_id = ? ORDER BY q').bind(sheet).all<{ q: string }>()).results.map((r) => r.q);
    expect(answers).toEqual(['accommodation-comments', 'accommodation-rating', 'change', 'health', 'listened-to', 'quote', 'rough-sleeping-help', 'staying', 'support-rating']);
    expect((await one<{ status: string }>('SELECT status FROM moderation WHERE response_id = ?', sheet)).status).toBe('new');
    expect((await one<{ q: number }>('SELECT quote_consent AS q FROM moderation WHERE response_id = ?', sheet)).q).toBe(1);
    const redacted = await one<{ redacted: string }>("SELECT redacted FROM answer_texts WHERE response_id = ? AND question_id = 'accommodation-comments'", sheet);
    expect(redacted.redacted).not.toContain('Dave');
    await expectRollupMatchesRaw();

    const next = await v.get(Visitor.location(res));
    const html = await next.text();
    expect(html).toContain('Sheet saved');
    expect(html).toContain('1 paper form entered for this session');
    expect(hiddenValue(html, 'sheet')).not.toBe(sheet);
    expect(html).not.toContain('heating in my room');
    expect(html).toMatch(/id="staying-0"[^>]*autofocus/);

    // An Arabic sheet: the language is kept for the next sheet too.
    const second = await blankSheet(id);
    const ar = await v.post(`/sessions/${id}/entry`, { csrf, sheet: second.sheet, staying: 'rough', 'rough-sleeping-help': 'سكن قريب من عملي', 'sheet-language': 'ar' });
    expect(Visitor.location(ar)).toBe(`/sessions/${id}/entry?entered=1&lang=ar`);
    expect((await one<{ locale: string }>('SELECT locale FROM responses WHERE id = ?', second.sheet)).locale).toBe('ar');
    const after = await (await v.get(Visitor.location(ar))).text();
    expect(after).toContain('2 paper forms entered for this session');
    expect(after).toMatch(/<option value="ar"[^>]*selected/);
    const counted = (await (await v.get(`/sessions/${id}/count`)).json()) as { counts: Record<string, number> };
    expect(counted.counts.paper).toBe(2);
  });

  it('refuses a blank sheet with a plain 422, and stores nothing', async () => {
    const { id } = await newSession('festival-of-feedback');
    const { sheet } = await blankSheet(id);
    const res = await v.post(`/sessions/${id}/entry`, { csrf, sheet, 'sheet-language': 'en', 'accommodation-comments': '   ' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('This sheet is blank');
    expect(await count('SELECT count(*) AS n FROM responses WHERE session_id = ?', id)).toBe(0);
  });

  it('answers bad input (an impossible date, a made-up choice) with a 422 that keeps everything typed and the same sheet', async () => {
    const { id } = await newSession('service-feedback');
    const { sheet } = await blankSheet(id);
    const typed = { service: 'outreach', 'last-used-day': '31', 'last-used-month': '2', 'last-used-year': '2026', 'how-was-it': '9', 'what-worked': 'The van comes on time.', 'one-change': 'Open on Sundays' };
    const res = await v.post(`/sessions/${id}/entry`, { csrf, sheet, ...typed });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Date must be a real date');
    expect(html).toContain('Select one of the answers shown');
    expect(html).toContain('The van comes on time.');
    expect(html).toContain('value="Open on Sundays"');
    expect(html).toContain('value="31"');
    expect(html).toMatch(/id="service-1"[^>]*checked|checked[^>]*id="service-1"/);
    expect(hiddenValue(html, 'sheet')).toBe(sheet);
    expect(await count('SELECT count(*) AS n FROM responses WHERE session_id = ?', id)).toBe(0);
    // Put right, it is stored under the same sheet.
    const fixed = await v.post(`/sessions/${id}/entry`, { csrf, sheet, ...typed, 'last-used-day': '28', 'how-was-it': '4' });
    expect(fixed.status).toBe(303);
    expect((await one<{ value: string }>("SELECT value FROM answers WHERE response_id = ? AND question_id = 'last-used'", sheet)).value).toBe('"2026-02-28"');
  });

  it('stores a sheet sent twice once: the repeat gets a friendly page, even when both arrive at once', async () => {
    const { id } = await newSession('festival-of-feedback');
    const { sheet } = await blankSheet(id);
    const fields = { csrf, sheet, ...FESTIVAL_SHEET };
    expect((await v.post(`/sessions/${id}/entry`, fields)).status).toBe(303);
    const again = await v.post(`/sessions/${id}/entry`, fields);
    expect(again.status).toBe(409);
    const text = await again.text();
    expect(text).toContain('This sheet is already saved');
    expect(text).toContain(`href="/sessions/${id}/entry?lang=en"`);
    expect(await count('SELECT count(*) AS n FROM responses WHERE session_id = ?', id)).toBe(1);
    const flags = await count('SELECT count(*) AS n FROM redactions WHERE response_id = ?', sheet);

    const racing = await blankSheet(id);
    const both = await Promise.all([0, 1].map(() => v.post(`/sessions/${id}/entry`, { ...fields, sheet: racing.sheet })));
    expect(both.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await count('SELECT count(*) AS n FROM responses WHERE session_id = ?', id)).toBe(2);
    expect(await count('SELECT count(*) AS n FROM redactions WHERE response_id = ?', racing.sheet)).toBe(flags);
    await expectRollupMatchesRaw();
  });

  it('stores a group discussion sent twice once, even when both arrive at once', async () => {
    const { id } = await newSession('festival-of-feedback');
    const notes = { participants: '5', language: 'en', 'notes-change': 'A named worker you can ring back. Ask Dave.', 'agreed-change': 'yes' };
    const response = hiddenValue(await (await v.get(`/sessions/${id}/group`)).text(), 'response');
    expect((await v.post(`/sessions/${id}/group`, { csrf, response, ...notes })).status).toBe(303);
    const again = await v.post(`/sessions/${id}/group`, { csrf, response, ...notes });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('This group discussion is already saved');
    const racing = hiddenValue(await (await v.get(`/sessions/${id}/group`)).text(), 'response');
    const both = await Promise.all([0, 1].map(() => v.post(`/sessions/${id}/group`, { csrf, response: racing, ...notes })));
    expect(both.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await count("SELECT count(*) AS n FROM responses WHERE session_id = ? AND channel = 'group'", id)).toBe(2);
    expect(await count('SELECT count(*) AS n FROM group_discussions WHERE response_id IN (?, ?)', response, racing)).toBe(2);
  });

  it('is for the session’s own facilitators only, after it has closed too', async () => {
    const { id } = await newSession('festival-of-feedback');
    expect((await v.post(`/sessions/${id}/close`, { csrf })).status).toBe(303);
    const { sheet } = await blankSheet(id);
    expect((await v.post(`/sessions/${id}/entry`, { csrf, sheet, change: 'More hours' })).status).toBe(303);
    const other = await signIn(await createStaff('facilitator', 'st-mungos'));
    expect((await other.get(`/sessions/${id}/entry`)).status).toBe(404);
    expect((await other.post(`/sessions/${id}/entry`, { csrf: await csrfOf(other), change: 'x' })).status).toBe(404);
    const moderator = await signIn(await createStaff('moderator', 'leaf'));
    expect((await moderator.get(`/sessions/${id}/entry`)).status).toBe(403);
  });
});

describe('who entered a response', () => {
  it('is shown to moderators for assisted, paper and group responses', async () => {
    const { id } = await newSession('festival-of-feedback');
    const { sheet } = await blankSheet(id);
    expect((await v.post(`/sessions/${id}/entry`, { csrf, sheet, change: 'Fewer forms to fill in.' })).status).toBe(303);
    const response = hiddenValue(await (await v.get(`/sessions/${id}/group`)).text(), 'response');
    expect((await v.post(`/sessions/${id}/group`, { csrf, response, participants: '3', language: 'en', 'notes-change': 'Longer opening hours.' })).status).toBe(303);
    const moderator = await signIn(await createStaff('moderator', 'leaf'));
    const name = (await one<{ name: string }>('SELECT name FROM users WHERE id = ?', facilitator.id)).name;
    for (const r of [sheet, response]) expect(words(await (await moderator.get(`/moderate/responses/${r}`)).text())).toContain(`Entered by ${name}`);

  });
});

describe('the demo', () => {
  const FEMI = demoStaff.find((s) => s.role === 'facilitator')!;
  const FEMI_EMAIL = 'facilitator@heard.local';

  beforeAll(async () => {
    // The demo's people too, so the facilitator who entered its paper responses has a name to leak.
    const statements = [...(await demoStaffStatements()), ...demoStatements(await seededVersions())];
    for (let i = 0; i < statements.length; i += 500) await env.DB.batch(statements.slice(i, i + 500).map((s) => env.DB.prepare(s)));
  });

  it('has paper responses entered by its facilitator, and the paper pages work on its sessions', async () => {
    expect(await count("SELECT count(*) AS n FROM responses WHERE channel = 'paper' AND entered_by = ?", FEMI.id)).toBeGreaterThan(0);
    const paper = await v.get(`/sessions/${FESTIVAL_SESSION_ID}/paper`);
    expect(paper.status).toBe(200);
    expect(words(await paper.text())).toContain(`Session code: ${FESTIVAL_JOIN_CODE}`);
    const entry = await (await v.get(`/sessions/${FESTIVAL_SESSION_ID}/entry`)).text();
    const before = await count("SELECT count(*) AS n FROM responses WHERE channel = 'paper' AND session_id = ?", FESTIVAL_SESSION_ID);
    expect(entry).toContain(`${before} paper ${before === 1 ? 'form' : 'forms'} entered for this session`);
    const moderator = await signIn(await createStaff('moderator', 'leaf'));
    const demoPaper = await one<{ id: string }>("SELECT id FROM responses WHERE channel = 'paper' AND entered_by = ? LIMIT 1", FEMI.id);
    expect(words(await (await moderator.get(`/moderate/responses/${demoPaper.id}`)).text())).toContain(`Entered by ${FEMI.name}`);
  });

  it('never shows who entered anything in reports, their print and CSVs, or the public pages', async () => {
    const commissioner = await signIn(await createStaff('commissioner', 'leaf'));
    const entrants = (await env.DB.prepare('SELECT DISTINCT u.id, u.name, u.email FROM responses r JOIN users u ON u.id = r.entered_by').all<{ id: string; name: string; email: string }>()).results;
    expect(entrants.map((e) => e.email)).toEqual(expect.arrayContaining([FEMI_EMAIL, facilitator.email]));
    const FW = 'framework=oxfordshire-countywide';
    const pages = [
      `/reports?${FW}`,
      `/reports/print?${FW}`,
      `/reports/objectives.csv?${FW}`,
      `/reports/excerpts.csv?${FW}`,
      `/reports?${FW}&channel=paper`,
      `/reports/print?${FW}&channel=paper`,
      `/reports/excerpts.csv?${FW}&channel=paper`,
      `/reports?${FW}&session=${FESTIVAL_SESSION_ID}`,
    ];
    const objective = /href="(\/reports\/objective\/[^"]+)"/.exec(await (await commissioner.get(`/reports?${FW}`)).text());
    if (objective) pages.push(objective[1]!.replace(/&amp;/g, '&'));
    let bytes = 0;
    for (const path of pages) {
      const res = await commissioner.get(path);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      bytes += body.length;
      for (const e of entrants) for (const secret of [e.id, e.name, e.email]) expect(body, `${path} shows ${secret}`).not.toContain(secret);
      expect(body, path).not.toMatch(/entered by/i);
    }
    for (const path of ['/you-said-we-did', '/strategy', '/strategy/oxfordshire-countywide']) {
      const res = await new Visitor().get(path);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      bytes += body.length;
      for (const e of entrants) for (const secret of [e.id, e.name, e.email]) expect(body, `${path} shows ${secret}`).not.toContain(secret);
    }
    // The pages had something to show: approved quotes among them.
    expect(bytes).toBeGreaterThan(20_000);
  });
});

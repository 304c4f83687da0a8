// Facilitated sessions (issue 11, points 1, 2 and 8's session languages): creating, editing, opening and
// closing; join codes; joining by code; the poster; the live count; who may see what. All over real
// HTTP against the real Worker and D1.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { JOIN_ALPHABET, JOIN_CODE_PATTERN, newJoinCode, normaliseJoinCode } from '../../worker/sessions/join-code';
import { addMany, addResponse } from '../reports/fixtures';
import { sendServiceFeedback } from '../helpers/respondent';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';

async function facilitator(organisationId = 'leaf') {
  const staff = await createStaff('facilitator', organisationId);
  const v = await signIn(staff);
  return { staff, v, csrf: await csrfOf(v) };
}

const goodSession = (csrf: string, extra: Record<string, string | string[]> = {}) => ({
  csrf,
  name: 'Hostel drop-in, March',
  place: "Residents' lounge, Oxford",
  'held-day': '14',
  'held-month': '3',
  'held-year': '2027',
  organisation: 'leaf',
  form: 'service-feedback',
  languages: ['en', 'ar'],
  kiosk: 'yes',
  'kiosk-idle': '3',
  'kiosk-pin': '',
  'next-steps': 'LEAF reads every answer and we will put up what changes on the board in April.',
  ...extra,
});

async function createSession(v: Visitor, csrf: string, extra: Record<string, string | string[]> = {}) {
  const res = await v.post('/sessions', goodSession(csrf, extra));
  expect(res.status, await res.clone().text().then((t) => t.slice(0, 300))).toBe(303);
  const id = Visitor.location(res).match(/^\/sessions\/([0-9a-f-]{36})\?done=created$/)![1]!;
  const row = await env.DB.prepare('SELECT * FROM feedback_sessions WHERE id = ?').bind(id).first<Record<string, unknown>>();
  return { id, row: row! };
}

describe('join codes', () => {
  it('use only characters that cannot be mistaken for each other', () => {
    for (const ch of '0O1IL') expect(JOIN_ALPHABET).not.toContain(ch);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = newJoinCode();
      expect(code).toMatch(JOIN_CODE_PATTERN);
      for (const ch of code) seen.add(ch);
    }
    // Every character of the alphabet turns up: the draw is not stuck on part of it.
    expect(seen.size).toBe(JOIN_ALPHABET.length);
  });

  it('are read forgivingly, and a code with an impossible character is refused', () => {
    expect(normaliseJoinCode(' fest 26 ')).toBe('FEST26');
    expect(normaliseJoinCode('fe-st-26')).toBe('FEST26');
    expect(normaliseJoinCode('FEST2')).toBeUndefined();
    expect(normaliseJoinCode('F0ST26')).toBeUndefined();
    expect(normaliseJoinCode('FEST266')).toBeUndefined();
  });

  it('are unique among open sessions, and a closed session’s code may come round again', async () => {
    const insert = (id: string, status: string) =>
      env.DB.prepare("INSERT INTO feedback_sessions (id, form_id, name, place, held_on, organisation_id, join_code, status, created_by, created_at) VALUES (?, 'service-feedback', 'x', 'y', 0, 'leaf', 'QQQQQQ', ?, 'u', 0)")
        .bind(id, status)
        .run();
    await insert('code-closed-1', 'closed');
    await insert('code-open-1', 'open');
    await expect(insert('code-open-2', 'open')).rejects.toThrow(/UNIQUE/);
    await insert('code-closed-2', 'closed');
  });
});

describe('a facilitator’s sessions', () => {
  it('creates a session with a fresh code, audited, and shows it with its QR code and live count', async () => {
    const { v, csrf, staff } = await facilitator();
    const { id, row } = await createSession(v, csrf);
    expect(row.join_code).toMatch(JOIN_CODE_PATTERN);
    expect(row.status).toBe('open');
    expect(JSON.parse(String(row.languages))).toEqual(['en', 'ar']);
    expect(row.kiosk).toBe(1);
    expect(row.kiosk_idle_seconds).toBe(180);
    expect(row.held_on).toBe(Date.UTC(2027, 2, 14));
    const audited = await env.DB.prepare("SELECT actor FROM audit_log WHERE action = 'session.created' AND target_id = ?").bind(id).first<{ actor: string }>();
    expect(audited?.actor).toBe(staff.id);

    const page = await v.get(`/sessions/${id}?done=created`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Hostel drop-in, March');
    expect(text).toContain(String(row.join_code));
    expect(text).toContain('<svg');
    expect(text).toContain(`https://heard.example.org/j/${row.join_code}`);
    expect(text).toContain('Session created');

    const count = await v.get(`/sessions/${id}/count`);
    expect(await count.json()).toEqual({ status: 'open', total: 0, counts: { online: 0, kiosk: 0, assisted: 0, group: 0, paper: 0 } });

    const list = await (await v.get('/sessions')).text();
    expect(list).toContain(`/sessions/${id}`);
  });

  it('keeps everything typed and says what to fix, with a 422, when the form is wrong', async () => {
    const { v, csrf } = await facilitator();
    const res = await v.post(
      '/sessions',
      goodSession(csrf, { name: '', 'held-day': '31', 'held-month': '2', languages: [], 'kiosk-pin': '12', organisation: 'st-mungos', 'kiosk-idle': '90', place: 'Somewhere I typed' }),
    );
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).toContain('Enter a name for the session');
    expect(text).toContain('Date must be a real date');
    expect(text).toContain('Choose at least one language');
    expect(text).toContain('Enter a PIN of 4 to 8 digits');
    expect(text).toContain('Enter between 0.5 and 30 minutes');
    expect(text).toContain('Choose an organisation you run sessions for');
    expect(text).toContain('value="Somewhere I typed"');
    expect(text).toContain('LEAF reads every answer');
    // A PIN is never sent back into the page.
    expect(text).not.toMatch(/name="kiosk-pin"[^>]*value="12"/);
    const none = await env.DB.prepare("SELECT count(*) AS n FROM feedback_sessions WHERE place = 'Somewhere I typed'").first<{ n: number }>();
    expect(none!.n).toBe(0);
  });

  it('refuses a form that is not written in any of the chosen languages', async () => {
    const { v, csrf } = await facilitator();
    // Both demo forms are in English; a language no form offers is not a choice at all.
    const res = await v.post('/sessions', goodSession(csrf, { languages: ['xx'] }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Choose languages from the list');
  });

  it('edits a session, sets and removes a kiosk PIN (stored only as a keyed hash)', async () => {
    const { v, csrf } = await facilitator();
    const { id } = await createSession(v, csrf);
    const saved = await v.post(`/sessions/${id}`, goodSession(csrf, { name: 'Renamed drop-in', 'kiosk-pin': '482913' }));
    expect(saved.status).toBe(303);
    let row = await env.DB.prepare('SELECT name, kiosk_pin_hash AS pin FROM feedback_sessions WHERE id = ?').bind(id).first<{ name: string; pin: string | null }>();
    expect(row!.name).toBe('Renamed drop-in');
    expect(row!.pin).toMatch(/^k2\.[0-9a-f]{64}$/);
    expect(row!.pin).not.toContain('482913');
    // Saved again without a PIN keeps it; "Remove the PIN" removes it.
    await v.post(`/sessions/${id}`, goodSession(csrf, { name: 'Renamed drop-in' }));
    row = await env.DB.prepare('SELECT name, kiosk_pin_hash AS pin FROM feedback_sessions WHERE id = ?').bind(id).first();
    expect(row!.pin).toMatch(/^k2\./);
    await v.post(`/sessions/${id}`, goodSession(csrf, { name: 'Renamed drop-in', 'remove-pin': 'yes' }));
    row = await env.DB.prepare('SELECT name, kiosk_pin_hash AS pin FROM feedback_sessions WHERE id = ?').bind(id).first();
    expect(row!.pin).toBeNull();
    const edit = await (await v.get(`/sessions/${id}/edit`)).text();
    expect(edit).toContain('value="Renamed drop-in"');
  });

  it('is not found for a facilitator of another organisation, and not open to other roles', async () => {
    const { v, csrf } = await facilitator();
    const { id } = await createSession(v, csrf);
    const other = await facilitator('st-mungos');
    expect((await other.v.get(`/sessions/${id}`)).status).toBe(404);
    expect((await other.v.post(`/sessions/${id}/close`, { csrf: other.csrf })).status).toBe(404);
    expect(await (await other.v.get('/sessions')).text()).not.toContain(id);
    const moderator = await signIn(await createStaff('moderator', 'leaf'));
    expect((await moderator.get('/sessions')).status).toBe(403);
    expect((await moderator.get(`/sessions/${id}/poster`)).status).toBe(403);
  });

  it('prints a poster with the code, the QR code and the purpose in each of the session’s languages', async () => {
    const { v, csrf } = await facilitator();
    const { id, row } = await createSession(v, csrf);
    const text = await (await v.get(`/sessions/${id}/poster`)).text();
    expect(text).toContain(String(row.join_code));
    expect(text).toContain('<svg');
    expect(text).toContain('lang="en"');
    expect(text).toContain('lang="ar" dir="rtl"');
    expect(text).toContain('Tell us what you think');
    expect(text).toContain('أخبرنا برأيك');
    expect(text).toContain('https://heard.example.org/j');
  });
});

describe('joining a session', () => {
  it('takes a typed code from /j in any case, and says what is wrong with a bad one, keeping it', async () => {
    const f = await facilitator();
    const code = String((await createSession(f.v, f.csrf)).row.join_code);
    const v = new Visitor();
    expect((await v.get('/j')).status).toBe(200);
    const ok = await v.get(`/j?code=${encodeURIComponent(` ${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`)}`);
    expect(ok.status).toBe(303);
    expect(Visitor.location(ok)).toBe(`/j/${code}`);
    const empty = await v.get('/j?code=');
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Enter the session code');
    const bad = await v.get('/j?code=F0ST26');
    expect(bad.status).toBe(422);
    const badText = await bad.text();
    expect(badText).toContain('6 letters and numbers');
    expect(badText).toContain('value="F0ST26"');
    const unknown = await v.get('/j?code=ZZZZZZ');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('We could not find a session with that code');
    expect((await v.get('/j/zzzzzz')).status).toBe(301);
    expect((await v.get('/j/ZZZZZZ')).status).toBe(404);
  });

  it('records the session, channel online and the session’s organisation on the response, and counts it live', async () => {
    const { v, csrf } = await facilitator();
    const { id, row } = await createSession(v, csrf);
    const person = new Visitor();
    const start = await person.get(`/j/${row.join_code}`);
    expect(await start.text()).toContain('You are taking part in: Hostel drop-in, March');
    const sent = await sendServiceFeedback(person, 'The drop-in was warm and nobody rushed me.', `/j/${row.join_code}/start`);
    const response = await env.DB.prepare('SELECT session_id, channel, organisation_id, entered_by FROM responses WHERE id = ?').bind(sent.id).first();
    // The service-feedback answers name outreach (St Mungo's); the session's organisation comes first.
    expect(response).toEqual({ session_id: id, channel: 'online', organisation_id: 'leaf', entered_by: null });
    const count = (await (await v.get(`/sessions/${id}/count`)).json()) as { total: number; counts: Record<string, number> };
    expect(count.total).toBe(1);
    expect(count.counts.online).toBe(1);
    expect(await (await v.get(`/sessions/${id}`)).text()).toMatch(/data-channel="online">\s*1</);
  });

  it('offers only the session’s languages on every page of the form', async () => {
    const { v, csrf } = await facilitator();
    const { row } = await createSession(v, csrf, { languages: ['en'] });
    const person = new Visitor();
    const start = await (await person.get(`/j/${row.join_code}`)).text();
    expect(start).not.toContain('?lang=ar');
    await person.post(`/j/${row.join_code}/start`, { lang: 'en' });
    const question = await (await person.get('/f/service-feedback/question?lang=ar')).text();
    // Asked for Arabic, the page stays in the session's one language and offers no switch to it.
    expect(question).toContain('lang="en"');
    expect(question).not.toContain('?lang=ar');

    const both = await createSession(v, csrf, { languages: ['en', 'ar'] });
    const other = new Visitor();
    await other.post(`/j/${both.row.join_code}/start`, { lang: 'ar' });
    expect(await (await other.get('/f/service-feedback/question')).text()).toContain('lang="ar"');
  });

  it('a closed session’s code gives a friendly 410 and starts nothing; opened again, it works', async () => {
    const { v, csrf } = await facilitator();
    const { id, row } = await createSession(v, csrf);
    const code = String(row.join_code);
    expect((await v.post(`/sessions/${id}/close`, { csrf })).status).toBe(303);
    const audited = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'session.closed' AND target_id = ?").bind(id).first<{ n: number }>();
    expect(audited!.n).toBe(1);
    const person = new Visitor();
    const closed = await person.get(`/j/${code}`);
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain('This session has ended');
    const start = await person.post(`/j/${code}/start`, { lang: 'en' });
    expect(start.status).toBe(303);
    expect(person.cookies.has('__Host-heard_draft')).toBe(false);
    expect((await person.get(`/j?code=${code}`)).status).toBe(303);
    expect(await (await v.get(`/sessions/${id}`)).text()).toContain('This session is closed');

    expect((await v.post(`/sessions/${id}/reopen`, { csrf })).status).toBe(303);
    const reopened = await env.DB.prepare('SELECT status, join_code AS code FROM feedback_sessions WHERE id = ?').bind(id).first<{ status: string; code: string }>();
    expect(reopened).toEqual({ status: 'open', code });
    expect((await person.get(`/j/${code}`)).status).toBe(200);
  });

  it('a session opened again gets a new code if another open session has taken its old one', async () => {
    const { v, csrf } = await facilitator();
    const { id, row } = await createSession(v, csrf);
    await v.post(`/sessions/${id}/close`, { csrf });
    const second = await createSession(v, csrf);
    await env.DB.prepare('UPDATE feedback_sessions SET join_code = ? WHERE id = ?').bind(row.join_code, second.id).run();
    await v.post(`/sessions/${id}/reopen`, { csrf });
    const after = await env.DB.prepare('SELECT status, join_code AS code FROM feedback_sessions WHERE id = ?').bind(id).first<{ status: string; code: string }>();
    expect(after!.status).toBe('open');
    expect(after!.code).toMatch(JOIN_CODE_PATTERN);
    expect(after!.code).not.toBe(row.join_code);
  });
});

describe('filling the form in with someone', () => {
  it('marks the response assisted and records the facilitator, never the person', async () => {
    const { v, csrf, staff } = await facilitator();
    const { id } = await createSession(v, csrf);
    const sent = await sendServiceFeedback(v, 'He read it out to me and typed what I said. The hostel staff are kind.', `/sessions/${id}/assisted`, { csrf, lang: 'ar' });
    const row = await env.DB.prepare('SELECT session_id, channel, organisation_id, entered_by, locale FROM responses WHERE id = ?').bind(sent.id).first();
    expect(row).toEqual({ session_id: id, channel: 'assisted', organisation_id: 'leaf', entered_by: staff.id, locale: 'ar' });
    // The person is shown their code as anyone would be: they were there.
    expect(sent.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  });

  it('is refused, in plain words, for a closed session', async () => {
    const { v, csrf } = await facilitator();
    const { id } = await createSession(v, csrf);
    await v.post(`/sessions/${id}/close`, { csrf });
    const res = await v.post(`/sessions/${id}/assisted`, { csrf });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('This session is closed');
    expect(v.cookies.has('__Host-heard_draft')).toBe(false);
  });
});

describe('the summary shared with participants', () => {
  it('counts who took part (a group as its people), lists what enough people raised, and hides small numbers', async () => {
    const { v, csrf } = await facilitator();
    // A year of quarters of its own: another session with a few responses in the same quarter would hide
    // this one's count, as the report filtered to it does (suppress.ts rule 3).
    const { id } = await createSession(v, csrf, { 'held-day': '14', 'held-month': '5', 'held-year': '2024' });
    const theme = (await env.DB.prepare('SELECT id, name FROM themes WHERE merged_into IS NULL ORDER BY id LIMIT 2').all<{ id: string; name: string }>()).results;
    const at = Date.UTC(2024, 4, 14, 12);
    await addMany(6, { at, session: id, channel: 'kiosk', organisation: 'leaf', excerpts: [{ objectives: ['5.5'], themes: [theme[0]!.id] }] });
    await addMany(2, { at, session: id, channel: 'paper', organisation: 'leaf', excerpts: [{ objectives: ['3.2'], themes: [theme[1]!.id] }] });
    const group = await addResponse({ at, session: id, channel: 'group', organisation: 'leaf', excerpts: [{ objectives: ['5.5'] }] });
    await env.DB.prepare("INSERT INTO group_discussions (response_id, participants, agreed) VALUES (?, 7, '[]')").bind(group).run();

    const text = await (await v.get(`/sessions/${id}/summary`)).text();
    expect(text).toContain('15 people took part');
    expect(text).toContain('7 of them in group discussions');
    expect(text).toContain(theme[0]!.name);
    // Raised by two: neither the objective nor the theme is named, and no small number appears.
    expect(text).not.toContain(theme[1]!.name);
    expect(text).toMatch(/<strong>7 people<\/strong> raised:/);
    expect(text).not.toMatch(/<strong>2 people<\/strong>/);
    expect(text).toContain('LEAF reads every answer');

    // Not shared yet: the public link is not found. Shared: anyone can read it; unshared again: gone.
    const stranger = new Visitor();
    expect((await stranger.get(`/summary/${id}`)).status).toBe(404);
    expect((await v.post(`/sessions/${id}/summary/share`, { csrf, share: 'yes' })).status).toBe(303);
    const shared = await stranger.get(`/summary/${id}`);
    expect(shared.status).toBe(200);
    const sharedText = await shared.text();
    expect(sharedText).toContain('What we heard at Hostel drop-in, March');
    expect(sharedText).not.toContain('heard-staff-nav');
    await v.post(`/sessions/${id}/summary/share`, { csrf, share: 'no' });
    expect((await stranger.get(`/summary/${id}`)).status).toBe(404);
    const audited = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'session.summary-%' AND target_id = ?").bind(id).first<{ n: number }>();
    expect(audited!.n).toBe(2);
  });

  it('shows fewer than the threshold as such, and names nothing, for a small session', async () => {
    const { v, csrf } = await facilitator();
    const { id } = await createSession(v, csrf, { 'held-day': '14', 'held-month': '5', 'held-year': '2025' });
    await addMany(3, { at: Date.UTC(2025, 4, 14, 12), session: id, channel: 'kiosk', organisation: 'leaf', excerpts: [{ objectives: ['5.5'] }] });
    const text = await (await v.get(`/sessions/${id}/summary`)).text();
    expect(text).toContain('fewer than 5 people');
    expect(text).not.toMatch(/\b3 people\b/);
    expect(text).toContain('Nothing has been raised by enough people to show here yet');
  });
});

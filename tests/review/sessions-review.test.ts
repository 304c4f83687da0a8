// An outside review of facilitated sessions (issue 11): each test is something a user or an attacker
// tried against sessions, joining, group discussions and the summary. A test that fails shows a bug
// that worked when the review was made; the rest pin down what was checked and held.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { addMany, addResponse, addSession } from '../reports/fixtures';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import { hiddenValue, Visitor } from '../helpers/visitor';

async function facilitator(organisationId = 'leaf') {
  const staff = await createStaff('facilitator', organisationId);
  const v = await signIn(staff);
  return { staff, v, csrf: await csrfOf(v) };
}

const today = () => {
  const d = new Date();
  return { 'held-day': String(d.getUTCDate()), 'held-month': String(d.getUTCMonth() + 1), 'held-year': String(d.getUTCFullYear()) };
};

async function newSession(v: Visitor, csrf: string, extra: Record<string, string | string[]> = {}) {
  const res = await v.post('/sessions', {
    csrf,
    name: 'Review drop-in',
    place: 'Old Fire Station, Oxford',
    ...today(),
    organisation: 'leaf',
    form: 'festival-of-feedback',
    languages: ['en', 'ar'],
    kiosk: 'no',
    ...extra,
  });
  expect(res.status).toBe(303);
  const id = Visitor.location(res).split('/')[2]!.split('?')[0]!;
  const row = await env.DB.prepare('SELECT join_code FROM feedback_sessions WHERE id = ?').bind(id).first<{ join_code: string }>();
  return { id, code: row!.join_code };
}

const NOTES = {
  'notes-accommodation-comments': 'The rooms are cold in the day.',
  'notes-change': 'A housing officer you can ring back.',
};

describe('joining by code', () => {
  it('a very long code in the address is the friendly "not found" page, not a bare 400', async () => {
    const long = 'FEST26'.repeat(20);
    const res = await new Visitor().get(`/j/${long}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain(long);
  });

  it('a very long code typed on /j is the page’s own 422, keeping the start of it', async () => {
    const res = await new Visitor().get(`/j?code=${'Q'.repeat(300)}`);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Q'.repeat(100));
  });

  it('starting from a very long code goes back to the join page, not a bare 400', async () => {
    const res = await new Visitor().post(`/j/${'A'.repeat(100)}/start`, { lang: 'en' });
    expect(res.status).toBe(303);
  });
});

describe('the session form', () => {
  it('an odd language value is a 422 that keeps what was typed, not a bare 400', async () => {
    const { v, csrf } = await facilitator();
    const res = await v.post('/sessions', {
      csrf,
      name: 'Kept name',
      place: 'Somewhere',
      ...today(),
      organisation: 'leaf',
      form: 'festival-of-feedback',
      languages: ['en', 'x'.repeat(40)],
      kiosk: 'no',
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Kept name');
  });
});

describe('a group discussion', () => {
  it('sent twice at once (a double click) is stored once, the repeats get the already-saved page, none fails', async () => {
    const { v, csrf } = await facilitator();
    const { id } = await newSession(v, csrf);
    const response = hiddenValue(await (await v.get(`/sessions/${id}/group`)).text(), 'response');
    const body = { csrf, response, participants: '5', language: 'en', ...NOTES };
    const sent = await Promise.all([v.post(`/sessions/${id}/group`, body), v.post(`/sessions/${id}/group`, body), v.post(`/sessions/${id}/group`, body)]);
    // One is stored (303); the others are refused as repeats with the friendly "already saved" page (409), never a 500.
    expect(sent.map((r) => r.status).sort()).toEqual([303, 409, 409]);
    const n = await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE session_id = ?').bind(id).first<{ n: number }>();
    expect(n!.n).toBe(1);
  });
});

describe('the summary', () => {
  it('never lets the individual count be worked out as those who took part minus those in groups', async () => {
    const { v, csrf } = await facilitator();
    // A quarter of its own (May 2023), so no sibling session hides the figures and the line itself is tested.
    const { id } = await newSession(v, csrf, { 'held-day': '14', 'held-month': '5', 'held-year': '2023' });
    const at = Date.UTC(2023, 4, 14, 12);
    // Two individual responses and one group of eight: "10 took part, 8 of them in groups" says exactly 2 came alone.
    await addMany(2, { at, session: id, channel: 'online', organisation: 'leaf', excerpts: [{ objectives: ['5.5'] }] });
    const group = await addResponse({ at, session: id, channel: 'group', organisation: 'leaf', excerpts: [{ objectives: ['5.5'] }] });
    await env.DB.prepare("INSERT INTO group_discussions (response_id, participants, agreed) VALUES (?, 8, '[]')").bind(group).run();
    const text = (await (await v.get(`/sessions/${id}/summary`)).text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('10 people took part');
    expect(text).not.toContain('8 of them in group discussions');
  });

  it('does not give an exact count the reports hide because a sibling session is small (rule 3)', async () => {
    const { v, csrf } = await facilitator();
    const { id } = await newSession(v, csrf, { name: 'Big day' });
    const at = Date.now() - 3_600_000;
    await addMany(6, { at, session: id, channel: 'online', organisation: 'leaf', excerpts: [{ objectives: ['5.5'] }] });
    // A small session the same quarter: the report filtered to "Big day" is "not shown", or the
    // quarter's total minus Big day's would tell how few came to the small one.
    const small = crypto.randomUUID();
    await addSession(small, 'Small day', 'leaf');
    await addMany(2, { at, session: small, channel: 'online', organisation: 'leaf', excerpts: [{ objectives: ['5.5'] }] });
    const text = (await (await v.get(`/sessions/${id}/summary`)).text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Thank you to everyone who came.');
    expect(text).not.toMatch(/\b6 people took part/);
  });
});

describe('the live count', () => {
  it('polling by itself does not keep an unattended screen signed in past the idle limit', async () => {
    const { staff, v, csrf } = await facilitator();
    const { id } = await newSession(v, csrf);
    const twentyMinutesAgo = Date.now() - 20 * 60_000;
    await env.DB.prepare('UPDATE login_sessions SET last_seen_at = ? WHERE user_id = ?').bind(twentyMinutesAgo, staff.id).run();
    // The island's poll: counted, but not activity.
    const polled = await v.get(`/sessions/${id}/count`, { 'x-heard-background': '1' });
    expect(polled.status).toBe(200);
    const after = await env.DB.prepare('SELECT max(last_seen_at) AS t FROM login_sessions WHERE user_id = ?').bind(staff.id).first<{ t: number }>();
    expect(after!.t).toBe(twentyMinutesAgo);
    // The person opening the page is activity.
    expect((await v.get(`/sessions/${id}`)).status).toBe(200);
    const opened = await env.DB.prepare('SELECT max(last_seen_at) AS t FROM login_sessions WHERE user_id = ?').bind(staff.id).first<{ t: number }>();
    expect(opened!.t).toBeGreaterThan(twentyMinutesAgo);
  });
});

// An outside review of the issue 7 fixes, respondent and moderation side: each test is an attack or a
// privacy leak that worked when the review was made (R6 to R12), written to pass only once it no longer does.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../worker/index';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import { answerPage, currentPageOf, Visitor } from '../helpers/visitor';
import { SERVICE, sendServiceFeedback } from '../helpers/respondent';

const DAY = 86_400_000;
let nextIp = 1;
const person = () => new Visitor({ 'cf-connecting-ip': `10.88.${Math.floor(nextIp / 250)}.${nextIp++ % 250}` });

const send = (words: string) => sendServiceFeedback(person(), words);

describe('review 7: another site can still wipe a draft', () => {
  it('R6 a cross-site link to any other form slug clears the draft cookie (the cleared page is refused, this is not)', async () => {
    const v = person();
    await v.post(`/f/${SERVICE}/start`, { lang: 'en' });
    await answerPage(v, SERVICE, 'service', { service: 'outreach' });
    // <a href="https://heard.example/f/x/question"> on another site: a top-level GET, so the Lax cookie goes.
    const attack = await v.get('/f/x/question', { 'sec-fetch-site': 'cross-site' });
    expect({ status: attack.status, setCookie: attack.headers.get('set-cookie') }).toEqual({ status: 403, setCookie: null });
    expect(await currentPageOf(v, SERVICE)).toBe('provider');
  });
});

describe('review 7: times that can single someone out', () => {
  it('R7 the withdrawal audit entry is dated to the day, and its place in id order says nothing of the time', async () => {
    const staff = await createStaff('facilitator', 'leaf', { totp: false });
    const { code } = await send('Nothing to change');
    await signIn(staff); // an ordinary audit entry, with an exact time
    expect((await person().post('/withdraw', { code })).status).toBe(200);
    await signIn(staff);
    // Nothing is written at the moment of withdrawal...
    expect((await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'response.withdrawn'").first<{ n: number }>())!.n).toBe(0);
    // ...but once the day is over, one entry for the day, after every entry of that day.
    await env.DB.prepare('UPDATE withdrawals SET day = day - 86400000').run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const rows = (await env.DB.prepare('SELECT id, at, action FROM audit_log ORDER BY id').all<{ id: number; at: number; action: string }>()).results;
    const i = rows.findIndex((r) => r.action === 'response.withdrawn');
    expect(i, 'the last entry: written after everything else').toBe(rows.length - 1);
    expect(rows[i]!.at % DAY).toBe(0);
  });

  it('R8 a moderator sees redaction ids that count up in arrival order, within the hour the page shows', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await send(`Ring my worker on 07700 900${100 + i} please`)).id);
    const mod = await signIn(await createStaff('moderator', 'leaf'));
    const redactionIds: number[] = [];
    for (const id of ids) {
      const page = await mod.get(`/moderate/responses/${id}`);
      expect(page.status).toBe(200);
      const m = /name="redaction" value="(\d+)"/.exec(await page.text());
      expect(m, 'a proposed redaction for the phone number').not.toBeNull();
      redactionIds.push(Number(m![1]));
    }
    // A moderator who sends probe responses at known times can place any response between them.
    const increasing = redactionIds.every((x, k) => k === 0 || x > redactionIds[k - 1]!);
    expect(increasing, `redaction ids in arrival order: ${redactionIds.join(', ')}`).toBe(false);
  });
});

describe('review 7: moderation bulk status', () => {
  async function aResponse(at: number, status = 'new') {
    const id = crypto.randomUUID();
    const version = await env.DB.prepare("SELECT current_version_id AS v FROM forms WHERE id = 'festival-of-feedback'").first<{ v: string }>();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) VALUES (?, ?, 'online', 'en', ?)").bind(id, version!.v, at),
      env.DB.prepare("INSERT INTO moderation (response_id, status, safeguarding, quote_consent, submitted_at) VALUES (?, ?, 'none', 0, ?)").bind(id, status, at),
      env.DB.prepare("INSERT INTO answer_texts (response_id, question_id, redacted) VALUES (?, 'change', 'words')").bind(id),
    ]);
    return id;
  }
  const statusOf = async (id: string) => (await env.DB.prepare('SELECT status AS s FROM moderation WHERE response_id = ?').bind(id).first<{ s: string }>())!.s;

  it('R9 drops the page’s "to" date filter (the field name clashes with the new status), so it changes responses outside the range shown', async () => {
    const mod = await signIn(await createStaff('moderator', 'leaf'));
    const inRange = await aResponse(Date.UTC(2024, 2, 3));
    const outside = await aResponse(Date.UTC(2024, 2, 20));
    const query = '?from=2024-03-01&to=2024-03-05';
    const queue = await (await mod.get(`/moderate${query}`)).text();
    expect(queue).toContain(inRange);
    expect(queue).not.toContain(outside);
    // Exactly what the queue page's bulk form posts: its hidden filters, then the chosen status.
    const body = new URLSearchParams({ csrf: await csrfOf(mod), from: '2024-03-01' });
    body.append('to', '2024-03-05');
    body.append('new_status', 'done');
    body.append('expected', /name="expected" value="(\d+)"/.exec(queue)![1]!);
    const res = await mod.request('/moderate/bulk-status', { method: 'POST', body, headers: { origin: 'http://heard.test', 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(303);
    expect(await statusOf(inRange)).toBe('done');
    expect(await statusOf(outside), 'a response the moderator was never shown').toBe('new');
  });

  it('R10 changes responses that arrived after the queue was shown (no stale-write guard on bulk)', async () => {
    const mod = await signIn(await createStaff('moderator', 'leaf'));
    const seen = await aResponse(Date.UTC(2023, 5, 1));
    const query = '?from=2023-06-01';
    expect(await (await mod.get(`/moderate${query}`)).text()).toContain(seen);
    const shown = /name="expected" value="(\d+)"/.exec(await (await mod.get(`/moderate${query}`)).text())![1]!;
    const arrived = await aResponse(Date.UTC(2023, 5, 2)); // after the page was rendered
    const res = await mod.post('/moderate/bulk-status', { csrf: await csrfOf(mod), from: '2023-06-01', new_status: 'excluded', reason: 'spam', expected: shown });
    // Refused: the set changed since it was shown, so nothing is changed unseen.
    expect(res.status).toBe(409);
    expect(await statusOf(seen)).toBe('new');
    expect(await statusOf(arrived), 'excluded without anyone seeing it').toBe('new');
  });
});

describe('review 7: withdrawal limits', () => {
  it('R11 anyone can use up the overall withdrawal limit from a few addresses, and a real code is then refused', async () => {
    const { code } = await send('Please take this back later');
    // Test config: 5 a minute per address, 20 overall. Four addresses are enough (three in production: 120 and 300).
    for (let a = 0; a < 4; a++) {
      const bot = person();
      for (let i = 0; i < 5; i++) await bot.post('/withdraw', { code: `${String(a * 10 + i).padStart(5, '0')}-ZZZZZ` });
    }
    const res = await person().post('/withdraw', { code });
    expect(res.status, 'the respondent’s own, correct code').toBe(200);
  });
});

describe('review 7: what the drafts table keeps after sending', () => {
  it('R12 a sent draft keeps the response id with exact times (and the code in clear) until the next sweep, and D1 Time Travel keeps that row 30 days', async () => {
    const { id, code } = await send('Exact time test');
    const row = await env.DB.prepare('SELECT response_id, withdrawal_code, submitted_at, created_at, expires_at FROM drafts WHERE response_id = ?').bind(id).first<Record<string, number | string>>();
    const response = await env.DB.prepare('SELECT submitted_at FROM responses WHERE id = ?').bind(id).first<{ submitted_at: number }>();
    expect(response!.submitted_at % 3_600_000).toBe(0); // the response itself is coarse...
    expect(row!.withdrawal_code).toBe(code);
    // ...but next to it sit the start and send times to the millisecond, joined by the response id.
    expect({ submitted: Number(row!.submitted_at) % 3_600_000, created: Number(row!.created_at) % 3_600_000 }).toEqual({ submitted: 0, created: 0 });
  });
});

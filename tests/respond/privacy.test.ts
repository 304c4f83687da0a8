/// <reference types="vite/client" />
// What a respondent leaves behind, written as the attacks: a shared browser's history, another site's
// link, the Worker's logs, the database after a withdrawal, and a code guessed or kept too long.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { KeyRing } from '../../worker/http/keys';
import { sha256 } from '../../worker/http/tokens';
import { answerPage, currentPageOf, hiddenValue, Visitor, withdrawalCodeIn, type Fields } from '../helpers/visitor';
import { answerServiceFeedback, SERVICE, sendServiceFeedback } from '../helpers/respondent';
import { expectRollupMatchesRaw } from '../helpers/rollup';

const HOUR = 3_600_000;
const DAY = 86_400_000;

let nextIp = 1;
/** Each person gets their own address, so the per-address limits stay out of the way. */
function person(headers: Record<string, string> = {}) {
  return new Visitor({ 'cf-connecting-ip': `10.1.${Math.floor(nextIp / 250)}.${nextIp++ % 250}`, ...headers });
}

async function count(sql: string, ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

const sendFeedback = (words: string) => sendServiceFeedback(person(), words);

async function runSchedule() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const keys = () => KeyRing.parse(env.HEARD_KEYS);

/** Everything the database holds, as text, to search for something that must not be there. */
async function everyRowAsText(): Promise<string> {
  const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'").all<{ name: string }>();
  const dumps = await Promise.all(tables.results.map(async ({ name }) => JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results)));
  return dumps.join('\n');
}

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';

describe('a shared browser’s history shows no answers (issue 7, point 12)', () => {
  /**
   * Goes through the festival form as a browser does (following each redirect) and returns every
   * (address, title) pair the browser's history would hold.
   */
  async function historyOfFestival(staying: string, listened: string, branchPage: [string, Fields]) {
    const slug = 'festival-of-feedback';
    const v = person();
    const history = new Set<string>();
    const visit = async (res: Response, path: string) => {
      while (res.status >= 300 && res.status < 400) {
        path = Visitor.location(res);
        res = await v.get(path);
      }
      expect(res.status, path).toBe(200);
      const html = await res.text();
      history.add(`${path} | ${titleOf(html)}`);
      return html;
    };
    await visit(await v.get(`/f/${slug}`), `/f/${slug}`);
    let html = await visit(await v.post(`/f/${slug}/start`, { lang: 'en' }), `/f/${slug}/start`);
    const answers: Record<string, Fields> = {
      staying: { staying },
      'accommodation-rating': { 'accommodation-rating': '3' },
      'support-rating': { 'support-rating': '4' },
      'listened-to': { 'listened-to': listened },
      change: { change: 'More beds' },
      [branchPage[0]]: branchPage[1],
    };
    const seen: string[] = [];
    for (let i = 0; i < 15 && html.includes('name="heard_page"') && !html.includes('Check your answers before sending them'); i++) {
      const page = /<form method="post" action="\/f\/[a-z-]+\/question"[\s\S]*?name="heard_page" value="([a-z-]+)"/.exec(html)![1]!;
      seen.push(page);
      html = await visit(await answerPage(v, slug, page, answers[page] ?? {}), `/f/${slug}/question`);
    }
    expect(html).toContain('Check your answers before sending them');
    // And back once from check answers, as someone checking a page would.
    await visit(await v.post(`/f/${slug}/back`, { heard_page: 'check' }), `/f/${slug}/back`);
    await visit(await v.post(`/f/${slug}/change`, { heard_page: 'staying' }), `/f/${slug}/change`);
    await visit(await answerPage(v, slug, 'staying', { staying }), `/f/${slug}/question`);
    const key = hiddenValue(await (await v.get(`/f/${slug}/check`)).text(), 'idempotency_key');
    await visit(await v.post(`/f/${slug}/submit`, { idempotency_key: key }), `/f/${slug}/submit`);
    return { history, seen };
  }

  it('visits the same addresses with the same titles whichever branch a person takes', async () => {
    // In a hostel, never listened to: ten pages. Sleeping rough, always listened to: eight.
    const hostel = await historyOfFestival('hostel', '1', ['listened-comments', { 'listened-comments': 'Nobody calls back' }]);
    const rough = await historyOfFestival('rough', '4', ['rough-sleeping-help', { 'rough-sleeping-help': 'A bed that is mine' }]);
    expect(hostel.seen).toContain('accommodation-rating');
    expect(rough.seen).toContain('rough-sleeping-help');
    expect(hostel.seen.length).not.toBe(rough.seen.length);
    expect([...rough.history].sort()).toEqual([...hostel.history].sort());
    const all = [...hostel.history].join('\n');
    expect(all).toContain('/f/festival-of-feedback/question | Your answers – Festival of Feedback – Heard');
    expect(all).not.toMatch(/ of \d+/);
    expect(all).not.toMatch(/rough|accommodation|listened/);
  });

  it('keeps a question page within the next-page budget (6 KB gzip)', async () => {
    const v = person();
    await answerServiceFeedback(v, 'Longer opening hours');
    for (const path of [`/f/${SERVICE}/question`, `/f/${SERVICE}/check`]) {
      const body = await (await v.get(path)).arrayBuffer();
      const gzipped = await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
      expect(gzipped.byteLength, path).toBeLessThanOrEqual(6 * 1024);
    }
  });
});

describe('another site cannot wipe a draft (issue 7, point 7c)', () => {
  it('refuses a cross-site request for the cleared page with a plain 403, and keeps the answers', async () => {
    const v = person();
    await v.post(`/f/${SERVICE}/start`, { lang: 'en' });
    await answerPage(v, SERVICE, 'service', { service: 'outreach' });
    // A link or an <img> on another site, opened by the browser holding the draft's cookie.
    const attack = await v.get(`/f/${SERVICE}/cleared`, { 'sec-fetch-site': 'cross-site' });
    expect(attack.status).toBe(403);
    expect(attack.headers.get('content-type')).toContain('text/html');
    expect(await attack.text()).toContain('did not come from one of our pages');
    expect(attack.headers.get('set-cookie')).toBeNull();
    expect(await currentPageOf(v, SERVICE)).toBe('provider');
    // From our own timeout warning it still clears.
    const own = await v.get(`/f/${SERVICE}/cleared`, { 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('Your answers were cleared');
    expect(v.cookies.size).toBe(0);
  });

  it('still lets /exit clear everything when reached from anywhere', async () => {
    const v = person();
    await v.post(`/f/${SERVICE}/start`, { lang: 'en' });
    const drafts = await count('SELECT count(*) AS n FROM drafts');
    const res = await v.get('/exit', { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://exit.example/weather');
    expect(v.cookies.size).toBe(0);
    expect(await count('SELECT count(*) AS n FROM drafts')).toBe(drafts - 1);
  });
});

describe('no answers or codes in the logs (issue 7, point 8)', () => {
  const MARKER = 'MARKER-7Q3Z-private-words';
  let logged: string[] = [];
  beforeEach(() => {
    logged = [];
    for (const method of ['error', 'log', 'warn', 'info', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      });
    }
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await env.DB.prepare('DROP TRIGGER IF EXISTS heard_test_failure').run();
  });

  /** Makes every write of `event` on `table` fail inside SQLite, as a full disk or a bad migration would. */
  async function breakWrites(event: 'INSERT' | 'UPDATE', table: string) {
    await env.DB.prepare(`CREATE TRIGGER heard_test_failure BEFORE ${event} ON ${table} BEGIN SELECT RAISE(ABORT, 'forced failure for a test'); END`).run();
  }

  /** The 500 page: plain words and a reference, no stack; the one log line: kind, route and that reference. */
  async function expectQuietFailure(res: Response, route: string, secrets: string[]) {
    expect(res.status).toBe(500);
    const page = await res.text();
    expect(page).toContain('Sorry, something went wrong');
    expect(page).not.toMatch(/\bat .*:\d+:\d+|Failed query|params:|forced failure/);
    const reference = /give this reference: ([0-9a-f-]{36})/.exec(page)?.[1];
    expect(reference).toBeDefined();
    expect(logged).toHaveLength(1);
    const all = logged.join('\n');
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/forced failure|params|insert into|update "drafts"/i);
    const line = JSON.parse(logged[0]!) as Record<string, unknown>;
    expect(Object.keys(line).sort()).toEqual(['event', 'kind', 'method', 'requestId', 'route']);
    expect(line).toMatchObject({ event: 'unhandled_error', route, method: 'POST', requestId: reference });
    expect(line.kind).toMatch(/^[A-Za-z]+$/);
  }

  it('starting a form', async () => {
    await breakWrites('INSERT', 'drafts');
    const res = await person().post(`/f/${SERVICE}/start`, { lang: 'en' });
    await expectQuietFailure(res, '/f/:slug/start', []);
  });

  it('answering a question page', async () => {
    const v = person();
    await v.post(`/f/${SERVICE}/start`, { lang: 'en' });
    await answerPage(v, SERVICE, 'service', { service: 'outreach' });
    await answerPage(v, SERVICE, 'provider', {});
    await answerPage(v, SERVICE, 'last-used', {});
    await answerPage(v, SERVICE, 'how-was-it', { 'how-was-it': '4' });
    await breakWrites('UPDATE', 'drafts');
    const res = await answerPage(v, SERVICE, 'what-worked', { 'what-worked': MARKER });
    await expectQuietFailure(res, '/f/:slug/question', [MARKER]);
  });

  it('sending', async () => {
    const v = person();
    const key = await answerServiceFeedback(v, MARKER);
    await breakWrites('INSERT', 'answers');
    const res = await v.post(`/f/${SERVICE}/submit`, { idempotency_key: key });
    await expectQuietFailure(res, '/f/:slug/submit', [MARKER, key]);
    // Nothing was half stored, and the answers are still there to send again.
    expect(await count('SELECT count(*) AS n FROM responses r JOIN drafts d ON d.response_id = r.id WHERE d.idempotency_key = ?', key)).toBe(0);
    await env.DB.prepare('DROP TRIGGER heard_test_failure').run();
    expect(await (await v.get(`/f/${SERVICE}/check`)).text()).toContain(MARKER);
  });

  it('taking feedback back', async () => {
    const { code } = await sendFeedback(MARKER);
    logged = [];
    await breakWrites('INSERT', 'withdrawals');
    const res = await person().post('/withdraw', { code });
    const hashes = await keys().hashes('withdrawal-code', code);
    await expectQuietFailure(res, '/withdraw', [code, code.replace('-', ''), MARKER, ...hashes, ...hashes.map((h) => h.split('.')[1]!)]);
  });

  it('no other console call in the Worker can log what a person sent', async () => {
    // Every console call in worker/ goes through the one line format tested above.
    const sources = import.meta.glob('../../worker/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    const calls = Object.entries(sources).flatMap(([file, text]) => [...text.matchAll(/console\.\w+\(([^\n]*)/g)].map((m) => `${file.replace('../../', '')}: ${m[1]}`));
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call).toMatch(/console\.\w+\(unexpectedErrorLine\(|: unexpectedErrorLine\(/);
  });
});

describe('the withdrawal code (issue 7, point 10)', () => {
  it('is not stored anywhere before sending, and only briefly, in the draft, after', async () => {
    const v = person();
    const key = await answerServiceFeedback(v, 'Before the code');
    const cookie = new Map(v.cookies);
    expect(await count('SELECT count(*) AS n FROM drafts WHERE idempotency_key = ? AND withdrawal_code IS NOT NULL', key)).toBe(0);
    const row = await env.DB.prepare('SELECT * FROM drafts WHERE idempotency_key = ?').bind(key).first();
    expect(JSON.stringify(row)).not.toMatch(/[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}/);

    const sent = await v.post(`/f/${SERVICE}/submit`, { idempotency_key: key });
    const code = withdrawalCodeIn(await sent.text());
    // Kept in the sent draft only while a repeated submit must show the same confirmation.
    const draft = await env.DB.prepare('SELECT withdrawal_code AS code, expires_at AS at, response_id AS id FROM drafts WHERE idempotency_key = ?').bind(key).first<{ code: string; at: number; id: string }>();
    expect(draft!.code).toBe(code);
    // Two minutes, rounded up to the minute (a draft never holds the moment of a tap).
    expect(draft!.at).toBeLessThanOrEqual(Date.now() + 3 * 60_000);
    // The same browser's double tap still sees it.
    const tap = new Visitor({ 'cf-connecting-ip': '10.9.9.9' });
    for (const [k, val] of cookie) tap.cookies.set(k, val);
    expect(withdrawalCodeIn(await (await tap.post(`/f/${SERVICE}/submit`, { idempotency_key: key })).text())).toBe(code);

    // A replay after the sent draft's expiry, even with the cookie, does not show it again.
    await env.DB.prepare('UPDATE drafts SET expires_at = ? WHERE idempotency_key = ?').bind(Date.now() - 1, key).run();
    const late = new Visitor({ 'cf-connecting-ip': '10.9.9.10' });
    for (const [k, val] of cookie) late.cookies.set(k, val);
    const replay = await late.post(`/f/${SERVICE}/submit`, { idempotency_key: key });
    expect(replay.status).toBe(410);
    expect(await replay.text()).not.toContain(code);
    await runSchedule();
    expect(await everyRowAsText()).not.toContain(code);
  });

  it('is stored as a keyed hash under HEARD_KEYS, not a plain SHA-256 anyone could check guesses against', async () => {
    const { code, id } = await sendFeedback('Hash me');
    const stored = (await env.DB.prepare('SELECT withdrawal_key AS k FROM responses WHERE id = ?').bind(id).first<{ k: string }>())!.k;
    expect(stored).not.toBe(await sha256(code));
    expect(stored).not.toContain(await sha256(code));
    expect(stored).toBe(await keys().hash('withdrawal-code', code));
  });

  it('stops working after 28 days, once the schedule has run, saying so in plain words', async () => {
    const { code, id } = await sendFeedback('Old feedback');
    await env.DB.prepare('UPDATE responses SET submitted_at = ? WHERE id = ?').bind(Math.floor((Date.now() - 30 * DAY) / HOUR) * HOUR, id).run();
    await runSchedule();
    expect(await count('SELECT count(*) AS n FROM responses WHERE id = ? AND withdrawal_key IS NULL', id)).toBe(1);
    const res = await person().post('/withdraw', { code });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('We could not find feedback with that code');
    expect(html).toContain('A code stops working 28 days after the feedback was sent');
    expect(await count('SELECT count(*) AS n FROM answers WHERE response_id = ?', id)).toBeGreaterThan(0);
  });

  it('says a code already used was already withdrawn, until its 28 days are over', async () => {
    const { code } = await sendFeedback('Take me back');
    expect((await person().post('/withdraw', { code })).status).toBe(200);
    const again = await person().post('/withdraw', { code });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('This feedback has already been taken back');
    await env.DB.prepare('UPDATE withdrawals SET day = ? WHERE withdrawal_key = ?').bind(Math.floor((Date.now() - 30 * DAY) / DAY) * DAY, await keys().hash('withdrawal-code', code)).run();
    await runSchedule();
    expect(await count('SELECT count(*) AS n FROM withdrawals WHERE withdrawal_key IS NOT NULL AND day < ?', Date.now() - 29 * DAY)).toBe(0);
    expect(await (await person().post('/withdraw', { code })).text()).toContain('We could not find feedback with that code');
  });
});

describe('times are coarse (issue 7, point 11)', () => {
  it('keeps a response’s time to the hour, and a withdrawal’s audit entry to the day, with no response id', async () => {
    const before = Date.now();
    const { code, id } = await sendFeedback('What time was it?');
    const at = (await env.DB.prepare('SELECT submitted_at AS at FROM responses WHERE id = ?').bind(id).first<{ at: number }>())!.at;
    expect(at % HOUR).toBe(0);
    expect(at).toBe(Math.floor(before / HOUR) * HOUR);

    expect((await person().post('/withdraw', { code })).status).toBe(200);
    // Audited after the day is over (moved back a day here), by the scheduled handler.
    await env.DB.prepare('UPDATE withdrawals SET day = day - ?').bind(DAY).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    await env.DB.prepare('UPDATE withdrawals SET day = day + ?').bind(DAY).run();
    const entries = await env.DB.prepare("SELECT * FROM audit_log WHERE action = 'response.withdrawn'").all<Record<string, unknown>>();
    expect(entries.results.length).toBeGreaterThan(0);
    for (const entry of entries.results) {
      expect(entry).toMatchObject({ actor: 'respondent', target_type: 'response', target_id: 'withdrawn' });
      expect((entry.at as number) % DAY).toBe(0);
      expect(JSON.stringify(entry)).not.toContain(id);
    }
    const withdrawal = await env.DB.prepare('SELECT day FROM withdrawals ORDER BY id DESC LIMIT 1').first<{ day: number }>();
    expect(withdrawal!.day % DAY).toBe(0);
  });
});

describe('cookie, limits and what a withdrawal leaves (issue 7, point 13)', () => {
  it('keeps the draft in a __Host- cookie: Secure, Path=/, no Domain, even over plain http', async () => {
    const res = await person().post(`/f/${SERVICE}/start`, { lang: 'en' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-heard_draft=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; Secure(;|$)/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).not.toMatch(/domain=/i);
    // The old name is not read any more: a cookie set by another subdomain cannot plant a draft.
    const planted = person({ cookie: `heard_draft=${(/__Host-heard_draft=([^;]+)/.exec(cookie))![1]}` });
    expect((await planted.get(`/f/${SERVICE}/question`)).status).toBe(410);
  });

  it('a withdrawn response keeps nothing but the fact and the day', async () => {
    const words = 'Please forget this 4471';
    const { code, id, key } = await sendFeedback(words);
    expect((await person().post('/withdraw', { code })).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM responses WHERE id = ?', id)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM answers WHERE response_id = ?', id)).toBe(0);
    // Not even the sent draft, which remembered the response id (and the code) for a repeat.
    expect(await count('SELECT count(*) AS n FROM drafts WHERE response_id = ? OR idempotency_key = ?', id, key)).toBe(0);
    const everything = await everyRowAsText();
    for (const trace of [id, words, code]) expect(everything).not.toContain(trace);
    const columns = await env.DB.prepare("SELECT name FROM pragma_table_info('withdrawals') ORDER BY cid").all<{ name: string }>();
    expect(columns.results.map((c) => c.name)).toEqual(['id', 'day', 'withdrawal_key', 'audited']);
  });

  // Last in the file: it uses up the overall limit for this minute.
  it('limits withdrawal attempts across all addresses, not only per address', async () => {
    // The test environment allows 5 a minute from one address and 20 a minute from all together.
    const guess = (i: number) => `${String(i).padStart(5, '0')}-ZZZZZ`;
    let refusedAt = 0;
    for (let i = 1; i <= 30 && refusedAt === 0; i++) {
      const res = await person().post('/withdraw', { code: guess(i) });
      if (res.status === 429) refusedAt = i;
      else expect(res.status).toBe(422);
    }
    expect(refusedAt).toBeGreaterThan(0);
    expect(refusedAt).toBeLessThanOrEqual(21);
    const fresh = await person().post('/withdraw', { code: guess(99) });
    expect(fresh.status).toBe(429);
    expect(await fresh.text()).toContain('Wait one minute');
  });
});

// Last in the file: everything above went through the app's own routes.
describe("the report's roll-up, after everything above", () => {
  it('holds exactly what the raw rows give', async () => {
    await expectRollupMatchesRaw();
  });
});

// The moderation workspace as a moderator uses it: the queue, one response, and every change, over
// HTTP against the real Worker and D1. Rows are inserted directly, as the arrival hook will make them.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStaff, csrfOf, signIn, type TestStaff } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';
import { changeAtVersion, StaleVersion } from '../../worker/moderate/queries';
import { database } from '../../worker/db/client';
import { expectRollupMatchesRaw } from '../helpers/rollup';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASE = Date.UTC(2025, 0, 1);

interface Fixture {
  form?: 'festival-of-feedback' | 'service-feedback';
  at?: number;
  channel?: string;
  locale?: string;
  text?: string;
  original?: string;
  status?: string;
  flag?: boolean;
  consent?: boolean;
  redaction?: { start: number; end: number; kind: string };
}

let made = 0;

/** A response with one free-text answer, its moderation row and its redacted text (and a flag or redaction if asked). */
async function aResponse(f: Fixture = {}): Promise<string> {
  made += 1;
  const id = crypto.randomUUID();
  const form = f.form ?? 'festival-of-feedback';
  const question = form === 'festival-of-feedback' ? 'change' : 'what-worked';
  const version = await env.DB.prepare('SELECT current_version_id AS v FROM forms WHERE id = ?').bind(form).first<{ v: string }>();
  const at = f.at ?? BASE + made * HOUR;
  const text = f.text ?? `Response number ${made}`;
  const original = f.original ?? text;
  const statements = [
    env.DB.prepare('INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) VALUES (?, ?, ?, ?, ?)').bind(id, version!.v, f.channel ?? 'online', f.locale ?? 'en', at),
    env.DB.prepare('INSERT INTO answers (response_id, question_id, value) VALUES (?, ?, ?)').bind(id, question, JSON.stringify(original)),
    env.DB.prepare('INSERT INTO moderation (response_id, status, safeguarding, quote_consent, submitted_at) VALUES (?, ?, ?, ?, ?)').bind(id, f.status ?? 'new', f.flag ? 'open' : 'none', f.consent ? 1 : 0, at),
    env.DB.prepare('INSERT INTO answer_texts (response_id, question_id, redacted) VALUES (?, ?, ?)').bind(id, question, text),
  ];
  if (form === 'festival-of-feedback') statements.push(env.DB.prepare("INSERT INTO answers (response_id, question_id, value) VALUES (?, 'accommodation-rating', '\"4\"')").bind(id));
  if (f.flag) {
    statements.push(
      env.DB.prepare("INSERT INTO safeguarding_flags (response_id, question_id, categories, matches) VALUES (?, ?, '[\"unsafe\"]', ?)").bind(id, question, JSON.stringify([{ start: 0, end: 4, category: 'unsafe', why: 'says they do not feel safe' }])),
    );
  }
  if (f.redaction) {
    statements.push(env.DB.prepare("INSERT INTO redactions (response_id, question_id, start, \"end\", kind, source, state) VALUES (?, ?, ?, ?, ?, 'proposed', 'proposed')").bind(id, question, f.redaction.start, f.redaction.end, f.redaction.kind));
  }
  await env.DB.batch(statements);
  return id;
}

const clear = () => env.DB.batch([env.DB.prepare('DELETE FROM responses'), env.DB.prepare('DELETE FROM themes')]);

/** The response ids of the queue page, in the order shown. */
async function queueIds(v: Visitor, query = ''): Promise<string[]> {
  const res = await v.get(`/moderate${query}`);
  expect(res.status, `/moderate${query}`).toBe(200);
  return [...(await res.text()).matchAll(/data-response="([^"]+)"/g)].map((m) => m[1]!);
}

const versionOf = async (id: string) => (await env.DB.prepare('SELECT version AS v FROM moderation WHERE response_id = ?').bind(id).first<{ v: number }>())!.v;
const auditCount = async (action: string, target: string) => (await env.DB.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ? AND target_id = ?').bind(action, target).first<{ n: number }>())!.n;

let alex: TestStaff;
let sam: TestStaff;
let a: Visitor;
let s: Visitor;

beforeAll(async () => {
  alex = await createStaff('moderator');
  sam = await createStaff('moderator');
  a = await signIn(alex);
  s = await signIn(sam);
});

async function post(v: Visitor, path: string, fields: Record<string, string>) {
  return v.post(path, { csrf: await csrfOf(v), ...fields });
}

describe('the queue', () => {
  it('puts open safeguarding concerns first, then the oldest new responses', async () => {
    await clear();
    const older = await aResponse({ at: BASE });
    const newer = await aResponse({ at: BASE + DAY });
    const done = await aResponse({ at: BASE - DAY, status: 'done' });
    const flagged = await aResponse({ at: BASE + 2 * DAY, flag: true });
    expect(await queueIds(a)).toEqual([flagged, older, newer, done]);
    const page = await (await a.get('/moderate')).text();
    expect(page).toContain('govuk-tag--red">Safeguarding');
    expect(page).toMatch(/id="count-new">3</);
    expect(page).toMatch(/id="count-done">1</);
  });

  it('filters by form, channel, dates, status, flag, tags, objective, theme and redacted words', async () => {
    await clear();
    const festival = await aResponse({ at: BASE, channel: 'kiosk', text: 'The wait was 100% too long [name]' });
    const service = await aResponse({ form: 'service-feedback', at: BASE + 5 * DAY, channel: 'paper', status: 'in-review', flag: true, text: 'Staff were kind', original: 'Staff were kind, Bob' });
    await env.DB.prepare("INSERT INTO themes (id, name, definition, example) VALUES ('waiting', 'Waiting and delays', 'd', 'e')").run();
    const objective = (await env.DB.prepare('SELECT id FROM objectives ORDER BY id LIMIT 1').first<{ id: string }>())!.id;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO excerpts (response_id, question_id, start, \"end\", text, created_by, created_at) VALUES (?, 'change', 0, 5, 'x', 'u', 1)").bind(festival),
      env.DB.prepare("INSERT INTO tags (excerpt_id, response_id, objective_id, created_by, created_at) SELECT id, response_id, ?, 'u', 1 FROM excerpts WHERE response_id = ?").bind(objective, festival),
      env.DB.prepare("INSERT INTO tags (excerpt_id, response_id, theme_id, created_by, created_at) SELECT id, response_id, 'waiting', 'u', 1 FROM excerpts WHERE response_id = ?").bind(festival),
    ]);
    expect(await queueIds(a, '?form=service-feedback')).toEqual([service]);
    expect(await queueIds(a, '?channel=kiosk')).toEqual([festival]);
    expect(await queueIds(a, `?from=${new Date(BASE + DAY).toISOString().slice(0, 10)}`)).toEqual([service]);
    expect(await queueIds(a, `?to=${new Date(BASE).toISOString().slice(0, 10)}`)).toEqual([festival]);
    expect(await queueIds(a, '?status=in-review')).toEqual([service]);
    expect(await queueIds(a, '?flagged=yes')).toEqual([service]);
    expect(await queueIds(a, '?flagged=no')).toEqual([festival]);
    expect(await queueIds(a, '?tagged=yes')).toEqual([festival]);
    expect(await queueIds(a, '?tagged=no')).toEqual([service]);
    expect(await queueIds(a, `?objective=${encodeURIComponent(objective)}`)).toEqual([festival]);
    expect(await queueIds(a, '?theme=waiting')).toEqual([festival]);
    expect(await queueIds(a, '?q=kind')).toEqual([service]);
    // Only the redacted text is searched, and wildcards are taken literally.
    expect(await queueIds(a, '?q=Bob')).toEqual([]);
    expect(await queueIds(a, '?q=100%25')).toEqual([festival]);
    // A facilitated session's responses (sessions themselves come with issue 11).
    await env.DB.prepare("UPDATE responses SET session_id = 'fest-2026' WHERE id = ?").bind(festival).run();
    expect(await queueIds(a, '?session=fest-2026')).toEqual([festival]);
    expect(await (await a.get('/moderate')).text()).toContain('<option value="fest-2026"');
    expect(await queueIds(a, '?q=10_')).toEqual([]);
    expect(await queueIds(a, '?q=%5Bname%5D')).toEqual([festival]);
    // Counts follow the other filters, so each status link says how many it will show.
    const counted = await (await a.get('/moderate?channel=paper')).text();
    expect(counted).toMatch(/id="count-in-review">1</);
    expect(counted).toMatch(/id="count-new">0</);
    expect(counted).toContain('href="/moderate?channel=paper&amp;status=new"');
  });

  it('refuses a query it cannot read with a plain 400', async () => {
    for (const q of ['?status=maybe', '?from=2025-13-45', '?from=yesterday', '?channel=pigeon', '?page=0', '?flagged=perhaps']) {
      const res = await a.get(`/moderate${q}`);
      expect(res.status, q).toBe(400);
    }
  });

  it('changes the status of every response the filters match, and says how many', async () => {
    await clear();
    const k1 = await aResponse({ channel: 'kiosk' });
    const k2 = await aResponse({ channel: 'kiosk' });
    const other = await aResponse({ channel: 'paper' });
    // A response arriving after the page was shown: the bulk change is refused, nothing changes.
    const stale = await post(a, '/moderate/bulk-status', { channel: 'kiosk', new_status: 'done', expected: '1' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('nothing was changed');
    expect(await env.DB.prepare("SELECT count(*) AS n FROM moderation WHERE status = 'done'").first()).toEqual({ n: 0 });
    const page = await (await a.get('/moderate?channel=kiosk')).text();
    expect(page).toContain('name="expected" value="2"');
    const res = await post(a, '/moderate/bulk-status', { channel: 'kiosk', new_status: 'done', expected: '2' });
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe('/moderate?channel=kiosk&changed=2');
    expect(await (await a.get(Visitor.location(res))).text()).toContain('2 responses changed status.');
    const statuses = await env.DB.prepare('SELECT response_id AS id, status FROM moderation').all<{ id: string; status: string }>();
    expect(Object.fromEntries(statuses.results.map((r) => [r.id, r.status]))).toEqual({ [k1]: 'done', [k2]: 'done', [other]: 'new' });
    expect(await auditCount('moderation.bulk-status', 'queue')).toBe(1);
    // Excluding needs a reason.
    expect((await post(a, '/moderate/bulk-status', { new_status: 'excluded', expected: '3' })).status).toBe(422);
    // A date range in the filters is kept: nothing before 1 January 2001 exists, so nothing changes.
    const none = await post(a, '/moderate/bulk-status', { from: '2000-01-01', to: '2000-12-31', new_status: 'in-review', expected: '0' });
    expect(Visitor.location(none)).toContain('changed=0');
  });
});

describe('one response', () => {
  it('shows the answers redacted, with choices as their labels', async () => {
    await clear();
    const id = await aResponse({ text: 'Ring me on [phone]', original: 'Ring me on 07700 900123' });
    const page = await (await a.get(`/moderate/responses/${id}`)).text();
    expect(page).toContain('Ring me on [phone]');
    expect(page).not.toContain('07700 900123');
    expect(page).toContain('4 – ');
  });

  it('answers 404 for a response that does not exist', async () => {
    expect((await a.get(`/moderate/responses/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await post(a, `/moderate/responses/${crypto.randomUUID()}/notes`, { version: '0', note: 'x' })).status).toBe(404);
  });

  it('shows a second moderator who has it open, and lets them read it', async () => {
    await clear();
    const id = await aResponse();
    expect((await a.get(`/moderate/responses/${id}`)).status).toBe(200);
    const seen = await (await s.get(`/moderate/responses/${id}`)).text();
    expect(seen).toContain(`Test moderator`);
    expect(seen).toMatch(/has had this open since .*; you can still read it/);
    // The lock stays with the first reader; the queue says so to the other.
    const lock = await env.DB.prepare('SELECT locked_by AS by FROM moderation WHERE response_id = ?').bind(id).first<{ by: string }>();
    expect(lock!.by).toBe(alex.id);
    expect(await (await s.get('/moderate')).text()).toContain('Being read by Test moderator');
    expect(await (await a.get('/moderate')).text()).not.toContain('Being read by');
    // Taking the lock is not a change: nobody's page goes stale by opening it.
    expect(await versionOf(id)).toBe(0);
  });

  it('refuses a change made on a stale page with 409, saves nothing, and keeps the typed note', async () => {
    await clear();
    const id = await aResponse();
    expect((await post(a, `/moderate/responses/${id}/status`, { version: '0', status: 'in-review' })).status).toBe(303);
    const stale = await post(s, `/moderate/responses/${id}/notes`, { version: '0', note: 'My careful note' });
    expect(stale.status).toBe(409);
    const page = await stale.text();
    expect(page).toContain('Someone else changed this response while you had it open. Here it is as it is now; nothing you sent was saved');
    expect(page).toContain('My careful note</textarea>');
    expect(page).toContain('In review');
    expect((await env.DB.prepare('SELECT count(*) AS n FROM moderation_notes').first<{ n: number }>())!.n).toBe(0);
    expect(await versionOf(id)).toBe(1);
  });

  it('never half applies a change that lost the race', async () => {
    await clear();
    const id = await aResponse();
    const db = database(env.DB);
    await expect(changeAtVersion(db, id, 5, [env.DB.prepare("INSERT INTO moderation_notes (response_id, text, created_by, created_at) VALUES (?, 'late', 'x', 1)").bind(id)], { actor: 'x', action: 'moderation.note-added' })).rejects.toBeInstanceOf(StaleVersion);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM moderation_notes').first<{ n: number }>())!.n).toBe(0);
  });

  it('adds notes with who and when, and changes status (excluding needs a reason)', async () => {
    await clear();
    const id = await aResponse();
    expect((await post(a, `/moderate/responses/${id}/notes`, { version: '0', note: 'Check with LEAF' })).status).toBe(303);
    const page = await (await a.get(`/moderate/responses/${id}`)).text();
    expect(page).toContain('Check with LEAF');
    expect(page).toContain('Test moderator');
    const noReason = await post(a, `/moderate/responses/${id}/status`, { version: '1', status: 'excluded', reason: ' ' });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('Say why this response is excluded');
    expect((await post(a, `/moderate/responses/${id}/status`, { version: '1', status: 'excluded', reason: 'Spam' })).status).toBe(303);
    const row = await env.DB.prepare('SELECT status, excluded_reason AS reason FROM moderation WHERE response_id = ?').bind(id).first();
    expect(row).toEqual({ status: 'excluded', reason: 'Spam' });
    expect(await auditCount('moderation.status', id)).toBe(1);
    expect(await auditCount('moderation.note-added', id)).toBe(1);
  });

  it('shows the original words only after an audited request', async () => {
    await clear();
    const id = await aResponse({ text: 'I am [name]', original: 'I am Priya', redaction: { start: 5, end: 10, kind: 'name' } });
    expect(await (await a.get(`/moderate/responses/${id}`)).text()).not.toContain('Priya');
    const shown = await post(a, `/moderate/responses/${id}/original`, { version: '0' });
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('I am Priya');
    expect(await auditCount('moderation.original-viewed', id)).toBe(1);
    const entry = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'moderation.original-viewed'").first<{ detail: string | null }>();
    expect(entry!.detail ?? '').not.toContain('Priya');
  });

  it('accepts and rejects proposed redactions, rewriting the redacted text', async () => {
    await clear();
    const id = await aResponse({ text: 'I am [name]', original: 'I am Priya', redaction: { start: 5, end: 10, kind: 'name' } });
    const redaction = (await env.DB.prepare('SELECT id FROM redactions WHERE response_id = ?').bind(id).first<{ id: number }>())!.id;
    expect((await post(a, `/moderate/responses/${id}/redactions`, { version: '0', redaction: String(redaction), decision: 'rejected' })).status).toBe(303);
    expect((await env.DB.prepare('SELECT redacted FROM answer_texts WHERE response_id = ?').bind(id).first<{ redacted: string }>())!.redacted).toBe('I am Priya');
    expect((await post(a, `/moderate/responses/${id}/redactions`, { version: '1', redaction: String(redaction), decision: 'accepted' })).status).toBe(303);
    expect((await env.DB.prepare('SELECT redacted FROM answer_texts WHERE response_id = ?').bind(id).first<{ redacted: string }>())!.redacted).toBe('I am [name]');
    expect(await auditCount('moderation.redaction-decided', id)).toBe(2);
  });

  it('records a safeguarding outcome, which takes the response off the top', async () => {
    await clear();
    const older = await aResponse({ at: BASE });
    const flagged = await aResponse({ at: BASE + DAY, flag: true, text: 'I do not feel safe here' });
    expect((await queueIds(a))[0]).toBe(flagged);
    const page = await (await a.get(`/moderate/responses/${flagged}`)).text();
    expect(page).toContain('Safeguarding concern: Feeling unsafe');
    expect(page).toContain('says they do not feel safe');
    const flag = (await env.DB.prepare('SELECT id FROM safeguarding_flags WHERE response_id = ?').bind(flagged).first<{ id: number }>())!.id;
    const missing = await post(a, `/moderate/responses/${flagged}/safeguarding`, { version: '0', flag: String(flag), outcome: 'no-action', why: '' });
    expect(missing.status).toBe(422);
    const ok = await post(a, `/moderate/responses/${flagged}/safeguarding`, { version: '0', flag: String(flag), outcome: 'escalated', to: 'Hostel safeguarding lead', on: '2025-01-03' });
    expect(ok.status).toBe(303);
    const row = await env.DB.prepare('SELECT f.outcome, f.outcome_note AS note, m.safeguarding FROM safeguarding_flags f JOIN moderation m ON m.response_id = f.response_id WHERE f.id = ?').bind(flag).first();
    expect(row).toEqual({ outcome: 'escalated', note: 'Hostel safeguarding lead', safeguarding: 'resolved' });
    expect(await queueIds(a)).toEqual([older, flagged]);
    expect(await auditCount('safeguarding.recorded', flagged)).toBe(1);
  });

  it('tags a whole answer to an objective and a theme, and removes a tag', async () => {
    await clear();
    await env.DB.prepare("INSERT INTO themes (id, name, definition, example) VALUES ('waiting', 'Waiting and delays', 'd', 'e')").run();
    const objective = (await env.DB.prepare('SELECT id FROM objectives ORDER BY id LIMIT 1').first<{ id: string }>())!.id;
    const id = await aResponse({ text: 'Waited six weeks for [name] to call' });
    expect((await post(a, `/moderate/responses/${id}/tags`, { version: '0', question: 'change', objective, theme: 'waiting' })).status).toBe(303);
    // The same tag twice is one tag.
    expect((await post(a, `/moderate/responses/${id}/tags`, { version: '1', question: 'change', objective })).status).toBe(303);
    const excerpt = await env.DB.prepare('SELECT id, start, "end", text FROM excerpts WHERE response_id = ?').bind(id).all<{ id: number; start: number; end: number; text: string }>();
    expect(excerpt.results).toHaveLength(1);
    expect(excerpt.results[0]).toMatchObject({ start: 0, end: 'Waited six weeks for [name] to call'.length, text: 'Waited six weeks for [name] to call' });
    const tags = await env.DB.prepare('SELECT id, objective_id AS o, theme_id AS t, created_by AS by, source, state, round FROM tags WHERE response_id = ? ORDER BY id').bind(id).all<{ id: number }>();
    expect(tags.results).toEqual([
      { id: expect.any(Number), o: objective, t: null, by: alex.id, source: 'manual', state: 'confirmed', round: 'first' },
      { id: expect.any(Number), o: null, t: 'waiting', by: alex.id, source: 'manual', state: 'confirmed', round: 'first' },
    ]);
    const page = await (await a.get(`/moderate/responses/${id}`)).text();
    expect(page).toContain('Waiting and delays');
    expect((await post(a, `/moderate/responses/${id}/tags`, { version: '2', question: 'change' })).status).toBe(422);
    expect((await post(a, `/moderate/responses/${id}/tags/remove`, { version: '2', tag: String(tags.results[1]!.id) })).status).toBe(303);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM tags WHERE response_id = ?').bind(id).first<{ n: number }>())!.n).toBe(1);
    expect(await auditCount('moderation.tagged', id)).toBe(2);
    expect(await auditCount('moderation.untagged', id)).toBe(1);
    expect(await queueIds(a, '?tagged=yes')).toEqual([id]);
  });

  it('approves a quote only when the respondent agreed to be quoted', async () => {
    await clear();
    const objective = (await env.DB.prepare('SELECT id FROM objectives ORDER BY id LIMIT 1').first<{ id: string }>())!.id;
    const agreed = await aResponse({ consent: true });
    const refused = await aResponse({ consent: false });
    for (const id of [agreed, refused]) expect((await post(a, `/moderate/responses/${id}/tags`, { version: '0', question: 'change', objective })).status).toBe(303);
    const excerptOf = async (id: string) => String((await env.DB.prepare('SELECT id FROM excerpts WHERE response_id = ?').bind(id).first<{ id: number }>())!.id);
    expect(await (await a.get(`/moderate/responses/${refused}`)).text()).not.toContain('Approve as a quote');
    const no = await post(a, `/moderate/responses/${refused}/quotes`, { version: '1', excerpt: await excerptOf(refused) });
    expect(no.status).toBe(403);
    expect(await no.text()).toContain('did not agree to be quoted');
    expect(await (await a.get(`/moderate/responses/${agreed}`)).text()).toContain('Approve as a quote');
    expect((await post(a, `/moderate/responses/${agreed}/quotes`, { version: '1', excerpt: await excerptOf(agreed) })).status).toBe(303);
    const approved = await env.DB.prepare('SELECT response_id AS id FROM excerpts WHERE quote_approved_at IS NOT NULL').all<{ id: string }>();
    expect(approved.results.map((r) => r.id)).toEqual([agreed]);
    expect(await auditCount('moderation.quote-approved', agreed)).toBe(1);
  });

  it('links to the next and previous responses in queue order', async () => {
    await clear();
    const first = await aResponse({ at: BASE, flag: true });
    const second = await aResponse({ at: BASE - DAY });
    const third = await aResponse({ at: BASE + DAY });
    const page = await (await a.get(`/moderate/responses/${second}`)).text();
    expect(page).toContain(`href="/moderate/responses/${first}" id="previous-response"`);
    expect(page).toContain(`href="/moderate/responses/${third}" id="next-response"`);
  });

  it('is for moderators only', async () => {
    const commissioner = await signIn(await createStaff('commissioner'));
    expect((await commissioner.get('/moderate')).status).toBe(403);
  });
});

describe('an answer with no redacted copy', () => {
  it('is never shown in the original words unless asked for, which is recorded', async () => {
    await clear();
    const id = await aResponse({ text: 'placeholder' });
    // As if it had arrived before redacted copies existed.
    await env.DB.batch([
      env.DB.prepare('DELETE FROM answer_texts WHERE response_id = ?').bind(id),
      env.DB.prepare("UPDATE answers SET value = ? WHERE response_id = ? AND question_id = 'change'").bind(JSON.stringify('Ring Jo on 07700 900123'), id),
    ]);
    const page = await (await a.get(`/moderate/responses/${id}`)).text();
    expect(page).not.toContain('07700 900123');
    expect(page).toContain('no redacted copy yet');
  });
});

// Last in the file: everything above went through the app's own routes.
describe("the report's roll-up, after everything above", () => {
  it('holds exactly what the raw rows give', async () => {
    await expectRollupMatchesRaw();
  });
});

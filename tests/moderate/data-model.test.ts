// The moderation data model with the demo corpus loaded: what reports and public pages will read
// is redacted and consented, and withdrawing a response takes everything made from it, at once.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededVersions } from '../../seeds/index';
import { applySpans, demoResponseStatements, detailSpans } from '../../seeds/demo/load';
import { demoResponses } from '../../seeds/demo/responses';
import { withdrawResponse } from '../../worker/respond/queries';
import { database } from '../../worker/db/client';
import { keyRing } from '../../worker/env';
import { arrivalStatements } from '../../worker/moderate/arrival';
import { moderationLists } from '../../worker/moderate/lists';

const count = async (sql: string, ...binds: unknown[]) => (await env.DB.prepare(sql).bind(...binds).first<{ n: number }>())!.n;
const NOW = Date.parse('2026-12-01T12:00:00Z');

beforeAll(async () => {
  const statements = demoResponseStatements(await seededVersions(), NOW);
  for (let i = 0; i < statements.length; i += 500) await env.DB.batch(statements.slice(i, i + 500).map((s) => env.DB.prepare(s)));
});

describe('the demo corpus, loaded', () => {
  it('gives a realistic queue: about 300 responses, two thirds moderated, a few open concerns', async () => {
    expect(await count('SELECT count(*) AS n FROM responses')).toBe(300);
    expect(await count('SELECT count(*) AS n FROM moderation')).toBe(300);
    expect(await count("SELECT count(*) AS n FROM moderation WHERE status = 'new'")).toBeGreaterThan(60);
    expect(await count("SELECT count(*) AS n FROM moderation WHERE status = 'done'")).toBeGreaterThan(150);
    expect(await count("SELECT count(*) AS n FROM moderation WHERE safeguarding = 'open'")).toBeGreaterThan(0);
    expect(await count('SELECT count(DISTINCT response_id) AS n FROM tags')).toBeGreaterThan(150);
    expect(await count('SELECT count(*) AS n FROM themes WHERE parent_id IS NULL')).toBeGreaterThanOrEqual(10);
  });

  it('keeps excerpts on the redacted text, with no personal detail in any of them', async () => {
    const details = demoResponses(2026, NOW).flatMap((r) => r.expect.personalDetails.map((d) => d.text));
    expect(details.length).toBeGreaterThan(10);
    const rows = (await env.DB.prepare('SELECT e.text, e.start, e.end, t.redacted FROM excerpts e JOIN answer_texts t ON t.response_id = e.response_id AND t.question_id = e.question_id').all<{ text: string; start: number; end: number; redacted: string }>()).results;
    expect(rows.length).toBeGreaterThan(300);
    for (const r of rows) {
      expect(r.redacted.slice(r.start, r.end)).toBe(r.text);
      for (const d of details) expect(r.text).not.toContain(d);
    }
  });

  it('approves quotes only where the respondent agreed', async () => {
    expect(await count('SELECT count(*) AS n FROM excerpts WHERE quote_approved_at IS NOT NULL')).toBeGreaterThan(20);
    expect(await count('SELECT count(*) AS n FROM excerpts e JOIN moderation m ON m.response_id = e.response_id WHERE e.quote_approved_at IS NOT NULL AND m.quote_consent = 0')).toBe(0);
  });

  it('maps offsets across a redaction', () => {
    const text = 'Ask Dave at Hope House on 07700 900123 please';
    const spans = detailSpans(text, [
      { text: 'Dave', kind: 'name' },
      { text: '07700 900123', kind: 'phone' },
    ]);
    const { redacted, map } = applySpans(text, spans);
    expect(redacted).toBe('Ask [name] at Hope House on [phone] please');
    expect(redacted.slice(map(11), map(text.length))).toBe(' Hope House on [phone] please');
    expect(map(5)).toBe(10);
  });
});

describe('withdrawal reaches everything', () => {
  it('removes the answers, texts, redactions, flags, excerpts, tags, quotes and notes in one go', async () => {
    const keys = keyRing({ env });
    // A tagged, quoted response with a redaction: give it a code, as a real one would have.
    const target = (await env.DB.prepare("SELECT e.response_id AS id FROM excerpts e JOIN redactions r ON r.response_id = e.response_id WHERE e.quote_approved_at IS NOT NULL LIMIT 1").first<{ id: string }>())
      ?? (await env.DB.prepare('SELECT response_id AS id FROM excerpts WHERE quote_approved_at IS NOT NULL LIMIT 1').first<{ id: string }>())!;
    await env.DB.prepare('UPDATE responses SET withdrawal_key = ?, submitted_at = ? WHERE id = ?').bind(await keys.hash('withdrawal-code', 'ABCDE-FGHJK'), Date.now(), target.id).run();
    await env.DB.prepare("INSERT INTO moderation_notes (response_id, text, created_by, created_at) VALUES (?, 'Checked with the hostel', 'someone', 1)").bind(target.id).run();
    const tables = ['answers', 'answer_texts', 'redactions', 'safeguarding_flags', 'excerpts', 'tags', 'moderation_notes', 'moderation'];
    const before = await Promise.all(tables.map((t) => count(`SELECT count(*) AS n FROM ${t} WHERE response_id = ?`, target.id)));
    expect(before.reduce((a, b) => a + b)).toBeGreaterThan(5);
    expect(await withdrawResponse(database(env.DB), keys, 'ABCDE-FGHJK', Date.now())).toBe('withdrawn');
    for (const t of tables) expect(await count(`SELECT count(*) AS n FROM ${t} WHERE response_id = ?`, target.id), t).toBe(0);
    const audit = await env.DB.prepare("SELECT target_id, detail FROM audit_log WHERE action = 'response.withdrawn'").all<{ target_id: string; detail: string | null }>();
    expect(JSON.stringify(audit.results)).not.toContain(target.id);
  });
});

describe('on arrival', () => {
  it('triages, proposes redactions, and queues the response, reading the lists from D1', async () => {
    const db = database(env.DB);
    const version = (await seededVersions()).get('festival-of-feedback')!;
    const id = crypto.randomUUID();
    const answers = {
      staying: 'hostel',
      'accommodation-comments': 'Ring me on 07700 900123. Some nights I want to kill myself, the noise never stops.',
      quote: 'yes',
    };
    await env.DB.prepare('INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) VALUES (?, ?, ?, ?, ?)').bind(id, version.versionId, 'online', 'en', 0).run();
    const lists = await moderationLists(db);
    expect(lists.signals.length).toBeGreaterThan(50);
    const statements = arrivalStatements(db, { responseId: id, submittedAt: 0, definition: version.definition, answers }, lists);
    await db.batch(statements as [never, ...never[]]);
    // A repeat (a racing double submit) adds nothing.
    await db.batch(arrivalStatements(db, { responseId: id, submittedAt: 0, definition: version.definition, answers }, lists) as [never, ...never[]]);
    const m = await env.DB.prepare('SELECT safeguarding, quote_consent, status FROM moderation WHERE response_id = ?').bind(id).first();
    expect(m).toEqual({ safeguarding: 'open', quote_consent: 1, status: 'new' });
    const text = await env.DB.prepare('SELECT redacted FROM answer_texts WHERE response_id = ?').bind(id).first<{ redacted: string }>();
    expect(text!.redacted).toContain('[phone]');
    expect(text!.redacted).not.toContain('07700');
    expect(await count("SELECT count(*) AS n FROM redactions WHERE response_id = ? AND kind = 'phone' AND state = 'proposed'", id)).toBe(1);
    const flag = await env.DB.prepare('SELECT categories, matches FROM safeguarding_flags WHERE response_id = ?').bind(id).all<{ categories: string; matches: string }>();
    expect(flag.results).toHaveLength(1);
    expect(JSON.parse(flag.results[0]!.categories)).toContain('suicide');
    // Where and why, never the words.
    expect(flag.results[0]!.matches).not.toContain('want to kill myself');
  });
});

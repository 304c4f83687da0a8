// A moderator's own redactions (added by their words, changed in kind or words), the excerpts that
// follow them onto the new redacted text, and the retention that deletes the original words after
// moderation is done. Over HTTP against the real Worker and D1, and the scheduled handler as the cron runs it.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { occurrencesOf, rebuild, redactedText } from '../../worker/moderate/redaction/remap';
import { createStaff, csrfOf, signIn, type TestStaff } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';
import { expectRollupMatchesRaw } from '../helpers/rollup';

const DAY = 86_400_000;
const QUESTION = 'change';

interface Fixture {
  original: string;
  redactions?: { start: number; end: number; kind: string; state?: string }[];
  /** ranges of the redacted text */
  excerpts?: { start: number; end: number; quote?: boolean }[];
  status?: string;
  doneAt?: number | null;
}

/** A festival response with one free-text answer, its redactions, its redacted copy and excerpts (each with one theme tag). */
async function aResponse(f: Fixture): Promise<string> {
  const id = crypto.randomUUID();
  const version = await env.DB.prepare("SELECT current_version_id AS v FROM forms WHERE id = 'festival-of-feedback'").first<{ v: string }>();
  const redactions = f.redactions ?? [];
  const redacted = redactedText(
    f.original,
    redactions.filter((x) => (x.state ?? 'proposed') !== 'rejected'),
  );
  const statements = [
    env.DB.prepare("INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) VALUES (?, ?, 'online', 'en', ?)").bind(id, version!.v, Date.UTC(2025, 0, 1)),
    env.DB.prepare('INSERT INTO answers (response_id, question_id, value) VALUES (?, ?, ?)').bind(id, QUESTION, JSON.stringify(f.original)),
    env.DB.prepare("INSERT INTO answers (response_id, question_id, value) VALUES (?, 'accommodation-rating', '\"4\"')").bind(id),
    env.DB.prepare('INSERT INTO moderation (response_id, status, quote_consent, submitted_at, done_at) VALUES (?, ?, 1, ?, ?)').bind(id, f.status ?? 'new', Date.UTC(2025, 0, 1), f.doneAt ?? null),
    env.DB.prepare('INSERT INTO answer_texts (response_id, question_id, redacted) VALUES (?, ?, ?)').bind(id, QUESTION, redacted),
    ...redactions.map((x) =>
      env.DB.prepare('INSERT INTO redactions (response_id, question_id, start, "end", kind, source, state) VALUES (?, ?, ?, ?, ?, \'proposed\', ?)').bind(id, QUESTION, x.start, x.end, x.kind, x.state ?? 'proposed'),
    ),
  ];
  for (const e of f.excerpts ?? []) {
    statements.push(
      env.DB.prepare('INSERT INTO excerpts (response_id, question_id, start, "end", text, created_by, created_at, quote_approved_by, quote_approved_at) VALUES (?, ?, ?, ?, ?, \'u\', 1, ?, ?)').bind(
        id,
        QUESTION,
        e.start,
        e.end,
        redacted.slice(e.start, e.end),
        e.quote ? 'u' : null,
        e.quote ? 1 : null,
      ),
      env.DB.prepare("INSERT INTO tags (excerpt_id, response_id, theme_id, created_by, created_at) SELECT id, response_id, 'waiting', 'u', 1 FROM excerpts WHERE response_id = ? AND start = ? AND \"end\" = ?").bind(id, e.start, e.end),
    );
  }
  await env.DB.batch(statements);
  return id;
}

const clear = async () => {
  await env.DB.batch([env.DB.prepare('DELETE FROM responses'), env.DB.prepare('DELETE FROM themes'), env.DB.prepare("INSERT INTO themes (id, name, definition, example) VALUES ('waiting', 'Waiting and delays', 'd', 'e')")]);
};

const redactedOf = async (id: string) => (await env.DB.prepare('SELECT redacted FROM answer_texts WHERE response_id = ?').bind(id).first<{ redacted: string }>())!.redacted;
const versionOf = async (id: string) => (await env.DB.prepare('SELECT version AS v FROM moderation WHERE response_id = ?').bind(id).first<{ v: number }>())!.v;
const redactionsOf = async (id: string) =>
  (await env.DB.prepare('SELECT id, start, "end", kind, source, state, decided_by AS decidedBy FROM redactions WHERE response_id = ? ORDER BY start').bind(id).all<{ id: number; start: number; end: number; kind: string; source: string; state: string; decidedBy: string | null }>()).results;
const excerptsOf = async (id: string) =>
  (await env.DB.prepare('SELECT e.id, e.start, e."end", e.text, e.quote_approved_at AS quote, (SELECT count(*) FROM tags t WHERE t.excerpt_id = e.id) AS tags FROM excerpts e WHERE e.response_id = ? ORDER BY e.start, e."end"').bind(id).all<{
    id: number;
    start: number;
    end: number;
    text: string;
    quote: number | null;
    tags: number;
  }>()).results;
const auditOf = async (id: string, action: string) => (await env.DB.prepare('SELECT actor, detail FROM audit_log WHERE target_id = ? AND action = ? ORDER BY id').bind(id, action).all<{ actor: string; detail: string }>()).results;

let alex: TestStaff;
let a: Visitor;

beforeAll(async () => {
  alex = await createStaff('moderator');
  a = await signIn(alex);
});

async function post(path: string, fields: Record<string, string>, v = a) {
  return v.post(path, { csrf: await csrfOf(v), ...fields });
}

const add = (id: string, fields: Record<string, string>) => post(`/moderate/responses/${id}/redactions/add`, { question: QUESTION, ...fields });
const edit = (id: string, fields: Record<string, string>) => post(`/moderate/responses/${id}/redactions/edit`, fields);

describe('carrying excerpts onto a rebuilt redacted text', () => {
  const original = 'Call Tom on 07700 900123 about the room please';
  const before = [{ start: 12, end: 24, kind: 'phone' }];
  const after = [{ start: 5, end: 8, kind: 'name' }, ...before];
  const stored = redactedText(original, before);
  const built = rebuild(original, before, after, stored);
  const move = (words: string, from = 0) => {
    const start = stored.indexOf(words, from);
    const r = built.remap(start, start + words.length);
    return built.text.slice(r.start, r.end);
  };

  it('rebuilds the text and moves each range, widening one that is now partly redacted to the whole label', () => {
    expect(stored).toBe('Call Tom on [phone] about the room please');
    expect(built.text).toBe('Call [name] on [phone] about the room please');
    expect(move(stored)).toBe(built.text);
    expect(move('Call Tom')).toBe('Call [name]');
    expect(move('Tom on [phone]')).toBe('[name] on [phone]');
    expect(move('about the room')).toBe('about the room');
    expect(move('om on')).toBe('[name] on');
    expect(move('Call T')).toBe('Call [name]');
    expect(move('[phone]')).toBe('[phone]');
    expect(move('hone] ab')).toBe('[phone] ab');
  });

  it('shrinks a label back to words when a redaction is taken away', () => {
    const undone = rebuild(original, after, before, built.text);
    const r = undone.remap(built.text.indexOf('[name] on'), built.text.indexOf('[name] on') + '[name] on'.length);
    expect(undone.text.slice(r.start, r.end)).toBe('Tom on');
  });

  it('finds every occurrence of the words, exactly', () => {
    expect(occurrencesOf('Priya and priya and Priya', 'Priya')).toEqual([0, 20]);
    expect(occurrencesOf('aaaa', 'aa')).toEqual([0, 2]);
    expect(occurrencesOf('abc', 'x')).toEqual([]);
  });
});

describe('a moderator adds a redaction', () => {
  it('shows the forms only beside the original words', async () => {
    await clear();
    const id = await aResponse({ original: 'I met Priya at the hostel' });
    expect(await (await a.get(`/moderate/responses/${id}`)).text()).not.toContain('Add a redaction');
    const shown = await (await post(`/moderate/responses/${id}/original`, { version: '0' })).text();
    expect(shown).toContain('Add a redaction');
    expect(shown).toContain(`action="/moderate/responses/${id}/redactions/add"`);
    for (const kind of ['name', 'phone', 'email', 'postcode', 'address', 'dob', 'nhs', 'ni', 'staff', 'place', 'other']) expect(shown).toContain(`name="kind" type="radio" value="${kind}"`);
  });

  it('redacts the first occurrence of the words, or the one asked for, and audits the kind and reason without the words', async () => {
    await clear();
    const id = await aResponse({ original: 'I met Priya at the hostel and Priya was kind' });
    const first = await add(id, { version: '0', words: 'Priya', kind: 'name', reason: 'Her first name' });
    expect(first.status).toBe(303);
    expect(Visitor.location(first)).toBe(`/moderate/responses/${id}`);
    expect(await redactedOf(id)).toBe('I met [name] at the hostel and Priya was kind');
    const second = await add(id, { version: '1', words: 'Priya', occurrence: '2', kind: 'name', reason: 'Her first name again' });
    expect(second.status).toBe(303);
    expect(await redactedOf(id)).toBe('I met [name] at the hostel and [name] was kind');
    expect(await redactionsOf(id)).toEqual([
      { id: expect.any(Number), start: 6, end: 11, kind: 'name', source: 'moderator', state: 'accepted', decidedBy: alex.id },
      { id: expect.any(Number), start: 30, end: 35, kind: 'name', source: 'moderator', state: 'accepted', decidedBy: alex.id },
    ]);
    const page = await (await a.get(`/moderate/responses/${id}`)).text();
    expect(page).toContain('I met [name] at the hostel and [name] was kind');
    expect(page).not.toContain('Priya');
    const entries = await auditOf(id, 'redaction.added');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({ actor: alex.id, detail: 'question=change kind=name reason=Her first name' });
    for (const e of entries) expect(e.detail).not.toContain('Priya');
    expect(await versionOf(id)).toBe(2);
  });

  it('keeps proposals applied, and takes the place of a rejected proposal on the same words', async () => {
    await clear();
    const id = await aResponse({
      original: 'Ring Sam on 07700 900123',
      redactions: [
        { start: 12, end: 24, kind: 'phone' },
        { start: 5, end: 8, kind: 'name', state: 'rejected' },
      ],
    });
    expect(await redactedOf(id)).toBe('Ring Sam on [phone]');
    expect((await add(id, { version: '0', words: 'Sam', kind: 'staff', reason: 'Names a key worker' })).status).toBe(303);
    expect(await redactedOf(id)).toBe('Ring [staff] on [phone]');
    expect((await redactionsOf(id)).map((x) => `${x.kind}:${x.source}:${x.state}`)).toEqual(['staff:moderator:accepted', 'phone:proposed:proposed']);
  });

  it('carries every excerpt onto the new text: moved, rewritten, widened over the label, merged when two become one', async () => {
    await clear();
    const original = 'Call Tom on 07700 900123 about the room please';
    const stored = 'Call Tom on [phone] about the room please';
    const at = (words: string) => ({ start: stored.indexOf(words), end: stored.indexOf(words) + words.length });
    const id = await aResponse({
      original,
      redactions: [{ start: 12, end: 24, kind: 'phone' }],
      excerpts: [{ start: 0, end: stored.length }, { ...at('Tom on [phone]'), quote: true }, at('about the room'), at('om on'), at('Tom'), at('To')],
    });
    expect((await add(id, { version: '0', words: 'Tom', kind: 'name', reason: 'A first name' })).status).toBe(303);
    const after = 'Call [name] on [phone] about the room please';
    expect(await redactedOf(id)).toBe(after);
    const excerpts = await excerptsOf(id);
    expect(excerpts.map((e) => e.text)).toEqual([after, '[name]', '[name] on', '[name] on [phone]', 'about the room']);
    for (const e of excerpts) expect(after.slice(e.start, e.end)).toBe(e.text);
    // "Tom" and "To" are both "[name]" now: one excerpt, and their tags (the same theme by the same person) one tag.
    expect(excerpts.find((e) => e.text === '[name]')!.tags).toBe(1);
    expect(excerpts.find((e) => e.text === '[name] on [phone]')!.quote).not.toBeNull();
    expect((await env.DB.prepare('SELECT count(*) AS n FROM tags WHERE response_id = ?').bind(id).first<{ n: number }>())!.n).toBe(5);
    // No excerpt, and so no quote, shows the detail.
    for (const e of excerpts) expect(e.text).not.toContain('Tom');
  });
});

describe('a moderator changes a redaction', () => {
  it('changes its kind, then widens it by its words, rewriting the text and excerpts; audited without the words', async () => {
    await clear();
    const original = 'Priya Shah at Hope House helped me';
    const id = await aResponse({ original, redactions: [{ start: 0, end: 5, kind: 'name' }], excerpts: [{ start: 0, end: '[name] Shah at Hope House helped me'.length }, { start: 0, end: '[name] Shah'.length }] });
    const [r] = await redactionsOf(id);
    expect((await edit(id, { version: '0', redaction: String(r!.id), words: 'Priya', kind: 'staff', reason: 'She is a support worker' })).status).toBe(303);
    expect(await redactedOf(id)).toBe('[staff] Shah at Hope House helped me');
    expect((await edit(id, { version: '1', redaction: String(r!.id), words: 'Priya Shah', kind: 'staff', reason: 'Her full name' })).status).toBe(303);
    expect(await redactedOf(id)).toBe('[staff] at Hope House helped me');
    expect((await excerptsOf(id)).map((e) => e.text)).toEqual(['[staff]', '[staff] at Hope House helped me']);
    expect(await redactionsOf(id)).toEqual([{ id: r!.id, start: 0, end: 10, kind: 'staff', source: 'proposed', state: 'accepted', decidedBy: alex.id }]);
    const entries = await auditOf(id, 'redaction.edited');
    expect(entries.map((e) => e.detail)).toEqual([
      `redaction=${r!.id} question=change kind=staff was=name range=same reason=She is a support worker`,
      `redaction=${r!.id} question=change kind=staff was=staff range=changed reason=Her full name`,
    ]);
    for (const e of entries) expect(e.detail).not.toMatch(/Priya|Shah/);
    // Narrowed again: the excerpt that covered the label gets its words back.
    expect((await edit(id, { version: '2', redaction: String(r!.id), words: 'Priya', kind: 'staff', reason: 'Surname is common enough' })).status).toBe(303);
    expect((await excerptsOf(id)).map((e) => e.text)).toEqual(['[staff] Shah', '[staff] Shah at Hope House helped me']);
  });

  it('offers to change each redaction, with its words and kind filled in', async () => {
    await clear();
    const id = await aResponse({ original: 'I am Priya', redactions: [{ start: 5, end: 10, kind: 'name' }] });
    const [r] = await redactionsOf(id);
    const shown = await (await post(`/moderate/responses/${id}/original`, { version: '0' })).text();
    expect(shown).toContain('Change the [name] redaction');
    expect(shown).toContain(`id="edit-${r!.id}-words" name="words" value="Priya"`);
    expect(shown).toMatch(new RegExp(`id="edit-${r!.id}-kind" name="kind" type="radio" value="name" checked`));
  });
});

describe('refusals', () => {
  it('refuses a change made on a stale page with 409, saves nothing, and keeps what was typed', async () => {
    await clear();
    const id = await aResponse({ original: 'I met Priya at the hostel' });
    expect((await post(`/moderate/responses/${id}/notes`, { version: '0', note: 'first' })).status).toBe(303);
    const stale = await add(id, { version: '0', words: 'Priya', kind: 'name', reason: 'Her name' });
    expect(stale.status).toBe(409);
    const page = await stale.text();
    expect(page).toContain('Someone else changed this response while you had it open');
    expect(page).toContain(`id="add-${QUESTION}-reason" name="reason" value="Her name"`);
    expect(await redactedOf(id)).toBe('I met Priya at the hostel');
    expect(await redactionsOf(id)).toEqual([]);
    expect(await versionOf(id)).toBe(1);
  });

  it('answers 422 with an error summary, keeping what was typed, for words not there, no reason, an unknown kind, a bad occurrence, an overlap, or a reason that repeats the words', async () => {
    await clear();
    const id = await aResponse({ original: 'Priya said Priya was at 12 Cowley Road', redactions: [{ start: 24, end: 38, kind: 'address' }] });
    const cases: [Record<string, string>, string, string][] = [
      [{ words: 'Bob', kind: 'name', reason: 'A name' }, 'words', 'Those words are not in the answer'],
      [{ words: 'priya', kind: 'name', reason: 'A name' }, 'words', 'Those words are not in the answer'],
      [{ words: '  ', kind: 'name', reason: 'A name' }, 'words', 'Type the words to redact'],
      [{ words: 'Priya', kind: 'name', reason: ' ' }, 'reason', 'Say why this is redacted'],
      [{ words: 'Priya', kind: 'nickname', reason: 'A name' }, 'kind', 'Choose what kind of detail this is'],
      [{ words: 'Priya', kind: '', reason: 'A name' }, 'kind', 'Choose what kind of detail this is'],
      [{ words: 'Priya', occurrence: '3', kind: 'name', reason: 'A name' }, 'occurrence', 'Those words appear 2 times in the answer: type a number from 1 to 2'],
      [{ words: 'Priya', occurrence: 'second', kind: 'name', reason: 'A name' }, 'occurrence', 'Type the number of the time the words appear'],
      [{ words: 'Cowley', kind: 'place', reason: 'A street' }, 'words', 'Those words overlap the [address] redaction already there'],
      [{ words: 'Priya', kind: 'name', reason: 'Priya is her name' }, 'reason', 'Say why without repeating the words being redacted'],
    ];
    for (const [fields, field, message] of cases) {
      const res = await add(id, { version: '0', ...fields });
      const label = JSON.stringify(fields);
      expect(res.status, label).toBe(422);
      const page = await res.text();
      expect(page, label).toContain('govuk-error-summary');
      expect(page, label).toContain(`href="#add-${QUESTION}-${field}">${message}`);
      expect(page, label).toContain(`id="add-${QUESTION}-${field}-error"`);
      expect(page, label).toContain(`id="add-${QUESTION}-reason" name="reason" value="${(fields.reason ?? '').replace(/'/g, '&#39;')}"`);
      if (fields.words!.trim()) expect(page, label).toContain(`id="add-${QUESTION}-words" name="words" value="${fields.words}"`);
    }
    expect(await redactedOf(id)).toBe('Priya said Priya was at [address]');
    expect((await redactionsOf(id)).length).toBe(1);
    expect(await versionOf(id)).toBe(0);
    // Re-showing the form shows the original words again, so each is recorded as a view.
    expect((await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'moderation.original-viewed' AND target_id = ?").bind(id).first<{ n: number }>())!.n).toBe(cases.length);
  });

  it('answers 404 for a redaction or question that is not there', async () => {
    await clear();
    const id = await aResponse({ original: 'Fine' });
    expect((await edit(id, { version: '0', redaction: '999999', words: 'Fine', kind: 'name', reason: 'x' })).status).toBe(404);
    expect((await post(`/moderate/responses/${id}/redactions/add`, { version: '0', question: 'accommodation-rating', words: '4', kind: 'other', reason: 'x' })).status).toBe(404);
    expect((await post(`/moderate/responses/${crypto.randomUUID()}/redactions/add`, { version: '0', question: QUESTION, words: 'x', kind: 'other', reason: 'x' })).status).toBe(404);
  });

  it('is for moderators only', async () => {
    await clear();
    const id = await aResponse({ original: 'I met Priya' });
    const commissioner = await signIn(await createStaff('commissioner'));
    expect((await post(`/moderate/responses/${id}/redactions/add`, { version: '0', question: QUESTION, words: 'Priya', kind: 'name', reason: 'x' }, commissioner)).status).toBe(403);
    expect(await redactedOf(id)).toBe('I met Priya');
  });
});

describe('done_at, the retention clock', () => {
  const doneAt = async (id: string) => (await env.DB.prepare('SELECT done_at AS d FROM moderation WHERE response_id = ?').bind(id).first<{ d: number | null }>())!.d;
  const today = () => Date.now() - (Date.now() % DAY);

  it('is set to the day when a response is done or excluded, kept when marked again, cleared when it goes back to review', async () => {
    await clear();
    const id = await aResponse({ original: 'Fine' });
    expect((await post(`/moderate/responses/${id}/status`, { version: '0', status: 'done' })).status).toBe(303);
    expect(await doneAt(id)).toBe(today());
    await env.DB.prepare('UPDATE moderation SET done_at = ? WHERE response_id = ?').bind(today() - 10 * DAY, id).run();
    expect((await post(`/moderate/responses/${id}/status`, { version: '1', status: 'done' })).status).toBe(303);
    expect(await doneAt(id)).toBe(today() - 10 * DAY);
    expect((await post(`/moderate/responses/${id}/status`, { version: '2', status: 'in-review' })).status).toBe(303);
    expect(await doneAt(id)).toBeNull();
    expect((await post(`/moderate/responses/${id}/status`, { version: '3', status: 'excluded', reason: 'Spam' })).status).toBe(303);
    expect(await doneAt(id)).toBe(today());
    // The bulk form says how many it showed; with no filters, that is every response.
    const shown = async () => String((await env.DB.prepare('SELECT count(*) AS n FROM moderation').first<{ n: number }>())!.n);
    expect((await post('/moderate/bulk-status', { new_status: 'new', expected: await shown() })).status).toBe(303);
    expect(await doneAt(id)).toBeNull();
    expect((await post('/moderate/bulk-status', { new_status: 'done', expected: await shown() })).status).toBe(303);
    expect(await doneAt(id)).toBe(today());
  });
});

describe('retention of the original words', () => {
  async function runSchedule() {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
  }
  const today = Date.now() - (Date.now() % DAY);
  const original = 'Ring Priya on 07700 900123 please';
  const fixture = (f: Partial<Fixture>): Fixture => ({
    original,
    redactions: [
      { start: 5, end: 10, kind: 'name', state: 'accepted' },
      { start: 14, end: 26, kind: 'phone' },
    ],
    excerpts: [{ start: 0, end: 'Ring [name] on [phone] please'.length, quote: true }, { start: 0, end: 'Ring [name]'.length }],
    ...f,
  });
  const valueOf = async (id: string) => JSON.parse((await env.DB.prepare('SELECT value FROM answers WHERE response_id = ? AND question_id = ?').bind(id, QUESTION).first<{ value: string }>())!.value);
  const purgedAt = async (id: string) => (await env.DB.prepare('SELECT original_purged_at AS p FROM answer_texts WHERE response_id = ?').bind(id).first<{ p: number | null }>())!.p;

  it('deletes the original words of answers done (or excluded) longer ago than ORIGINAL_TEXT_RETENTION_DAYS, keeping the redacted text, excerpts and tags', async () => {
    await clear();
    const old = await aResponse(fixture({ status: 'done', doneAt: today - 91 * DAY }));
    const excluded = await aResponse(fixture({ status: 'excluded', doneAt: today - 120 * DAY }));
    const recent = await aResponse(fixture({ status: 'done', doneAt: today - 89 * DAY }));
    const fresh = await aResponse(fixture({ status: 'new' }));
    const reopened = await aResponse(fixture({ status: 'in-review', doneAt: today - 200 * DAY }));
    const excerptsBefore = await excerptsOf(old);
    await runSchedule();

    for (const id of [old, excluded]) {
      expect(await valueOf(id)).toBe('Ring [name] on [phone] please');
      expect(await purgedAt(id)).not.toBeNull();
      expect(await redactionsOf(id)).toEqual([]);
      expect(await redactedOf(id)).toBe('Ring [name] on [phone] please');
      // Other answers (a rating) are what the person chose, not words: they stay.
      expect((await env.DB.prepare("SELECT value FROM answers WHERE response_id = ? AND question_id = 'accommodation-rating'").bind(id).first<{ value: string }>())!.value).toBe('"4"');
    }
    expect(await excerptsOf(old)).toEqual(excerptsBefore);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM tags WHERE response_id = ?').bind(old).first<{ n: number }>())!.n).toBe(2);
    for (const id of [recent, fresh, reopened]) {
      expect(await valueOf(id)).toBe(original);
      expect(await purgedAt(id)).toBeNull();
      expect(await redactionsOf(id)).toHaveLength(2);
    }
    // Nothing anywhere still holds the words.
    const everything = await Promise.all(['answers', 'answer_texts', 'excerpts', 'redactions', 'audit_log'].map(async (t) => JSON.stringify((await env.DB.prepare(`SELECT * FROM ${t} WHERE ${t === 'audit_log' ? 'target_id' : 'response_id'} = ?`).bind(old).all()).results)));
    expect(everything.join('\n')).not.toMatch(/Priya|07700/);

    // Running again changes nothing.
    const at = await purgedAt(old);
    await runSchedule();
    expect(await purgedAt(old)).toBe(at);
  });

  it('shows only the redacted text afterwards, with the day the original words were deleted, and no way to show them', async () => {
    await clear();
    const id = await aResponse(fixture({ status: 'done', doneAt: today - 91 * DAY }));
    expect(await (await a.get(`/moderate/responses/${id}`)).text()).toContain('Show original words');
    await runSchedule();
    const page = await (await a.get(`/moderate/responses/${id}`)).text();
    expect(page).toContain('Ring [name] on [phone] please');
    expect(page).toContain(`The original words were deleted on ${new Date().toISOString().slice(0, 10)}`);
    expect(page).not.toContain('Show original words');
    expect(page).not.toContain('Add a redaction');
    const refused = await add(id, { version: '0', words: 'please', kind: 'other', reason: 'Testing' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('The original words of this answer have been deleted');
  });

  it('works through many answers in bounded chunks', async () => {
    await clear();
    const ids = await Promise.all(Array.from({ length: 230 }, () => aResponse({ original: 'Fine thanks', status: 'done', doneAt: today - 100 * DAY })));
    await runSchedule();
    const left = await env.DB.prepare('SELECT count(*) AS n FROM answer_texts WHERE original_purged_at IS NULL').first<{ n: number }>();
    expect(left!.n).toBe(0);
    expect(ids).toHaveLength(230);
  });
});

describe('accepting or rejecting a proposed redaction', () => {
  it('carries every excerpt of the answer, quotes included, onto the new text', async () => {
    await clear();
    const original = 'Ask Dave about the waiting list. It took months.';
    // The proposal for "Dave" was rejected at first, so the quote shows the name.
    const id = await aResponse({ original, redactions: [{ start: 4, end: 8, kind: 'name', state: 'rejected' }], excerpts: [{ start: 0, end: 32, quote: true }] });
    expect((await excerptsOf(id))[0]!.text).toBe('Ask Dave about the waiting list.');
    const [proposal] = await redactionsOf(id);
    const res = await post(`/moderate/responses/${id}/redactions`, { version: String(await versionOf(id)), redaction: String(proposal!.id), decision: 'accepted' });
    expect(res.status).toBe(303);
    expect(await redactedOf(id)).toBe('Ask [name] about the waiting list. It took months.');
    const [quote] = await excerptsOf(id);
    expect(quote).toMatchObject({ text: 'Ask [name] about the waiting list.', start: 0, end: 34, tags: 1 });
    expect(quote!.quote).not.toBeNull();
  });
});

// Last in the file: everything above went through the app's own routes.
describe("the report's roll-up, after everything above", () => {
  it('holds exactly what the raw rows give', async () => {
    await expectRollupMatchesRaw();
  });
});

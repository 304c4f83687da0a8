// Tagging part of an answer: the sentence splitter the form is built from, and a moderator choosing
// sentences (or, with the island, a selection) to make excerpts over the redacted text, with their tags.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { consecutiveRuns, snapToWords, splitSentences } from '../../worker/moderate/excerpts/sentences';
import { createStaff, csrfOf, signIn, type TestStaff } from '../helpers/staff';
import type { Visitor } from '../helpers/visitor';
import { expectRollupMatchesRaw } from '../helpers/rollup';

const texts = (s: string) => splitSentences(s).map((x) => x.text);

describe('the sentence splitter', () => {
  it('ends a sentence at . ! ? and at line breaks, trimming the space around it', () => {
    expect(texts('The hostel was cold. Nobody came!  Why did it take so long?')).toEqual(['The hostel was cold.', 'Nobody came!', 'Why did it take so long?']);
    expect(texts('first line\nsecond line\r\n\r\nthird')).toEqual(['first line', 'second line', 'third']);
    expect(texts('  only one  ')).toEqual(['only one']);
    expect(texts('')).toEqual([]);
    expect(texts(' \n \n')).toEqual([]);
  });

  it('keeps each range an exact slice of the text', () => {
    const text = ' Waited six weeks.\r\nThen [name] rang me back!! Good. ';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(texts(text)).toEqual(['Waited six weeks.', 'Then [name] rang me back!!', 'Good.']);
  });

  it('does not split inside redaction labels, decimals, abbreviations or ellipses', () => {
    expect(texts('I told [name] at [place]. She rang [phone].')).toEqual(['I told [name] at [place].', 'She rang [phone].']);
    expect(texts('[name] was kind. [staff] was not.')).toEqual(['[name] was kind.', '[staff] was not.']);
    expect(texts('Objective 5.6 says so. Dr. [name] agreed, e.g. about rent.')).toEqual(['Objective 5.6 says so.', 'Dr. [name] agreed, e.g. about rent.']);
    expect(texts('I waited... and waited… Then nothing.')).toEqual(['I waited...', 'and waited…', 'Then nothing.']);
    expect(texts('She said "come back tomorrow." I did.')).toEqual(['She said "come back tomorrow."', 'I did.']);
    expect(texts('No. They never called.')).toEqual(['No.', 'They never called.']);
  });

  it('handles Arabic: ؟ ends a sentence, the Arabic comma ، does not', () => {
    expect(texts('لماذا الانتظار طويل؟ الموظفون لطفاء، لكن المكان بارد. شكراً')).toEqual(['لماذا الانتظار طويل؟', 'الموظفون لطفاء، لكن المكان بارد.', 'شكراً']);
    expect(texts('تحدثت مع [name]، وقال لي انتظر؟\nلم يتصل أحد')).toEqual(['تحدثت مع [name]، وقال لي انتظر؟', 'لم يتصل أحد']);
  });

  it('snaps a range to whole words and groups sentences into runs', () => {
    const text = 'Waited six weeks for [name] to call';
    expect(snapToWords(text, 9, 12)).toEqual({ start: 7, end: 16 }); // "ix we" → "six weeks"
    expect(snapToWords(text, 16, 17)).toBeUndefined(); // a space only
    expect(snapToWords(text, 21, 23)).toEqual({ start: 21, end: 27 }); // inside "[name]"
    expect(consecutiveRuns([3, 0, 1, 1, 5, 4])).toEqual([[0, 1], [3, 4, 5]]);
  });
});

let alex: TestStaff;
let a: Visitor;
let objective: string;
let made = 0;

beforeAll(async () => {
  alex = await createStaff('moderator');
  a = await signIn(alex);
  objective = (await env.DB.prepare('SELECT id FROM objectives ORDER BY id LIMIT 1').first<{ id: string }>())!.id;
  await env.DB.prepare("INSERT INTO themes (id, name, definition, example) VALUES ('waiting', 'Waiting and delays', 'd', 'e') ON CONFLICT DO NOTHING").run();
});

/** A response to the festival form whose free-text answer "change" has this redacted text. */
async function aResponse(redacted: string, original = redacted): Promise<string> {
  made += 1;
  const id = crypto.randomUUID();
  const version = await env.DB.prepare("SELECT current_version_id AS v FROM forms WHERE id = 'festival-of-feedback'").first<{ v: string }>();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) VALUES (?, ?, 'online', 'en', ?)").bind(id, version!.v, Date.UTC(2025, 0, 1) + made * 3_600_000),
    env.DB.prepare("INSERT INTO answers (response_id, question_id, value) VALUES (?, 'change', ?)").bind(id, JSON.stringify(original)),
    env.DB.prepare("INSERT INTO moderation (response_id, status, quote_consent, submitted_at) VALUES (?, 'new', 1, ?)").bind(id, Date.UTC(2025, 0, 1)),
    env.DB.prepare("INSERT INTO answer_texts (response_id, question_id, redacted) VALUES (?, 'change', ?)").bind(id, redacted),
  ]);
  return id;
}

async function post(path: string, fields: Record<string, string | string[]>) {
  return a.post(path, { csrf: await csrfOf(a), ...fields });
}

const excerptsOf = async (id: string) =>
  (await env.DB.prepare('SELECT id, start, "end", text FROM excerpts WHERE response_id = ? ORDER BY start').bind(id).all<{ id: number; start: number; end: number; text: string }>()).results;
const tagsOf = async (id: string) =>
  (await env.DB.prepare('SELECT t.excerpt_id AS excerpt, t.objective_id AS o, t.theme_id AS t, t.created_by AS by, t.state, t.round FROM tags t WHERE t.response_id = ? ORDER BY t.id').bind(id).all()).results;

const ANSWER = 'I waited six weeks. Nobody rang [name] back! Then it was sorted? Thanks to [staff].';

describe('tagging part of an answer', () => {
  it('shows each sentence of the redacted answer as a checkbox', async () => {
    const id = await aResponse(ANSWER, 'I waited six weeks. Nobody rang Sam back! Then it was sorted? Thanks to Jo.');
    const page = await (await a.get(`/moderate/responses/${id}`)).text();
    expect(page).toContain('Tag part of this answer');
    const labels = [...page.matchAll(/name="sentence" type="checkbox" value="(\d+)"[^>]*data-start="(\d+)"[^>]*\/?>\s*<label[^>]*>([^<]*)<\/label>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(labels).toEqual([
      ['0', '0', 'I waited six weeks.'],
      ['1', '20', 'Nobody rang [name] back!'],
      ['2', '45', 'Then it was sorted?'],
      ['3', '65', 'Thanks to [staff].'],
    ]);
    expect(page).not.toContain('Sam');
    // The island is a module script from self, on this page only.
    expect(page).toMatch(/<script type="module" src="\/assets\/moderate-[\w-]+\.js"><\/script>/);
  });

  it('makes one excerpt per run of consecutive sentences, with exact ranges and the tags', async () => {
    const id = await aResponse(ANSWER);
    const res = await post(`/moderate/responses/${id}/excerpts`, { version: '0', question: 'change', sentence: ['0', '1', '3'], objective, theme: 'waiting' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/moderate/responses/${id}`);
    const excerpts = await excerptsOf(id);
    expect(excerpts.map(({ start, end, text }) => ({ start, end, text }))).toEqual([
      { start: 0, end: 44, text: 'I waited six weeks. Nobody rang [name] back!' },
      { start: 65, end: ANSWER.length, text: 'Thanks to [staff].' },
    ]);
    for (const e of excerpts) expect(ANSWER.slice(e.start, e.end)).toBe(e.text);
    const tags = await tagsOf(id);
    expect(tags).toEqual(
      excerpts.flatMap((e) => [
        { excerpt: e.id, o: objective, t: null, by: alex.id, state: 'confirmed', round: 'first' },
        { excerpt: e.id, o: null, t: 'waiting', by: alex.id, state: 'confirmed', round: 'first' },
      ]),
    );
    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'moderation.excerpt-tagged' AND target_id = ?").bind(id).first<{ detail: string }>();
    expect(audit!.detail).toBe(`ranges=0-44,65-${ANSWER.length} objective=${objective} theme=waiting`);
    expect(audit!.detail).not.toContain('waited');
    // The page lists each excerpt with its words, its tags and quote approval.
    const page = await (await a.get(`/moderate/responses/${id}`)).text();
    expect(page).toContain('Thanks to [staff].</blockquote>');
    expect(page).toContain('Waiting and delays');
    expect(page.match(/Approve as a quote/g)).toHaveLength(2);
    // The same sentence and code again is the same excerpt and the same tag.
    expect((await post(`/moderate/responses/${id}/excerpts`, { version: '1', question: 'change', sentence: '3', theme: 'waiting' })).status).toBe(303);
    expect(await excerptsOf(id)).toHaveLength(2);
    expect(await tagsOf(id)).toHaveLength(4);
  });

  it("takes the island's selection over sentences, snapped to whole words", async () => {
    const id = await aResponse(ANSWER);
    // "aited six we" → "waited six weeks."
    expect((await post(`/moderate/responses/${id}/excerpts`, { version: '0', question: 'change', start: '3', end: '15', sentence: '3', objective })).status).toBe(303);
    expect((await excerptsOf(id)).map(({ start, end, text }) => ({ start, end, text }))).toEqual([{ start: 2, end: 19, text: 'waited six weeks.' }]);
  });

  it('a sentence run covering the whole answer is the whole-answer excerpt', async () => {
    const id = await aResponse('One. Two.');
    expect((await post(`/moderate/responses/${id}/tags`, { version: '0', question: 'change', objective })).status).toBe(303);
    expect((await post(`/moderate/responses/${id}/excerpts`, { version: '1', question: 'change', sentence: ['0', '1'], theme: 'waiting' })).status).toBe(303);
    expect(await excerptsOf(id)).toHaveLength(1);
    expect(await tagsOf(id)).toHaveLength(2);
  });

  it('refuses nothing chosen, no code, or a sentence that is not there with 422, keeping the choices', async () => {
    const id = await aResponse(ANSWER);
    const nothing = await post(`/moderate/responses/${id}/excerpts`, { version: '0', question: 'change', objective });
    expect(nothing.status).toBe(422);
    const page = await nothing.text();
    expect(page).toContain('<title>Error: ');
    expect(page).toContain('href="#part-change">Choose the part of the answer to tag</a>');
    expect(page).toMatch(new RegExp(`<option value="${objective}" selected`));

    const noCode = await post(`/moderate/responses/${id}/excerpts`, { version: '0', question: 'change', sentence: ['1', '2'] });
    expect(noCode.status).toBe(422);
    const kept = await noCode.text();
    expect(kept).toContain('href="#part-objective-change">Choose an objective or a theme for the part you chose</a>');
    expect(kept).toMatch(/value="1" checked=""|value="1" checked/);
    expect(kept).toMatch(/value="2" checked/);
    expect(kept).not.toMatch(/value="0" checked/);

    expect((await post(`/moderate/responses/${id}/excerpts`, { version: '0', question: 'change', sentence: '9', objective })).status).toBe(422);
    expect((await post(`/moderate/responses/${id}/excerpts`, { version: '0', question: 'change', start: '19', end: '20', objective })).status).toBe(422); // a space only
    expect((await post(`/moderate/responses/${id}/excerpts`, { version: '0', question: 'change', start: '0', end: '999', objective })).status).toBe(422);
    expect((await post(`/moderate/responses/${id}/excerpts`, { version: '0', question: 'change', sentence: 'one', objective })).status).toBe(422);
    expect((await post(`/moderate/responses/${id}/excerpts`, { version: '0', question: 'nope', sentence: '0', objective })).status).toBe(404);
    expect(await excerptsOf(id)).toEqual([]);
  });

  it('refuses a stale page with 409 and saves nothing', async () => {
    const id = await aResponse(ANSWER);
    expect((await post(`/moderate/responses/${id}/status`, { version: '0', status: 'in-review' })).status).toBe(303);
    const stale = await post(`/moderate/responses/${id}/excerpts`, { version: '0', question: 'change', sentence: '0', objective });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Someone else changed this response while you had it open');
    expect(await excerptsOf(id)).toEqual([]);
    expect(await tagsOf(id)).toEqual([]);
  });
});

// Last in the file: everything above went through the app's own routes.
describe("the report's roll-up, after everything above", () => {
  it('holds exactly what the raw rows give', async () => {
    await expectRollupMatchesRaw();
  });
});

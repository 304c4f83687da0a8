// Suggestions (worker/moderate/suggest/): ranking from the objectives' own words and vocabulary, the
// words that matched, learning from confirmed tags and turned-down suggestions (kept in D1 by triggers
// and learn.ts), and the suggestions on the response page, taken and turned down over HTTP.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { database } from '../../worker/db/client';
import { mergeTheme } from '../../worker/moderate/codebook/queries';
import { learnPending } from '../../worker/moderate/suggest/learn';
import { buildIndex, learnFrom, suggest } from '../../worker/moderate/suggest/model';
import { forgetSuggestionIndexes, indexesFor, suggestionsFor } from '../../worker/moderate/suggest/queries';
import { termsOf } from '../../worker/moderate/suggest/terms';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import type { Visitor } from '../helpers/visitor';

const FW = 'oxfordshire-countywide';
const obj = (code: string) => `${FW}:${code}`;
const codes = (xs: { id: string }[]) => xs.map((x) => x.id.replace(`${FW}:`, ''));

let n = 0;
/** A festival response with one free-text answer ('change'), queued for moderation. */
async function aResponse(text: string): Promise<string> {
  n += 1;
  const id = `suggest-${n}-${crypto.randomUUID()}`;
  const version = (await env.DB.prepare("SELECT current_version_id AS v FROM forms WHERE id = 'festival-of-feedback'").first<{ v: string }>())!.v;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) VALUES (?, ?, 'online', 'en', ?)").bind(id, version, Date.UTC(2026, 4, 1)),
    env.DB.prepare("INSERT INTO answers (response_id, question_id, value) VALUES (?, 'change', ?)").bind(id, JSON.stringify(text)),
    env.DB.prepare("INSERT INTO moderation (response_id, status, submitted_at) VALUES (?, 'in-review', ?)").bind(id, Date.UTC(2026, 4, 1)),
    env.DB.prepare("INSERT INTO answer_texts (response_id, question_id, redacted) VALUES (?, 'change', ?)").bind(id, text),
  ]);
  return id;
}

/** Tags a whole answer straight in D1, as the seeds and imports do (learning catches up from the queue). */
async function tagInD1(id: string, text: string, objective: string, state: 'confirmed' | 'rejected' = 'confirmed') {
  const excerpt = await env.DB.prepare("INSERT INTO excerpts (response_id, question_id, start, \"end\", text, created_by, created_at) VALUES (?, 'change', 0, ?, ?, 't', 0) ON CONFLICT DO UPDATE SET text = text RETURNING id")
    .bind(id, text.length, text)
    .first<{ id: number }>();
  await env.DB.prepare("INSERT INTO tags (excerpt_id, response_id, objective_id, created_by, created_at, source, state) VALUES (?, ?, ?, 't', 0, 'suggestion', ?)").bind(excerpt!.id, id, objective, state).run();
}

const rankOf = (list: { id: string }[], id: string) => list.findIndex((s) => s.id === id) + 1 || Infinity;

async function learnAll() {
  while ((await learnPending(env.DB, 200)) > 0);
}

describe('suggestions from the objectives’ own words', () => {
  it('puts 5.5 first for a statement about the Festival of Feedback, and says which words matched', async () => {
    const { objectives } = await indexesFor(env.DB, FW);
    const top = suggest(objectives, 'The Festival of Feedback was the first time anyone asked what we thought');
    expect(codes(top)[0]).toBe('5.5');
    expect(top.length).toBe(5);
    expect(top[0]!.matches.map((m) => m.words.toLowerCase())).toContain('festival of feedback');
    expect(top[0]!.label).toMatch(/^5\.5 – Amplify the voices/);
  });

  it('ranks on plain words people use: prison release, telling my story again, the waiting list', async () => {
    const { objectives } = await indexesFor(env.DB, FW);
    expect(codes(suggest(objectives, 'they let me out of prison with nowhere to go')).slice(0, 1)).toEqual(['5.4']);
    expect(codes(suggest(objectives, 'my support worker keeps changing and I have to tell my story again')).slice(0, 1)).toEqual(['5.3']);
    expect(codes(suggest(objectives, 'i want to work but the rent is too high')).slice(0, 1)).toEqual(['4.7']);
  });

  it('suggests nothing for words that match nothing, and never a subject it is told to leave out', async () => {
    const { objectives } = await indexesFor(env.DB, FW);
    expect(suggest(objectives, 'the of and')).toEqual([]);
    const top = suggest(objectives, 'Festival of Feedback', undefined, { exclude: new Set([obj('5.5')]) });
    expect(codes(top)).not.toContain('5.5');
  });

  it('reads words as triage does: contractions, casual spellings, stems and neighbouring pairs', () => {
    const terms = termsOf("I'm on the waiting lists, can't get a housing officer").map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(['wait', 'list', 'wait list', 'hous', 'offic', 'hous offic']));
    expect(terms).not.toContain('the');
  });
});

describe('learning from moderators', () => {
  it('moves an objective up for a new statement once its phrase has been confirmed on it, in D1 as in memory', async () => {
    const statement = 'The Blue Door project gave me a reason to get up';
    const before = (await suggestionsFor(env.DB, FW, [{ key: 'x', text: statement, exclude: new Set() }])).get('x')!.objectives;
    const target = obj('4.7');
    expect(rankOf(before, target)).toBeGreaterThan(1);
    for (const text of ['Blue Door project got me volunteering in the cafe', 'I go to the Blue Door project twice a week now', 'blue door project helped with my CV']) {
      await tagInD1(await aResponse(text), text, target);
    }
    const after = (await suggestionsFor(env.DB, FW, [{ key: 'x', text: statement, exclude: new Set() }])).get('x')!.objectives;
    expect(rankOf(after, target)).toBe(1);
    expect(after[0]!.matches.some((m) => m.source === 'learned' && /blue door/i.test(m.words))).toBe(true);
    // The same in memory, as the command and the bench learn.
    const { objectives } = await indexesFor(env.DB, FW);
    const learned = learnFrom(['Blue Door project got me volunteering in the cafe', 'I go to the Blue Door project twice a week now', 'blue door project helped with my CV'].map((text) => ({ subject: target, text, state: 'confirmed' as const })));
    expect(rankOf(suggest(objectives, statement, learned), target)).toBe(1);
  });

  it('counts a turned-down suggestion against its objective for similar words', async () => {
    const statement = 'no choice of hostel, it was take it or leave it';
    const { objectives } = await indexesFor(env.DB, FW);
    const before = suggest(objectives, statement);
    const first = before[0]!.id;
    const learned = learnFrom([1, 2, 3, 4].map((k) => ({ subject: first, text: `no choice of hostel, take it or leave it ${k}`, state: 'rejected' as const })));
    const after = suggest(objectives, statement, learned);
    expect(after.find((s) => s.id === first)?.score ?? 0).toBeLessThan(before[0]!.score);
    expect(rankOf(after, first)).toBeGreaterThan(1);
  });

  it('keeps its counts right through untagging, a changed state, a merge, a rewritten excerpt and a withdrawal', async () => {
    await env.DB.prepare("INSERT OR IGNORE INTO themes (id, name, definition, example) VALUES ('learn-a', 'A', 'd', 'e'), ('learn-b', 'B', 'd', 'e')").run();
    const id = await aResponse('Sofa surfing at my cousin’s flat for months');
    await tagInD1(id, 'Sofa surfing at my cousin’s flat for months', obj('3.3'));
    const excerpt = (await env.DB.prepare('SELECT id FROM excerpts WHERE response_id = ?').bind(id).first<{ id: number }>())!.id;
    await env.DB.prepare("INSERT INTO tags (excerpt_id, response_id, theme_id, created_by, created_at) VALUES (?, ?, 'learn-a', 't', 0)").bind(excerpt, id).run();
    const expectCountsFromExamples = async () => {
      await learnAll();
      const examples = (await env.DB.prepare('SELECT subject, state, terms FROM suggestion_examples').all<{ subject: string; state: string; terms: string }>()).results;
      const want = new Map<string, { confirmed: number; rejected: number }>();
      for (const e of examples) {
        for (const term of JSON.parse(e.terms) as string[]) {
          const k = `${term}|${e.subject}`;
          const c = want.get(k) ?? { confirmed: 0, rejected: 0 };
          if (e.state === 'confirmed') c.confirmed += 1;
          else c.rejected += 1;
          want.set(k, c);
        }
      }
      const have = (await env.DB.prepare('SELECT term, subject, confirmed, rejected FROM suggestion_terms').all<{ term: string; subject: string; confirmed: number; rejected: number }>()).results;
      expect(new Map(have.map((h) => [`${h.term}|${h.subject}`, { confirmed: h.confirmed, rejected: h.rejected }]))).toEqual(want);
      // And every tag with a subject is learned once, with its own state.
      const tags = (await env.DB.prepare('SELECT t.id, COALESCE(t.objective_id, t.theme_id) AS subject, t.state, x.subject AS learned, x.state AS learnedState FROM tags t LEFT JOIN suggestion_examples x ON x.tag_id = t.id').all<{ subject: string; state: string; learned: string; learnedState: string }>()).results;
      for (const t of tags) expect({ subject: t.learned, state: t.learnedState }).toEqual({ subject: t.subject, state: t.state });
    };
    await expectCountsFromExamples();
    expect((await env.DB.prepare("SELECT confirmed FROM suggestion_terms WHERE term = 'sofa surf' AND subject = ?").bind(obj('3.3')).first<{ confirmed: number }>())?.confirmed).toBeGreaterThanOrEqual(1);
    await env.DB.prepare("UPDATE tags SET state = 'rejected' WHERE response_id = ? AND objective_id IS NOT NULL").bind(id).run();
    await expectCountsFromExamples();
    await mergeTheme(database(env.DB), 'learn-a', 'learn-b', 'test');
    await expectCountsFromExamples();
    await env.DB.prepare("UPDATE excerpts SET text = 'Sofa surfing at [name]’s flat for months' WHERE id = ?").bind(excerpt).run();
    await expectCountsFromExamples();
    expect((await env.DB.prepare("SELECT count(*) AS n FROM suggestion_examples WHERE terms LIKE '%cousin%'").first<{ n: number }>())!.n).toBe(0);
    await env.DB.prepare('DELETE FROM tags WHERE response_id = ? AND theme_id IS NOT NULL').bind(id).run();
    await expectCountsFromExamples();
    await env.DB.prepare('DELETE FROM responses WHERE id = ?').bind(id).run();
    await expectCountsFromExamples();
    expect((await env.DB.prepare("SELECT count(*) AS n FROM suggestion_terms WHERE term LIKE 'sofa%'").first<{ n: number }>())!.n).toBe(0);
  });
});

describe('suggestions on the response page', () => {
  let v: Visitor;
  beforeAll(async () => {
    v = await signIn(await createStaff('moderator'));
    forgetSuggestionIndexes();
  });
  const post = async (path: string, fields: Record<string, string>) => v.post(path, { csrf: await csrfOf(v), ...fields });
  const version = async (id: string) => String((await env.DB.prepare('SELECT version AS v FROM moderation WHERE response_id = ?').bind(id).first<{ v: number }>())!.v);

  it('shows numbered suggestions with their words, takes one as a tag from a suggestion, and remembers one turned down', async () => {
    const id = await aResponse('Went to the Festival of Feedback and for once someone listened to us about the hostel');
    const page = await (await v.get(`/moderate/responses/${id}`)).text();
    expect(page).toContain('Suggested for this answer');
    expect(page).toMatch(/data-suggestion="1"[^>]*>[\s\S]*?Tag: 5\.5 – Amplify/);
    expect(page).toContain('<mark class="heard-suggestion__word">Festival of Feedback</mark>');
    expect((await post(`/moderate/responses/${id}/tags`, { version: await version(id), question: 'change', objective: obj('5.5'), source: 'suggestion' })).status).toBe(303);
    const tag = await env.DB.prepare('SELECT source, state, round FROM tags WHERE response_id = ? AND objective_id = ?').bind(id, obj('5.5')).first();
    expect(tag).toEqual({ source: 'suggestion', state: 'confirmed', round: 'first' });
    const second = (await (await v.get(`/moderate/responses/${id}`)).text()).match(/data-suggestion="1"[^>]*>[\s\S]*?Tag: ([\d.]+) –/)![1]!;
    expect(second).not.toBe('5.5');
    expect((await post(`/moderate/responses/${id}/suggestions/reject`, { version: await version(id), question: 'change', objective: obj(second) })).status).toBe(303);
    const rejected = await env.DB.prepare("SELECT source, state FROM tags WHERE response_id = ? AND objective_id = ?").bind(id, obj(second)).first();
    expect(rejected).toEqual({ source: 'suggestion', state: 'rejected' });
    const after = await (await v.get(`/moderate/responses/${id}`)).text();
    expect(after).not.toContain(`Tag: ${second} –`);
    // Not listed as a tag, and not counted by reports.
    expect(after).not.toMatch(new RegExp(`<strong class="govuk-tag">${second.replace('.', '\\.')} –`));
    expect((await env.DB.prepare("SELECT count(*) AS n FROM report_facts WHERE response_id = ? AND subject = ?").bind(id, obj(second)).first<{ n: number }>())!.n).toBe(0);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'moderation.suggestion-rejected' AND target_id = ?").bind(id).first<{ n: number }>())!.n).toBe(1);
    // Taking it after all replaces the turning-down.
    expect((await post(`/moderate/responses/${id}/tags`, { version: await version(id), question: 'change', objective: obj(second), source: 'suggestion' })).status).toBe(303);
    expect((await env.DB.prepare('SELECT state FROM tags WHERE response_id = ? AND objective_id = ?').bind(id, obj(second)).all()).results).toEqual([{ state: 'confirmed' }]);
  });

  it('suggests from the framework asked for', async () => {
    const id = await aResponse('Someone should improve safety at the rough sleeping hotspots');
    const page = await (await v.get(`/moderate/responses/${id}?framework=city-of-london-2023-27`)).text();
    expect(page).toMatch(/<option value="city-of-london-2023-27" selected/);
    expect(page).toMatch(/data-suggestion="1"[^>]*>[\s\S]*?Tag: P1-1 – Improve safety/);
  });

  it('refuses a turning-down it cannot read, or of something not in the codebook, in plain words', async () => {
    const id = await aResponse('Festival of Feedback');
    expect((await post(`/moderate/responses/${id}/suggestions/reject`, { version: await version(id), question: 'change', objective: 'no-such:objective' })).status).toBe(422);
    expect((await post(`/moderate/responses/${id}/suggestions/reject`, { version: await version(id), question: 'no-such-question', objective: obj('5.5') })).status).toBe(404);
    expect((await post(`/moderate/responses/${id}/suggestions/reject`, { version: 'x' })).status).toBe(422);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM tags WHERE response_id = ?").bind(id).first<{ n: number }>())!.n).toBe(0);
  });
});

describe('the model, on its own', () => {
  it('is built from any documents and explains every point of a score', () => {
    const index = buildIndex([
      { id: 'a', label: 'A', text: ['Dogs and cats in the hostel'], vocabulary: ['pets'] },
      { id: 'b', label: 'B', text: ['Jobs and training'], vocabulary: ['work'] },
    ]);
    const [top] = suggest(index, 'can I bring my pets');
    expect(top).toMatchObject({ id: 'a', matches: [{ words: 'pets', source: 'vocabulary' }] });
    expect(top!.score).toBeCloseTo(top!.matches.reduce((a, m) => a + m.weight, 0));
  });
});

describe('the labelled statements (tests/fixtures/suggest/statements.json)', () => {
  it('has at least 150 statements with real countywide codes, at least 50 with real themes, and every objective first at least 3 times', async () => {
    const { default: statements } = await import('../fixtures/suggest/statements.json');
    const codes = new Set((await env.DB.prepare('SELECT code FROM objectives WHERE framework_id = ?').bind(FW).all<{ code: string }>()).results.map((o) => o.code));
    const themes = new Set((await env.DB.prepare('SELECT id FROM themes').all<{ id: string }>()).results.map((t) => t.id));
    expect(statements.length).toBeGreaterThanOrEqual(150);
    expect(statements.filter((s: { themes?: string[] }) => s.themes?.length).length).toBeGreaterThanOrEqual(50);
    for (const s of statements as { text: string; objectives: string[]; themes?: string[] }[]) {
      expect(s.text.trim().length).toBeGreaterThan(0);
      expect(s.objectives.length).toBeGreaterThan(0);
      for (const c of s.objectives) expect(codes.has(c), c).toBe(true);
      for (const t of s.themes ?? []) expect(themes.has(t), t).toBe(true);
    }
    for (const c of codes) expect((statements as { objectives: string[] }[]).filter((s) => s.objectives[0] === c).length, c).toBeGreaterThanOrEqual(3);
  });
});

// Reads what suggestions need from D1: a framework's objectives (their words and vocabulary) and the
// codebook's themes as documents, kept a minute per isolate like the other moderation lists; and, per
// text, only the learned counts of that text's terms.
import type { Database } from '../../db/client';
import { learnPending } from './learn';
import { buildIndex, suggest, type Learned, type Suggestion, type TextIndex } from './model';
import { termsOf } from './terms';

type D1 = Database['$client'];

export interface Indexes {
  objectives: TextIndex;
  themes: TextIndex;
}

const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; indexes: Indexes }>();

/** Forget the cached documents (after the codebook or a vocabulary changes). */
export function forgetSuggestionIndexes() {
  cache.clear();
}

export async function indexesFor(d1: D1, frameworkId: string, now = Date.now()): Promise<Indexes> {
  const hit = cache.get(frameworkId);
  if (hit && now - hit.at < CACHE_MS) return hit.indexes;
  const [objectives, themes] = await d1.batch([
    d1.prepare('SELECT id, code, section, text, deliverables, vocabulary FROM objectives WHERE framework_id = ? ORDER BY position').bind(frameworkId),
    d1.prepare('SELECT t.id, t.name, t.definition, t.example, p.name AS parent FROM themes t LEFT JOIN themes p ON p.id = t.parent_id WHERE t.merged_into IS NULL ORDER BY t.id'),
  ]);
  type O = { id: string; code: string; section: string; text: string; deliverables: string; vocabulary: string };
  type T = { id: string; name: string; definition: string; example: string; parent: string | null };
  const indexes = {
    objectives: buildIndex(
      (objectives!.results as O[]).map((o) => ({ id: o.id, label: `${o.code} – ${o.text}`, text: [o.text, o.section, ...(JSON.parse(o.deliverables) as string[])], vocabulary: JSON.parse(o.vocabulary) as string[] })),
    ),
    themes: buildIndex((themes!.results as T[]).map((t) => ({ id: t.id, label: t.parent ? `${t.parent} › ${t.name}` : t.name, text: [t.definition, t.example], vocabulary: [t.name] }))),
  };
  cache.set(frameworkId, { at: now, indexes });
  return indexes;
}

const BINDS = 90;

interface Taught {
  subjects: { subject: string; length: number }[];
  rows: { term: string; subject: string; confirmed: number; rejected: number }[];
  /** Tags are waiting to be learned. */
  pending: boolean;
}

/** What moderators taught about these terms, in one batch (one round trip), and whether tags wait to be learned. */
async function taughtAbout(d1: D1, terms: string[]): Promise<Taught> {
  const unique = [...new Set(terms)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += BINDS) chunks.push(unique.slice(i, i + BINDS));
  const [pending, subjects, ...rows] = await d1.batch([
    d1.prepare('SELECT EXISTS (SELECT 1 FROM suggestion_pending) AS pending'),
    d1.prepare('SELECT subject, length FROM suggestion_subjects'),
    ...chunks.map((c) => d1.prepare(`SELECT term, subject, confirmed, rejected FROM suggestion_terms WHERE term IN (${c.map(() => '?').join(', ')})`).bind(...c)),
  ]);
  return {
    pending: (pending!.results[0] as { pending: number } | undefined)?.pending === 1,
    subjects: subjects!.results as Taught['subjects'],
    rows: rows.flatMap((x) => x.results as Taught['rows']),
  };
}

/** The part of what was taught that concerns one index's subjects. */
export function learnedFor(taught: Pick<Taught, 'subjects' | 'rows'>, index: TextIndex): Learned {
  const learned: Learned = { counts: new Map(), lengths: new Map(), df: new Map() };
  for (const s of taught.subjects) if (index.docs.has(s.subject)) learned.lengths.set(s.subject, s.length);
  for (const r of taught.rows) {
    if (!index.docs.has(r.subject)) continue;
    let bySubject = learned.counts.get(r.subject);
    if (!bySubject) learned.counts.set(r.subject, (bySubject = new Map()));
    bySubject.set(r.term, { confirmed: r.confirmed, rejected: r.rejected });
    if (r.confirmed > 0) learned.df.set(r.term, (learned.df.get(r.term) ?? 0) + 1);
  }
  return learned;
}

export interface SuggestionsFor {
  objectives: Suggestion[];
  themes: Suggestion[];
}

/**
 * The top five objectives of a framework and top three themes for each text, learning queued tags
 * first when there are any. `exclude` per text: subjects already tagged there, or rejected there.
 */
export async function suggestionsFor(d1: D1, frameworkId: string, texts: { key: string; text: string; exclude: Set<string> }[]): Promise<Map<string, SuggestionsFor>> {
  const indexes = await indexesFor(d1, frameworkId);
  const terms = texts.flatMap((t) => termsOf(t.text).map((x) => x.term));
  let taught = await taughtAbout(d1, terms);
  // A tag made a moment ago is learned before it is used (a bulk load waits for the scheduled handler's chunks).
  if (taught.pending) {
    await learnPending(d1);
    taught = await taughtAbout(d1, terms);
  }
  const objectives = learnedFor(taught, indexes.objectives);
  const themes = learnedFor(taught, indexes.themes);
  return new Map(
    texts.map((t) => [
      t.key,
      { objectives: suggest(indexes.objectives, t.text, objectives, { exclude: t.exclude }), themes: suggest(indexes.themes, t.text, themes, { limit: 3, exclude: t.exclude }) },
    ]),
  );
}

export interface PageSuggestions {
  framework: { id: string; name: string };
  frameworks: { id: string; name: string }[];
  byQuestion: Map<string, SuggestionsFor>;
}

const PREFERRED = 'oxfordshire-countywide';

/**
 * Suggestions for every redacted answer of a response, from the framework asked for (or the
 * countywide strategy, or the first): never a subject already tagged on that answer, nor one turned down there.
 */
export async function pageSuggestions(d1: D1, responseId: string, texts: Record<string, { redacted: string }>, asked?: string): Promise<PageSuggestions | undefined> {
  const [frameworks, used] = await d1.batch([
    d1.prepare('SELECT id, name FROM frameworks ORDER BY name'),
    d1.prepare('SELECT e.question_id AS question, COALESCE(t.objective_id, t.theme_id) AS subject FROM tags t JOIN excerpts e ON e.id = t.excerpt_id WHERE t.response_id = ?').bind(responseId),
  ]);
  const list = frameworks!.results as { id: string; name: string }[];
  const framework = list.find((f) => f.id === asked) ?? list.find((f) => f.id === PREFERRED) ?? list[0];
  if (!framework) return undefined;
  const exclude = new Map<string, Set<string>>();
  for (const u of used!.results as { question: string; subject: string | null }[]) if (u.subject) exclude.set(u.question, (exclude.get(u.question) ?? new Set()).add(u.subject));
  const wanted = Object.entries(texts)
    .filter(([, t]) => t.redacted.trim() !== '')
    .map(([key, t]) => ({ key, text: t.redacted, exclude: exclude.get(key) ?? new Set<string>() }));
  return { framework, frameworks: list, byQuestion: await suggestionsFor(d1, framework.id, wanted) };
}

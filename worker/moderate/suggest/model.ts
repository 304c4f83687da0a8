// Suggestions: which objectives (and themes) a piece of text is most likely about, and why. A weighted
// bag of words, small enough to explain: each subject (an objective of a framework, or a theme) is a
// document of terms (terms.ts) from its own words (objective text, deliverables, section; a theme's name,
// definition and example) and the plain words people use for it (the vocabulary, weighted up), scored
// with BM25; plus what moderators taught it, kept as counts per subject and term (learned from confirmed
// tags, minus rejected suggestions), scored the same way. Every point of a score comes from a term of
// the text, so every suggestion can show the words that earned it. Pure: the Worker, the
// `npm run suggest` command and the bench all call these functions.
import { termCounts, termsOf } from './terms';

export type MatchSource = 'own words' | 'vocabulary' | 'learned';

export interface SubjectText {
  id: string;
  /** What a moderator sees: an objective's code and text, or a theme's name. */
  label: string;
  /** Its own words. */
  text: string[];
  /** The plain words people use for it: counted twice. */
  vocabulary: string[];
}

interface Doc {
  tf: Map<string, { n: number; vocabulary: boolean }>;
  length: number;
}

export interface TextIndex {
  subjects: Map<string, SubjectText>;
  docs: Map<string, Doc>;
  df: Map<string, number>;
  averageLength: number;
}

const VOCABULARY_WEIGHT = 2;
const K1 = 1.2;
const B = 0.75;

export function buildIndex(subjects: SubjectText[]): TextIndex {
  const docs = new Map<string, Doc>();
  const df = new Map<string, number>();
  for (const s of subjects) {
    const tf = new Map<string, { n: number; vocabulary: boolean }>();
    const add = (text: string, weight: number, vocabulary: boolean) => {
      for (const [term, n] of termCounts(text)) {
        const have = tf.get(term);
        tf.set(term, { n: (have?.n ?? 0) + n * weight, vocabulary: (have?.vocabulary ?? false) || vocabulary });
      }
    };
    for (const t of s.text) add(t, 1, false);
    for (const v of s.vocabulary) add(v, VOCABULARY_WEIGHT, true);
    let length = 0;
    for (const [term, { n }] of tf) {
      length += n;
      df.set(term, (df.get(term) ?? 0) + 1);
    }
    docs.set(s.id, { tf, length });
  }
  const averageLength = docs.size ? [...docs.values()].reduce((a, d) => a + d.length, 0) / docs.size : 1;
  return { subjects: new Map(subjects.map((s) => [s.id, s])), docs, df, averageLength: averageLength || 1 };
}

/** What moderators taught, for the terms of one text (or all): counts per subject and term. */
export interface Learned {
  /** subject → term → times seen in a confirmed tag's text, and in a rejected suggestion's. */
  counts: Map<string, Map<string, { confirmed: number; rejected: number }>>;
  /** subject → how many terms its confirmed examples hold in all (its learned document's length). */
  lengths: Map<string, number>;
  /** term → how many subjects have it confirmed at least once. */
  df: Map<string, number>;
}

export const noLearning = (): Learned => ({ counts: new Map(), lengths: new Map(), df: new Map() });

const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
const saturate = (tf: number, length: number, average: number) => (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / average));

export interface Match {
  /** The words of the text, as written. */
  words: string;
  start: number;
  end: number;
  source: MatchSource;
  weight: number;
}

export interface Suggestion {
  id: string;
  label: string;
  score: number;
  /** The words that earned it, strongest first. */
  matches: Match[];
}

export interface SuggestOptions {
  limit?: number;
  /** Subjects never to suggest here (already tagged, or rejected for this text). */
  exclude?: Set<string>;
}

/** The top subjects for a text, each with the words that matched; nothing for a text with no matching word. */
export function suggest(index: TextIndex, text: string, learned: Learned = noLearning(), options: SuggestOptions = {}): Suggestion[] {
  const limit = options.limit ?? 5;
  const first = new Map<string, { start: number; end: number }>();
  for (const t of termsOf(text)) if (!first.has(t.term)) first.set(t.term, { start: t.start, end: t.end });
  const n = index.docs.size;
  const learnedLengths = [...learned.lengths.values()];
  const learnedAverage = learnedLengths.length ? learnedLengths.reduce((a, b) => a + b, 0) / learnedLengths.length : 1;
  const out: Suggestion[] = [];
  for (const [id, doc] of index.docs) {
    if (options.exclude?.has(id)) continue;
    const parts: { term: string; source: MatchSource; weight: number }[] = [];
    const taught = learned.counts.get(id);
    const taughtLength = learned.lengths.get(id) ?? 0;
    for (const term of first.keys()) {
      const own = doc.tf.get(term);
      if (own) parts.push({ term, source: own.vocabulary ? 'vocabulary' : 'own words', weight: idf(n, index.df.get(term) ?? 0) * saturate(own.n, doc.length, index.averageLength) });
      const c = taught?.get(term);
      if (c) {
        const termIdf = idf(n, learned.df.get(term) ?? 0);
        const weight = (c.confirmed > 0 ? termIdf * saturate(c.confirmed, taughtLength, learnedAverage || 1) : 0) - (c.rejected > 0 ? termIdf * saturate(c.rejected, taughtLength, learnedAverage || 1) : 0);
        if (weight !== 0) parts.push({ term, source: 'learned', weight });
      }
    }
    const score = parts.reduce((a, p) => a + p.weight, 0);
    if (score <= 0) continue;
    const matches = parts
      .filter((p) => p.weight > 0)
      .sort((a, b) => b.weight - a.weight)
      .map((p) => {
        const at = first.get(p.term)!;
        return { words: text.slice(at.start, at.end), start: at.start, end: at.end, source: p.source, weight: p.weight };
      });
    out.push({ id, label: index.subjects.get(id)!.label, score, matches });
  }
  return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
}

/** A learned store built in memory from examples (the command and the bench; the Worker keeps the same counts in D1). */
export function learnFrom(examples: { subject: string; text: string; state: 'confirmed' | 'rejected' }[]): Learned {
  const learned = noLearning();
  for (const e of examples) {
    let bySubject = learned.counts.get(e.subject);
    if (!bySubject) learned.counts.set(e.subject, (bySubject = new Map()));
    for (const term of termCounts(e.text).keys()) {
      const c = bySubject.get(term) ?? { confirmed: 0, rejected: 0 };
      if (e.state === 'confirmed') {
        if (c.confirmed === 0) learned.df.set(term, (learned.df.get(term) ?? 0) + 1);
        c.confirmed += 1;
        learned.lengths.set(e.subject, (learned.lengths.get(e.subject) ?? 0) + 1);
      } else c.rejected += 1;
      bySubject.set(term, c);
    }
  }
  return learned;
}

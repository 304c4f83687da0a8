// What a suggestion matches on: a text's words, normalised as triage reads them (words.ts: case,
// contractions, casual spellings), stemmed (Porter, the `stemmer` package), with everyday words left
// out, plus each pair of neighbouring words in one clause as a phrase ("wait list", "hous offic").
// Every term keeps where it was written, so a suggestion can show the words that matched.
import { stemmer } from 'stemmer';
import { words } from '../words';

// Words that say nothing about which objective a statement is about.
const STOP = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further ' +
    'had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were ' +
    'what when where which while who whom why will with would you your yours yourself yourselves get got getting go going gone went really also still even ever much many lot lots thing ' +
    'things like just yeah ok okay oh im ive id one two well way make made know knew say said tell told think thought want wanted need needed feel felt come came take took give gave ' +
    'us let let’s bit kind sort every everything something anything nothing someone anyone everyone time times day days week weeks'
  ).split(' '),
);
// Kept although short or common: they carry the meaning of several objectives.
const KEEP = new Set(['gp', 'nhs', 'job', 'pay', 'rent', 'ill', 'gap']);

export interface Term {
  term: string;
  start: number;
  end: number;
}

export function stem(word: string): string {
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

/** The terms of a text, in order: stems of its content words, then each neighbouring pair in a clause. */
export function termsOf(text: string): Term[] {
  const out: Term[] = [];
  const content: (Term & { clause: number })[] = [];
  for (const w of words(text)) {
    const plain = w.forms[0];
    if (plain === undefined || /^\d+$/.test(plain)) continue;
    if ((STOP.has(plain) || plain.length < 3) && !KEEP.has(plain)) continue;
    content.push({ term: stem(plain), start: w.start, end: w.end, clause: w.clause });
  }
  for (const c of content) out.push({ term: c.term, start: c.start, end: c.end });
  for (let i = 1; i < content.length; i++) {
    const a = content[i - 1]!;
    const b = content[i]!;
    if (a.clause === b.clause && a.term !== b.term) out.push({ term: `${a.term} ${b.term}`, start: a.start, end: b.end });
  }
  return out;
}

/** Each term of a text once, with how often it occurs. */
export function termCounts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of termsOf(text)) out.set(t.term, (out.get(t.term) ?? 0) + 1);
  return out;
}

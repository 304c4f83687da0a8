// Sentences and words of a redacted answer, as ranges over that text, so an excerpt made from them
// is an exact slice. Pure and shared: the Worker renders the sentences as checkboxes, and the
// moderation island (web/islands/) snaps a selection to the same words.

export interface Span {
  start: number;
  end: number;
  text: string;
}

// Full stop, ! and ?, the ellipsis, and Arabic's question mark (؟) and full stop (۔). The Arabic
// comma (،) and semicolon (؛) join clauses, so they never end a sentence.
const TERMINATOR = /[.!?\u2026\u061F\u06D4]/;
// What may follow a terminator and still belong to its sentence: more terminators, closing quotes
// and brackets (but not a redaction label's "]", which only follows a word).
const TRAILER = /[.!?\u2026\u061F\u06D4"'\u201D\u2019)\u00BB]/;
// Short words whose full stop does not end a sentence ("Dr. [name] was kind").
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'e.g', 'i.e', 'etc', 'approx', 'dept']);

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

/** The word just before `at` (letters, digits and dots), lower-cased, for the abbreviation check. */
function wordBefore(text: string, at: number): string {
  let i = at;
  while (i > 0 && /[\p{L}\p{N}.]/u.test(text[i - 1]!)) i--;
  return text.slice(i, at).toLowerCase();
}

/**
 * Splits `text` into sentences: a sentence ends at a terminator followed by white space (or the end),
 * and at every line break. Each sentence is trimmed of surrounding white space; empty ones are dropped.
 * A decimal ("5.6"), a redaction label ("[name]") or an abbreviation ("Dr.") never splits.
 */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  const push = (from: number, to: number) => {
    let s = from;
    let e = to;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
  };
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r') {
      push(from, i);
      from = i + 1;
      i += 1;
      continue;
    }
    if (TERMINATOR.test(ch)) {
      let end = i + 1;
      while (end < text.length && TRAILER.test(text[end]!)) end++;
      const last = end >= text.length || isSpace(text[end]);
      const abbreviation = ch === '.' && end === i + 1 && ABBREVIATIONS.has(wordBefore(text, i));
      if (last && !abbreviation) {
        push(from, end);
        from = end;
      }
      i = end;
      continue;
    }
    i += 1;
  }
  push(from, text.length);
  return out;
}

/** The words of `text` (anything between white space, so "[name]," is one word), as ranges. */
export function splitWords(text: string): Span[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

/**
 * A range widened to whole words: a start inside a word moves to its beginning, an end inside a word
 * to its end, and white space at either edge is dropped. Undefined when the range holds no word.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const lo = Math.max(0, Math.min(start, end));
  const hi = Math.min(text.length, Math.max(start, end));
  const inside = splitWords(text).filter((w) => w.end > lo && w.start < hi);
  if (inside.length === 0) return undefined;
  return { start: inside[0]!.start, end: inside[inside.length - 1]!.end };
}

/** Chosen sentence numbers grouped into runs of consecutive ones: [0, 1, 3] → [[0, 1], [3]]. */
export function consecutiveRuns(chosen: number[]): number[][] {
  const sorted = [...new Set(chosen)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const n of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === n - 1) run.push(n);
    else runs.push([n]);
  }
  return runs;
}

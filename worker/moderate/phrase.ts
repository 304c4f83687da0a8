// The little phrase language of the safeguarding list, kept simple enough to edit on a page:
//   words separated by spaces      each matched against a normalised word of the text
//   kill*   *ضربني   *harm*        a word beginning, ending or containing these letters
//   myself|yourself                either word (each may use *)
//   ...                            up to three other words in between, within one clause
// Normalising is the same as the text's (words.ts), so "don't" in a phrase is "do not".
import { normaliseLetters, normaliseWord, SCOPE_BREAK, type Word } from './words';

type WordTest = { kind: 'exact' | 'prefix' | 'suffix' | 'contains'; text: string };
export type Slot = { gap: false; any: WordTest[] } | { gap: true };
export type Phrase = Slot[];

const GAP_MAX = 3;

function wordTest(raw: string, phrase: string): WordTest[] {
  const lead = raw.startsWith('*');
  const trail = raw.endsWith('*') && raw.length > 1;
  const core = raw.replace(/^\*|\*$/g, '');
  if (core.includes('*')) throw new Error(`"${phrase}": * may only start or end a word`);
  const kind = lead && trail ? 'contains' : lead ? 'suffix' : trail ? 'prefix' : 'exact';
  // A stem is matched as written (no spelling fixes): "suicid*" must stay "suicid".
  if (kind !== 'exact') return [{ kind, text: normaliseLetters(core) }];
  const parts = normaliseWord(core);
  if (parts.length !== 1 || !parts[0]?.[0]) throw new Error(`"${phrase}": "${raw}" is more than one word here; write the words separately`);
  return [{ kind, text: parts[0][0] }];
}

/** Reads a phrase; throws with a plain message an admin can act on. */
export function compilePhrase(phrase: string): Phrase {
  const slots: Phrase = [];
  for (const part of phrase.trim().split(/\s+/)) {
    if (part === '...') {
      if (slots.length === 0) throw new Error(`"${phrase}": ... cannot start a phrase`);
      slots.push({ gap: true });
      continue;
    }
    if (part.includes('|')) {
      slots.push({ gap: false, any: part.split('|').filter(Boolean).flatMap((alt) => wordTest(alt, phrase)) });
      continue;
    }
    if (part.includes('*')) {
      slots.push({ gap: false, any: wordTest(part, phrase) });
      continue;
    }
    // A plain word may stand for several ("don't" is "do not", "selfharm" is "self harm").
    for (const forms of normaliseWord(part)) slots.push({ gap: false, any: [{ kind: 'exact', text: forms[0]! }] });
  }
  for (const slot of slots) {
    const joiner = !slot.gap && slot.any.find((t) => t.kind === 'exact' && SCOPE_BREAK.has(t.text));
    if (joiner) throw new Error(`"${phrase}": "${joiner.text}" ends a clause, so a phrase cannot contain it`);
  }
  if (slots.length === 0 || slots.at(-1)!.gap) throw new Error(`"${phrase}": a phrase needs a word, and cannot end with ...`);
  return slots;
}

function fits(test: WordTest, form: string): boolean {
  switch (test.kind) {
    case 'exact': return form === test.text;
    case 'prefix': return form.startsWith(test.text);
    case 'suffix': return form.endsWith(test.text);
    case 'contains': return form.includes(test.text);
  }
}

function wordFits(slot: Slot & { gap: false }, word: Word): boolean {
  return slot.any.some((t) => word.forms.some((f) => fits(t, f)));
}

/** The index one past the last word matched, if the phrase matches starting at word `at`. */
function matchAt(phrase: Phrase, words: Word[], at: number, slot: number, clause: number): number {
  if (slot === phrase.length) return at;
  const s = phrase[slot]!;
  if (s.gap) {
    // Bounded: at most GAP_MAX + 1 tries, and phrases are a few words long.
    for (let skip = 0; skip <= GAP_MAX; skip++) {
      const w = words[at + skip];
      if (!w || w.clause !== clause) break;
      const end = matchAt(phrase, words, at + skip, slot + 1, clause);
      if (end >= 0) return end;
    }
    return -1;
  }
  const w = words[at];
  if (!w || w.clause !== clause || !wordFits(s, w)) return -1;
  return matchAt(phrase, words, at + 1, slot + 1, clause);
}

/** Where each form of each word occurs, so a phrase is tried only where its first word is. */
export type WordIndex = Map<string, number[]>;
export function indexWords(words: Word[]): WordIndex {
  const index: WordIndex = new Map();
  words.forEach((w, i) => {
    for (const f of w.forms) {
      const at = index.get(f);
      if (!at) index.set(f, [i]);
      else if (at.at(-1) !== i) at.push(i);
    }
  });
  return index;
}

/** False when some slot of plain words has none of them in the text: the phrase cannot match. */
function couldMatch(phrase: Phrase, index: WordIndex): boolean {
  return phrase.every((slot) => slot.gap || slot.any.some((t) => t.kind !== 'exact' || index.has(t.text)));
}

function startsOf(phrase: Phrase, index: WordIndex): number[] {
  const first = phrase[0] as Slot & { gap: false };
  const starts = new Set<number>();
  for (const t of first.any) {
    if (t.kind === 'exact') for (const i of index.get(t.text) ?? []) starts.add(i);
    else for (const [form, at] of index) if (fits(t, form)) for (const i of at) starts.add(i);
  }
  return [...starts].sort((a, b) => a - b);
}

/** Every place the phrase matches, as [first word, one past the last word]. */
export function findPhrase(phrase: Phrase, words: Word[], index: WordIndex = indexWords(words)): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  if (!couldMatch(phrase, index)) return found;
  for (const i of startsOf(phrase, index)) {
    const end = matchAt(phrase, words, i, 0, words[i]!.clause);
    if (end > i) found.push([i, end]);
  }
  return found;
}

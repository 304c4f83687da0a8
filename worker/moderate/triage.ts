// Safeguarding triage: which free-text answers a moderator should read first, and why.
// Pure and fast: no network, no model. A flag chooses what a person reads first; it decides nothing.
import { compilePhrase, findPhrase, indexWords, type Phrase } from './phrase';
import { categories, type Category, type SafeguardingSignal } from './signals';
import { words, type Word } from './words';

export interface TriageMatch {
  category: Category;
  /** the characters of the original text the phrase covered */
  start: number;
  end: number;
  /** the signal's phrase as the admin wrote it */
  phrase: string;
  why: string;
}
export interface Triage {
  flag: boolean;
  /** the categories found, in the fixed order of `categories` */
  signals: Category[];
  matches: TriageMatch[];
}

// A negation this many words before a phrase cancels it ("I have never felt unsafe").
const NEGATION_REACH = 5;
const NEGATIONS = new Set([
  'not', 'no', 'never', 'nobody', 'none', 'nothing', 'without', 'neither', 'nor', 'hardly', 'nowhere',
  // Arabic: la, lam, lan, ma, mish, mu, laysa, never
  'لا', 'لم', 'لن', 'ما', 'مش', 'مو', 'ليس', 'لست', 'ابدا', 'مافي', 'ماحدا',
]);
// Polish and Romanian put "nie" and "nu" straight before the verb they negate ("nie bije mnie", "nu mă
// bate"), and pile negations up ("nikt mi nie pomaga"): a longer reach would cancel the next clause,
// typed without a comma ("nikt mi nie pomaga chcę umrzeć"). Words as folded (niciodată → niciodata).
const SHORT_NEGATIONS = new Map([['nie', 1], ['nu', 1], ['nigdy', 2], ['nikt', 2], ['nic', 2], ['niciodata', 2], ['nimeni', 2], ['nimic', 2]]);
// After these words a negation no longer negates: "no longer feel safe", "can't stop thinking of...".
const NOT_NEGATING_AFTER = new Set(['longer', 'only', 'sure', 'know', 'stop', 'help', 'wait']);

interface Compiled {
  row: SafeguardingSignal;
  phrase: Phrase;
  unless: Phrase[];
}

// Compiling is cheap but a queue triages many answers with one list; compile each list once.
const compiledLists = new WeakMap<readonly SafeguardingSignal[], Compiled[]>();
function compile(list: readonly SafeguardingSignal[]): Compiled[] {
  let compiled = compiledLists.get(list);
  if (!compiled) {
    compiled = list.filter((r) => r.enabled).map((row) => ({ row, phrase: compilePhrase(row.phrase), unless: row.unless.map(compilePhrase) }));
    compiledLists.set(list, compiled);
  }
  return compiled;
}

function negated(ws: Word[], first: number): boolean {
  const clause = ws[first]!.clause;
  for (let i = first - 1; i >= 0 && i >= first - NEGATION_REACH; i--) {
    const w = ws[i]!;
    if (w.clause !== clause) return false;
    const reach = SHORT_NEGATIONS.get(w.forms[0]!) ?? (NEGATIONS.has(w.forms[0]!) ? NEGATION_REACH : 0);
    if (first - i > reach) continue;
    const next = ws[i + 1];
    const pseudo = next && next.clause === clause && i + 1 < first && NOT_NEGATING_AFTER.has(next.forms[0]!);
    if (!pseudo) return true;
  }
  return false;
}

export function triage(text: string, signals: readonly SafeguardingSignal[]): Triage {
  const ws = words(text);
  const list = compile(signals);
  // Most phrases need a word the answer does not have; skipping them keeps a long answer within a few ms.
  const index = indexWords(ws);

  // Words inside an everyday phrase ("dying for a cuppa") can never count toward a concern.
  const everyday = new Uint8Array(ws.length);
  for (const c of list) {
    if (c.row.category !== 'everyday') continue;
    for (const [from, to] of findPhrase(c.phrase, ws, index)) everyday.fill(1, from, to);
  }

  const matches: TriageMatch[] = [];
  for (const c of list) {
    const cat = c.row.category;
    if (cat === 'everyday') continue;
    for (const [from, to] of findPhrase(c.phrase, ws, index)) {
      if (everyday.subarray(from, to).some((v) => v === 1)) continue;
      if (c.row.negatable && negated(ws, from)) continue;
      if (c.unless.length > 0 && unlessApplies(c.unless, ws, from)) continue;
      matches.push({ category: cat, start: ws[from]!.start, end: ws[to - 1]!.end, phrase: c.row.phrase, why: c.row.why });
    }
  }
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const found = new Set(matches.map((m) => m.category));
  const cats = categories.filter((k) => found.has(k));
  return { flag: cats.length > 0, signals: cats, matches };
}

/** An "unless" context counts anywhere in the same sentence as the match. */
function unlessApplies(unless: Phrase[], ws: Word[], at: number): boolean {
  const sentence = sentenceOf(ws, at);
  return unless.some((p) => findPhrase(p, sentence).length > 0);
}

// Clauses split at commas; a sentence here is the run of clauses up to a full stop, so an
// "unless" word a comma away still counts. Approximated as the clauses within two of the match.
// Words are in clause order, so the sentence is one slice found by walking out from the match.
function sentenceOf(ws: Word[], at: number): Word[] {
  const clause = ws[at]!.clause;
  let from = at;
  let to = at + 1;
  while (from > 0 && clause - ws[from - 1]!.clause <= 2) from--;
  while (to < ws.length && ws[to]!.clause - clause <= 2) to++;
  return ws.slice(from, to);
}

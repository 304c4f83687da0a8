// Finders for who and where: staff and places from the editable list, and people's names from
// the given-name list plus the cues around a name ("my name is", "Mr", "from the council").
// A name that is also a word ("Will", "May", "Hope") needs a cue; a capitalised word that is
// never a name ("Oxford", "Universal") is never taken for one.
import type { Find } from './redact-numbers';
import type { GivenNames, RedactionTerm } from './redaction-terms';
import { normaliseArabic } from './words';

// Same length as the text, so an index in one is an index in the other.
function foldForSearch(text: string): string {
  return [...text].map((ch) => { const l = ch.toLowerCase(); return l.length === ch.length ? l : ch; }).join('').replace(/’/g, "'");
}
const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

export function findTerms(text: string, terms: readonly RedactionTerm[]): Find[] {
  const folded = foldForSearch(text);
  const exact = text.replace(/’/g, "'");
  const out: Find[] = [];
  for (const t of terms) {
    if (!t.enabled) continue;
    for (const written of [t.term, ...t.aliases]) {
      const needle = t.matchCase ? written.replace(/’/g, "'") : foldForSearch(written);
      const hay = t.matchCase ? exact : folded;
      for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
        const end = at + needle.length;
        if (isWordChar(text[at - 1]) || isWordChar(text[end])) continue;
        out.push({ start: at, end, kind: t.kind });
      }
    }
  }
  return out;
}

interface Token {
  s: number;
  e: number;
  /** the word without a possessive 's */
  w: string;
  lw: string;
  cap: boolean;
  arabic: boolean;
}
const TOKEN = /[\p{L}\p{M}][\p{L}\p{M}'’-]*/gu;

function tokens(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => {
    const w = m[0].replace(/['’]s$|['’]$/i, '').replace(/-+$/, '');
    const arabic = /[\u0600-\u06FF]/.test(w);
    return { s: m.index, e: m.index + w.length, w, lw: arabic ? normaliseArabic(w) : w.toLowerCase(), cap: /^\p{Lu}/u.test(w), arabic };
  }).filter((t) => !/\d/.test(text[t.s - 1] ?? '') && !/\d/.test(text[t.e] ?? '')); // "AA0", "ox4" are codes, not words
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sister', 'father']);
// Words before a name that say a name follows ("my name is", "called", "اسمي").
const CUES = [['my', 'name', 'is'], ['name', 'is'], ['names'], ['name\'s'], ['called'], ['named'], ['call', 'me'], ['calls', 'me'], ['known', 'as'], ['اسمي'], ['اسمه'], ['اسمها']];
// Roles written just before a name ("my keyworker Will").
const ROLES = new Set(['keyworker', 'worker', 'caseworker', 'manager', 'nurse', 'doctor', 'officer', 'navigator', 'coordinator', 'mate', 'friend', 'brother', 'sister', 'son', 'daughter', 'partner', 'boyfriend', 'girlfriend', 'husband', 'wife', 'uncle', 'aunt', 'auntie', 'cousin', 'neighbour', 'mum', 'dad', 'counsellor', 'therapist', 'advisor', 'adviser']);
// "X from the council", "X at the hostel": X is a person.
// "Jordan said", "Will rang": a name that is also a word, followed by what people do.
const SAYS = new Set(['said', 'says', 'told', 'tells', 'asked', 'rang', 'phoned', 'texted', 'emailed', 'helped', 'sorted', 'gave', 'showed', 'came', 'promised', 'explained', 'listened', 'reckons']);
const FROM_PLACES = new Set(['council', 'hostel', 'outreach', 'jobcentre', 'housing', 'shelter', 'surgery', 'team', 'charity', 'dwp', 'day', 'hub', 'office', 'project', 'service', 'services', 'centre', 'church', 'mosque', 'police']);

export function findNames(text: string, lists: GivenNames): Find[] {
  const names = new Set(lists.names.map((n) => (/[\u0600-\u06FF]/.test(n) ? normaliseArabic(n) : n.toLowerCase())));
  const wordLike = new Set(lists.wordLike.map((n) => (/[\u0600-\u06FF]/.test(n) ? normaliseArabic(n) : n.toLowerCase())));
  const notNames = new Set(lists.notNames.map((n) => n.toLowerCase()));
  const ts = tokens(text);
  const out: Find[] = [];

  const adjacent = (a: Token, b: Token) => /^ $/.test(text.slice(a.e, b.s)) || text.slice(a.e, b.s) === '. ' && TITLES.has(a.lw);
  const surnameLike = (t: Token | undefined) => !!t && t.cap && !t.arabic && t.w.length > 1 && !notNames.has(t.lw) && !wordLike.has(t.lw);
  const cueBefore = (i: number) =>
    CUES.some((cue) => cue.every((c, k) => ts[i - cue.length + k]?.lw === c) && ts[i - 1] && /^[\s:,]*$/.test(text.slice(ts[i - 1]!.e, ts[i]!.s)));
  const roleBefore = (i: number) => ts[i - 1] !== undefined && ROLES.has(ts[i - 1]!.lw) && adjacent(ts[i - 1]!, ts[i]!);
  const fromAfter = (i: number) => {
    const a = ts[i + 1], b = ts[i + 2], c = ts[i + 3];
    return (a?.lw === 'from' || a?.lw === 'at') && ((b?.lw === 'the' && c && FROM_PLACES.has(c.lw)) || (b && FROM_PLACES.has(b.lw)));
  };

  const saysAfter = (i: number) => ts[i + 1] !== undefined && SAYS.has(ts[i + 1]!.lw) && adjacent(ts[i]!, ts[i + 1]!);
  // Inside a full name a word-like name is a name ("Mohammed Ali Khan").
  const nameCont = (t: Token | undefined) => surnameLike(t) || (!!t && t.cap && wordLike.has(t.lw));

  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (notNames.has(t.lw) && !TITLES.has(t.lw) && !wordLike.has(t.lw)) continue;
    let start = -1;
    // Mr / Mrs / Dr + a capitalised word
    if (TITLES.has(t.lw) && t.cap && surnameLike(ts[i + 1]) && adjacent(t, ts[i + 1]!)) {
      start = t.s;
      i++;
    } else if (TITLES.has(t.lw)) continue;
    else if (names.has(t.lw) && (t.cap || t.arabic || t.w.length >= 3)) start = t.s;
    else if (wordLike.has(t.lw) && (t.cap || t.arabic) && (cueBefore(i) || roleBefore(i) || fromAfter(i) || saysAfter(i) || (surnameLike(ts[i + 1]) && adjacent(t, ts[i + 1]!)))) start = t.s;
    else if (t.cap && !t.arabic && t.w.length > 1 && (cueBefore(i) || fromAfter(i) || roleBefore(i))) start = t.s;
    if (start < 0) continue;
    // A following capitalised word is the surname ("Tomasz Nowak"); at most two.
    let last = ts[i]!;
    for (let k = 0; k < 2 && nameCont(ts[i + 1]) && adjacent(last, ts[i + 1]!); k++) last = ts[++i]!;
    out.push({ start, end: last.e, kind: 'name' });
  }
  return out;
}

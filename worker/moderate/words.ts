// Splits text into normalised words that keep their place in the original, so a match can be
// shown to the moderator exactly where it was written. Used by safeguarding triage.
//
// Normalising, in order: lower case; Latin letters' marks dropped (Polish, Romanian); curly apostrophes to straight; contractions expanded
// ("don't" → do not, "I'm" → i am); Arabic letters unified (hamza forms, alef maqsura, ta
// marbuta, diacritics and tatweel dropped); then each word gets variants with runs of three or
// more letters cut to two and to one ("sooo" → soo, so; "killlll" → kill), and casual
// misspellings are replaced by the word meant ("suicidel" → suicidal, "selfharm" → self harm).

export interface Word {
  /** the original text this word came from: several words can share one (selfharm → self, harm) */
  start: number;
  end: number;
  /** the normalised forms this word may be read as (the first is the plain one) */
  forms: string[];
  /** words in different clauses never join into one phrase, and negation stops at a clause */
  clause: number;
}

// Commas and the Arabic comma end a clause too: "I'm not sure, but I want to die" must not be negated.
const CLAUSE_BREAK = /[.!?;:,\n\r؟،؛()]/;
// Letters, marks and digits, with apostrophes inside; one character class, so no backtracking.
const WORD = /[\p{L}\p{M}\p{N}'’]+/gu;

// Words that end a negation's reach, as a clause does ("no one listens and I want to die").
// Polish and Romanian "but", "because", "so" too (folded: więc → wiec, însă → insa). Not Polish "i" or "a"
// (English words), nor Romanian "și" and "iar", which also mean "even" and "again" ("mă și bate", "m-am tăiat iar").
export const SCOPE_BREAK = new Set(['and', 'but', 'so', 'because', 'cos', 'coz', 'though', 'although', 'then', 'yet', 'و', 'بس', 'لكن', 'ale', 'bo', 'lecz', 'wiec', 'dar', 'deci', 'insa']);

// Words people write without the apostrophe, and common casual misspellings, mapped to the words meant.
const SPELLINGS: Record<string, string> = {
  dont: 'do not', didnt: 'did not', doesnt: 'does not', cant: 'can not', cannot: 'can not', wont: 'will not',
  isnt: 'is not', wasnt: 'was not', arent: 'are not', werent: 'were not', havent: 'have not', hasnt: 'has not',
  hadnt: 'had not', couldnt: 'could not', wouldnt: 'would not', shouldnt: 'should not', aint: 'is not',
  im: 'i am', ive: 'i have', youre: 'you are', theyre: 'they are',
  hes: 'he is', shes: 'she is', noone: 'no one', nobodys: 'nobody is',
  wanna: 'want to', gonna: 'going to', gotta: 'got to', tryna: 'trying to', u: 'you', ur: 'your', r: 'are',
  cuz: 'because', coz: 'because', cos: 'because', bc: 'because',
  myslef: 'myself', mysef: 'myself', meself: 'myself', miself: 'myself', myselfe: 'myself',
  suicidel: 'suicidal', suicidle: 'suicidal', suicidial: 'suicidal', sucidal: 'suicidal', suicdal: 'suicidal',
  suacidal: 'suicidal', suisidal: 'suicidal', suicidall: 'suicidal', sucidel: 'suicidal', suicical: 'suicidal',
  suicde: 'suicide', sucide: 'suicide', suiside: 'suicide', suicid: 'suicide', suiced: 'suicide', sucicide: 'suicide',
  selfharm: 'self harm', selfharming: 'self harming', selfharmed: 'self harmed',
  kms: 'kill myself', kys: 'kill yourself', unalive: 'kill', unalived: 'killed',
  // Not "od" alone: it is Polish for "from" and "since", in nearly every Polish answer ("I OD'd" is read below).
  ovadose: 'overdose', overdoes: 'overdose', oded: 'overdosed',
  knifes: 'knives', knifed: 'stabbed', stabed: 'stabbed', stabing: 'stabbing',
  threatend: 'threatened', thretened: 'threatened', threated: 'threatened', asaulted: 'assaulted', assulted: 'assaulted',
  scard: 'scared', scaired: 'scared', skared: 'scared', saftey: 'safety',
  tabs: 'tablets', pils: 'pills', exploted: 'exploited',
};

/** Expands the apostrophe forms of English contractions; anything else loses its apostrophes. */
const SPECIAL: Record<string, string[]> = { "can't": ['can', 'not'], "won't": ['will', 'not'], "ain't": ['is', 'not'], "shan't": ['shall', 'not'], "od'd": ['overdosed'], "od'ed": ['overdosed'] };
const TAILS: Record<string, string | null> = { m: 'am', re: 'are', ve: 'have', ll: 'will', d: 'would', s: null };
function expandContraction(word: string): string[] {
  if (!word.includes("'") && !word.includes('’')) return [word];
  const w = word.replace(/’/g, "'").replace(/^'+|'+$/g, '');
  if (SPECIAL[w]) return SPECIAL[w];
  if (w.endsWith("n't")) return [w.slice(0, -3), 'not'];
  const at = w.lastIndexOf("'");
  if (at > 0) {
    const base = w.slice(0, at).replace(/'/g, '');
    const tail = w.slice(at + 1);
    if (tail in TAILS) return TAILS[tail] ? [base, TAILS[tail]!] : [base];
  }
  return [w.replace(/'/g, '')];
}

/** Arabic spelling varies in hamza, final letters and short-vowel marks; one form matches them all. */
export function normaliseArabic(word: string): string {
  return word
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/ة/g, 'ه');
}

const ARABIC = /[\u0600-\u06FF]/;

/**
 * Latin letters without their marks (ż → z, ł → l, ș and ş → s, ă → a), so Polish and Romanian typed
 * on a keyboard without them ("zabic sie", "sa ma omor") read as the list's words, written either way.
 */
export function foldLatin(word: string): string {
  if (/^[\x00-\x7f]*$/.test(word)) return word;
  return word.normalize('NFD').replace(/([a-z])[\u0300-\u036f]+/g, '$1').replace(/ł/g, 'l').normalize('NFC');
}

/** An Arabic word may carry "and", "so", "with" or "the" on its front; offer it without them too. */
function arabicVariants(word: string): string[] {
  const out = [word];
  for (const prefix of ['وال', 'بال', 'فال', 'لل', 'ال', 'و', 'ف']) {
    if (word.startsWith(prefix) && word.length - prefix.length >= 3) out.push(word.slice(prefix.length));
  }
  return out;
}

/** "sooo" may mean "soo" or "so"; offer both, with the word as written first. */
const TRIPLE = /(\p{L})\1\1/u;
function repeatVariants(word: string): string[] {
  if (!TRIPLE.test(word)) return [word];
  const two = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
  const one = word.replace(/(\p{L})\1{2,}/gu, '$1');
  return [...new Set([word, two, one])];
}

/**
 * The normalised words one written word stands for, each with its possible forms.
 * Exported so a phrase in the signal list is read exactly as the text it is matched against.
 */
export function normaliseWord(written: string): string[][] {
  const lower = lowerCase(written);
  if (ARABIC.test(lower)) {
    const w = normaliseArabic(lower.replace(/['’]/g, ''));
    return w ? [arabicVariants(w)] : [];
  }
  const out: string[][] = [];
  for (const part of expandContraction(foldLatin(lower))) {
    if (!part) continue;
    const variants = repeatVariants(part);
    const spelled = variants.map((v) => SPELLINGS[v]).find((s) => s !== undefined);
    if (spelled !== undefined) for (const w of spelled.split(' ')) out.push([w]);
    else out.push(variants);
  }
  return out;
}

// Lower case letter by letter, keeping any letter whose lower case is longer (so offsets never shift).
function lowerCase(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase(); // ASCII lower case never changes length
  return [...text].map((ch) => { const l = ch.toLowerCase(); return l.length === 1 ? l : ch; }).join('');
}

/** Only the letter-level normalising (case, apostrophes, Arabic letters): for the stem of a wildcard. */
export function normaliseLetters(written: string): string {
  const lower = lowerCase(written).replace(/['’]/g, '');
  return ARABIC.test(lower) ? normaliseArabic(lower) : foldLatin(lower);
}

export function words(text: string): Word[] {
  const out: Word[] = [];
  let clause = 0;
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    if (CLAUSE_BREAK.test(text.slice(last, start))) clause++;
    last = start + m[0].length;
    for (const forms of normaliseWord(m[0])) {
      if (forms[0] !== undefined && SCOPE_BREAK.has(forms[0])) {
        clause++;
        continue;
      }
      out.push({ start, end: last, forms, clause });
    }
  }
  return out;
}

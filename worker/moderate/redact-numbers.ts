// Finders for personal details with a fixed shape: e-mail addresses, UK phone numbers, NHS and
// National Insurance numbers, postcodes, dates of birth and street addresses. Each returns the
// character ranges it found; redact.ts decides between overlapping finds. Every regex here is
// linear: single character classes with bounded repeats, and no quantified groups inside groups.
import type { RedactionKind } from './redaction-terms';

export interface Find {
  start: number;
  end: number;
  kind: RedactionKind;
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

// ---- e-mail: expand around each @ rather than scan with a regex (a long word cannot backtrack).
const LOCAL = /[A-Za-z0-9._%+-]/;
const DOMAIN = /[A-Za-z0-9.-]/;
export function findEmails(text: string): Find[] {
  const out: Find[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let s = at;
    while (s > 0 && LOCAL.test(text[s - 1]!)) s--;
    let e = at + 1;
    while (e < text.length && DOMAIN.test(text[e]!)) e++;
    while (e > at + 1 && text[e - 1] === '.') e--; // a full stop after the address is not part of it
    const domain = text.slice(at + 1, e);
    if (s < at && /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(domain)) out.push({ start: s, end: e, kind: 'email' });
  }
  return out;
}

// ---- phone: a run of digits and separators, then the digit groups that make a valid UK number.
// One character class, so a long run is scanned once; the digit groups are then judged in code.
const PHONE_RUN = /\+?\(?\d[\d ().-]*\d/g;
const MAX_PHONE_GROUPS = 6;
function ukNational(digits: string, international: boolean): boolean {
  let d = digits;
  if (international) {
    if (d.startsWith('0044')) d = d.slice(4);
    else if (d.startsWith('44')) d = d.slice(2);
    else return false;
    d = '0' + d.replace(/^0/, ''); // "+44 (0)1865" carries the trunk 0 in brackets
  }
  return /^0[1-3]\d{8,9}$/.test(d) || /^07\d{9}$/.test(d) || /^08\d{8,9}$/.test(d);
}
export function findPhones(text: string): Find[] {
  const out: Find[] = [];
  for (const m of text.matchAll(PHONE_RUN)) {
    const runStart = m.index;
    const groups = [...m[0].matchAll(/\d+/g)].map((g) => ({ start: runStart + g.index, end: runStart + g.index + g[0].length, digits: g[0] }));
    // Try the longest run of groups from each starting group: trailing numbers ("ext 2", a date) drop off.
    for (let i = 0; i < groups.length; i++) {
      const first = groups[i]!;
      if (isWordChar(text[first.start - 1])) continue; // digits inside a word ("A0", "ab123") start no number
      const plus = /\+\s?$/.test(text.slice(Math.max(0, first.start - 2), first.start));
      const international = plus || first.digits.startsWith('00');
      let found = -1;
      for (let j = Math.min(groups.length, i + MAX_PHONE_GROUPS); j > i && found < 0; j--) {
        const digits = groups.slice(i, j).map((g) => g.digits).join('');
        if (digits.length >= 10 && digits.length <= 14 && ukNational(digits, international)) found = j;
      }
      if (found < 0) continue;
      const last = groups[found - 1]!;
      if (isWordChar(text[last.end])) break;
      const start = plus ? text.lastIndexOf('+', first.start) : text[first.start - 1] === '(' ? first.start - 1 : first.start;
      out.push({ start, end: last.end, kind: 'phone' });
      i = found - 1;
    }
  }
  return out;
}

// ---- NHS number: ten digits (3-3-4), kept only if the mod-11 check digit is right.
const NHS = /(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])/g;
export function nhsCheckDigitOk(ten: string): boolean {
  if (!/^\d{10}$/.test(ten)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(ten[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(ten[9]);
}
export function findNhsNumbers(text: string): Find[] {
  const out: Find[] = [];
  for (const m of text.matchAll(NHS)) {
    if (nhsCheckDigitOk(m[1]! + m[2]! + m[3]!)) out.push({ start: m.index, end: m.index + m[0].length, kind: 'nhs' });
  }
  return out;
}

// ---- National Insurance number: HMRC's prefix rules (no D F I Q U V first, no D F I O Q U V
// second, and never BG GB KN NK NT TN ZZ), six digits, a suffix A to D.
const NI = /(?<![\p{L}\p{N}])([A-Za-z]{2})( ?)(\d{2}) ?(\d{2}) ?(\d{2})(?!\d)/gu;
const NI_BAD_PREFIX = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
export function findNiNumbers(text: string): Find[] {
  const out: Find[] = [];
  for (const m of text.matchAll(NI)) {
    const prefix = m[1]!;
    const upper = prefix.toUpperCase();
    if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]$/.test(upper) || NI_BAD_PREFIX.has(upper)) continue;
    // In lower case and spaced, "at 12 34 56" is prose, not a number.
    if (prefix !== upper && m[2] === ' ') continue;
    let end = m.index + m[0].length;
    const tight = /^[A-Da-d](?![\p{L}\p{N}])/u.exec(text.slice(end));
    const spaced = /^ [A-D](?![\p{L}\p{N}])/u.exec(text.slice(end));
    if (tight) end += 1;
    else if (spaced) end += 2;
    else if (isWordChar(text[end])) continue;
    out.push({ start: m.index, end, kind: 'ni' });
  }
  return out;
}

// ---- postcode: the six shapes (A9 9AA ... AA9A 9AA), a real postcode area, inward letters
// that Royal Mail uses (never C I K M O V), with or without the space, in any case.
const POSTCODE = /(?<![\p{L}\p{N}])([A-Za-z]{1,2})(\d[A-Za-z\d]?) ?(\d)([A-Za-z]{2})(?![\p{L}\p{N}])/gu;
const AREAS = new Set(
  ('AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY ' +
    'HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR ' +
    'RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE').split(' '),
);
export function findPostcodes(text: string): Find[] {
  const out: Find[] = [];
  for (const m of text.matchAll(POSTCODE)) {
    if (!AREAS.has(m[1]!.toUpperCase())) continue;
    if (/[CIKMOV]/i.test(m[4]!)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'postcode' });
  }
  return out;
}

// ---- date of birth: a date is only a birth date with a cue near it ("DOB", "born", "birthday").
const MONTHS = 'jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december';
const DATES = [
  /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)/g,
  new RegExp(`(?<!\\d)\\d{1,2}(?:st|nd|rd|th)?\\s(?:of\\s)?(?:${MONTHS})\\.?,?\\s(?:\\d{4}|'?\\d{2})(?!\\d)`, 'gi'),
  new RegExp(`\\b(?:${MONTHS})\\.?\\s\\d{1,2}(?:st|nd|rd|th)?,?\\s\\d{4}(?!\\d)`, 'gi'),
  new RegExp(`\\b(?:${MONTHS})\\s\\d{4}(?!\\d)`, 'gi'),
  /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g,
];
const CUE_BEFORE = /(?<!\[)\b(?:d\.?o\.?b|date of birth|birth date|born|birthday|b'?day)\b/gi;
const CUE_AFTER = /^\s?(?:is|was)?\s?(?:my|his|her|their)\s(?:birthday|date of birth|dob|d\.o\.b|birth date)/i;
const BORN_IN_YEAR = /\bborn\s(?:in\s)?((?:19|20)\d{2})(?!\d)/gi;

function hasCueBefore(text: string, start: number): boolean {
  const window = text.slice(Math.max(0, start - 40), start);
  let last: RegExpExecArray | null = null;
  for (const m of window.matchAll(CUE_BEFORE)) last = m;
  if (!last) return false;
  const between = window.slice(last.index + last[0].length);
  // The cue must be in the same sentence, with no earlier redaction between (so a second look finds nothing new).
  return !/[!?\n[]|\.\s/.test(between);
}
export function findBirthDates(text: string): Find[] {
  const out: Find[] = [];
  for (const re of DATES) {
    for (const m of text.matchAll(re)) {
      if (re === DATES[0]) {
        const day = Number(m[1]), month = Number(m[2]);
        if (day < 1 || day > 31 || month < 1 || month > 12) continue;
      }
      const end = m.index + m[0].length;
      if (hasCueBefore(text, m.index) || CUE_AFTER.test(text.slice(end, end + 30))) out.push({ start: m.index, end, kind: 'dob' });
    }
  }
  for (const m of text.matchAll(BORN_IN_YEAR)) {
    const start = m.index + m[0].length - m[1]!.length;
    out.push({ start, end: start + 4, kind: 'dob' });
  }
  return out;
}

// ---- street address: a house number, one to three words, a street word ("27 Magdalen Road"),
// with "Flat 4," in front when written; or "flat 3" on its own.
const STREET = new Set(['road', 'rd', 'street', 'st', 'lane', 'ln', 'close', 'way', 'avenue', 'ave', 'drive', 'crescent', 'place', 'court', 'gardens', 'grove', 'terrace', 'square', 'row', 'walk', 'mews', 'parade', 'rise', 'hill', 'view']);
// Words that never sit between a house number and the street word ("3 hours on the road").
const NOT_STREET_NAME = new Set(['the', 'a', 'an', 'on', 'in', 'at', 'of', 'to', 'for', 'and', 'or', 'my', 'your', 'our', 'hours', 'hour', 'days', 'day', 'weeks', 'week', 'months', 'month', 'years', 'year', 'minutes', 'mins', 'times', 'nights', 'people', 'of', 'from', 'down', 'up', 'i', 'we', 'they', 'he', 'she', 'was', 'were', 'is']);
const FLAT = /\b(?:flat|apartment|apt|unit)\s\d{1,4}[a-z]?\b/gi;
const ADDRESS_TOKEN = /[\p{L}\p{N}'’]+/gu;
export function findAddresses(text: string): Find[] {
  const out: Find[] = [];
  const tokens = [...text.matchAll(ADDRESS_TOKEN)].map((m) => ({ s: m.index, e: m.index + m[0].length, w: m[0], lw: m[0].toLowerCase() }));
  for (let k = 0; k < tokens.length; k++) {
    // A street word in brackets is an earlier redaction ("[place]"), not a street.
    if (!STREET.has(tokens[k]!.lw) || text[tokens[k]!.s - 1] === '[') continue;
    // Walk back over the street's name to its number, within one sentence.
    for (let n = k - 2; n >= Math.max(0, k - 4); n--) {
      const num = tokens[n]!;
      const between = tokens.slice(n + 1, k);
      if (/[.!?\n]/.test(text.slice(num.e, tokens[k]!.s))) break;
      if (between.some((t) => NOT_STREET_NAME.has(t.lw) || /\d/.test(t.w) || text[t.s - 1] === '[')) break;
      if (!/^\d{1,4}[a-z]?$/i.test(num.w)) continue;
      out.push({ start: num.s, end: tokens[k]!.e, kind: 'address' });
      break;
    }
  }
  for (const m of text.matchAll(FLAT)) out.push({ start: m.index, end: m.index + m[0].length, kind: 'address' });
  return out;
}

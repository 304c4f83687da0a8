// Redaction proposals: the personal details in an answer, as character ranges of the original
// text with a kind, and the text with each range shown as [kind]. A moderator accepts, edits or
// adds to these; nothing is redacted without them.
import { findAddresses, findBirthDates, findEmails, findNhsNumbers, findNiNumbers, findPhones, findPostcodes, type Find } from './redact-numbers';
import { findNames, findTerms } from './redact-names';
import type { RedactionKind, RedactionLists } from './redaction-terms';

export interface RedactionSpan {
  start: number;
  end: number;
  kind: RedactionKind;
}
export interface Redaction {
  text: string;
  /** over the original text, sorted, never overlapping */
  spans: RedactionSpan[];
}

// When two finds overlap, the more certain shape wins: an e-mail over the name inside it, a
// checked NHS number over a phone-like run, a listed place over the given name in it ("Hope House").
const CERTAINTY: Record<RedactionKind, number> = { email: 10, nhs: 9, ni: 9, dob: 8, phone: 7, postcode: 6, staff: 5, place: 5, address: 4, name: 3 };

export function chooseSpans(text: string, finds: Find[]): RedactionSpan[] {
  const ranked = [...finds].sort((a, b) => CERTAINTY[b.kind] - CERTAINTY[a.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const chosen: RedactionSpan[] = [];
  for (const f of ranked) {
    if (f.end <= f.start) continue;
    const clashes = chosen.filter((c) => f.start < c.end && c.start < f.end);
    if (clashes.length === 0) chosen.push({ start: f.start, end: f.end, kind: f.kind });
    // A name that runs into a place ("Sarah O'Hanlon" where O'Hanlon is listed) keeps its own part,
    // so a second look at the redacted text finds nothing new.
    else if (f.kind === 'name') for (const piece of uncovered(text, f, clashes)) chosen.push(piece);
  }
  return joinAddresses(text, chosen.sort((a, b) => a.start - b.start));
}

/** "Flat 4, 19 Cowley Rd" is one address, not two. */
function joinAddresses(text: string, spans: RedactionSpan[]): RedactionSpan[] {
  const out: RedactionSpan[] = [];
  for (const s of spans) {
    const prev = out.at(-1);
    if (prev && prev.kind === 'address' && s.kind === 'address' && /^,?\s?$/.test(text.slice(prev.end, s.start))) prev.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

const TITLE_ONLY = /^(?:mr|mrs|ms|miss|mx|dr|prof)\.?$/i;
function uncovered(text: string, f: Find, clashes: RedactionSpan[]): RedactionSpan[] {
  const pieces: RedactionSpan[] = [];
  let at = f.start;
  for (const c of [...clashes].sort((a, b) => a.start - b.start)) {
    if (c.start > at) pieces.push({ start: at, end: c.start, kind: f.kind });
    at = Math.max(at, c.end);
  }
  if (at < f.end) pieces.push({ start: at, end: f.end, kind: f.kind });
  return pieces
    .map((p) => {
      const raw = text.slice(p.start, p.end);
      const lead = raw.length - raw.trimStart().length;
      const trail = raw.length - raw.trimEnd().length;
      return { ...p, start: p.start + lead, end: p.end - trail };
    })
    .filter((p) => /\p{L}/u.test(text.slice(p.start, p.end)) && !TITLE_ONLY.test(text.slice(p.start, p.end)));
}

export function renderRedacted(text: string, spans: readonly RedactionSpan[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + `[${s.kind}]`;
    at = s.end;
  }
  return out + text.slice(at);
}

export function proposeRedactions(text: string, lists: RedactionLists): Redaction {
  const finds = [
    ...findEmails(text),
    ...findPhones(text),
    ...findNhsNumbers(text),
    ...findNiNumbers(text),
    ...findPostcodes(text),
    ...findBirthDates(text),
    ...findAddresses(text),
    ...findTerms(text, lists.terms),
    ...findNames(text, lists.givenNames),
  ];
  const spans = chooseSpans(text, finds);
  return { text: renderRedacted(text, spans), spans };
}

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

export function chooseSpans(finds: Find[]): RedactionSpan[] {
  const ranked = [...finds].sort((a, b) => CERTAINTY[b.kind] - CERTAINTY[a.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const chosen: RedactionSpan[] = [];
  for (const f of ranked) {
    if (f.end <= f.start) continue;
    if (chosen.some((c) => f.start < c.end && c.start < f.end)) continue;
    chosen.push({ start: f.start, end: f.end, kind: f.kind });
  }
  return chosen.sort((a, b) => a.start - b.start);
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
  const spans = chooseSpans(finds);
  return { text: renderRedacted(text, spans), spans };
}

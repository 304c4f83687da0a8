// Pure pieces of a moderator's redaction: finding the words they typed in the original, and carrying
// every excerpt (a range of the REDACTED text) over when the redacted text is rebuilt, so an excerpt
// keeps its words and a quote never shows a detail that has since been redacted.

export interface Span {
  start: number;
  end: number;
  kind: string;
}

/** One stretch of a redacted text: words kept from the original, or a `[kind]` label standing for a redacted range. */
interface Segment {
  /** range in the original */
  os: number;
  oe: number;
  /** range in the redacted text */
  rs: number;
  re: number;
  label: boolean;
}

/** The spans applied in order; an overlapping one is skipped (the first wins), as applyRedactions does. */
export function appliedSpans(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (s.start < at || s.end <= s.start) continue;
    out.push(s);
    at = s.end;
  }
  return out;
}

function segmentsOf(original: string, spans: readonly Span[]): { text: string; segments: Segment[] } {
  const segments: Segment[] = [];
  let text = '';
  let at = 0;
  const plain = (to: number) => {
    if (to > at) segments.push({ os: at, oe: to, rs: text.length, re: text.length + (to - at), label: false });
    text += original.slice(at, to);
  };
  for (const s of appliedSpans(spans)) {
    plain(s.start);
    const label = `[${s.kind}]`;
    segments.push({ os: s.start, oe: s.end, rs: text.length, re: text.length + label.length, label: true });
    text += label;
    at = s.end;
  }
  plain(original.length);
  at = original.length;
  return { text, segments };
}

/** The redacted text of `original` with `spans` applied: each becomes `[kind]`. */
export function redactedText(original: string, spans: readonly Span[]): string {
  return segmentsOf(original, spans).text;
}

/** A position in the redacted text → a position in the original. A position inside a label goes to its start (as a start) or its end (as an end). */
function toOriginal(segments: Segment[], pos: number, as: 'start' | 'end', originalLength: number): number {
  for (const g of segments) {
    if (g.label) {
      if (as === 'start' && pos >= g.rs && pos < g.re) return g.os;
      if (as === 'end' && pos > g.rs && pos <= g.re) return g.oe;
    } else if (pos >= g.rs && pos <= g.re) return g.os + (pos - g.rs);
  }
  return pos <= 0 ? 0 : originalLength;
}

/** A position in the original → in the redacted text. A position inside a redacted range widens to its label. */
function toRedacted(segments: Segment[], pos: number, as: 'start' | 'end', textLength: number): number {
  for (const g of segments) {
    if (g.label) {
      if (as === 'start' && pos >= g.os && pos < g.oe) return g.rs;
      if (as === 'end' && pos > g.os && pos <= g.oe) return g.re;
    } else if (pos >= g.os && pos <= g.oe) return g.rs + (pos - g.os);
  }
  return pos <= 0 ? 0 : textLength;
}

export interface Rebuilt {
  text: string;
  /** Carries a range of the old redacted text onto the new one (never cutting a label in two). */
  remap(start: number, end: number): { start: number; end: number };
}

/**
 * The answer's redacted text rebuilt with `after`, and how excerpts made on the text as it was
 * (`before` spans, stored as `stored`) move. When `stored` is not what `before` would make (data
 * written some other way), ranges are kept and only snapped outwards to whole labels.
 */
export function rebuild(original: string, before: readonly Span[], after: readonly Span[], stored: string): Rebuilt {
  const old = segmentsOf(original, before);
  const next = segmentsOf(original, after);
  const snap = (start: number, end: number) => {
    const s = Math.max(0, Math.min(start, next.text.length));
    const e = Math.max(s, Math.min(end, next.text.length));
    const startIn = next.segments.find((g) => g.label && s > g.rs && s < g.re);
    const endIn = next.segments.find((g) => g.label && e > g.rs && e < g.re);
    return { start: startIn ? startIn.rs : s, end: endIn ? endIn.re : e };
  };
  if (old.text !== stored) {
    return {
      text: next.text,
      remap: (start, end) => (start === 0 && end === stored.length ? { start: 0, end: next.text.length } : snap(start, end)),
    };
  }
  return {
    text: next.text,
    remap(start, end) {
      const os = toOriginal(old.segments, start, 'start', original.length);
      const oe = Math.max(os, toOriginal(old.segments, end, 'end', original.length));
      const ns = toRedacted(next.segments, os, 'start', next.text.length);
      const ne = toRedacted(next.segments, oe, 'end', next.text.length);
      return snap(ns, Math.max(ns, ne));
    },
  };
}

/** Where each occurrence of `words` starts in `text` (exact, not overlapping). */
export function occurrencesOf(text: string, words: string): number[] {
  const found: number[] = [];
  if (!words) return found;
  for (let at = text.indexOf(words); at !== -1; at = text.indexOf(words, at + words.length)) found.push(at);
  return found;
}

/** Which occurrence (1-based) of its own words a range is, or undefined when the words there are not found at that place. */
export function occurrenceNumber(text: string, start: number, end: number): number | undefined {
  const i = occurrencesOf(text, text.slice(start, end)).indexOf(start);
  return i === -1 ? undefined : i + 1;
}

// The one place counts become what may be shown (DESIGN.md: "Figures are suppressed where they are
// made"). Every page, chart, CSV and snapshot goes through `showFigure` and `protectLine`.
//
// What a reader may learn, and what they may not. A reader sees many views: any run of whole
// quarters, with or without each filter. So every figure is measured per quarter (`parts`), and for
// a filtered view also with each filter taken off (`relaxed`), and:
//   1. A count from 1 to t-1 (t is 5 unless configured higher) shows as "fewer than t".
//   2. A figure over several quarters where one quarter is 1 to t-1 shows as "at least N" (N counts
//      each small quarter as 1), so subtracting a shorter period cannot single those people out.
//      This holds even when the sum is below t if two or more quarters are small: "fewer than t"
//      over four quarters each "fewer than t" would tell a reader each was exactly 1.
//   3. A filtered figure is "not shown" when, in some quarter, what the filter leaves out is 1 to t-1,
//      or any sibling view (the same filter with another value: siblings.ts) is 1 to t-1: otherwise
//      the unfiltered view minus this one, or minus the siblings, would reveal them. This comes before
//      rule 1, so "not shown" never tells how big the hidden figure is. Views combine at most one
//      filter (request.ts): with two, inclusion and exclusion over four views gives back a small cell.
//   4. In a breakdown whose cells add up to a total shown beside it (a rating's answers, channels, a
//      trend), `protectLine` hides further cells ("not shown") until no cell shown as "fewer than t"
//      or "at least N" can be narrowed by subtracting what is shown from the total. It reasons as an
//      attacker who knows these rules: a "not shown" cell is known to be t or more. A figure already
//      "not shown" under rule 3 must stay as loose in the line as its label left it (within t-2 either
//      side), or the line would give back what rule 3 hid. Over several quarters, a cell hidden in
//      any quarter's own line is hidden in the period's too, and a period with a withheld quarter is
//      withheld: the period minus the other quarters would give them back.
//   5. In a filtered view, a breakdown that would need cells hidden under rule 4 is withheld instead:
//      a filter only takes people away, so the unfiltered counts cap the filtered cells, and a hidden
//      cell's cap could give back the small one it was hiding.
// Known gap: a cell hidden under rule 4 in the unfiltered view can still be bounded from below by the
// same cell shown in a filtered view (tests/reports/suppression.test.ts, "KNOWN GAP").
// Counts of 0 are shown: they single nobody out.
import { z } from 'zod';

export const MIN_THRESHOLD = 5;
export const thresholdSchema = z.coerce.number().int().min(MIN_THRESHOLD).max(100).default(MIN_THRESHOLD);

export type Shown =
  | { kind: 'count'; value: number }
  | { kind: 'fewer'; than: number }
  /** `value` counts each small quarter as 1; `small` is how many quarters were small. */
  | { kind: 'at-least'; value: number; small: number }
  | { kind: 'not-shown' };

/** A figure measured per quarter of the view's period, and per quarter with each of the view's filters taken off. */
export interface Measured {
  parts: number[];
  relaxed?: number[][];
  /** In a filtered view: the same figure for every value of the filter (the chosen one too), per quarter. */
  siblings?: number[][];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const isSmall = (n: number, t: number) => n >= 1 && n < t;

export function showFigure(m: Measured, t: number = MIN_THRESHOLD): Shown {
  const total = sum(m.parts);
  if (total === 0) return { kind: 'count', value: 0 };
  // Rule 3 first, whatever the figure's size: if only figures of t or more were hidden this way, a
  // "not shown" beside an unfiltered t+1 could only be t, and tell that exactly 1 was left out.
  const left = m.relaxed?.some((r) => r.some((value, i) => isSmall(value - (m.parts[i] ?? 0), t))) ?? false;
  const smallSibling = m.siblings?.some((sib) => sib.some((n) => isSmall(n, t))) ?? false;
  if (left || smallSibling) return { kind: 'not-shown' };
  const small = m.parts.filter((p) => isSmall(p, t)).length;
  // k small quarters add up to anything from k to k(t-1); "fewer than t" would cap each of them below t-1.
  if (total < t && small > 1) return { kind: 'at-least', value: small, small };
  if (total < t) return { kind: 'fewer', than: t };
  if (small > 0) return { kind: 'at-least', value: sum(m.parts.filter((p) => !isSmall(p, t))) + small, small };
  return { kind: 'count', value: total };
}

/** What a reader who knows the rules can tell about a figure from its label alone: [lowest, highest]. */
export function interval(s: Shown, t: number = MIN_THRESHOLD): [number, number] {
  switch (s.kind) {
    case 'count':
      return [s.value, s.value];
    case 'fewer':
      return [1, s.than - 1];
    case 'at-least':
      return [s.value, s.value + s.small * (t - 2)];
    case 'not-shown':
      return [t, Infinity];
  }
}

const sensitive = (s: Shown) => s.kind === 'fewer' || s.kind === 'at-least';

/**
 * What a reader can narrow each figure of `cells = total` down to, given every label: the exact
 * interval hull of one linear equation. Index `cells.length` is the total.
 */
export function narrowed(cells: Shown[], total: Shown, t: number = MIN_THRESHOLD, caps: Caps = []): [number, number][] {
  const capped = (s: Shown, i: number): [number, number] => {
    const [lo, hi] = interval(s, t);
    return [lo, Math.max(lo, Math.min(hi, caps[i] ?? Infinity))];
  };
  const iv = cells.map(capped);
  const [tLo, tHi] = capped(total, cells.length);
  const loSum = sum(iv.map((i) => i[0]));
  const finiteHi = sum(iv.filter((i) => Number.isFinite(i[1])).map((i) => i[1]));
  const infinite = iv.filter((i) => !Number.isFinite(i[1])).length;
  const out: [number, number][] = iv.map(([lo, hi]) => {
    // The others' highest sum: infinite while any other cell is unbounded.
    const othersHi = infinite - (Number.isFinite(hi) ? 0 : 1) > 0 ? Infinity : finiteHi - (Number.isFinite(hi) ? hi : 0);
    return [Math.max(lo, tLo - othersHi), Math.min(hi, tHi - (loSum - lo))];
  });
  out.push([Math.max(tLo, loSum), Math.min(tHi, infinite > 0 ? Infinity : finiteHi)]);
  return out;
}

/**
 * What a reader of a filtered view knows from the unfiltered one: each cell (and, last, the total) is
 * at most its unfiltered count. A count of t or more is taken as known exactly (it may be shown); a
 * smaller one only as "fewer than t".
 */
export type Caps = (number | undefined)[];

export function capsFrom(relaxedValues: number[][], t: number = MIN_THRESHOLD): Caps {
  if (relaxedValues.length === 0) return [];
  return relaxedValues[0]!.map((_, i) => Math.min(...relaxedValues.map((r) => ((r[i] ?? 0) >= t ? r[i]! : t - 1))));
}

/** True when no "fewer" or "at least" figure in the line (total included) can be narrowed. */
export function lineIsSafe(cells: Shown[], total: Shown, t: number = MIN_THRESHOLD, caps: Caps = []): boolean {
  const after = narrowed(cells, total, t, caps);
  const all = [...cells, total];
  return all.every((s, i) => {
    if (!sensitive(s)) return true;
    const [lo, hi] = interval(s, t);
    const [nlo, nhi] = after[i]!;
    return nlo <= lo && nhi >= hi;
  });
}

export interface ProtectedLine {
  cells: Shown[];
  /** True when no choice of cells to hide keeps it safe: the whole breakdown is withheld. */
  withheld: boolean;
}

/**
 * Secondary suppression for one breakdown: `cells` add up exactly to `total` (their true values are
 * `values`). Hides the fewest, smallest shown counts needed; if none will do, withholds the breakdown.
 * `quarters` are the same breakdown's protected lines for each quarter inside this period.
 */
export function protectLine(cells: Shown[], values: number[], total: Shown, t: number = MIN_THRESHOLD, quarters: ProtectedLine[] = [], options: { filtered?: boolean; caps?: Caps } = {}): ProtectedLine {
  const caps = options.caps ?? [];
  const withheld = { cells: cells.map((): Shown => ({ kind: 'not-shown' })), withheld: true };
  if (quarters.some((q) => q.withheld)) return withheld;
  // A cell hidden in a quarter is t or more there, so it is t or more here: "not shown" stays true.
  const out: Shown[] = cells.map((s, i) => (quarters.some((q) => q.cells[i]?.kind === 'not-shown') ? { kind: 'not-shown' } : s));
  // Rule 3's figures, with their true values: how far a reader must still be from each.
  const all = [...cells, total];
  const ruleThree = all.flatMap((s, i) => (s.kind === 'not-shown' ? [{ i, v: i < cells.length ? (values[i] ?? 0) : sum(values) }] : []));
  const safe = (line: Shown[]) => {
    if (!lineIsSafe(line, total, t, caps)) return false;
    const after = narrowed(line, total, t, caps);
    return ruleThree.every(({ i, v }) => after[i]![0] <= Math.max(t, v - (t - 2)) && after[i]![1] >= v + (t - 2));
  };
  for (;;) {
    if (safe(out)) return { cells: out, withheld: false };
    const candidates = out
      .map((s, i) => ({ s, i, v: values[i] ?? 0 }))
      .filter((c) => c.s.kind === 'count' && c.v >= t)
      .sort((a, b) => a.v - b.v);
    // In a filtered view, a hidden cell is capped by the unfiltered count beside it (a filter only takes
    // people away), so hiding more cells cannot be trusted: a line that needs it is withheld instead.
    if (candidates.length === 0 || options.filtered) return withheld;
    const enough = candidates.find((c) => safe(out.map((s, i) => (i === c.i ? { kind: 'not-shown' } : s))));
    const chosen = enough ?? candidates[candidates.length - 1]!;
    out[chosen.i] = { kind: 'not-shown' };
  }
}

/** The words for a figure, the same on every page, chart and CSV. */
export function label(s: Shown): string {
  switch (s.kind) {
    case 'count':
      return String(s.value);
    case 'fewer':
      return `fewer than ${s.than}`;
    case 'at-least':
      return `at least ${s.value}`;
    case 'not-shown':
      return 'not shown';
  }
}

/** The number a chart may draw or a sort may use: a hidden figure counts as nothing. */
export function drawable(s: Shown): number {
  return s.kind === 'count' || s.kind === 'at-least' ? s.value : 0;
}

/**
 * A breakdown measured per quarter (cells that add up to `total`): each quarter's line protected on
 * its own, then the period's line with them (rule 4), in a filtered view with the unfiltered counts
 * as caps and no cells added (rule 5). The one way report pages and CSVs protect a breakdown.
 */
export function protectBreakdown(cells: Measured[], total: Measured, t: number = MIN_THRESHOLD): ProtectedLine & { total: Shown } {
  const filtered = (total.relaxed?.length ?? 0) > 0;
  const quarterCount = total.parts.length;
  const lineAt = (pick: (xs: number[]) => number) => {
    const one = (m: Measured): Measured => ({ parts: [pick(m.parts)], relaxed: m.relaxed?.map((r) => [pick(r)]), siblings: m.siblings?.map((r) => [pick(r)]) });
    const shown = cells.map((c) => showFigure(one(c), t));
    const values = cells.map((c) => pick(c.parts));
    const relaxed = (total.relaxed ?? []).map((_, k) => [...cells.map((c) => pick(c.relaxed?.[k] ?? [])), pick(total.relaxed![k]!)]);
    return { shown, values, total: showFigure(one(total), t), caps: capsFrom(relaxed, t) };
  };
  const quarters =
    quarterCount > 1
      ? Array.from({ length: quarterCount }, (_, q) => {
          const l = lineAt((xs) => xs[q] ?? 0);
          return protectLine(l.shown, l.values, l.total, t, [], { filtered, caps: l.caps });
        })
      : [];
  const whole = lineAt(sum);
  const period = { ...whole, shown: cells.map((c) => showFigure(c, t)), total: showFigure(total, t) };
  return { ...protectLine(period.shown, period.values, period.total, t, quarters, { filtered, caps: period.caps }), total: period.total };
}

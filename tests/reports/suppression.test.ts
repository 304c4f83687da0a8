// Small numbers in published counts, attacked by a reader who knows every rule: hand-worked breakdowns
// first, then every small breakdown and every pair of views worked through by brute force. The
// attacker below never calls suppress.ts's interval arithmetic (interval, narrowed, lineIsSafe): it
// lists the whole numbers each label allows and tries every combination.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capsFrom, label, protectLine, showFigure, thresholdSchema, type ProtectedLine, type Shown } from '../../worker/reports/suppress';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const range = (lo: number, hi: number) => Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i);
/** Largest value the attacker considers for any figure (the true values stay far below it). */
const CAP = 40;

/** What a label allows, as the brief for this module states it, with nothing taken from its code. */
function allowed(s: Shown, t: number): number[] {
  switch (s.kind) {
    case 'count':
      return [s.value];
    case 'fewer':
      return range(1, t - 1);
    case 'not-shown':
      return range(t, CAP);
    case 'at-least':
      return range(s.value, s.value + s.small * (t - 2));
  }
}

/** Every vector, one value per (ascending) set, whose sum is in `totals`; `visit` sees each one and must not keep it. */
function eachVector(sets: number[][], totals: Set<number>, visit: (v: number[]) => void) {
  const maxTotal = Math.max(...totals);
  const minTotal = Math.min(...totals);
  // The least and most the cells after i can add: only to skip what cannot reach a total.
  const restLo = sets.map((_, i) => sum(sets.slice(i + 1).map((xs) => xs[0]!)));
  const restHi = sets.map((_, i) => sum(sets.slice(i + 1).map((xs) => xs[xs.length - 1]!)));
  const v: number[] = [];
  const walk = (i: number, partial: number) => {
    if (i === sets.length) {
      if (totals.has(partial)) visit(v);
      return;
    }
    for (const x of sets[i]!) {
      if (partial + x + restLo[i]! > maxTotal) break;
      if (partial + x + restHi[i]! < minTotal) continue;
      v.push(x);
      walk(i + 1, partial + x);
      v.pop();
    }
  };
  walk(0, 0);
}

/** Every vector of cells a reader could believe from one published breakdown. A withheld one tells nothing. */
/**
 * Every vector the labels allow. In a filtered view "not shown" comes only from rule 3 (rule 5 adds no
 * hidden cells there), which hides a figure of any size from 1 up: so it allows 1 and more, not t and more.
 */
function readings(line: ProtectedLine, total: Shown, t: number, filtered = false): number[][] {
  const allow = (s: Shown) => (filtered && s.kind === 'not-shown' ? range(1, CAP) : allowed(s, t));
  const sets = line.withheld ? line.cells.map(() => range(0, CAP)) : line.cells.map(allow);
  const out: number[][] = [];
  eachVector(sets, new Set(allow(total)), (v) => out.push([...v]));
  return out;
}

/** The failure, if any: a "fewer than t" or "at least N" figure the reader can narrow, given what they could believe. */
function narrowedFigure(labels: Shown[], seen: Set<number>[], t: number): string | undefined {
  for (const [i, s] of labels.entries()) {
    if (s.kind !== 'fewer' && s.kind !== 'at-least') continue;
    const missing = allowed(s, t).filter((x) => !seen[i]!.has(x));
    if (missing.length > 0) return `figure ${i} (${label(s)}) cannot be ${missing.join(', ')}`;
  }
  return undefined;
}

/** True when every reading gives the same value, and it is 1 to t-1. */
const pinnedSmall = (seen: Set<number>, t: number) => seen.size === 1 && [...seen][0]! >= 1 && [...seen][0]! < t;

/** A one-quarter breakdown as a report would make it: each cell and the total through showFigure, then protectLine. */
function oneQuarterLine(values: number[], t: number) {
  const cells = values.map((v) => showFigure({ parts: [v] }, t));
  const total = showFigure({ parts: [sum(values)] }, t);
  return { cells, total, line: protectLine(cells, values, total, t) };
}

const words = (line: ProtectedLine, total: Shown) => [...line.cells.map(label), label(total)];

describe('the words for a figure', () => {
  it('are the same everywhere: a count, fewer than, at least, not shown, and zero', () => {
    expect(label({ kind: 'fewer', than: 5 })).toBe('fewer than 5');
    expect(label({ kind: 'fewer', than: 10 })).toBe('fewer than 10');
    expect(label({ kind: 'at-least', value: 12, small: 1 })).toBe('at least 12');
    expect(label({ kind: 'not-shown' })).toBe('not shown');
    expect(label({ kind: 'count', value: 0 })).toBe('0');
    expect(label({ kind: 'count', value: 31 })).toBe('31');
  });
});

describe('one figure', () => {
  it('shows 1 to 4 as fewer than 5, and 0 and 5 as they are', () => {
    expect(label(showFigure({ parts: [0] }))).toBe('0');
    for (const n of [1, 2, 3, 4]) expect(label(showFigure({ parts: [n] }))).toBe('fewer than 5');
    expect(label(showFigure({ parts: [5] }))).toBe('5');
  });

  it('uses a configured threshold of 10, and refuses one below 5', () => {
    const t = thresholdSchema.parse('10');
    expect(t).toBe(10);
    expect(thresholdSchema.parse(undefined)).toBe(5);
    expect(thresholdSchema.safeParse('4').success).toBe(false);
    expect(label(showFigure({ parts: [9] }, t))).toBe('fewer than 10');
    expect(label(showFigure({ parts: [10] }, t))).toBe('10');
  });

  it('over two quarters where one is small, shows at least N, counting the small quarter as 1', () => {
    // 10 + 3: the reader sees 10 and "fewer than 5" for the quarters; 13 would give the 3 away.
    expect(label(showFigure({ parts: [10, 3] }))).toBe('at least 11');
    // 20 + 0 + 4 + 12: two big quarters make 32, the small one counts as 1.
    expect(label(showFigure({ parts: [20, 0, 4, 12] }))).toBe('at least 33');
    expect(label(showFigure({ parts: [10, 0, 12] }))).toBe('22');
  });

  it('over four quarters of 1 each does not say "fewer than 5", which would make each exactly 1', () => {
    // Four quarters each "fewer than 5" (each 1 to 4) add up to 4 to 16; "fewer than 5" for the
    // year would leave only 1 + 1 + 1 + 1.
    expect(label(showFigure({ parts: [1, 1, 1, 1] }))).toBe('at least 4');
    expect(label(showFigure({ parts: [2, 2] }))).toBe('at least 2');
    // One small quarter and the rest empty: the year says no more than that quarter does.
    expect(label(showFigure({ parts: [0, 3, 0, 0] }))).toBe('fewer than 5');
  });

  it('filtered, is not shown when what the filter leaves out is 1 to 4 in some quarter', () => {
    // 12 at the drop-in, 10 of them said yes: showing 10 beside 12 says 2 said no.
    expect(label(showFigure({ parts: [10], relaxed: [[12]] }))).toBe('not shown');
    expect(label(showFigure({ parts: [10], relaxed: [[10]] }))).toBe('10');
    expect(label(showFigure({ parts: [10], relaxed: [[16]] }))).toBe('10');
    // Two filters: taking off the second leaves out 3.
    expect(label(showFigure({ parts: [10], relaxed: [[10], [13]] }))).toBe('not shown');
    // Over two quarters, the second leaves out 2.
    expect(label(showFigure({ parts: [10, 10], relaxed: [[10, 12]] }))).toBe('not shown');
    // Zero: nothing to subtract.
    // Already small, with a small part left out: not shown either, so "not shown" never says "5 or more".
    expect(label(showFigure({ parts: [3], relaxed: [[5]] }))).toBe('not shown');
    expect(label(showFigure({ parts: [3], relaxed: [[3]] }))).toBe('fewer than 5');
    expect(label(showFigure({ parts: [0], relaxed: [[3]] }))).toBe('0');
  });
});

describe('a breakdown, worked by hand (threshold 5)', () => {
  it('ratings 2, 7, 10, 6, 3, 2 = 30 need nothing more hidden', () => {
    // The three small cells add up to 30 - 7 - 10 - 6 = 7. Each is 1 to 4 and the other two 2 to 8,
    // so each can still be anything from 1 (with 2 + 4 or 4 + 2) to 4 (with 1 + 2 or 2 + 1).
    const { line, total } = oneQuarterLine([2, 7, 10, 6, 3, 2], 5);
    expect(line.withheld).toBe(false);
    expect(words(line, total)).toEqual(['fewer than 5', '7', '10', '6', 'fewer than 5', 'fewer than 5', '30']);
  });

  it('1, 10, 20 = 31 hides the 10', () => {
    // As shown, 31 - 10 - 20 = 1. Hiding the 10 (the smallest count that will do) leaves the small
    // cell and the hidden one adding to 11, with the hidden one at least 5: the small one is 1 to 4.
    const { line, total } = oneQuarterLine([1, 10, 20], 5);
    expect(words(line, total)).toEqual(['fewer than 5', 'not shown', '20', '31']);
  });

  it('4, 4 = 8 is withheld: two small cells that add up to 8 are both 4', () => {
    const { line } = oneQuarterLine([4, 4], 5);
    expect(line.withheld).toBe(true);
    expect(line.cells.map(label)).toEqual(['not shown', 'not shown']);
  });

  it('1, 5, 5 = 11 is withheld: hiding both 5s still leaves the small cell 11 - 10 = 1 at most', () => {
    const { line } = oneQuarterLine([1, 5, 5], 5);
    expect(line.withheld).toBe(true);
    expect(line.cells.map(label)).toEqual(['not shown', 'not shown', 'not shown']);
  });

  it('shows zeros, and hides a count only where a small cell needs it', () => {
    // Nothing small: nothing hidden, zeros included.
    const plain = oneQuarterLine([0, 12, 0, 8], 5);
    expect(words(plain.line, plain.total)).toEqual(['0', '12', '0', '8', '20']);
    // 13 - 0 - 10 = 3: hide the 10, and the 0 stays (it singles nobody out, and hiding it would be a lie about "5 or more").
    const small = oneQuarterLine([0, 3, 10], 5);
    expect(words(small.line, small.total)).toEqual(['0', 'fewer than 5', 'not shown', '13']);
  });

  it('with the threshold at 10, 3, 9, 12, 20 = 44 hides the 12', () => {
    // The two small cells add up to 44 - 12 - 20 = 12, so each is 3 to 9, not 1 to 9. Hiding the 12
    // (the only count of 10 or more below 20) leaves them 24 with the hidden one at least 10.
    const { line, total } = oneQuarterLine([3, 9, 12, 20], 10);
    expect(words(line, total)).toEqual(['fewer than 10', 'fewer than 10', 'not shown', '20', '44']);
    // At 5 the same line needs only the 9 hidden: 3 + the 9 = 12, so the 3 is 1 to 4 beside 8 to 11.
    const atFive = oneQuarterLine([3, 9, 12, 20], 5);
    expect(words(atFive.line, atFive.total)).toEqual(['fewer than 5', 'not shown', '12', '20', '44']);
  });

  it('does not let a figure hidden by a filter be worked back from the total', () => {
    // Filtered 10 of 12, 10 of 16, 20 of 28. The first is not shown (2 left out), but 20 - 10 = 10
    // gives it back, and 12 - 10 = 2. The second must be hidden as well.
    const cells = [showFigure({ parts: [10], relaxed: [[12]] }), showFigure({ parts: [10], relaxed: [[16]] })];
    const total = showFigure({ parts: [20], relaxed: [[28]] });
    const line = protectLine(cells, [10, 10], total);
    expect(words(line, total)).toEqual(['not shown', 'not shown', '20']);
    // And the same when the hidden figure is the total: 10 + 0 = 10 of 12.
    const zeroCells = [showFigure({ parts: [10], relaxed: [[10]] }), showFigure({ parts: [0], relaxed: [[2]] })];
    const zeroTotal = showFigure({ parts: [10], relaxed: [[12]] });
    expect(words(protectLine(zeroCells, [10, 0], zeroTotal), zeroTotal)).toEqual(['not shown', '0', 'not shown']);
  });
});

describe('every small breakdown, by brute force', () => {
  function attack(values: number[], t: number): string | undefined {
    const { cells, total, line } = oneQuarterLine(values, t);
    if (line.withheld) return line.cells.every((c) => c.kind === 'not-shown') ? undefined : `withheld but shows ${line.cells.map(label)}`;
    // What is shown must be true: a count is the value, a hidden cell is t or more, a small one small.
    for (const [i, c] of line.cells.entries()) {
      if (!allowed(c, t).includes(values[i]!)) return `cell ${i} shown as ${label(c)} but is ${values[i]}`;
      if (c.kind === 'not-shown' && cells[i]!.kind !== 'count') return `cell ${i} hidden though it was ${label(cells[i]!)}`;
    }
    const seen = line.cells.map(() => new Set<number>());
    const seenTotal = new Set<number>();
    eachVector(
      line.cells.map((c) => allowed(c, t)),
      new Set(allowed(total, t)),
      (v) => {
        v.forEach((x, i) => seen[i]!.add(x));
        seenTotal.add(sum(v));
      },
    );
    if (!seen.every((s, i) => s.has(values[i]!))) return 'the truth is not among the readings';
    return narrowedFigure([...line.cells, total], [...seen, seenTotal], t);
  }

  it('lets no "fewer than 5" be narrowed in any line of up to 4 cells of 0 to 12', () => {
    const failures: string[] = [];
    const each = (prefix: number[], n: number) => {
      if (prefix.length === n) {
        const failure = attack(prefix, 5);
        if (failure) failures.push(`${prefix.join(', ')}: ${failure}`);
        return;
      }
      for (let v = 0; v <= 12; v++) each([...prefix, v], n);
    };
    for (const n of [1, 2, 3, 4]) each([], n);
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('lets no "fewer than 10" be narrowed in any line of up to 3 cells of 0 to 24', () => {
    const failures: string[] = [];
    for (let a = 0; a <= 24; a++)
      for (let b = 0; b <= 24; b++)
        for (const c of [undefined, ...range(0, 24)]) {
          const values = c === undefined ? [a, b] : [a, b, c];
          const failure = attack(values, 10);
          if (failure) failures.push(`${values.join(', ')}: ${failure}`);
        }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('lets no "at least N" or "fewer than 5" be narrowed when cells span quarters', () => {
    // Each cell is two or three quarters of 0 to 9; the total is measured the same way.
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((quarters) => fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: quarters, maxLength: quarters }), { minLength: 2, maxLength: 3 })),
        (parts) => {
          const t = 5;
          const cells = parts.map((p) => showFigure({ parts: p }, t));
          const total = showFigure({ parts: parts[0]!.map((_, q) => sum(parts.map((p) => p[q]!))) }, t);
          const values = parts.map(sum);
          const line = protectLine(cells, values, total, t);
          if (line.withheld) return line.cells.every((c) => c.kind === 'not-shown');
          const seen = line.cells.map(() => new Set<number>());
          const seenTotal = new Set<number>();
          for (const v of readings(line, total, t)) {
            v.forEach((x, i) => seen[i]!.add(x));
            seenTotal.add(sum(v));
          }
          expect(seen.every((s, i) => s.has(values[i]!))).toBe(true);
          expect(narrowedFigure([...line.cells, total], [...seen, seenTotal], t)).toBeUndefined();
        },
      ),
      { numRuns: 400 },
    );
  });

  it('means by each label exactly what the rules can produce: the reader above is neither too weak nor too strong', () => {
    // Every one- to three-quarter figure of 0 to 12: group the true totals by the label they get.
    // "at least N" over k small quarters must be able to be every total from N to N + k(t - 2), and
    // nothing else; "fewer than t" every total from 1 to t - 1. A label that implied more (say, that
    // the total is t or more) would let a reader narrow what the line arithmetic thinks is safe.
    for (const t of [5, 10]) {
      const totals = new Map<string, Set<number>>();
      const each = (prefix: number[]) => {
        if (prefix.length > 0) {
          const key = JSON.stringify(showFigure({ parts: prefix }, t));
          totals.set(key, (totals.get(key) ?? new Set()).add(sum(prefix)));
        }
        if (prefix.length < 3) for (let v = 0; v <= 12; v++) each([...prefix, v]);
      };
      each([]);
      for (const [key, got] of totals) {
        const s = JSON.parse(key) as Shown;
        if (s.kind === 'count') continue;
        // Big quarters above 12 are out of this walk, so only ask for what parts of 0 to 12 can reach.
        const want = allowed(s, t);
        expect([...got].sort((a, b) => a - b), `${key} at threshold ${t}`).toEqual(want);
      }
    }
  });
});

describe('a reader who sets views side by side', () => {
  it('cannot single out a small quarter by subtracting one run of quarters from another', () => {
    // Four quarters of 0 to 6; the reader sees every run of whole quarters (10 of them) and tries
    // every four quarters consistent with all of them.
    const t = 5;
    const runs: [number, number][] = [];
    for (let a = 0; a < 4; a++) for (let b = a; b < 4; b++) runs.push([a, b]);
    const failures: string[] = [];
    for (let n = 0; n < 7 ** 4; n++) {
      const parts = [n % 7, Math.floor(n / 7) % 7, Math.floor(n / 49) % 7, Math.floor(n / 343)];
      const shown = runs.map(([a, b]) => showFigure({ parts: parts.slice(a, b + 1) }, t));
      const allowedSets = shown.map((s) => new Set(allowed(s, t)));
      const exact = runs.map((_, i) => shown[i]!.kind === 'count');
      // The literal check: two exact runs that differ by a run of quarters must not differ by 1 to 4.
      for (const [i, [a, b]] of runs.entries())
        for (const [j, [c, d]] of runs.entries()) {
          if (!exact[i] || !exact[j] || i === j || !(a <= c && d <= b)) continue;
          const diff = (shown[i] as { value: number }).value - (shown[j] as { value: number }).value;
          if (diff >= 1 && diff < t) failures.push(`${parts}: ${label(shown[i]!)} - ${label(shown[j]!)} = ${diff}`);
        }
      // The full check: every reading of the four quarters against every label.
      const seen = runs.map(() => new Set<number>());
      const single = [0, 1, 2, 3].map((q) => allowed(shown[runs.findIndex(([a, b]) => a === q && b === q)]!, t));
      eachVector(single, new Set(range(0, 4 * CAP)), (v) => {
        const sums = runs.map(([a, b]) => sum(v.slice(a, b + 1)));
        if (runs.every((_, i) => allowedSets[i]!.has(sums[i]!))) sums.forEach((s, i) => seen[i]!.add(s));
      });
      const failure = narrowedFigure(shown, seen, t);
      if (failure) failures.push(`${parts}: ${failure}`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  /** The quarters' breakdowns, then the period's, told about them. */
  function periodLines(table: number[][], t: number) {
    const quarters = table.map((row) => oneQuarterLine(row, t));
    const cellParts = table[0]!.map((_, i) => table.map((row) => row[i]!));
    const cells = cellParts.map((p) => showFigure({ parts: p }, t));
    const total = showFigure({ parts: table.map(sum) }, t);
    const period = { cells, total, line: protectLine(cells, cellParts.map(sum), total, t, quarters.map((q) => q.line)) };
    return { quarters, period };
  }

  function attackPeriod(table: number[][], t: number): string | undefined {
    const { quarters, period } = periodLines(table, t);
    const [q1, q2] = quarters as [ReturnType<typeof oneQuarterLine>, ReturnType<typeof oneQuarterLine>];
    if (period.line.withheld && !period.line.cells.every((c) => c.kind === 'not-shown')) return 'withheld period shows cells';
    const periodSets = period.line.withheld ? period.line.cells.map(() => null) : period.line.cells.map((c) => new Set(allowed(c, t)));
    const periodTotal = new Set(allowed(period.total, t));
    const n = table[0]!.length;
    // Figures in order: quarter 1's cells and total, quarter 2's, the period's.
    const labels = [...q1.line.cells, q1.total, ...q2.line.cells, q2.total, ...period.line.cells, period.total];
    const seen = labels.map(() => new Set<number>());
    let truth = false;
    const first = readings(q1.line, q1.total, t);
    const second = readings(q2.line, q2.total, t);
    for (const a of first)
      for (const b of second) {
        const p = a.map((x, i) => x + b[i]!);
        if (!p.every((x, i) => periodSets[i] === null || periodSets[i]!.has(x)) || !periodTotal.has(sum(p))) continue;
        [...a, sum(a), ...b, sum(b), ...p, sum(p)].forEach((x, i) => seen[i]!.add(x));
        if (a.every((x, i) => x === table[0]![i]) && b.every((x, i) => x === table[1]![i])) truth = true;
      }
    if (!truth) return 'the truth is not among the readings';
    // A hidden cell worked out exactly is fine if it is 0 or t or more; a small one never.
    for (let i = 0; i < labels.length; i++) if (labels[i]!.kind === 'not-shown' && pinnedSmall(seen[i]!, t)) return `hidden figure ${i} is exactly ${[...seen[i]!][0]}`;
    const failure = narrowedFigure(labels, seen, t);
    return failure && `${failure} (cells ${n} per line)`;
  }

  it('cannot work a quarter back from a period and the other quarter, in a breakdown', () => {
    // Quarter 1: 3, 10, 11 = 24 hides the 10. Quarter 2: 0, 12, 5 = 17. Alone, the two quarters'
    // 3, 22, 16 = 41 would hide the 16 (its smallest count) and show 22; but 22 - 12 gives quarter
    // 1's hidden 10 back, and then 24 - 10 - 11 = 3. Told of the quarters, the period hides the 22 as quarter 1 did.
    const { quarters, period } = periodLines([[3, 10, 11], [0, 12, 5]], 5);
    expect(words(quarters[0]!.line, quarters[0]!.total)).toEqual(['fewer than 5', 'not shown', '11', '24']);
    expect(words(quarters[1]!.line, quarters[1]!.total)).toEqual(['0', '12', '5', '17']);
    expect(words(period.line, period.total)).toEqual(['fewer than 5', 'not shown', '16', '41']);
    expect(attackPeriod([[3, 10, 11], [0, 12, 5]], 5)).toBeUndefined();
    // Not told, it shows the 22: this is the case the quarters' lines are passed for.
    const alone = protectLine(period.cells, [3, 22, 16], period.total);
    expect(words(alone, period.total)).toEqual(['fewer than 5', '22', 'not shown', '41']);
  });

  it('withholds a period whose quarter was withheld', () => {
    // Quarter 2's 0, 1, 5 = 6 is withheld (hiding the 5 still leaves the 1 at most 6 - 5). Beside
    // quarter 1's 1, 0, 0, the period's "fewer than 5" for the second cell would be quarter 2's own
    // figure, and with the third at least 5 it could only be 1.
    const { quarters, period } = periodLines([[1, 0, 0], [0, 1, 5]], 5);
    expect(quarters[1]!.line.withheld).toBe(true);
    expect(period.line.withheld).toBe(true);
    expect(attackPeriod([[1, 0, 0], [0, 1, 5]], 5)).toBeUndefined();
  });

  it('cannot narrow any figure from two quarters and the period together', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }).chain((n) => fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: n, maxLength: n }), { minLength: 2, maxLength: 2 })), (table) => {
        expect(attackPeriod(table, 5)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  /** A breakdown with a filter on and off, each protected as suppress.ts offers: alone. */
  function filterLines(filtered: number[], unfiltered: number[], t: number) {
    const rCells = unfiltered.map((v) => showFigure({ parts: [v] }, t));
    const rTotal = showFigure({ parts: [sum(unfiltered)] }, t);
    const fCells = filtered.map((v, i) => showFigure({ parts: [v], relaxed: [[unfiltered[i]!]] }, t));
    const fTotal = showFigure({ parts: [sum(filtered)], relaxed: [[sum(unfiltered)]] }, t);
    return { r: protectLine(rCells, unfiltered, rTotal, t), rTotal, f: protectLine(fCells, filtered, fTotal, t, [], { filtered: true, caps: capsFrom([[...unfiltered, sum(unfiltered)]], t) }), fTotal };
  }

  function attackFilter(filtered: number[], unfiltered: number[], t: number): string | undefined {
    const { r, rTotal, f, fTotal } = filterLines(filtered, unfiltered, t);
    const labels = [...f.cells, fTotal, ...r.cells, rTotal];
    const n = filtered.length;
    const seen = labels.map(() => new Set<number>());
    // What each filter leaves out, cell by cell and in total, over every reading.
    const left = range(0, n).map(() => new Set<number>());
    let truth = false;
    const rs = readings(r, rTotal, t);
    for (const a of readings(f, fTotal, t, true))
      for (const b of rs) {
        // A filter only takes people away.
        if (!a.every((x, i) => x <= b[i]!)) continue;
        [...a, sum(a), ...b, sum(b)].forEach((x, i) => seen[i]!.add(x));
        [...b.map((x, i) => x - a[i]!), sum(b) - sum(a)].forEach((x, i) => left[i]!.add(x));
        if (a.every((x, i) => x === filtered[i]) && b.every((x, i) => x === unfiltered[i])) truth = true;
      }
    if (!truth) return 'the truth is not among the readings';
    for (const [i, l] of left.entries()) if (pinnedSmall(l, t)) return `what the filter leaves out of ${i < n ? `cell ${i}` : 'the total'} is exactly ${[...l][0]}`;
    for (let i = 0; i < labels.length; i++) if (labels[i]!.kind === 'not-shown' && pinnedSmall(seen[i]!, t)) return `hidden figure ${i} is exactly ${[...seen[i]!][0]}`;
    return narrowedFigure(labels, seen, t);
  }

  it('cannot work a figure hidden by a filter back from its line and the unfiltered breakdown', () => {
    // Unfiltered 12, 16 = 28; filtered 10, 10 = 20. Without more hiding the reader gets 20 - 10 = 10
    // for the hidden first cell and 12 - 10 = 2 left out.
    expect(attackFilter([10, 10], [12, 16], 5)).toBeUndefined();
    // The literal check: no shown filtered count is 1 to 4 below its shown unfiltered count.
    const { r, f } = filterLines([10, 10], [12, 16], 5);
    f.cells.forEach((c, i) => {
      const u = r.cells[i]!;
      if (c.kind === 'count' && u.kind === 'count') expect(u.value - c.value === 0 || u.value - c.value >= 5).toBe(true);
    });
  });

  // A filter only takes people away, so a shown unfiltered count caps the hidden filtered cell beside
  // it: a filtered breakdown that would need cells hidden is withheld (suppress.ts, rule 5).
  it('an unfiltered count cannot cap a filtered cell hidden to protect a small one', () => {
    // Unfiltered 9, 7 = 16, all shown. Filtered 4 of 9, 7 of 7 = 11 of 16: "fewer than 5", 7 would
    // give the 4 away, so the 7 is hidden; but it is at most the unfiltered 7, so the small one is
    // at least 11 - 7 = 4: exactly 4.
    expect(attackFilter([4, 7], [9, 7], 5)).toBeUndefined();
  });

  it('a filtered count cannot bound the unfiltered cell hidden to protect a small one', () => {
    // Unfiltered 3, 10, 11 = 24 hides the 10. Filtered 3, 10, 6 = 19 hides the 6 and shows the 10,
    // so the unfiltered hidden one is at least 10 and the unfiltered small one at most 24 - 11 - 10 = 3.
    expect(attackFilter([3, 10, 6], [3, 10, 11], 5)).toBeUndefined();
  });

  it('some filtered breakdown beside the unfiltered one narrows a small group', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 6 })), { minLength: 2, maxLength: 3 }),
        (cells) => {
          // Each cell: what the filter keeps, and what it leaves out.
          const filtered = cells.map(([kept]) => kept);
          const unfiltered = cells.map(([kept, out]) => kept + out);
          expect(attackFilter(filtered, unfiltered, 5)).toBeUndefined();
        },
      ),
      { numRuns: 400, seed: 42 },
    );
  });

  // Rule 3 comes before rule 1, so a filtered "not shown" may be any size: beside an unfiltered 6 it
  // can be 2 to 5, and what the filter left out anything from 1 to 4.
  it('a lone "not shown" beside a small unfiltered count does not tell how many the filter left out', () => {
    const t = 5;
    for (const unfiltered of range(t + 1, 3 * t)) {
      const shownAs = new Map<string, number[]>();
      for (const kept of range(0, unfiltered)) {
        const key = label(showFigure({ parts: [kept], relaxed: [[unfiltered]] }, t));
        shownAs.set(key, [...(shownAs.get(key) ?? []), unfiltered - kept]);
      }
      const leftOut = shownAs.get('not shown') ?? [];
      // Every number 1 to t-1 left out must look the same to a reader who sees "not shown".
      expect(leftOut, `beside ${unfiltered}`).toEqual(expect.arrayContaining(range(1, t - 1)));
    }
  });
});

// UK financial-year quarters: which quarter a response counts in, how a date range snaps to whole
// quarters, and the names a report prints. UK midnight is checked against the runtime's own
// Europe/London rules, not against period.ts's arithmetic.
import { describe, expect, it } from 'vitest';
import { isoDay, nextQuarter, parseQuarter, periodCovering, previousQuarter, quarter, quarterMonths, quarterName, quarterOf, quartersFrom, ukDay, ukDayStart } from '../../worker/reports/period';

const HOUR = 3_600_000;
const keys = (qs: { key: string }[]) => qs.map((q) => q.key);

/** The UK wall clock at an instant, as 'YYYY-MM-DD HH:MM', from the runtime's time-zone data. */
function londonClock(ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

describe('quarters of the financial year', () => {
  it('start in April, so January to March belong to the year before', () => {
    expect(quarterOf(Date.UTC(2027, 1, 15, 12)).key).toBe('2026-Q4');
    expect(quarterOf(Date.UTC(2027, 0, 1, 0)).key).toBe('2026-Q4');
    expect(quarterOf(Date.UTC(2026, 11, 31, 12)).key).toBe('2026-Q3');
    expect(quarterOf(Date.UTC(2026, 4, 10, 12)).key).toBe('2026-Q1');
    expect(quarterOf(Date.UTC(2026, 7, 10, 12)).key).toBe('2026-Q2');
    expect(quarter(2026, 4)).toMatchObject({ year: 2026, q: 4, start: Date.UTC(2027, 0, 1), end: Date.UTC(2027, 2, 31, 23) });
  });

  it('begin at UK midnight: 23:00 UTC on 31 March is the new year, 22:00 is not', () => {
    // 1 April is always in British Summer Time, which starts on the last Sunday of March.
    expect(quarterOf(Date.UTC(2026, 2, 31, 23)).key).toBe('2026-Q1');
    expect(quarterOf(Date.UTC(2026, 2, 31, 22)).key).toBe('2025-Q4');
    expect(quarterOf(Date.UTC(2026, 2, 31, 22, 59, 59, 999)).key).toBe('2025-Q4');
    // 1 July and 1 October too.
    expect(quarterOf(Date.UTC(2026, 5, 30, 23)).key).toBe('2026-Q2');
    expect(quarterOf(Date.UTC(2026, 5, 30, 22)).key).toBe('2026-Q1');
    expect(quarterOf(Date.UTC(2026, 8, 30, 23)).key).toBe('2026-Q3');
    expect(quarterOf(Date.UTC(2026, 8, 30, 22)).key).toBe('2026-Q2');
    // 1 January is in GMT: 23:00 UTC on 31 December is still the old quarter.
    expect(quarterOf(Date.UTC(2026, 11, 31, 23)).key).toBe('2026-Q3');
    expect(quarterOf(Date.UTC(2027, 0, 1, 0)).key).toBe('2026-Q4');
  });

  it('each begin at 00:00 UK time and follow one another without a gap, 2000 to 2100', () => {
    for (let q = quarter(2000, 1); q.year <= 2100; q = nextQuarter(q)) {
      expect(londonClock(q.start).slice(11), q.key).toBe('00:00');
      expect(nextQuarter(q).start).toBe(q.end);
      expect(quarterOf(q.start).key).toBe(q.key);
      expect(quarterOf(q.end - 1).key).toBe(q.key);
      expect(quarterOf(q.start - 1).key).toBe(previousQuarter(q).key);
      expect(ukDay(q.start).slice(5)).toBe(['04-01', '07-01', '10-01', '01-01'][q.q - 1]);
    }
  });

  it('step across the turn of the year both ways', () => {
    expect(nextQuarter(quarter(2026, 4)).key).toBe('2027-Q1');
    expect(previousQuarter(quarter(2026, 1)).key).toBe('2025-Q4');
    expect(keys(quartersFrom(quarter(2025, 3), quarter(2026, 2)))).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(keys(quartersFrom(quarter(2026, 2), quarter(2026, 1)))).toEqual([]);
  });

  it('read back from keys such as 2026-Q2, and refuse anything else', () => {
    expect(parseQuarter('2026-Q2')).toEqual(quarter(2026, 2));
    for (const bad of ['2026-Q5', '2026-Q0', '2026Q2', '26-Q2', '2026-q2', ' 2026-Q2', '2026-Q2x']) expect(parseQuarter(bad), bad).toBeUndefined();
  });

  it('are named "2026/27 Q2" and "July to September 2026"', () => {
    expect(quarterName(quarter(2026, 2))).toBe('2026/27 Q2');
    expect(quarterName(quarter(2026, 4))).toBe('2026/27 Q4');
    expect(quarterName(quarter(1999, 1))).toBe('1999/00 Q1');
    expect(quarterName(quarter(2009, 3))).toBe('2009/10 Q3');
    expect(quarterMonths(quarter(2026, 1))).toBe('April to June 2026');
    expect(quarterMonths(quarter(2026, 2))).toBe('July to September 2026');
    expect(quarterMonths(quarter(2026, 3))).toBe('October to December 2026');
    // The last quarter of 2026/27 is in the calendar year 2027.
    expect(quarterMonths(quarter(2026, 4))).toBe('January to March 2027');
  });
});

describe('UK days', () => {
  it('start at 00:00 UK time on every day from 2024 to 2031, either side of each clock change', () => {
    for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2032, 0, 1); ms += 24 * HOUR) {
      const day = new Date(ms).toISOString().slice(0, 10);
      const start = ukDayStart(day);
      expect(londonClock(start), day).toBe(`${day} 00:00`);
      expect(ukDay(start)).toBe(day);
      expect(ukDay(start - 1)).not.toBe(day);
    }
  });

  it('know the last Sundays: 29 March and 25 October 2026', () => {
    // Midnight on the Sunday the clocks go forward is still GMT; on the Sunday they go back, still BST.
    expect(ukDayStart('2026-03-29')).toBe(Date.UTC(2026, 2, 29));
    expect(ukDayStart('2026-03-30')).toBe(Date.UTC(2026, 2, 29, 23));
    expect(ukDayStart('2026-10-25')).toBe(Date.UTC(2026, 9, 24, 23));
    expect(ukDayStart('2026-10-26')).toBe(Date.UTC(2026, 9, 26));
  });

  it('accept only real calendar days written YYYY-MM-DD, leap days included', () => {
    for (const good of ['2026-04-01', '2028-02-29', '2000-02-29', '2026-12-31']) expect(isoDay.safeParse(good).success, good).toBe(true);
    for (const unreal of ['2027-02-29', '2100-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00']) {
      const result = isoDay.safeParse(unreal);
      expect(result.success, unreal).toBe(false);
      expect(result.error?.issues[0]?.message, unreal).toBe('That is not a real date');
    }
    for (const shape of ['2026-4-1', '26-04-01', '2026/04/01', '2026-04-01T00:00', '', '01-04-2026']) {
      const result = isoDay.safeParse(shape);
      expect(result.success, shape).toBe(false);
      expect(result.error?.issues[0]?.message, shape).toBe('Use a date like 2026-04-01');
    }
  });
});

describe('a period asked for by dates', () => {
  it('is exactly the quarters when the dates are their first and last days', () => {
    expect(periodCovering('2026-04-01', '2026-06-30')).toEqual({ quarters: [quarter(2026, 1)], widened: false });
    expect(periodCovering('2026-04-01', '2027-03-31')).toEqual({ quarters: [1, 2, 3, 4].map((q) => quarter(2026, q as 1 | 2 | 3 | 4)), widened: false });
    expect(periodCovering('2026-10-01', '2027-03-31')).toMatchObject({ widened: false });
  });

  it('widens to whole quarters, and says so', () => {
    expect(periodCovering('2026-04-02', '2026-06-30')).toEqual({ quarters: [quarter(2026, 1)], widened: true });
    expect(periodCovering('2026-04-01', '2026-06-29')).toEqual({ quarters: [quarter(2026, 1)], widened: true });
    expect(periodCovering('2026-05-17', '2026-05-17')).toEqual({ quarters: [quarter(2026, 1)], widened: true });
    // Two days either side of the year's turn: the last quarter of one year and the first of the next.
    expect(periodCovering('2026-03-31', '2026-04-01')).toEqual({ quarters: [quarter(2025, 4), quarter(2026, 1)], widened: true });
    // Across 1 January, which is not a financial year's turn.
    expect(keys(periodCovering('2026-12-31', '2027-01-01')!.quarters)).toEqual(['2026-Q3', '2026-Q4']);
  });

  it('counts a leap day in the last quarter', () => {
    expect(periodCovering('2028-02-29', '2028-02-29')).toEqual({ quarters: [quarter(2027, 4)], widened: true });
    expect(periodCovering('2028-01-01', '2028-03-31')).toEqual({ quarters: [quarter(2027, 4)], widened: false });
    expect(periodCovering('2028-01-01', '2028-02-29')).toMatchObject({ widened: true });
    expect(ukDay(quarter(2027, 4).end - 1)).toBe('2028-03-31');
    expect(ukDay(quarter(2028, 4).end - 1)).toBe('2029-03-31');
  });

  it('refuses dates the wrong way round, and periods longer than ten years', () => {
    expect(periodCovering('2026-06-30', '2026-04-01')).toBeUndefined();
    expect(periodCovering('2026-04-02', '2026-04-01')).toBeUndefined();
    expect(periodCovering('2000-04-01', '2010-03-31')?.quarters).toHaveLength(40);
    expect(periodCovering('2000-04-01', '2010-04-01')).toBeUndefined();
  });
});

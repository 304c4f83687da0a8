// UK financial-year quarters (April start), the unit every report figure is counted in.
// Boundaries are midnight in the UK: 1 April, 1 July and 1 October fall in British Summer Time
// (it runs from the last Sunday of March to the last Sunday of October), so those quarters begin
// at 23:00 UTC the day before; 1 January is in GMT. Responses keep only the hour, so a response
// from 00:30 on 1 April UK time (23:00 UTC on 31 March) counts in the new quarter, as it should.
import { z } from 'zod';

const HOUR = 3_600_000;

export interface Quarter {
  /** '2026-Q1': the financial year that starts in April 2026, quarter 1 (April to June 2026). */
  key: string;
  /** The calendar year the financial year starts in. */
  year: number;
  q: 1 | 2 | 3 | 4;
  /** First and one-past-last instant (ms). */
  start: number;
  end: number;
}

export const quarterKey = z.string().regex(/^\d{4}-Q[1-4]$/, 'A quarter such as 2026-Q2');

/** The UTC instant of midnight UK time at the start of a month (month 0 = January). */
function ukMonthStart(year: number, month: number): number {
  const utc = Date.UTC(year, month, 1);
  return month >= 3 && month <= 9 ? utc - HOUR : utc;
}

export function quarter(year: number, q: 1 | 2 | 3 | 4): Quarter {
  const firstMonth = 3 + (q - 1) * 3; // April, July, October, January (13 → next year's month 0)
  const start = ukMonthStart(year + Math.floor(firstMonth / 12), firstMonth % 12);
  const nextMonth = firstMonth + 3;
  const end = ukMonthStart(year + Math.floor(nextMonth / 12), nextMonth % 12);
  return { key: `${year}-Q${q}`, year, q, start, end };
}

export function parseQuarter(key: string): Quarter | undefined {
  if (!quarterKey.safeParse(key).success) return undefined;
  return quarter(Number(key.slice(0, 4)), Number(key.slice(6)) as 1 | 2 | 3 | 4);
}

/** The quarter an instant falls in. */
export function quarterOf(ms: number): Quarter {
  const d = new Date(ms);
  for (const year of [d.getUTCFullYear(), d.getUTCFullYear() - 1]) {
    for (const q of [4, 3, 2, 1] as const) {
      const candidate = quarter(year, q);
      if (ms >= candidate.start && ms < candidate.end) return candidate;
    }
  }
  return quarter(d.getUTCFullYear(), 4); // unreachable: every instant is in one of those eight
}

export function nextQuarter(q: Quarter): Quarter {
  return q.q === 4 ? quarter(q.year + 1, 1) : quarter(q.year, (q.q + 1) as 1 | 2 | 3);
}

export function previousQuarter(q: Quarter): Quarter {
  return q.q === 1 ? quarter(q.year - 1, 4) : quarter(q.year, (q.q - 1) as 2 | 3 | 4);
}

/** Every quarter from the one holding `first` to the one holding `last`, in order. */
export function quartersFrom(first: Quarter, last: Quarter): Quarter[] {
  const out: Quarter[] = [];
  for (let q = first; q.start <= last.start && out.length < 400; q = nextQuarter(q)) out.push(q);
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026/27 Q2" */
export function quarterName(q: Quarter): string {
  return `${q.year}/${String((q.year + 1) % 100).padStart(2, '0')} Q${q.q}`;
}

/** "July to September 2026" */
export function quarterMonths(q: Quarter): string {
  const first = 3 + (q.q - 1) * 3;
  const year = q.year + Math.floor(first / 12);
  return `${MONTHS[first % 12]} to ${MONTHS[(first + 2) % 12]} ${year}`;
}

/** A calendar day 'YYYY-MM-DD' as the instant of UK midnight starting it. */
export function ukDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d);
  // Between the last Sundays of March and October the UK is an hour ahead.
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month + 1, 0));
    return Date.UTC(y, month, last.getUTCDate() - last.getUTCDay());
  };
  return utc >= lastSunday(2) + 86_400_000 && utc <= lastSunday(9) ? utc - HOUR : utc;
}

/** 'YYYY-MM-DD' of a real calendar day. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-04-01')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'That is not a real date');

export interface Period {
  quarters: Quarter[];
  /** True when the dates asked for did not fall on quarter boundaries and were widened. */
  widened: boolean;
}

/**
 * The whole quarters covering the days from `from` to `to` (inclusive). Reports count by whole
 * quarters only, so two periods a few days apart can never be subtracted to single out the few
 * responses between them (see suppress.ts).
 */
export function periodCovering(from: string, to: string): Period | undefined {
  const start = ukDayStart(from);
  const endDay = ukDayStart(to);
  if (endDay < start) return undefined;
  const first = quarterOf(start);
  const last = quarterOf(endDay);
  const quarters = quartersFrom(first, last);
  if (quarters.length > 40) return undefined;
  const nextDay = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)) + 1)).toISOString().slice(0, 10);
  const widened = first.start !== start || last.end !== ukDayStart(nextDay);
  return { quarters, widened };
}

/** 'YYYY-MM-DD' of the UK day an instant falls on (for the first and last day of a quarter). */
export function ukDay(ms: number): string {
  for (const shift of [HOUR, 0]) {
    const day = new Date(ms + shift).toISOString().slice(0, 10);
    if (ukDayStart(day) <= ms && ms < ukDayStart(new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + 1)).toISOString().slice(0, 10))) return day;
  }
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A quarter as one number, year × 4 + q (2026-Q1 is 8105; 2026-Q4, January to March 2027, is 8108),
 * as the report's roll-up stores it (migrations/0010_report_rollup_triggers.sql works it out in SQL).
 */
export const quarterNumber = (q: Quarter): number => q.year * 4 + q.q;

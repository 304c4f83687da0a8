// A GOV.UK date input read on the server: each part checked, then the whole as a real day, with the
// messages the GOV.UK pattern gives. Staff forms use it (an action's date, a session's day).
import { z } from 'zod';

export interface DayRules {
  /** The message when all three boxes are empty. */
  missing: string;
  /** The latest day allowed, as YYYY-MM-DD (today, for something already done). */
  notAfter?: string;
  /** The earliest year allowed. */
  fromYear?: number;
}

/** Three boxes (day, month, year) to the day they name: ms at the start of that day in UTC. */
export function dayInput(rules: DayRules) {
  const fromYear = rules.fromYear ?? 2000;
  return z
    .object({ day: z.string().trim(), month: z.string().trim(), year: z.string().trim() })
    .transform((v, ctx) => {
      const parts = [
        ['day', v.day],
        ['month', v.month],
        ['year', v.year],
      ] as const;
      const missing = parts.filter(([, value]) => value === '');
      if (missing.length === 3) {
        ctx.addIssue({ code: 'custom', path: ['day'], message: rules.missing });
        return z.NEVER;
      }
      if (missing.length > 0) {
        ctx.addIssue({ code: 'custom', path: [missing[0]![0]], message: `Date must include a ${missing.map(([name]) => name).join(' and ')}` });
        return z.NEVER;
      }
      const bad = parts.find(([name, value]) => !/^\d+$/.test(value) || (name === 'year' && value.length !== 4));
      if (bad) {
        ctx.addIssue({ code: 'custom', path: [bad[0]], message: bad[0] === 'year' ? 'Year must include 4 numbers' : 'Date must be a real date' });
        return z.NEVER;
      }
      const [d, m, y] = [Number(v.day), Number(v.month), Number(v.year)];
      const ms = Date.UTC(y, m - 1, d);
      const back = new Date(ms);
      if (m < 1 || m > 12 || back.getUTCDate() !== d || back.getUTCMonth() !== m - 1 || y < fromYear) {
        ctx.addIssue({ code: 'custom', path: ['day'], message: y < fromYear ? `Date must be in the year ${fromYear} or later` : 'Date must be a real date' });
        return z.NEVER;
      }
      if (rules.notAfter) {
        const [ly, lm, ld] = rules.notAfter.split('-').map(Number) as [number, number, number];
        if (ms > Date.UTC(ly, lm - 1, ld)) {
          ctx.addIssue({ code: 'custom', path: ['day'], message: 'Date must be today or in the past' });
          return z.NEVER;
        }
      }
      return ms;
    });
}

/** A day (ms at its start in UTC) as the three boxes show it. */
export function dayFields(ms: number): { day: string; month: string; year: string } {
  const d = new Date(ms);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}

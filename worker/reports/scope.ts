// What a report counts: one framework, whole quarters, and the filters a commissioner chose; and the
// WHERE clause the raw reads (quotes) share, over `responses r` and `moderation m`.
import { z } from 'zod';
import { CHANNELS } from '../db/schema';
import type { Quarter } from './period';

/** The filters, each optional; a figure in a filtered view is also measured with each one taken off (suppress.ts, rule 3). */
export const reportFilters = z.object({
  form: z.string().max(100).optional(),
  session: z.string().max(100).optional(),
  organisation: z.string().max(100).optional(),
  channel: z.enum(CHANNELS).optional(),
});
export type ReportFilters = z.infer<typeof reportFilters>;
export const FILTER_KEYS = ['form', 'session', 'organisation', 'channel'] as const satisfies readonly (keyof ReportFilters)[];

export interface ReportScope {
  frameworkId: string;
  quarters: Quarter[];
  filters: ReportFilters;
  threshold: number;
}

/** The tags reports read: confirmed, first round or settled (a blind second coding's own rows never count until settled). */
export const COUNTED_TAG = (t: string) => `${t}.state = 'confirmed' AND ${t}.round IN ('first', 'settled')`;

export interface Clause {
  sql: string;
  binds: unknown[];
}

/**
 * Conditions on `r` (responses) and `m` (moderation) for a set of quarters and filters, for what is read
 * from the raw rows (quotes); every count comes from the roll-up (cells.ts). Excluded responses never count.
 */
export function scopeClause(quarters: Quarter[], filters: ReportFilters): Clause {
  const f = filterClause(filters, 'r.');
  return { sql: `m.status != 'excluded' AND r.submitted_at >= ? AND r.submitted_at < ?${f.sql}`, binds: [quarters[0]!.start, quarters[quarters.length - 1]!.end, ...f.binds] };
}

/**
 * A view's filters as conditions, each after " AND ": on a response's columns (`prefix` 'r.') or on the
 * roll-up's, which carry the same names (cells.ts; there no organisation or session is '').
 */
export function filterClause(filters: ReportFilters, prefix = ''): Clause {
  const parts: string[] = [];
  const binds: unknown[] = [];
  if (filters.form) {
    parts.push(`${prefix}form_version_id IN (SELECT id FROM form_versions WHERE form_id = ?)`);
    binds.push(filters.form);
  }
  for (const [key, column] of [
    ['session', 'session_id'],
    ['organisation', 'organisation_id'],
    ['channel', 'channel'],
  ] as const) {
    if (!filters[key]) continue;
    parts.push(`${prefix}${column} = ?`);
    binds.push(filters[key]);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), binds };
}

/** The framework's objective ids as one index range: `framework:` up to `framework;` (';' follows ':'). */
export function objectiveRange(frameworkId: string): Clause {
  return { sql: 't.objective_id >= ? AND t.objective_id < ?', binds: [`${frameworkId}:`, `${frameworkId};`] };
}


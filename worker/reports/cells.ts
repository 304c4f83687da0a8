// Reads the report's roll-up, report_cells (worker/db/report-rollup-schema.ts), which triggers keep in
// step with every tag and moderation change: a report sums a few thousand cells instead of reading
// every tag (ARCHITECTURE.md, "Reports"). Every count of a report comes through `readCells`, per
// quarter of the view, and split by a filter's column when a filtered view needs its siblings.
import type { Database } from '../db/client';
import type { REPORT_CELL_KINDS } from '../db/schema';
import { quarterNumber, type Quarter } from './period';
import { filterClause, type ReportFilters } from './scope';
import { splitKey, type Split } from './siblings';

export type D1 = Database['$client'];
/** Counts per key, one number per quarter of the view. */
export type PerQuarter = Map<string, number[]>;
type CellKind = (typeof REPORT_CELL_KINDS)[number];
/** A cell's grouping columns a count may keep. */
type Column = 'kind' | 'objective_id' | 'detail' | 'channel' | 'session_id';

export const zeros = (n: number) => Array.from({ length: n }, () => 0);
export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export async function all<T>(d1: D1, query: string, binds: unknown[]): Promise<T[]> {
  const { results } = await d1.prepare(query).bind(...binds).all<T>();
  return results;
}

/** Adds n to a key's quarter, making its row on first use. */
export function add(map: PerQuarter, key: string, q: number, n: number, length: number) {
  let row = map.get(key);
  if (!row) map.set(key, (row = zeros(length)));
  row[q] = (row[q] ?? 0) + n;
}


export interface CellRow {
  /** The quarter's index in the view. */
  q: number;
  responses: number;
  excerpts: number;
  kind: CellKind;
  objective_id: string;
  detail: string;
  channel: string;
  session_id: string;
  /** The split column's value, when split. */
  sib?: string | null;
}

export interface CellQuery {
  /** Which cells: a kind of a framework ('' for the kinds that have none: responses, done). */
  cells: { kind: CellKind; frameworkId: string }[];
  objectiveId?: string;
  quarters: Quarter[];
  filters: ReportFilters;
  split?: Split;
  by: Column[];
}

/** Sums of responses and excerpts per quarter and `by` columns (and sibling, when split). */
export async function readCells(d1: D1, query: CellQuery): Promise<CellRow[]> {
  const first = quarterNumber(query.quarters[0]!);
  const last = quarterNumber(query.quarters[query.quarters.length - 1]!);
  const which = query.cells.map(() => '(framework_id = ? AND kind = ?)').join(' OR ');
  const filters = filterClause(query.filters);
  const by = [...query.by, ...(query.split ? [`${query.split.column} AS sib`] : [])];
  const groupBy = ['quarter', ...query.by, ...(query.split ? ['sib'] : [])];
  return all<CellRow>(
    d1,
    `SELECT quarter - ? AS q${by.map((c) => `, ${c}`).join('')}, SUM(responses) AS responses, SUM(excerpts) AS excerpts
     FROM report_cells
     WHERE (${which})${query.objectiveId ? ' AND objective_id = ?' : ''} AND quarter >= ? AND quarter <= ?${filters.sql}${query.split?.where ? ` AND ${query.split.where.sql}` : ''}
     GROUP BY ${groupBy.join(', ')}`,
    [
      first,
      ...query.cells.flatMap((c) => [c.frameworkId, c.kind]),
      ...(query.objectiveId ? [query.objectiveId] : []),
      first,
      last,
      ...filters.binds,
      ...(query.split?.where?.binds ?? []),
    ],
  );
}

/** Rows into per-quarter numbers by key, each key behind its sibling when split. */
export function perQuarter(rows: CellRow[], key: (r: CellRow) => string | undefined, value: (r: CellRow) => number, length: number, split?: Split): PerQuarter {
  const out: PerQuarter = new Map();
  for (const r of rows) {
    const k = key(r);
    if (k === undefined) continue;
    add(out, split ? splitKey(r.sib, k) : k, r.q, value(r), length);
  }
  return out;
}

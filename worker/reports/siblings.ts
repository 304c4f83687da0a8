// A filtered view and its siblings. Filtering by one value (a channel, a form, an organisation, a
// session) is one cell of a breakdown of the unfiltered view by every value: its siblings. A reader
// can open every sibling and subtract them from the unfiltered figure, so a filtered figure is shown
// only when every sibling's figure is 0 or at least the threshold in every quarter (suppress.ts,
// rule 3). All siblings come from one query grouped by the filter's column, not one query each.
// Sessions sit inside organisations: a session's siblings are the other sessions of its organisation
// and that organisation's responses from no session, against the organisation's figure.
import type { Database } from '../db/client';
import type { ReportFilters } from './scope';

type D1 = Database['$client'];

/** How a query splits its rows: the roll-up's column it groups by (cells.ts), and any condition that stays. */
export interface Split {
  column: string;
  where?: { sql: string; binds: unknown[] };
}

/** Keys of a split query's counts start with the sibling's value and this separator. */
const SEP = '\u0001';
export const splitKey = (sib: unknown, key: string) => `${sib ?? ''}${SEP}${key}`;

/** A query's counts: a map of per-quarter numbers, or an object whose every field is such a map. */
type Counts = object;

export interface Views<T> {
  base: T;
  /** The view without its filter (for a session: its organisation's view). Empty when unfiltered. */
  relaxed: T[];
  /** Every sibling's counts by its value, the chosen one included. Empty when unfiltered. */
  siblings: Map<string, T>;
}

function mapFields<T extends Counts>(c: T, f: (m: Map<string, number[]>) => Map<string, number[]>): T {
  if (c instanceof Map) return f(c as Map<string, number[]>) as T;
  return Object.fromEntries(Object.entries(c).map(([k, m]) => [k, f(m as Map<string, number[]>)])) as T;
}

function fieldsOf(c: Counts): Map<string, number[]>[] {
  return c instanceof Map ? [c as Map<string, number[]>] : (Object.values(c) as Map<string, number[]>[]);
}

/** The counts of the rows whose sibling value passes `keep`, with the sibling prefix taken off. */
function pick<T extends Counts>(all: T, keep: (sib: string) => boolean): T {
  return mapFields(all, (m) => {
    const out = new Map<string, number[]>();
    for (const [k, v] of m) {
      const at = k.indexOf(SEP);
      if (!keep(k.slice(0, at))) continue;
      const key = k.slice(at + 1);
      const have = out.get(key);
      out.set(key, have ? have.map((n, i) => n + (v[i] ?? 0)) : [...v]);
    }
    return out;
  });
}

export interface FilterSplit {
  unfiltered: ReportFilters;
  split: Split;
  /** Which sibling a row's value belongs to (a form's versions are one sibling). */
  siblingOf: (sib: string) => string;
  chosen: string;
}

/** The split for a view's one filter, or undefined when it has none. */
export async function splitFor(d1: D1, filters: ReportFilters): Promise<FilterSplit | undefined> {
  if (filters.channel) return { unfiltered: {}, split: { column: 'channel' }, siblingOf: (s) => s, chosen: filters.channel };
  if (filters.organisation) return { unfiltered: {}, split: { column: 'organisation_id' }, siblingOf: (s) => s, chosen: filters.organisation };
  if (filters.form) {
    const { results } = await d1.prepare('SELECT id, form_id AS formId FROM form_versions').all<{ id: string; formId: string }>();
    const formOf = new Map(results.map((r) => [r.id, r.formId]));
    return { unfiltered: {}, split: { column: 'form_version_id' }, siblingOf: (s) => formOf.get(s) ?? s, chosen: filters.form };
  }
  if (filters.session) {
    const session = await d1.prepare('SELECT organisation_id AS organisation FROM feedback_sessions WHERE id = ?').bind(filters.session).first<{ organisation: string }>();
    return {
      unfiltered: {},
      // The session's own responses always belong, even one whose organisation was not recorded.
      // (A cell with no organisation has '' there: a session that does not exist matches nothing.)
      split: { column: 'session_id', where: { sql: '(organisation_id = ? OR session_id = ?)', binds: [session?.organisation ?? '\u0000', filters.session] } },
      siblingOf: (s) => s,
      chosen: filters.session,
    };
  }
  return undefined;
}

/**
 * Runs a count for a view: unfiltered, once; filtered, once for every sibling at the same time. `run`
 * gets the filters to apply and, when splitting, the split; it must then key its counts with `splitKey`.
 */
export async function inViews<T extends Counts>(d1: D1, filters: ReportFilters, run: (f: ReportFilters, split?: Split) => Promise<T>): Promise<Views<T>> {
  const plan = await splitFor(d1, filters);
  if (!plan) return { base: await run(filters), relaxed: [], siblings: new Map() };
  const all = await run(plan.unfiltered, plan.split);
  const names = new Set<string>();
  for (const m of fieldsOf(all)) for (const k of m.keys()) names.add(plan.siblingOf(k.slice(0, k.indexOf(SEP))));
  names.add(plan.chosen);
  return {
    base: pick(all, (s) => plan.siblingOf(s) === plan.chosen),
    relaxed: [pick(all, () => true)],
    siblings: new Map([...names].map((name) => [name, pick(all, (s) => plan.siblingOf(s) === name)])),
  };
}

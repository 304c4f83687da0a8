// Reads a report's query string (framework, period, filters) into a scope, or into plain-words
// errors that the page shows above the filter form, with what was asked for kept.
import { z } from 'zod';
import type { Database } from '../db/client';
import { CHANNELS } from '../db/schema';
import { isoDay, periodCovering, quarterOf, quartersFrom, previousQuarter, ukDay, type Quarter } from './period';
import { reportFilters, type ReportFilters, type ReportScope } from './scope';

type D1 = Database['$client'];

/** Everything a report URL may carry; each value is kept as typed so the form can show it back. */
export const reportQuery = z.object({
  framework: z.string().max(100).optional(),
  from: z.string().max(20).optional(),
  to: z.string().max(20).optional(),
  form: z.string().max(100).optional(),
  session: z.string().max(100).optional(),
  organisation: z.string().max(100).optional(),
  channel: z.string().max(20).optional(),
});
export type ReportQuery = z.infer<typeof reportQuery>;

export interface Choices {
  frameworks: { id: string; name: string }[];
  forms: { id: string; title: string }[];
  sessions: { id: string; name: string; heldOn: number }[];
  organisations: { id: string; name: string }[];
  /** The quarters anything was received in, up to the current one. */
  quarters: Quarter[];
}

export async function loadChoices(d1: D1, now: number): Promise<Choices> {
  const [frameworks, forms, sessions, organisations, first] = await d1.batch([
    d1.prepare('SELECT id, name FROM frameworks ORDER BY name'),
    d1.prepare(
      "SELECT f.id, json_extract(fv.definition, '$.title.en') AS title FROM forms f JOIN form_versions fv ON fv.id = f.current_version_id WHERE f.kind = 'feedback' ORDER BY title",
    ),
    d1.prepare('SELECT id, name, held_on AS heldOn FROM feedback_sessions ORDER BY held_on DESC LIMIT 200'),
    d1.prepare('SELECT id, name FROM organisations ORDER BY name'),
    d1.prepare('SELECT MIN(submitted_at) AS first FROM responses'),
  ]);
  const current = quarterOf(now);
  const earliest = (first!.results[0] as { first: number | null } | undefined)?.first;
  const start = earliest && earliest < current.start ? quarterOf(earliest) : previousQuarter(previousQuarter(previousQuarter(current)));
  return {
    frameworks: frameworks!.results as Choices['frameworks'],
    forms: forms!.results as Choices['forms'],
    sessions: sessions!.results as Choices['sessions'],
    organisations: organisations!.results as Choices['organisations'],
    quarters: quartersFrom(start, current).slice(-40),
  };
}

export interface FieldError {
  fieldId: string;
  message: string;
}

export type Reading = { ok: true; scope: ReportScope; widened: boolean; query: ReportQuery } | { ok: false; errors: FieldError[]; query: ReportQuery };

export const DEFAULT_FRAMEWORK = 'oxfordshire-countywide';

/** The last four complete quarters: a year's trend, as commissioners read it (the current quarter is still being moderated). */
export function defaultPeriod(now: number): { from: string; to: string } {
  const last = previousQuarter(quarterOf(now));
  const first = previousQuarter(previousQuarter(previousQuarter(last)));
  return { from: ukDay(first.start), to: ukDay(last.end - 1) };
}

export function readReportQuery(query: ReportQuery, choices: Choices, threshold: number, now: number): Reading {
  const errors: FieldError[] = [];
  const frameworkId = query.framework || (choices.frameworks.some((f) => f.id === DEFAULT_FRAMEWORK) ? DEFAULT_FRAMEWORK : choices.frameworks[0]?.id);
  if (!frameworkId || !choices.frameworks.some((f) => f.id === frameworkId)) errors.push({ fieldId: 'framework', message: 'Choose a framework from the list' });
  const period = defaultPeriod(now);
  const from = query.from || period.from;
  const to = query.to || period.to;
  const fromOk = isoDay.safeParse(from);
  const toOk = isoDay.safeParse(to);
  if (!fromOk.success) errors.push({ fieldId: 'from', message: `The start date must be a real date, like ${period.from}` });
  if (!toOk.success) errors.push({ fieldId: 'to', message: `The end date must be a real date, like ${period.to}` });
  const covering = fromOk.success && toOk.success ? periodCovering(from, to) : undefined;
  if (fromOk.success && toOk.success && !covering) errors.push({ fieldId: 'to', message: 'The end date must be on or after the start date, and within ten years of it' });
  // A period that has not begun has nothing to count: say so, rather than show a report of zeros.
  if (covering && covering.quarters[0]!.start > now) errors.push({ fieldId: 'from', message: `The start date must be in the current quarter or earlier, like ${period.from}` });
  const filters: ReportFilters = {};
  if (query.form) {
    if (choices.forms.some((f) => f.id === query.form)) filters.form = query.form;
    else errors.push({ fieldId: 'form', message: 'Choose a form from the list' });
  }
  if (query.session) {
    if (choices.sessions.some((s) => s.id === query.session)) filters.session = query.session;
    else errors.push({ fieldId: 'session', message: 'Choose a session from the list' });
  }
  if (query.organisation) {
    if (choices.organisations.some((o) => o.id === query.organisation)) filters.organisation = query.organisation;
    else errors.push({ fieldId: 'organisation', message: 'Choose an organisation from the list' });
  }
  if (query.channel) {
    const channel = z.enum(CHANNELS).safeParse(query.channel);
    if (channel.success) filters.channel = channel.data;
    else errors.push({ fieldId: 'channel', message: 'Choose how the feedback was given from the list' });
  }
  // One filter at a time: with two, four views (neither, each, both) add and subtract to a small cell
  // that no single view shows (suppress.ts, rule 3).
  const set = (['form', 'session', 'organisation', 'channel'] as const).filter((k) => query[k]);
  if (set.length > 1) {
    errors.push({ fieldId: set[1]!, message: 'Choose one filter at a time (a form, a session, an organisation or how it was given): figures for a combination could single people out' });
  }
  if (errors.length > 0 || !covering || !frameworkId) return { ok: false, errors, query };
  reportFilters.parse(filters);
  return { ok: true, scope: { frameworkId, quarters: covering.quarters, filters, threshold }, widened: covering.widened, query: { ...query, framework: frameworkId, from, to } };
}

/** The query string of a scope (for links between the report's pages and downloads). */
export function scopeQuery(scope: ReportScope, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({ framework: scope.frameworkId, from: ukDay(scope.quarters[0]!.start), to: ukDay(scope.quarters[scope.quarters.length - 1]!.end - 1) });
  for (const [k, v] of Object.entries(scope.filters)) if (v) p.set(k, v);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return `?${p.toString()}`;
}

// The report's two downloads, through Papa Parse: RFC 4180 (CRLF, quoted where needed), UTF-8 with a
// byte order mark so Excel opens it right, and a cell that starts like a formula goes out behind a '.
// Same scope, filters and suppression as the pages: every figure is a `label()` of a `Shown`.
import type { Database } from '../db/client';
import { csvText as csv } from '../http/csv';
import { inViews, type Views } from './siblings';
import { readCells } from './cells';
import { approvedQuotes, quotesToShow, ratingCounts, ratingLines, ratingQuestions, type RatingCounts } from './detail';
import { measure, tagCounts, type ObjectiveMeta, type ObjectiveSummary, type TagCounts } from './figures';
import { quarterName } from './period';
import type { ReportScope } from './scope';
import { label, showFigure } from './suppress';
import { CHANNEL_NAMES } from './views/common';

/** One quarter's slice of each view, so a quarter's ratings are protected against that quarter's total. */
function quarterOfViews(views: Views<RatingCounts>, q: number): Views<RatingCounts> {
  const slice = (m: Map<string, number[]>) => new Map([...m].map(([k, v]) => [k, [v[q] ?? 0]]));
  const one = (c: RatingCounts): RatingCounts => ({ rated: slice(c.rated), tagged: slice(c.tagged) });
  return { base: one(views.base), relaxed: views.relaxed.map(one), siblings: new Map([...views.siblings].map(([k, c]) => [k, one(c)])) };
}

/** framework, objective code, objective, quarter, responses, excerpts, then a column per rating answer. */
export async function objectivesCsv(db: Database, scope: ReportScope, frameworkName: string, objectives: ObjectiveMeta[]): Promise<string> {
  const d1 = db.$client;
  const questions = await ratingQuestions(d1, scope.filters.form);
  const [counts, ratings] = await Promise.all([
    inViews<TagCounts>(d1, scope.filters, (f, split) => tagCounts(d1, scope.frameworkId, scope.quarters, f, split)),
    inViews<RatingCounts>(d1, scope.filters, (f, split) => ratingCounts(d1, scope.frameworkId, scope.quarters, f, questions, split)),
  ]);
  const t = scope.threshold;
  const length = scope.quarters.length;
  const fields = ['framework', 'objective code', 'objective', 'quarter', 'responses', 'excerpts'];
  for (const q of questions) {
    for (const o of q.options) fields.push(`${q.label}: ${o.label}`);
    fields.push(`${q.label}: no rating`);
  }
  const rows: string[][] = [];
  for (const o of objectives) {
    scope.quarters.forEach((quarter, i) => {
      const responses = showFigure(measure(o.id, counts, (c) => c.responses, length, i, i + 1), t);
      const excerpts = showFigure(measure(o.id, counts, (c) => c.excerpts, length, i, i + 1), t);
      const lines = new Map(ratingLines(o.id, questions, quarterOfViews(ratings, i), 1, t).map((l) => [l.question.id, l]));
      const row: string[] = [frameworkName, o.code, o.text, quarterName(quarter), label(responses), label(excerpts)];
      for (const q of questions) {
        const line = lines.get(q.id);
        for (const point of q.options) row.push(line ? label(line.points.find((p) => p.value === point.value)!.shown) : '0');
        row.push(line ? label(line.noRating) : label(responses));
      }
      rows.push(row);
    });
  }
  return csv(fields, rows);
}

/**
 * How many responses raised each objective in each quarter, per channel and per session: a quote's
 * session and channel are named only when at least t did, or the row would tie the quote to a handful.
 */
async function groupSizes(db: Database, scope: ReportScope): Promise<Map<string, number>> {
  const q = scope.quarters;
  const rows = await readCells(db.$client, { cells: [{ kind: 'objective', frameworkId: scope.frameworkId }], quarters: q, filters: scope.filters, by: ['objective_id', 'channel', 'session_id'] });
  const out = new Map<string, number>();
  const add = (k: string, n: number) => out.set(k, (out.get(k) ?? 0) + n);
  for (const r of rows) {
    add(`${r.objective_id}|${q[r.q]!.key}|channel|${r.channel}`, r.responses);
    if (r.session_id) add(`${r.objective_id}|${q[r.q]!.key}|session|${r.session_id}`, r.responses);
  }
  return out;
}

/** One row per approved quote tagged with an objective whose figure in the view may be shown. */
export async function excerptsCsv(db: Database, scope: ReportScope, summaries: ObjectiveSummary[]): Promise<string> {
  const [quotes, sizes] = await Promise.all([approvedQuotes(db.$client, scope.frameworkId, undefined, scope.quarters, scope.filters), groupSizes(db, scope)]);
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const named = (q: (typeof quotes)[number], kind: 'channel' | 'session', value: string | null) => value !== null && (sizes.get(`${q.objectiveId}|${q.quarter.key}|${kind}|${value}`) ?? 0) >= scope.threshold;
  const rows = quotes
    .filter((q) => {
      const s = byId.get(q.objectiveId);
      return s !== undefined && quotesToShow(s, [q]).length === 1;
    })
    .map((q) => [
      byId.get(q.objectiveId)!.code,
      q.themes.join('; '),
      q.text,
      q.form,
      // Left empty, not "not shown": an empty session is also what a quote given outside any session has.
      named(q, 'session', q.sessionId) ? (q.session ?? '') : '',
      named(q, 'channel', q.channel) ? (CHANNEL_NAMES[q.channel as keyof typeof CHANNEL_NAMES] ?? q.channel) : '',
      quarterName(q.quarter),
    ]);
  return csv(['objective code', 'themes', 'redacted text', 'form', 'session', 'channel', 'quarter'], rows);
}

// The report's two downloads, through Papa Parse: RFC 4180 (CRLF, quoted where needed), UTF-8 with a
// byte order mark so Excel opens it right, and a cell that starts like a formula goes out behind a '.
// Same scope, filters and suppression as the pages: every figure is a `label()` of a `Shown`.
import Papa from 'papaparse';
import type { Database } from '../db/client';
import { inViews, type Views } from './siblings';
import { approvedQuotes, objectiveClause, quotesToShow, ratingCounts, ratingLines, ratingQuestions, type RatingCounts } from './detail';
import { measure, tagCounts, type ObjectiveMeta, type ObjectiveSummary, type TagCounts } from './figures';
import { quarterName } from './period';
import type { ReportScope } from './scope';
import { label, showFigure } from './suppress';
import { CHANNEL_NAMES } from './views/common';

const FORMULA_START = /^'*[=+\-@\t\r]/;

function csv(fields: string[], rows: string[][]): string {
  return '\uFEFF' + Papa.unparse({ fields, data: rows }, { newline: '\r\n', escapeFormulae: FORMULA_START });
}

const zeros = (n: number) => Array.from({ length: n }, () => 0);

/** One quarter's slice of each view, so a quarter's ratings are protected against that quarter's total. */
function quarterOfViews(views: Views<RatingCounts>, q: number): Views<RatingCounts> {
  const slice = (m: Map<string, number[]>) => new Map([...m].map(([k, v]) => [k, [v[q] ?? 0]]));
  const one = (c: RatingCounts): RatingCounts => ({ rated: slice(c.rated), tagged: slice(c.tagged) });
  return { base: one(views.base), relaxed: views.relaxed.map(one), siblings: new Map([...views.siblings].map(([k, c]) => [k, one(c)])) };
}

/** framework, objective code, objective, quarter, responses, excerpts, then a column per rating answer. */
export async function objectivesCsv(db: Database, scope: ReportScope, frameworkName: string, objectives: ObjectiveMeta[]): Promise<string> {
  const d1 = db.$client;
  const clause = objectiveClause(scope.frameworkId);
  const questions = await ratingQuestions(d1, scope.filters.form);
  const [counts, ratings] = await Promise.all([
    inViews<TagCounts>(d1, scope.filters, (f, split) => tagCounts(d1, clause, scope.quarters, f, split)),
    inViews<RatingCounts>(d1, scope.filters, (f, split) => ratingCounts(d1, clause, scope.quarters, f, questions, split)),
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

/** One row per approved quote tagged with an objective whose figure in the view may be shown. */
export async function excerptsCsv(db: Database, scope: ReportScope, summaries: ObjectiveSummary[]): Promise<string> {
  const quotes = await approvedQuotes(db.$client, objectiveClause(scope.frameworkId), scope.quarters, scope.filters);
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const rows = quotes
    .filter((q) => {
      const s = byId.get(q.objectiveId);
      return s !== undefined && quotesToShow(s, [q]).length === 1;
    })
    .map((q) => [byId.get(q.objectiveId)!.code, q.themes.join('; '), q.text, q.form, q.session ?? '', CHANNEL_NAMES[q.channel as keyof typeof CHANNEL_NAMES] ?? q.channel, quarterName(q.quarter)]);
  return csv(['objective code', 'themes', 'redacted text', 'form', 'session', 'channel', 'quarter'], rows);
}

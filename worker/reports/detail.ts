// An objective's detail: ratings among the responses tagged with it, the themes tagged alongside,
// and its approved quotes. Same rules as figures.ts: counted per quarter, in every relaxed view.
import type { Database } from '../db/client';
import type { FormDefinition } from '../forms/definition';
import { all, perQuarter, readCells, sum, zeros, type D1 } from './cells';
import type { Quarter } from './period';
import { quarterOf } from './period';
import { COUNTED_TAG, objectiveRange, scopeClause, type Clause, type ReportFilters, type ReportScope } from './scope';
import { inViews, type Split, type Views } from './siblings';
import { drawable, protectBreakdown, showFigure, type Shown } from './suppress';

/** Raw tags of one objective or of a framework's, as one index range (quotes read them; counts come from the roll-up). */
function objectiveClause(frameworkId: string, objectiveId?: string): Clause {
  return objectiveId ? { sql: 't.objective_id = ?', binds: [objectiveId] } : objectiveRange(frameworkId);
}

/** A rating cell's detail: the question and the answer's JSON value, joined by a unit separator (migration 0010). */
const RATING_SEP = '\u001f';

// ---------------------------------------------------------------------------------------------
// Ratings

export interface RatingQuestion {
  id: string;
  label: string;
  options: { value: string; label: string }[];
}

/** Every rating question of the feedback forms (or of one form), worded as in its newest version. */
export async function ratingQuestions(d1: D1, formId?: string): Promise<RatingQuestion[]> {
  const rows = await all<{ definition: string }>(
    d1,
    `SELECT fv.definition FROM form_versions fv JOIN forms f ON f.id = fv.form_id WHERE f.kind = 'feedback' ${formId ? 'AND f.id = ?' : ''} ORDER BY f.slug, fv.version DESC`,
    formId ? [formId] : [],
  );
  const out = new Map<string, RatingQuestion>();
  for (const row of rows) {
    const definition = JSON.parse(row.definition) as FormDefinition;
    for (const q of definition.pages.flatMap((p) => p.questions)) {
      if (q.type !== 'rating' || out.has(q.id)) continue;
      out.set(q.id, { id: q.id, label: q.label.en, options: q.options.map((o) => ({ value: o.value, label: o.label.en })) });
    }
  }
  return [...out.values()];
}

export interface RatingBreakdown {
  question: RatingQuestion;
  points: { value: string; label: string; shown: Shown }[];
  /** Tagged responses with no answer to this question (it was skipped, not asked, or on another form). */
  noRating: Shown;
  withheld: boolean;
}

export async function ratingCounts(d1: D1, frameworkId: string, quarters: Quarter[], filters: ReportFilters, questions: RatingQuestion[], split?: Split, objectiveId?: string) {
  const asked = new Set(questions.map((q) => q.id));
  const length = quarters.length;
  const [rated, tagged] = await Promise.all([
    questions.length === 0 ? [] : readCells(d1, { cells: [{ kind: 'rating', frameworkId }], objectiveId, quarters, filters, split, by: ['objective_id', 'detail'] }),
    readCells(d1, { cells: [{ kind: 'objective', frameworkId }], objectiveId, quarters, filters, split, by: ['objective_id'] }),
  ]);
  return {
    rated: perQuarter(
      rated,
      (r) => {
        const at = r.detail.indexOf(RATING_SEP);
        const question = r.detail.slice(0, at);
        return asked.has(question) ? `${r.objective_id}|${question}|${JSON.parse(r.detail.slice(at + 1))}` : undefined;
      },
      (r) => r.responses,
      length,
      split,
    ),
    /** Responses tagged with each objective, per quarter: the total every rating line adds up to. */
    tagged: perQuarter(tagged, (r) => r.objective_id, (r) => r.responses, length, split),
  };
}

export type RatingCounts = Awaited<ReturnType<typeof ratingCounts>>;

export function ratingLines(objectiveId: string, questions: RatingQuestion[], views: Views<RatingCounts>, length: number, t: number): RatingBreakdown[] {
  const out: RatingBreakdown[] = [];
  const get = (m: Map<string, number[]>, k: string) => m.get(k) ?? zeros(length);
  for (const question of questions) {
    const pointKey = (value: string) => `${objectiveId}|${question.id}|${value}`;
    const ratedParts = (c: RatingCounts) => zeros(length).map((_, q) => question.options.reduce((a, o) => a + (get(c.rated, pointKey(o.value))[q] ?? 0), 0));
    if (sum(ratedParts(views.base)) === 0) continue;
    const noneParts = (c: RatingCounts) => get(c.tagged, objectiveId).map((n, q) => n - (ratedParts(c)[q] ?? 0));
    const siblings = (f: (c: RatingCounts) => number[]) => (views.siblings.size > 0 ? [...views.siblings.values()].map(f) : undefined);
    const cell = (f: (c: RatingCounts) => number[]) => ({ parts: f(views.base), relaxed: views.relaxed.map(f), siblings: siblings(f) });
    const cells = [...question.options.map((o) => cell((c) => get(c.rated, pointKey(o.value)))), cell(noneParts)];
    const line = protectBreakdown(cells, cell((c) => get(c.tagged, objectiveId)), t);
    out.push({
      question,
      points: question.options.map((o, i) => ({ value: o.value, label: o.label, shown: line.cells[i]! })),
      noRating: line.cells[question.options.length]!,
      withheld: line.withheld,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Themes tagged on the same responses

export interface ThemeFigure {
  id: string;
  name: string;
  shown: Shown;
}

async function themeCounts(d1: D1, frameworkId: string, quarters: Quarter[], filters: ReportFilters, split?: Split, objectiveId?: string) {
  const rows = await readCells(d1, { cells: [{ kind: 'theme', frameworkId }], objectiveId, quarters, filters, split, by: ['objective_id', 'detail'] });
  return perQuarter(rows, (r) => `${r.objective_id}|${r.detail}`, (r) => r.responses, quarters.length, split);
}

// ---------------------------------------------------------------------------------------------
// Approved quotes

export interface Quote {
  excerptId: number;
  objectiveId: string;
  text: string;
  quarter: Quarter;
  channel: string;
  form: string;
  session: string | null;
  sessionId: string | null;
  themes: string[];
}

/**
 * Approved quotes (redacted text only) of consenting, not excluded responses, newest first: one
 * objective's (from its tags), or a framework's (from the approved excerpts, a partial index, which
 * are far fewer than the framework's tags).
 */
export async function approvedQuotes(d1: D1, frameworkId: string, objectiveId: string | undefined, quarters: Quarter[], filters: ReportFilters, limit?: number): Promise<Quote[]> {
  const scope = scopeClause(quarters, filters);
  const objectives = objectiveClause(frameworkId, objectiveId);
  // CROSS JOIN keeps SQLite to the order written: it would otherwise start from the framework's tags.
  const from = objectiveId
    ? 'tags t JOIN excerpts e ON e.id = t.excerpt_id JOIN responses r ON r.id = t.response_id JOIN moderation m ON m.response_id = t.response_id'
    : 'excerpts e INDEXED BY excerpts_quotes CROSS JOIN responses r ON r.id = e.response_id CROSS JOIN moderation m ON m.response_id = e.response_id CROSS JOIN tags t ON t.excerpt_id = e.id';
  const rows = await all<{ excerptId: number; objectiveId: string; text: string; submittedAt: number; channel: string; sessionId: string | null; form: string; session: string | null; themes: string | null }>(
    d1,
    `SELECT e.id AS excerptId, t.objective_id AS objectiveId, e.text AS text, r.submitted_at AS submittedAt, r.channel AS channel, r.session_id AS sessionId,
       (SELECT json_extract(fv.definition, '$.title.en') FROM form_versions fv WHERE fv.id = r.form_version_id) AS form,
       (SELECT s.name FROM feedback_sessions s WHERE s.id = r.session_id) AS session,
       (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT th.name AS name FROM tags x JOIN themes th ON th.id = COALESCE((SELECT merged_into FROM themes WHERE id = x.theme_id), x.theme_id)
          WHERE x.excerpt_id = e.id AND x.theme_id IS NOT NULL AND ${COUNTED_TAG('x')})) AS themes
     FROM ${from}
     WHERE e.quote_approved_at IS NOT NULL AND ${objectives.sql} AND ${COUNTED_TAG('t')} AND m.quote_consent = 1 AND ${scope.sql}
     ORDER BY t.objective_id, r.submitted_at DESC, e.id ${limit ? `LIMIT ${Math.floor(limit)}` : ''}`,
    [...objectives.binds, ...scope.binds],
  );
  return rows.map((r) => ({ ...r, quarter: quarterOf(r.submittedAt), themes: r.themes ? r.themes.split('; ') : [] }));
}

/** Quotes show only beside a figure that is itself shown (a count or "at least"): never from a handful of people. */
export function quotesAllowed(responses: Shown): boolean {
  return responses.kind === 'count' || responses.kind === 'at-least';
}

/**
 * The quotes that may go beside an objective's figures: each is dated to its quarter, so its quarter's
 * own figure must be shown too, or a quote would be known to come from one of fewer than t people.
 */
export function quotesToShow<Q extends { quarter: Quarter }>(objective: { responses: Shown; trend: { quarter: Quarter; responses: Shown }[] }, quotes: Q[], max?: number): Q[] {
  if (!quotesAllowed(objective.responses)) return [];
  const shown = quotes.filter((q) => {
    const cell = objective.trend.find((c) => c.quarter.key === q.quarter.key);
    return cell !== undefined && quotesAllowed(cell.responses);
  });
  return max === undefined ? shown : shown.slice(0, max);
}

// ---------------------------------------------------------------------------------------------

export interface ObjectiveDetail {
  ratings: RatingBreakdown[];
  themes: ThemeFigure[];
}

/** Ratings and themes for one objective, or (for the printed report) for every objective of the framework. */
export async function objectiveDetails(db: Database, scope: ReportScope, objectiveIds: string[], objectiveId?: string): Promise<Map<string, ObjectiveDetail>> {
  const d1 = db.$client;
  const questions = await ratingQuestions(d1, scope.filters.form);
  const [ratings, themes, themeNames] = await Promise.all([
    inViews(d1, scope.filters, (f, split) => ratingCounts(d1, scope.frameworkId, scope.quarters, f, questions, split, objectiveId)),
    inViews(d1, scope.filters, (f, split) => themeCounts(d1, scope.frameworkId, scope.quarters, f, split, objectiveId)),
    all<{ id: string; name: string }>(d1, 'SELECT id, name FROM themes WHERE merged_into IS NULL', []),
  ]);
  const names = new Map(themeNames.map((t) => [t.id, t.name]));
  const length = scope.quarters.length;
  const out = new Map<string, ObjectiveDetail>();
  for (const id of objectiveIds) {
    const prefix = `${id}|`;
    const themeFigures = [...themes.base.keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => {
        const of = (m: Map<string, number[]>) => m.get(k) ?? zeros(length);
        const objective = (c: RatingCounts) => c.tagged.get(id) ?? zeros(length);
        // A theme's responses are some of the objective's: the objective's figure minus the theme's
        // must not single out the few who raised it without that theme, in this view or a sibling.
        const shown = showFigure(
          {
            parts: of(themes.base),
            relaxed: [...themes.relaxed.map(of), objective(ratings.base)],
            siblings:
              themes.siblings.size > 0
                ? [...ratings.siblings].flatMap(([name, r]) => {
                    const theme = of(themes.siblings.get(name) ?? new Map());
                    return [theme, objective(r).map((n, q) => n - (theme[q] ?? 0))];
                  })
                : undefined,
          },
          scope.threshold,
        );
        return { id: k.slice(prefix.length), shown };
      })
      .filter((f) => names.has(f.id))
      .sort((a, b) => drawable(b.shown) - drawable(a.shown) || a.id.localeCompare(b.id))
      .slice(0, 5)
      .map((f) => ({ ...f, name: names.get(f.id)! }));
    out.set(id, { ratings: ratingLines(id, questions, ratings, length, scope.threshold), themes: themeFigures });
  }
  return out;
}

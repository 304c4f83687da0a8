// The report's roll-ups: what every report figure is counted from, so a report reads a few thousand
// cells instead of every tag (ARCHITECTURE.md, "Reports"). Nothing here is written by the app: the
// triggers of migrations/0010_report_rollup_triggers.sql keep both tables in step with responses,
// moderation, answers and tags, inside the same statement that changed them, so a tag, an untag, a
// codebook merge, a redaction that merges excerpts, an exclusion or a withdrawal is counted at once.
// Like a snapshot, a roll-up holds ids, quarters and numbers, never anything a person wrote.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { formVersions, responses } from './schema';

/** The rating questions of every form version, read from its definition by a trigger on form_versions. */
export const reportRatingQuestions = sqliteTable(
  'report_rating_questions',
  {
    formVersionId: text('form_version_id')
      .notNull()
      .references(() => formVersions.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.formVersionId, t.questionId] })],
);

export const REPORT_FACT_KINDS = ['response', 'objective', 'theme'] as const;

/**
 * One row per counted response (kind 'response': not excluded), and per objective or theme it has a
 * counted tag for (confirmed, first round or settled). Each row repeats the response's quarter and
 * filter columns, so its triggers never read the response, which a withdrawal may already have deleted.
 * Unknown organisation and session are '' (not NULL), so they group and compare like any value.
 */
export const reportFacts = sqliteTable(
  'report_facts',
  {
    responseId: text('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: REPORT_FACT_KINDS }).notNull(),
    /** The objective or theme id; '' for the response itself. */
    subject: text('subject').notNull(),
    /** The objective's framework; '' for a response or a theme. */
    frameworkId: text('framework_id').notNull(),
    /** Calendar quarter number, year × 4 + financial quarter (2026-Q1, April to June 2026, is 8105): period.ts `quarterNumber`. */
    quarter: integer('quarter').notNull(),
    channel: text('channel').notNull(),
    formVersionId: text('form_version_id').notNull(),
    organisationId: text('organisation_id').notNull(),
    sessionId: text('session_id').notNull(),
    /** Moderation is done (kind 'response' only). */
    done: integer('done').notNull(),
    /** Distinct excerpts of the response tagged with the subject. */
    excerpts: integer('excerpts').notNull(),
    /** The response's rating answers as a JSON array of [question, value] (kind 'objective' only), kept so a withdrawal can take them off. */
    ratings: text('ratings').notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.kind, t.subject] })],
);

export const REPORT_CELL_KINDS = ['responses', 'done', 'tagged', 'objective', 'rating', 'theme'] as const;

/**
 * Counts per report cell: a kind, a framework and objective, a detail (a rating's question and value,
 * or a theme), a quarter and the four filter columns. Kinds: 'responses' and 'done' (counted responses,
 * and those done: no framework), 'tagged' (responses with any counted tag in the framework), 'objective'
 * (responses and excerpts per objective), 'rating' (responses per objective per rating answer: detail is
 * question and value, joined by a unit separator) and 'theme' (responses per objective with a theme).
 */
export const reportCells = sqliteTable(
  'report_cells',
  {
    kind: text('kind', { enum: REPORT_CELL_KINDS }).notNull(),
    frameworkId: text('framework_id').notNull(),
    objectiveId: text('objective_id').notNull(),
    detail: text('detail').notNull(),
    quarter: integer('quarter').notNull(),
    channel: text('channel').notNull(),
    formVersionId: text('form_version_id').notNull(),
    organisationId: text('organisation_id').notNull(),
    sessionId: text('session_id').notNull(),
    responses: integer('responses').notNull(),
    excerpts: integer('excerpts').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.frameworkId, t.kind, t.objectiveId, t.detail, t.quarter, t.channel, t.formVersionId, t.organisationId, t.sessionId] }),
    index('report_cells_quarter').on(t.frameworkId, t.kind, t.quarter),
  ],
);

// What reports add to moderation's data: actions ("you said, we did") and frozen quarterly snapshots.
// Counts themselves are never stored except in a snapshot, and a snapshot holds only figures that
// were already suppressed, and no text (DESIGN.md, "Data").
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { LocalisedText } from '../forms/definition';
import { excerpts, themes } from './moderation-schema';
import { frameworks, objectives, organisations } from './schema';

/** Red: stuck or not started; amber: under way with problems; green: on track; complete: done. */
export const ACTION_STATUSES = ['red', 'amber', 'green', 'complete'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Something done because of what people said, against an objective or a theme (or both). */
export const actions = sqliteTable(
  'actions',
  {
    id: text('id').primaryKey(),
    objectiveId: text('objective_id').references(() => objectives.id),
    themeId: text('theme_id').references(() => themes.id),
    /** "You said": what people told us, in plain words, in each language the forms use. */
    youSaid: text('you_said', { mode: 'json' }).$type<LocalisedText>().notNull(),
    /** "We did": what was done about it. */
    weDid: text('we_did', { mode: 'json' }).$type<LocalisedText>().notNull(),
    /** Which organisation did it. */
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status', { enum: ACTION_STATUSES }).notNull(),
    /** The day it was done, or last moved on (ms, start of the day in UTC). */
    actedOn: integer('acted_on').notNull(),
    /** The report quarter whose figures prompted it ('2026-Q2': financial year 2026/27, quarter 2). */
    evidenceQuarter: text('evidence_quarter'),
    /** Published actions appear on /you-said-we-did and /strategy, with no sign-in. */
    published: integer('published', { mode: 'boolean' }).notNull().default(false),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('actions_objective').on(t.objectiveId), index('actions_theme').on(t.themeId), index('actions_published').on(t.published, t.actedOn)],
);
export type Action = typeof actions.$inferSelect;

/** The excerpts (approved quotes) that prompted an action. Goes with the excerpt when a response is withdrawn. */
export const actionEvidence = sqliteTable(
  'action_evidence',
  {
    actionId: text('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    excerptId: integer('excerpt_id')
      .notNull()
      .references(() => excerpts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.excerptId] }), index('action_evidence_excerpt').on(t.excerptId)],
);

/** A quarter's report, frozen: the suppressed figures as they were, so published numbers never move. */
export const reportSnapshots = sqliteTable(
  'report_snapshots',
  {
    id: text('id').primaryKey(),
    frameworkId: text('framework_id')
      .notNull()
      .references(() => frameworks.id),
    /** '2026-Q2': financial year 2026/27, quarter 2 (July to September 2026). */
    quarter: text('quarter').notNull(),
    /** The report's figures after suppression (JSON of reports/snapshots' schema): numbers and ids, never text. */
    figures: text('figures', { mode: 'json' }).$type<unknown>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('report_snapshots_quarter').on(t.frameworkId, t.quarter)],
);

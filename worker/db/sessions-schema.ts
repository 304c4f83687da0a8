// Facilitated feedback sessions (LEAF's Festival of Feedback, hostel drop-ins, paper sessions).
// Laid down with the reports (issue 9), which filter by session and take a response's organisation
// from its session; the facilitators' pages, join codes and kiosk mode (issue 11) add to this table.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { forms, organisations } from './schema';

export const SESSION_STATUSES = ['open', 'closed'] as const;

export const feedbackSessions = sqliteTable(
  'feedback_sessions',
  {
    id: text('id').primaryKey(),
    formId: text('form_id')
      .notNull()
      .references(() => forms.id),
    name: text('name').notNull(),
    place: text('place').notNull(),
    /** The day it is held (ms, start of the day in UTC). */
    heldOn: integer('held_on').notNull(),
    /** Whose session it is: responses given in it count for this organisation in reports. */
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Six characters from an unambiguous alphabet; unique among open sessions (issue 11). */
    joinCode: text('join_code'),
    status: text('status', { enum: SESSION_STATUSES }).notNull().default('open'),
    kiosk: integer('kiosk', { mode: 'boolean' }).notNull().default(false),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default(sql`'["en"]'`),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('feedback_sessions_form').on(t.formId, t.heldOn), uniqueIndex('feedback_sessions_join_code').on(t.joinCode)],
);
export type FeedbackSession = typeof feedbackSessions.$inferSelect;

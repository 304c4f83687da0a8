// Facilitated feedback sessions (LEAF's Festival of Feedback, hostel drop-ins, paper sessions).
// Laid down with the reports (issue 9), which filter by session and take a response's organisation
// from its session; the facilitators' pages, join codes and kiosk mode (issue 11) add to this table.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { forms, organisations, responses } from './schema';

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
    /** Six characters from an unambiguous alphabet (sessions/join-code.ts); unique among open sessions. */
    joinCode: text('join_code'),
    status: text('status', { enum: SESSION_STATUSES }).notNull().default('open'),
    /** Whether the facilitator means to run venue tablets as kiosks for it. */
    kiosk: integer('kiosk', { mode: 'boolean' }).notNull().default(false),
    /** Seconds without a tap before a kiosk warns, clears the draft and shows the start page again. */
    kioskIdleSeconds: integer('kiosk_idle_seconds').notNull().default(120),
    /** The keyed hash of the PIN that takes a tablet out of kiosk mode without a sign-in; none set, only a sign-in does. */
    kioskPinHash: text('kiosk_pin_hash'),
    /** The languages people are offered in it, in order; the form's own languages narrowed to these. */
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default(sql`'["en"]'`),
    /** What happens next, in the facilitator's words: printed on the summary shared with participants. */
    nextSteps: text('next_steps'),
    closedAt: integer('closed_at'),
    /** When the facilitator shared the summary with participants: until then /summary/:id is not found. */
    summarySharedAt: integer('summary_shared_at'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('feedback_sessions_form').on(t.formId, t.heldOn),
    // A code is someone's way in only while the session is open: a closed session's code may come round again.
    uniqueIndex('feedback_sessions_open_join_code').on(t.joinCode).where(sql`status = 'open'`),
    index('feedback_sessions_organisation').on(t.organisationId, t.heldOn),
  ],
);
export type FeedbackSession = typeof feedbackSessions.$inferSelect;

/**
 * A group discussion recorded by a facilitator: a response of channel `group` whose answers are the
 * notes per prompt (the form's questions), with how many took part and which points the group agreed.
 * Moderators redact and tag it like any response; reports count it apart by its channel.
 */
export const groupDiscussions = sqliteTable('group_discussions', {
  responseId: text('response_id')
    .primaryKey()
    .references(() => responses.id, { onDelete: 'cascade' }),
  participants: integer('participants').notNull(),
  /** The question ids whose notes the whole group agreed with (the others were some voices, not all). */
  agreed: text('agreed', { mode: 'json' }).$type<string[]>().notNull(),
});
export type GroupDiscussion = typeof groupDiscussions.$inferSelect;

// What moderation makes of a response, and what reports, sessions' summaries and the public pages
// read. The invariants (DESIGN.md, "Data"):
// - The original words are temporary: every free-text answer gets a redacted copy (`answer_texts`),
//   and excerpts, quotes, search, reports and exports read only that. The scheduled handler later
//   deletes the original, keeping the redacted text.
// - One path for a tag: a tag always hangs on an excerpt; a whole answer is an excerpt spanning it.
// - A tag knows who, when, how (manual or from a suggestion; confirmed or rejected) and which coding
//   round, so suggestions and second coding (issue 10) add rows, not tables.
// - Withdrawal reaches everything: every table here references `responses` with ON DELETE CASCADE,
//   so deleting the response row removes all of it in one statement.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { objectives, responses } from './schema';

const byResponse = () =>
  text('response_id')
    .notNull()
    .references(() => responses.id, { onDelete: 'cascade' });

export const TAG_ROUNDS = ['first', 'second', 'settled', 'superseded'] as const;

export const MODERATION_STATUSES = ['new', 'in-review', 'done', 'excluded'] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];

export const SAFEGUARDING_CATEGORIES = ['self-harm', 'suicide', 'abuse', 'violence', 'exploitation', 'unsafe', 'danger'] as const;
export type SafeguardingCategory = (typeof SAFEGUARDING_CATEGORIES)[number];

export const REDACTION_KINDS = ['name', 'phone', 'email', 'postcode', 'address', 'dob', 'nhs', 'ni', 'staff', 'place', 'other'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/**
 * One row per response: where it is in moderation. Kept beside `responses` (not in it) so the
 * respondent's table stays what the respondent sent, and the queue reads one narrow, indexed table.
 */
export const moderation = sqliteTable(
  'moderation',
  {
    responseId: text('response_id')
      .primaryKey()
      .references(() => responses.id, { onDelete: 'cascade' }),
    status: text('status', { enum: MODERATION_STATUSES }).notNull().default('new'),
    excludedReason: text('excluded_reason'),
    /** open: a safeguarding concern nobody has recorded an outcome for; it keeps the response at the top. */
    safeguarding: text('safeguarding', { enum: ['none', 'open', 'resolved'] }).notNull().default('none'),
    /** The respondent agreed to be quoted anonymously (from the form's consent question). */
    quoteConsent: integer('quote_consent', { mode: 'boolean' }).notNull().default(false),
    /** Copied from the response for the queue's sort and filters: the hour it came in. */
    submittedAt: integer('submitted_at').notNull(),
    /** Bumped by every change, so a change made on a stale page is refused, not applied over another's work. */
    version: integer('version').notNull().default(0),
    /** Soft lock: who has it open, until when. */
    lockedBy: text('locked_by'),
    lockedUntil: integer('locked_until'),
    /** When moderation was done (the day): the retention clock for the original text starts here. */
    doneAt: integer('done_at'),
  },
  (t) => [index('moderation_queue').on(t.safeguarding, t.status, t.submittedAt), index('moderation_status').on(t.status)],
);

/** The redacted copy of one free-text answer: all that survives once the original is deleted. */
export const answerTexts = sqliteTable(
  'answer_texts',
  {
    responseId: byResponse(),
    questionId: text('question_id').notNull(),
    redacted: text('redacted').notNull(),
    /** Set when the original words were deleted (retention). */
    originalPurgedAt: integer('original_purged_at'),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionId] })],
);

/** A redaction over the ORIGINAL text: proposed by the engine or added by a moderator. */
export const redactions = sqliteTable(
  'redactions',
  {
    /** Random when made on arrival (see arrival.ts): ids in arrival order would date responses. */
    id: integer('id').primaryKey(),
    responseId: byResponse(),
    questionId: text('question_id').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    kind: text('kind', { enum: REDACTION_KINDS }).notNull(),
    source: text('source', { enum: ['proposed', 'moderator'] }).notNull(),
    state: text('state', { enum: ['proposed', 'accepted', 'rejected'] }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
  },
  // Unique, so a racing double submit proposes each redaction once.
  (t) => [uniqueIndex('redactions_range').on(t.responseId, t.questionId, t.start, t.end)],
);

/** A safeguarding concern found on arrival, and what the moderator did about it. */
export const safeguardingFlags = sqliteTable(
  'safeguarding_flags',
  {
    /** Random (see arrival.ts), for the same reason as redactions'. */
    id: integer('id').primaryKey(),
    responseId: byResponse(),
    questionId: text('question_id').notNull(),
    categories: text('categories', { mode: 'json' }).$type<SafeguardingCategory[]>().notNull(),
    /** Where in the original text, and why (the signal's reason): never a copy of the words. */
    matches: text('matches', { mode: 'json' }).$type<{ start: number; end: number; category: SafeguardingCategory; why: string }[]>().notNull(),
    outcome: text('outcome', { enum: ['open', 'escalated', 'no-action'] }).notNull().default('open'),
    /** Escalated to whom (a role or service, not a person's name), or why no action. */
    outcomeNote: text('outcome_note'),
    escalatedAt: integer('escalated_at'),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
  },
  // One flag per answer (its matches listed inside), so a racing double submit flags once.
  (t) => [uniqueIndex('safeguarding_flags_answer').on(t.responseId, t.questionId)],
);

/** The theme codebook: hierarchical, editable; a merged theme points at the one it became. */
export const themes = sqliteTable('themes', {
  id: text('id').primaryKey(),
  parentId: text('parent_id'),
  name: text('name').notNull(),
  definition: text('definition').notNull(),
  example: text('example').notNull(),
  position: integer('position').notNull().default(0),
  mergedInto: text('merged_into'),
});

/** A stretch of one answer's redacted text; a whole answer is an excerpt from 0 to its length. */
export const excerpts = sqliteTable(
  'excerpts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    responseId: byResponse(),
    questionId: text('question_id').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    /** The redacted words of the excerpt, kept in step when a redaction inside it changes. */
    text: text('text').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    /** A quote approved for reports and public pages (only with the respondent's consent). */
    quoteApprovedBy: text('quote_approved_by'),
    quoteApprovedAt: integer('quote_approved_at'),
  },
  (t) => [
    index('excerpts_response').on(t.responseId),
    uniqueIndex('excerpts_range').on(t.responseId, t.questionId, t.start, t.end),
    // Approved quotes only: a framework's quotes (the quotes CSV, the printed report) start here, not from every tag.
    index('excerpts_quotes')
      .on(t.responseId, t.id)
      .where(sql`${t.quoteApprovedAt} IS NOT NULL`),
  ],
);

/** A code on an excerpt: an objective of any framework, or a theme. */
export const tags = sqliteTable(
  'tags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    excerptId: integer('excerpt_id')
      .notNull()
      .references(() => excerpts.id, { onDelete: 'cascade' }),
    /** Repeated from the excerpt so counts by response and the withdrawal cascade need no join. */
    responseId: byResponse(),
    objectiveId: text('objective_id').references(() => objectives.id),
    themeId: text('theme_id').references(() => themes.id),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    /** manual, or accepted from a suggestion (issue 10 learns from both, and from rejections). */
    source: text('source', { enum: ['manual', 'suggestion'] }).notNull().default('manual'),
    state: text('state', { enum: ['confirmed', 'rejected'] }).notNull().default('confirmed'),
    /**
     * Reports read first-round and settled tags; a blind second coding adds 'second' rows; settling a
     * disagreement against a first-round tag makes it 'superseded' (kept, never counted).
     */
    round: text('round', { enum: TAG_ROUNDS }).notNull().default('first'),
  },
  (t) => [
    index('tags_excerpt').on(t.excerptId),
    // Covering indexes for reports: a framework's objectives are one range of objective ids, and the
    // counts read response, excerpt, state and round from the index alone (ARCHITECTURE.md, "Reports").
    index('tags_objective').on(t.objectiveId, t.responseId, t.excerptId, t.state, t.round),
    index('tags_theme').on(t.themeId, t.responseId, t.excerptId, t.state, t.round),
    index('tags_response').on(t.responseId),
  ],
);

/** Notes between moderators about one response; never shown outside moderation. */
export const moderationNotes = sqliteTable(
  'moderation_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    responseId: byResponse(),
    text: text('text').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('moderation_notes_response').on(t.responseId)],
);

/**
 * The editable safeguarding signal list (admins keep it on a page; the triage engine reads it).
 * One column per field of the engine's zod schema (worker/moderate/signals.ts), which checks every row.
 */
export const safeguardingSignals = sqliteTable('safeguarding_signals', {
  id: text('id').primaryKey(),
  category: text('category').notNull(),
  phrase: text('phrase').notNull(),
  language: text('language').notNull().default('en'),
  unless: text('unless', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  negatable: integer('negatable', { mode: 'boolean' }).notNull().default(true),
  why: text('why').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  updatedBy: text('updated_by'),
  updatedAt: integer('updated_at'),
});

/** Names of staff, hostels and services to redact (worker/moderate/redaction-terms.ts checks each row). */
export const redactionTerms = sqliteTable('redaction_terms', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['staff', 'place'] }).notNull(),
  term: text('term').notNull(),
  aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  matchCase: integer('match_case', { mode: 'boolean' }).notNull().default(false),
  note: text('note').notNull().default(''),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  updatedBy: text('updated_by'),
  updatedAt: integer('updated_at'),
});

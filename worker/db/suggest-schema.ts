// What suggestions learn from moderators (worker/moderate/suggest/): each confirmed tag, and each
// rejected suggestion, is an example: the terms of its excerpt's redacted text. Terms are stems and
// pairs of stems, never whole sentences. Triggers (migrations/0013_suggestion_learning_triggers.sql)
// queue every new tag for learning, keep an example's subject and state in step with its tag, drop
// it when its excerpt's text is rewritten (a redaction), and keep the counts per term and subject
// that a suggestion reads; a withdrawal's cascade takes the examples and their counts away.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { tags } from './moderation-schema';

/** Tags whose text is still to be learned (learn.ts turns them into examples, in chunks). */
export const suggestionPending = sqliteTable('suggestion_pending', {
  tagId: integer('tag_id')
    .primaryKey()
    .references(() => tags.id, { onDelete: 'cascade' }),
});

/** One learned tag: its subject (objective or theme id), confirmed or rejected, and its text's terms (JSON array, each once). */
export const suggestionExamples = sqliteTable('suggestion_examples', {
  tagId: integer('tag_id')
    .primaryKey()
    .references(() => tags.id, { onDelete: 'cascade' }),
  subject: text('subject').notNull(),
  state: text('state', { enum: ['confirmed', 'rejected'] }).notNull(),
  terms: text('terms').notNull(),
});

/** How many confirmed and rejected examples of a subject hold a term: what a suggestion reads, by term. */
export const suggestionTerms = sqliteTable(
  'suggestion_terms',
  {
    term: text('term').notNull(),
    subject: text('subject').notNull(),
    confirmed: integer('confirmed').notNull(),
    rejected: integer('rejected').notNull(),
  },
  (t) => [primaryKey({ columns: [t.term, t.subject] })],
);

/** A subject's confirmed examples and the terms they hold in all (its learned document's length). */
export const suggestionSubjects = sqliteTable('suggestion_subjects', {
  subject: text('subject').primaryKey(),
  examples: integer('examples').notNull(),
  length: integer('length').notNull(),
});

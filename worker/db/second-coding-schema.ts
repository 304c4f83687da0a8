// A blind second coding: a random sample of moderated responses, tagged again by a second moderator
// who does not see the first one's tags (worker/moderate/second-coding/). Agreement is worked out from
// the tags themselves (round 'first' against round 'second'); settling a response writes its decision
// back as tags (round 'settled', or 'superseded' for a first-round tag the decision drops).
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { frameworks, responses } from './schema';

export const secondCodings = sqliteTable('second_codings', {
  id: text('id').primaryKey(),
  frameworkId: text('framework_id')
    .notNull()
    .references(() => frameworks.id),
  /** What was sampled from, in words ("10% of done responses, Festival of Feedback, April to June 2026"). */
  description: text('description').notNull(),
  requestedBy: text('requested_by').notNull(),
  requestedAt: integer('requested_at').notNull(),
});

export const secondCodingItems = sqliteTable(
  'second_coding_items',
  {
    codingId: text('coding_id')
      .notNull()
      .references(() => secondCodings.id, { onDelete: 'cascade' }),
    responseId: text('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    codedBy: text('coded_by'),
    codedAt: integer('coded_at'),
    settledBy: text('settled_by'),
    settledAt: integer('settled_at'),
    /** first, second or both: how it was settled. */
    settledWith: text('settled_with', { enum: ['first', 'second', 'both'] }),
  },
  (t) => [primaryKey({ columns: [t.codingId, t.responseId] }), index('second_coding_items_response').on(t.responseId)],
);

// Storing a group discussion: a response of channel `group` (its notes are the answers to the form's
// free-text questions), its row in group_discussions, and moderation's arrival work, in one batch.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { groupDiscussions, responses } from '../../db/schema';
import type { FormDefinition } from '../../forms/definition';
import { arrivalStatements } from '../../moderate/arrival';
import { moderationLists } from '../../moderate/lists';
import { responseStatements, storeOnce } from '../../respond/queries';
import type { GroupRecord } from './form';

/**
 * Stores it once: a second post of the same page (a double click, a resend, two at once) is refused
 * as a whole by the response's primary key inside the one batch (`refuseRepeat`), so nothing of it,
 * not even moderation's proposals with their own ids, is written twice.
 */
export async function storeGroup(db: Database, session: { id: string }, form: { versionId: string; definition: FormDefinition }, record: GroupRecord, facilitatorId: string, now = Date.now()): Promise<'stored' | 'already'> {
  const lists = await moderationLists(db);
  const definition = form.definition;
  const statements = responseStatements(
    db,
    { id: record.responseId, formVersionId: form.versionId, definition, answers: record.notes, everyPrompt: true, locale: record.locale, channel: 'group', sessionId: session.id, enteredBy: facilitatorId, withdrawalKey: null, now, refuseRepeat: true },
    (response) => arrivalStatements(db, { responseId: response.id, submittedAt: response.submittedAt, definition, answers: response.answers }, lists),
  );
  const stored = await storeOnce(db, [...statements, db.insert(groupDiscussions).values({ responseId: record.responseId, participants: record.participants, agreed: record.agreed })]);
  return stored === 'stored' ? 'stored' : 'already';
}

/** Group discussions recorded in a session so far, and the people in them. */
export async function groupsSoFar(db: Database, sessionId: string): Promise<{ groups: number; people: number }> {
  const row = await db
    .select({ groups: sql<number>`count(*)`, people: sql<number>`coalesce(sum(${groupDiscussions.participants}), 0)` })
    .from(groupDiscussions)
    .innerJoin(responses, eq(responses.id, groupDiscussions.responseId))
    .where(eq(responses.sessionId, sessionId))
    .get();
  return { groups: row?.groups ?? 0, people: row?.people ?? 0 };
}

// Storing a group discussion: a response of channel `group` (its notes are the answers to the form's
// free-text questions), its row in group_discussions, and moderation's arrival work, in one batch.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { groupDiscussions, responses } from '../../db/schema';
import type { FormDefinition } from '../../forms/definition';
import { arrivalStatements } from '../../moderate/arrival';
import { moderationLists } from '../../moderate/lists';
import { responseStatements } from '../../respond/queries';
import type { GroupRecord } from './form';

/** Stores it once: a second post of the same page (a double click, a resend) finds it there and stores nothing. */
export async function storeGroup(db: Database, session: { id: string }, form: { versionId: string; definition: FormDefinition }, record: GroupRecord, facilitatorId: string, now = Date.now()): Promise<'stored' | 'already'> {
  // Checked first, as a draft's submit is: moderation's proposals have ids of their own, and would be proposed twice.
  if (await db.select({ id: responses.id }).from(responses).where(eq(responses.id, record.responseId)).get()) return 'already';
  const lists = await moderationLists(db);
  const definition = form.definition;
  const statements = responseStatements(
    db,
    { id: record.responseId, formVersionId: form.versionId, definition, answers: record.notes, everyPrompt: true, locale: record.locale, channel: 'group', sessionId: session.id, enteredBy: facilitatorId, withdrawalKey: null, now },
    (response) => arrivalStatements(db, { responseId: response.id, submittedAt: response.submittedAt, definition, answers: response.answers }, lists),
  );
  await db.batch([
    ...(statements as [(typeof statements)[number], ...typeof statements]),
    db.insert(groupDiscussions).values({ responseId: record.responseId, participants: record.participants, agreed: record.agreed }).onConflictDoNothing(),
  ]);
  return 'stored';
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

// Storing a paper sheet typed in by a facilitator: a response of channel `paper` in the session,
// entered by them, through the same statements as any response (triage, redaction, the moderation
// queue), refused as a whole if the same sheet is posted again.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { responses } from '../../db/schema';
import type { Answers } from '../../forms/branching';
import type { FormDefinition, Locale } from '../../forms/definition';
import { arrivalStatements } from '../../moderate/arrival';
import { moderationLists } from '../../moderate/lists';
import { responseStatements, storeOnce } from '../../respond/queries';

export interface PaperSheet {
  responseId: string;
  locale: Locale;
  answers: Answers;
}

export async function storePaper(db: Database, session: { id: string }, form: { versionId: string; definition: FormDefinition }, sheet: PaperSheet, facilitatorId: string, now = Date.now()): Promise<'stored' | 'repeat'> {
  const lists = await moderationLists(db);
  const definition = form.definition;
  const statements = responseStatements(
    db,
    // Every answer written on the sheet is kept (`everyPrompt`): on paper the person chose what to answer,
    // and words written past a branch are still what they said.
    { id: sheet.responseId, formVersionId: form.versionId, definition, answers: sheet.answers, everyPrompt: true, locale: sheet.locale, channel: 'paper', sessionId: session.id, enteredBy: facilitatorId, withdrawalKey: null, now, refuseRepeat: true },
    (response) => arrivalStatements(db, { responseId: response.id, submittedAt: response.submittedAt, definition, answers: response.answers }, lists),
  );
  return storeOnce(db, statements);
}

/** Paper sheets entered for a session so far. */
export async function paperCount(db: Database, sessionId: string): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(responses)
    .where(and(eq(responses.sessionId, sessionId), eq(responses.channel, 'paper')))
    .get();
  return row?.n ?? 0;
}

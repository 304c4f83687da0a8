// What happens to a response the moment it arrives, in the same batch that stores it: each
// free-text answer is triaged for safeguarding signs and gets a redacted copy with the proposed
// redactions applied (a moderator may then reject or adjust them), and the response joins the queue.
// Proposals are applied at once so nothing downstream ever sees a detail nobody has looked at yet.
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../db/client';
import { answerTexts, moderation, redactions, safeguardingFlags, type SafeguardingCategory } from '../db/schema';
import type { FormDefinition } from '../forms/definition';
import type { RedactionLists } from './redaction-terms';
import { proposeRedactions } from './redact';
import type { SafeguardingSignal } from './signals';
import { triage } from './triage';

/**
 * A random row id (48 bits: exact as a JavaScript number, never near SQLite's limit). Rows made on
 * arrival get one, so ids moderators see in forms never show the order responses came in.
 */
export function randomRowId(): number {
  const b = crypto.getRandomValues(new Uint8Array(6));
  return b.reduce((n, byte) => n * 256 + byte, 0) || 1;
}

export interface Arrival {
  responseId: string;
  submittedAt: number;
  definition: FormDefinition;
  answers: Record<string, unknown>;
}

/** True when the respondent ticked the form's "you may quote me" consent. */
export function consentsToQuote(definition: FormDefinition, answers: Record<string, unknown>): boolean {
  return definition.pages.some((p) => p.questions.some((q) => q.type === 'consent' && answers[q.id] !== undefined && answers[q.id] !== '' && answers[q.id] !== 'no'));
}

export function arrivalStatements(db: Database, arrival: Arrival, lists: { signals: readonly SafeguardingSignal[]; redaction: RedactionLists }): BatchItem<'sqlite'>[] {
  const out: BatchItem<'sqlite'>[] = [];
  const texts = arrival.definition.pages
    .flatMap((p) => p.questions)
    .filter((q) => q.type === 'long_text' || q.type === 'short_text')
    .map((q) => ({ questionId: q.id, text: arrival.answers[q.id] }))
    .filter((a): a is { questionId: string; text: string } => typeof a.text === 'string' && a.text.trim() !== '');
  let concern = false;
  for (const { questionId, text } of texts) {
    const proposal = proposeRedactions(text, lists.redaction);
    out.push(db.insert(answerTexts).values({ responseId: arrival.responseId, questionId, redacted: proposal.text }).onConflictDoNothing());
    if (proposal.spans.length > 0) {
      out.push(db.insert(redactions).values(proposal.spans.map((s) => ({ id: randomRowId(), responseId: arrival.responseId, questionId, start: s.start, end: s.end, kind: s.kind, source: 'proposed' as const, state: 'proposed' as const }))).onConflictDoNothing());
    }
    const found = triage(text, lists.signals);
    if (found.flag) {
      concern = true;
      out.push(
        db.insert(safeguardingFlags).values({
          id: randomRowId(),
          responseId: arrival.responseId,
          questionId,
          categories: found.signals as SafeguardingCategory[],
          // Where and why, never the words themselves: those stay in the answer, which retention ends.
          matches: found.matches.map((m) => ({ start: m.start, end: m.end, category: m.category as SafeguardingCategory, why: m.why })),
        }).onConflictDoNothing(),
      );
    }
  }
  out.push(
    db
      .insert(moderation)
      .values({ responseId: arrival.responseId, submittedAt: arrival.submittedAt, safeguarding: concern ? 'open' : 'none', quoteConsent: consentsToQuote(arrival.definition, arrival.answers) })
      .onConflictDoNothing(),
  );
  return out;
}

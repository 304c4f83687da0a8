// The respondent's data: live forms, drafts, submitted responses and withdrawals.
import { and, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { audit } from '../db/audit';
import type { Database } from '../db/client';
import { answers, drafts, feedbackSessions, forms, formVersions, responses, withdrawals, type AnswerValue, type Channel, type Draft } from '../db/schema';
import { answersInPlay, type Answers } from '../forms/branching';
import { organisationNamed, type FormDefinition, type Locale } from '../forms/definition';
import { formVersionDefinition, parseVersion } from '../db/form-versions';
import type { KeyRing } from '../http/keys';
import { randomToken, sha256, withdrawalCode } from '../http/tokens';

export const WITHDRAWAL_DAYS = 28;
export const WITHDRAWAL_WINDOW_MS = WITHDRAWAL_DAYS * 86_400_000;
const SENT_DRAFT_KEPT_MS = 2 * 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The start of the hour: responses keep no finer time, so a time someone was seen cannot find theirs. */
export const toHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;
export const toDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
/**
 * A draft's expiry, rounded up to the minute: precise enough for a 30-minute idle limit, and the row
 * (which D1 Time Travel keeps after deletion) never holds the moment of someone's last tap.
 */
const toMinuteUp = (ms: number) => Math.ceil(ms / 60_000) * 60_000;

export interface LiveForm {
  slug: string;
  versionId: string;
  definition: FormDefinition;
}

export async function findLiveForm(db: Database, slug: string): Promise<LiveForm | undefined> {
  const row = await db
    .select({ versionId: formVersions.id, definition: formVersions.definition })
    .from(forms)
    .innerJoin(formVersions, eq(formVersions.id, forms.currentVersionId))
    .where(and(eq(forms.slug, slug), eq(forms.status, 'live'), eq(forms.kind, 'feedback')))
    .get();
  return row && { slug, versionId: row.versionId, definition: parseVersion(row.versionId, row.definition) };
}

export async function listLiveForms(db: Database): Promise<LiveForm[]> {
  const rows = await db
    .select({ slug: forms.slug, versionId: formVersions.id, definition: formVersions.definition })
    .from(forms)
    .innerJoin(formVersions, eq(formVersions.id, forms.currentVersionId))
    .where(and(eq(forms.status, 'live'), eq(forms.kind, 'feedback')))
    .orderBy(forms.slug)
    .all();
  return rows.map((r) => ({ slug: r.slug, versionId: r.versionId, definition: parseVersion(r.versionId, r.definition) }));
}

/** The definition a draft was started on: a new form version never changes a draft in progress. */
export { formVersionDefinition };

/** Where a draft comes from when it is not someone's own visit: a session (join code, kiosk) and who typed it in. */
export interface DraftOrigin {
  sessionId?: string;
  channel?: Channel;
  /** The facilitator entering it (assisted, group, paper). */
  enteredBy?: string;
  easyRead?: boolean;
}

export async function startDraft(db: Database, versionId: string, locale: Locale, firstPage: string, expiresAt: number, origin: DraftOrigin = {}): Promise<string> {
  const token = randomToken();
  await db.insert(drafts).values({
    sessionId: origin.sessionId ?? null,
    channel: origin.channel ?? 'online',
    enteredBy: origin.enteredBy ?? null,
    easyRead: origin.easyRead ?? false,
    tokenHash: await sha256(token),
    formVersionId: versionId,
    answers: {},
    locale,
    currentPage: firstPage,
    idempotencyKey: randomToken(16),
    responseId: crypto.randomUUID(),
    expiresAt: toMinuteUp(expiresAt),
    createdAt: toHour(Date.now()),
  });
  return token;
}

export interface DraftWithForm {
  draft: Draft;
  /** The slug of the form the draft belongs to, so a draft is only used on its own form's pages. */
  slug: string;
  /** The languages its session offers (null outside a session): the language switch shows only these. */
  sessionLanguages: string[] | null;
  /** Its session's join code (null outside a session): Back from the first question returns to that start page. */
  sessionJoinCode: string | null;
}

function draftsWithForm(db: Database) {
  return db
    .select({ draft: drafts, slug: forms.slug, sessionLanguages: feedbackSessions.languages, sessionJoinCode: feedbackSessions.joinCode })
    .from(drafts)
    .innerJoin(formVersions, eq(formVersions.id, drafts.formVersionId))
    .innerJoin(forms, eq(forms.id, formVersions.formId))
    .leftJoin(feedbackSessions, eq(feedbackSessions.id, drafts.sessionId));
}

/** The languages a page of this draft may offer: the form's, narrowed to its session's when it has one. */
export function offeredLocales(definition: FormDefinition, sessionLanguages: readonly string[] | null): Locale[] {
  if (!sessionLanguages) return [...definition.locales];
  const narrowed = definition.locales.filter((l) => sessionLanguages.includes(l));
  return narrowed.length > 0 ? narrowed : [...definition.locales];
}

export async function findDraft(db: Database, token: string): Promise<DraftWithForm | undefined> {
  return draftsWithForm(db).where(eq(drafts.tokenHash, await sha256(token))).get();
}

export async function findDraftByIdempotencyKey(db: Database, key: string): Promise<DraftWithForm | undefined> {
  return draftsWithForm(db).where(eq(drafts.idempotencyKey, key)).get();
}

export async function saveDraft(db: Database, draft: Pick<Draft, 'tokenHash'>, changes: Partial<Pick<Draft, 'answers' | 'locale' | 'easyRead' | 'expiresAt' | 'currentPage' | 'changing'>>) {
  const rounded = changes.expiresAt === undefined ? changes : { ...changes, expiresAt: toMinuteUp(changes.expiresAt) };
  await db.update(drafts).set(rounded).where(eq(drafts.tokenHash, draft.tokenHash));
}

export async function deleteDraft(db: Database, token: string) {
  await db.delete(drafts).where(eq(drafts.tokenHash, await sha256(token)));
}

/** Deletes drafts past their expiry, a bounded chunk at a time; returns how many went. */
export async function purgeExpiredDrafts(db: Database, now: number, chunk = 500): Promise<number> {
  const result = await db.run(
    sql`DELETE FROM drafts WHERE token_hash IN (SELECT token_hash FROM drafts WHERE expires_at < ${now} LIMIT ${chunk})`,
  );
  return result.meta.changes ?? 0;
}

// D1 binds at most 100 parameters a statement; an answer row has 3.
const ANSWER_ROWS_PER_INSERT = 33;

/** A response about to be stored, from a person's draft or typed in by a facilitator (group, paper). */
export interface NewResponse {
  id: string;
  formVersionId: string;
  definition: FormDefinition;
  /** The answers as given: those the branches hide are dropped here, unless `everyPrompt`. */
  answers: Answers;
  /** A group discusses every prompt, whatever one person's answers would have branched past: keep them all. */
  everyPrompt?: boolean;
  locale: string;
  channel: Channel;
  sessionId: string | null;
  enteredBy: string | null;
  /** The keyed hash of its withdrawal code; null when no code was given (nobody was there to keep one). */
  withdrawalKey: string | null;
  now: number;
  /**
   * A facilitator's sheet (group, paper) whose id was chosen when the blank page was drawn: a second
   * post of it (a double click, Back and resend) must fail as a whole, not store half of it again.
   * The response row is then a plain insert, so its primary key refuses the repeat inside the atomic
   * batch, and `storeOnce` reports it. A draft's submit leaves this off: its repeat writes nothing.
   */
  refuseRepeat?: boolean;
}

export type Alongside = (response: { id: string; submittedAt: number; answers: Record<string, unknown> }) => BatchItem<'sqlite'>[];

/**
 * The statements that store a response once (a repeat with the same id writes nothing), with its
 * answers and whatever goes `alongside` (moderation's arrival work): part of the caller's one batch.
 */
export function responseStatements(db: Database, r: NewResponse, alongside: Alongside = () => []): BatchItem<'sqlite'>[] {
  const kept = Object.entries(r.everyPrompt ? r.answers : answersInPlay(r.definition, r.answers));
  const rows = kept.map(([questionId, value]) => ({ responseId: r.id, questionId, value: value as AnswerValue }));
  const named = organisationNamed(r.definition, Object.fromEntries(kept));
  const insertResponse = db
    .insert(responses)
    .values({
      id: r.id,
      formVersionId: r.formVersionId,
      sessionId: r.sessionId,
      channel: r.channel,
      locale: r.locale,
      withdrawalKey: r.withdrawalKey,
      submittedAt: toHour(r.now),
      // A session's organisation first (the feedback was given at its session); else the organisation the
      // answers name, through a lookup, so an option naming one that has since gone stores none, not a failed submit.
      organisationId: r.sessionId
        ? sql`(SELECT organisation_id FROM feedback_sessions WHERE id = ${r.sessionId})`
        : named
          ? sql`(SELECT id FROM organisations WHERE id = ${named})`
          : null,
      enteredBy: r.enteredBy,
    });
  const insertOnce = r.refuseRepeat ? insertResponse : insertResponse.onConflictDoNothing({ target: responses.id });
  const insertAnswers = [];
  for (let i = 0; i < rows.length; i += ANSWER_ROWS_PER_INSERT) {
    insertAnswers.push(db.insert(answers).values(rows.slice(i, i + ANSWER_ROWS_PER_INSERT)).onConflictDoNothing());
  }
  return [insertOnce, ...insertAnswers, ...alongside({ id: r.id, submittedAt: toHour(r.now), answers: Object.fromEntries(kept) })];
}

const isRepeatedResponse = (err: unknown) => /UNIQUE constraint failed: responses\.id/.test(`${err} ${(err as { cause?: unknown })?.cause ?? ''}`);

/**
 * Runs a batch made with `refuseRepeat` (and anything else that must land with it): 'stored', or
 * 'repeat' when that response is already stored, in which case nothing of this batch was written.
 * Race-free: D1 runs batches one at a time, so of two racing posts exactly one inserts the row.
 */
export async function storeOnce(db: Database, statements: BatchItem<'sqlite'>[]): Promise<'stored' | 'repeat'> {
  try {
    await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    return 'stored';
  } catch (err) {
    if (isRepeatedResponse(err)) return 'repeat';
    throw err;
  }
}

/**
 * Stores the draft's answers as a response, once, and returns the withdrawal code. The response id
 * and idempotency key were fixed when the draft began, so a repeated or racing submit writes nothing
 * new; the code is made here and only its keyed hash goes with the response. One atomic batch.
 */
export async function submitDraft(db: Database, keys: KeyRing, draft: Draft, definition: FormDefinition, now: number, alongside: Alongside = () => []): Promise<string> {
  const code = withdrawalCode();
  const stored = responseStatements(
    db,
    {
      id: draft.responseId,
      formVersionId: draft.formVersionId,
      definition,
      answers: draft.answers as Answers,
      locale: draft.locale,
      channel: draft.channel,
      sessionId: draft.sessionId,
      enteredBy: draft.enteredBy,
      withdrawalKey: await keys.hash('withdrawal-code', code),
      now,
    },
    alongside,
  );
  // The answers leave the draft; the code stays, for a couple of minutes only, so a double tap on a
  // slow connection shows the same confirmation. Only a draft not yet sent takes a code: if another
  // submit won the race, its code stands and this one is never shown.
  const emptyDraft = db
    .update(drafts)
    .set({ answers: {}, withdrawalCode: code, submittedAt: toHour(now), expiresAt: toMinuteUp(Math.min(draft.expiresAt, now + SENT_DRAFT_KEPT_MS)) })
    .where(and(eq(drafts.tokenHash, draft.tokenHash), isNull(drafts.submittedAt)));
  // Sent drafts past their two minutes go now, not at the next sweep: they hold a code in the clear.
  const sweepSent = db.delete(drafts).where(and(isNotNull(drafts.submittedAt), lt(drafts.expiresAt, now)));
  await db.batch([...(stored as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]), emptyDraft, sweepSent]);
  const after = await db.select({ code: drafts.withdrawalCode }).from(drafts).where(eq(drafts.tokenHash, draft.tokenHash)).get();
  return after?.code ?? code;
}

export type WithdrawalOutcome = 'withdrawn' | 'unknown' | 'too-late' | 'already';

/**
 * Given its code within the window, deletes the response and everything made from it (answers now;
 * excerpts, tags, quotes and flags by the same cascade), in one batch. What is left is a row in
 * `withdrawals` with the day, and an audit entry with neither the response nor the time.
 */
export async function withdrawResponse(db: Database, keys: KeyRing, code: string, now: number): Promise<WithdrawalOutcome> {
  const hashes = await keys.hashes('withdrawal-code', code);
  const response = await db
    .select({ id: responses.id, submittedAt: responses.submittedAt })
    .from(responses)
    .where(inArray(responses.withdrawalKey, hashes))
    .get();
  if (!response) {
    const earlier = await db.select({ id: withdrawals.id }).from(withdrawals).where(inArray(withdrawals.withdrawalKey, hashes)).get();
    return earlier ? 'already' : 'unknown';
  }
  if (now - response.submittedAt > WITHDRAWAL_WINDOW_MS) return 'too-late';
  await db.batch([
    db.delete(responses).where(eq(responses.id, response.id)),
    // A sent draft kept for a repeated submit still knows the response id and the code: it goes too.
    db.delete(drafts).where(eq(drafts.responseId, response.id)),
    db.insert(withdrawals).values({ day: toDay(now), withdrawalKey: hashes[0]! }),
  ]);
  return 'withdrawn';
}

/**
 * The audit log's record of withdrawals: once a day is over, one entry for that day with how many,
 * dated to the day and written after the day's other entries, so neither its time nor its place in the
 * log says when any withdrawal happened. Called by the scheduled handler.
 */
export async function auditWithdrawals(db: Database, now: number) {
  const today = toDay(now);
  const days = await db
    .select({ day: withdrawals.day, n: sql<number>`count(*)` })
    .from(withdrawals)
    .where(and(eq(withdrawals.audited, false), lt(withdrawals.day, today)))
    .groupBy(withdrawals.day)
    .all();
  for (const { day, n } of days) {
    await db.batch([
      audit(db, { actor: 'respondent', action: 'response.withdrawn', targetType: 'response', targetId: 'withdrawn', detail: `${n} on ${new Date(day).toISOString().slice(0, 10)}` }, day),
      db.update(withdrawals).set({ audited: true }).where(and(eq(withdrawals.day, day), eq(withdrawals.audited, false))),
    ]);
  }
}

/** Ends the withdrawal window for good: the keyed hashes of codes older than 28 days are emptied. */
export async function forgetOldWithdrawalKeys(db: Database, now: number) {
  const cutoff = now - WITHDRAWAL_WINDOW_MS - DAY_MS;
  await db.batch([
    db.update(responses).set({ withdrawalKey: null }).where(and(isNotNull(responses.withdrawalKey), lt(responses.submittedAt, cutoff))),
    db.update(withdrawals).set({ withdrawalKey: null }).where(and(isNotNull(withdrawals.withdrawalKey), lt(withdrawals.day, cutoff))),
  ]);
}

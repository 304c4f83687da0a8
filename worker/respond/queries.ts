// The respondent's data: live forms, drafts, submitted responses and withdrawals.
import { and, eq, sql } from 'drizzle-orm';
import { audit } from '../db/audit';
import type { Database } from '../db/client';
import { answers, drafts, forms, formVersions, responses, type AnswerValue, type Draft } from '../db/schema';
import { answersInPlay, type Answers } from '../forms/branching';
import { formDefinition, type FormDefinition, type Locale } from '../forms/definition';
import { randomToken, sha256, withdrawalCode } from '../http/tokens';

export const WITHDRAWAL_DAYS = 28;
const SENT_DRAFT_KEPT_MS = 2 * 60_000;

export interface LiveForm {
  slug: string;
  versionId: string;
  definition: FormDefinition;
}

// Versions never change, so a parsed definition can be kept for the life of the isolate.
const parsedVersions = new Map<string, FormDefinition>();

function parseVersion(id: string, json: string): FormDefinition {
  let def = parsedVersions.get(id);
  if (!def) {
    def = formDefinition.parse(JSON.parse(json));
    parsedVersions.set(id, def);
  }
  return def;
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
export async function formVersionDefinition(db: Database, versionId: string): Promise<FormDefinition | undefined> {
  const cached = parsedVersions.get(versionId);
  if (cached) return cached;
  const row = await db.select({ definition: formVersions.definition }).from(formVersions).where(eq(formVersions.id, versionId)).get();
  return row && parseVersion(versionId, row.definition);
}

export async function startDraft(db: Database, versionId: string, locale: Locale, expiresAt: number): Promise<string> {
  const token = randomToken();
  await db.insert(drafts).values({
    tokenHash: await sha256(token),
    formVersionId: versionId,
    answers: {},
    locale,
    idempotencyKey: randomToken(16),
    responseId: crypto.randomUUID(),
    withdrawalCode: withdrawalCode(),
    expiresAt,
  });
  return token;
}

export interface DraftWithForm {
  draft: Draft;
  /** The slug of the form the draft belongs to, so a draft is only used on its own form's pages. */
  slug: string;
}

function draftsWithForm(db: Database) {
  return db
    .select({ draft: drafts, slug: forms.slug })
    .from(drafts)
    .innerJoin(formVersions, eq(formVersions.id, drafts.formVersionId))
    .innerJoin(forms, eq(forms.id, formVersions.formId));
}

export async function findDraft(db: Database, token: string): Promise<DraftWithForm | undefined> {
  return draftsWithForm(db).where(eq(drafts.tokenHash, await sha256(token))).get();
}

export async function findDraftByIdempotencyKey(db: Database, key: string): Promise<DraftWithForm | undefined> {
  return draftsWithForm(db).where(eq(drafts.idempotencyKey, key)).get();
}

export async function saveDraft(db: Database, draft: Pick<Draft, 'tokenHash'>, changes: Partial<Pick<Draft, 'answers' | 'locale' | 'easyRead' | 'expiresAt'>>) {
  await db.update(drafts).set(changes).where(eq(drafts.tokenHash, draft.tokenHash));
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

/**
 * Stores the draft's answers as a response, once. The response id and idempotency key were fixed
 * when the draft began, so a repeated or racing submit writes nothing new. One atomic batch.
 */
export async function submitDraft(db: Database, draft: Draft, definition: FormDefinition, channel: 'online' | 'kiosk' | 'assisted' | 'paper', now: number) {
  const kept = Object.entries(answersInPlay(definition, draft.answers as Answers));
  const rows = kept.map(([questionId, value]) => ({ responseId: draft.responseId, questionId, value: value as AnswerValue }));
  const insertResponse = db
    .insert(responses)
    .values({
      id: draft.responseId,
      formVersionId: draft.formVersionId,
      channel,
      locale: draft.locale,
      status: 'received',
      idempotencyKey: draft.idempotencyKey,
      withdrawalCodeHash: await sha256(draft.withdrawalCode),
      submittedAt: now,
    })
    .onConflictDoNothing({ target: responses.id });
  const insertAnswers = [];
  for (let i = 0; i < rows.length; i += ANSWER_ROWS_PER_INSERT) {
    insertAnswers.push(db.insert(answers).values(rows.slice(i, i + ANSWER_ROWS_PER_INSERT)).onConflictDoNothing());
  }
  // The answers leave the draft; the code stays until expiry so a repeat shows the same confirmation.
  // ...and only for a couple of minutes: long enough for a double tap on a slow connection.
  const emptyDraft = db
    .update(drafts)
    .set({ answers: {}, submittedAt: now, expiresAt: Math.min(draft.expiresAt, now + SENT_DRAFT_KEPT_MS) })
    .where(eq(drafts.tokenHash, draft.tokenHash));
  await db.batch([insertResponse, ...insertAnswers, emptyDraft]);
}

export type WithdrawalOutcome = 'withdrawn' | 'unknown' | 'too-late' | 'already';

/** Deletes a response's answers when the person gives its code within the withdrawal window. */
export async function withdrawResponse(db: Database, code: string, now: number): Promise<WithdrawalOutcome> {
  const response = await db
    .select({ id: responses.id, status: responses.status, submittedAt: responses.submittedAt })
    .from(responses)
    .where(eq(responses.withdrawalCodeHash, await sha256(code)))
    .get();
  if (!response) return 'unknown';
  if (response.status === 'withdrawn') return 'already';
  if (now - response.submittedAt > WITHDRAWAL_DAYS * 24 * 60 * 60 * 1000) return 'too-late';
  await db.batch([
    db.delete(answers).where(eq(answers.responseId, response.id)),
    db.update(responses).set({ status: 'withdrawn', withdrawnAt: now }).where(eq(responses.id, response.id)),
    audit(db, { actor: 'respondent', action: 'response.withdrawn', targetType: 'response', targetId: response.id }, now),
  ]);
  return 'withdrawn';
}

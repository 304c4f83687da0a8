// The facilitators' sessions in D1: listing, creating, editing, opening and closing, the join code's
// lookup, and the live count. A session belongs to an organisation; a facilitator manages the sessions
// of the organisations they facilitate for.
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { audit } from '../db/audit';
import type { Database } from '../db/client';
import { CHANNELS, feedbackSessions, forms, organisations, responses, type Channel, type FeedbackSession } from '../db/schema';
import type { Locale } from '../forms/definition';
import { newJoinCode } from './join-code';

export const LIST_LIMIT = 200;

export interface ListedSession {
  id: string;
  name: string;
  place: string;
  heldOn: number;
  status: FeedbackSession['status'];
  joinCode: string | null;
  formSlug: string;
  organisationName: string;
  responses: number;
}

/** The sessions of these organisations, newest first, each with how many responses it has. */
export async function listSessions(db: Database, organisationIds: string[]): Promise<ListedSession[]> {
  if (organisationIds.length === 0) return [];
  return db
    .select({
      id: feedbackSessions.id,
      name: feedbackSessions.name,
      place: feedbackSessions.place,
      heldOn: feedbackSessions.heldOn,
      status: feedbackSessions.status,
      joinCode: feedbackSessions.joinCode,
      formSlug: forms.slug,
      organisationName: organisations.name,
      // The index responses_session answers this without reading a response.
      responses: sql<number>`(SELECT count(*) FROM responses r WHERE r.session_id = ${feedbackSessions.id})`,
    })
    .from(feedbackSessions)
    .innerJoin(forms, eq(forms.id, feedbackSessions.formId))
    .innerJoin(organisations, eq(organisations.id, feedbackSessions.organisationId))
    .where(inArray(feedbackSessions.organisationId, organisationIds))
    .orderBy(desc(feedbackSessions.heldOn), feedbackSessions.name)
    .limit(LIST_LIMIT)
    .all();
}

export interface SessionDetail extends FeedbackSession {
  formSlug: string;
  organisationName: string;
}

export async function loadSession(db: Database, id: string): Promise<SessionDetail | undefined> {
  const row = await db
    .select({ session: feedbackSessions, formSlug: forms.slug, organisationName: organisations.name })
    .from(feedbackSessions)
    .innerJoin(forms, eq(forms.id, feedbackSessions.formId))
    .innerJoin(organisations, eq(organisations.id, feedbackSessions.organisationId))
    .where(eq(feedbackSessions.id, id))
    .get();
  return row && { ...row.session, formSlug: row.formSlug, organisationName: row.organisationName };
}

/** The session a join code names: open, or closed (its code is kept, so a late arrival hears it has ended). */
export async function sessionByJoinCode(db: Database, code: string): Promise<SessionDetail | undefined> {
  const rows = await db
    .select({ id: feedbackSessions.id, status: feedbackSessions.status })
    .from(feedbackSessions)
    .where(eq(feedbackSessions.joinCode, code))
    .orderBy(desc(feedbackSessions.createdAt))
    .all();
  const chosen = rows.find((r) => r.status === 'open') ?? rows[0];
  return chosen && loadSession(db, chosen.id);
}

/** What the facilitator chose; everything a session is apart from its code, status and history. */
export interface SessionFields {
  formId: string;
  name: string;
  place: string;
  heldOn: number;
  organisationId: string;
  languages: Locale[];
  kiosk: boolean;
  kioskIdleSeconds: number;
  /** A new PIN's keyed hash; undefined keeps the one it has, null removes it. */
  kioskPinHash?: string | null;
  nextSteps: string | null;
}

const isCodeTaken = (err: unknown) => String((err as { cause?: unknown })?.cause ?? err).includes('UNIQUE') || String(err).includes('UNIQUE');

/**
 * Sets a fresh join code on an open session, trying again in the rare case another open session
 * holds it (the partial unique index decides, so two facilitators at once cannot both get it).
 */
async function withFreshCode<T>(write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write(newJoinCode());
    } catch (err) {
      if (attempt >= 5 || !isCodeTaken(err)) throw err;
    }
  }
}

/** Creates an open session under a fresh join code; the id is chosen by the caller, which keys the PIN's hash to it. */
export async function createSession(db: Database, id: string, fields: SessionFields, staffId: string, now = Date.now()): Promise<string> {
  const { kioskPinHash, ...rest } = fields;
  await withFreshCode((joinCode) =>
    db.batch([
      db.insert(feedbackSessions).values({ id, ...rest, kioskPinHash: kioskPinHash ?? null, joinCode, status: 'open', createdBy: staffId, createdAt: now }),
      audit(db, { actor: staffId, action: 'session.created', targetType: 'session', targetId: id }, now),
    ]),
  );
  return id;
}

/** Responses a session has had so far, on any channel. */
export async function responseCount(db: Database, sessionId: string): Promise<number> {
  const row = await db.select({ n: sql<number>`count(*)` }).from(responses).where(eq(responses.sessionId, sessionId)).get();
  return row?.n ?? 0;
}

/**
 * Saves an edit; 'form-fixed' (and nothing saved) when it would switch the form of a session that
 * has responses: they answer that form's questions. Checked in the update itself, so a response
 * arriving while the page was open still counts.
 */
export async function updateSession(db: Database, id: string, fields: SessionFields, staffId: string, now = Date.now()): Promise<'saved' | 'form-fixed'> {
  const { kioskPinHash, ...rest } = fields;
  const update = db
    .update(feedbackSessions)
    .set({ ...rest, ...(kioskPinHash === undefined ? {} : { kioskPinHash }) })
    .where(and(eq(feedbackSessions.id, id), or(eq(feedbackSessions.formId, fields.formId), sql`NOT EXISTS (SELECT 1 FROM responses WHERE session_id = ${id})`)))
    .toSQL();
  // Raw statements, so the audit entry can depend on the update in the same batch (drizzle's batch takes no raw SQL).
  const d1 = db.$client;
  const [updated] = await d1.batch([
    d1.prepare(update.sql).bind(...update.params),
    d1.prepare("INSERT INTO audit_log (at, actor, action, target_type, target_id) SELECT ?, ?, 'session.edited', 'session', ? WHERE changes() = 1").bind(now, staffId, id),
  ]);
  return updated?.meta.changes === 1 ? 'saved' : 'form-fixed';
}

/** Closes a session: its code stops letting anyone in, and every kiosk it runs stops at its next page. */
export async function closeSession(db: Database, id: string, staffId: string, now = Date.now()) {
  const d1 = db.$client;
  await d1.batch([
    d1.prepare("UPDATE feedback_sessions SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'").bind(now, id),
    // Audited only when this close made the change: closing twice (a double click, two tabs) writes one entry.
    d1.prepare("INSERT INTO audit_log (at, actor, action, target_type, target_id) SELECT ?, ?, 'session.closed', 'session', ? WHERE changes() = 1").bind(now, staffId, id),
  ]);
}

/** Opens a closed session again, under a new code if another open session has taken its old one since. */
export async function reopenSession(db: Database, session: SessionDetail, staffId: string, now = Date.now()) {
  const reopen = (joinCode: string) =>
    db.batch([
      db.update(feedbackSessions).set({ status: 'open', closedAt: null, joinCode }).where(eq(feedbackSessions.id, session.id)),
      audit(db, { actor: staffId, action: 'session.reopened', targetType: 'session', targetId: session.id }, now),
    ]);
  if (session.joinCode) {
    try {
      return await reopen(session.joinCode);
    } catch (err) {
      if (!isCodeTaken(err)) throw err;
    }
  }
  await withFreshCode(reopen);
}

/** Responses so far in a session, per channel (every channel present, 0 when none). */
export async function countsByChannel(db: Database, sessionId: string): Promise<Record<Channel, number>> {
  const rows = await db
    .select({ channel: responses.channel, n: sql<number>`count(*)` })
    .from(responses)
    .where(eq(responses.sessionId, sessionId))
    .groupBy(responses.channel)
    .all();
  const out = Object.fromEntries(CHANNELS.map((ch) => [ch, 0])) as Record<Channel, number>;
  for (const r of rows) out[r.channel] = r.n;
  return out;
}

export interface SessionForm {
  id: string;
  slug: string;
  versionId: string;
}

/** The live feedback forms a session can use (assessments are never run at sessions). */
export async function liveFeedbackForms(db: Database): Promise<SessionForm[]> {
  return db
    .select({ id: forms.id, slug: forms.slug, versionId: sql<string>`${forms.currentVersionId}` })
    .from(forms)
    .where(and(eq(forms.status, 'live'), eq(forms.kind, 'feedback'), sql`${forms.currentVersionId} IS NOT NULL`))
    .orderBy(forms.slug)
    .all();
}

/** The organisations with these ids, by name. */
export async function organisationsNamed(db: Database, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids)).orderBy(organisations.name).all();
}

/** The version a form shows now, live or not (a session keeps its form after the form closes). */
export async function currentVersionOf(db: Database, formId: string): Promise<string | undefined> {
  const row = await db.select({ v: forms.currentVersionId }).from(forms).where(eq(forms.id, formId)).get();
  return row?.v ?? undefined;
}

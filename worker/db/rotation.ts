// Key rotation: re-seals every sealed value still under an older key of the ring (or, for staff
// authenticator secrets, still in the clear from before they were sealed) under the current key.
// Run by the scheduled handler and by `npm run keys:rotate`, in bounded batches; each write is
// conditional on the row still holding what was read, so a save made meanwhile is never overwritten.
//
// Keyed hashes cannot be re-made without the value they hide, so they are left as they are and keep
// matching through `KeyRing.hashes()` (one hash per key in the ring) until they expire: withdrawal
// codes (forgotten after 28 days), kiosk PINs (until the session's PIN is changed) and copy codes
// (until reissued). Sign-in and PIN counters are looked up under the current key only, so they start
// again after a rotation (they last 15 minutes). The people's blind indexes are the exception: the
// rotation opens the name and date of birth, so it re-makes them too.
import { and, eq, inArray, isNotNull, like, notLike, or, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { drizzle } from 'drizzle-orm/d1';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { SEALED_PATTERN, UnreadableSecret, type KeyRing } from '../http/keys';
import { assessmentDisputes, assessmentSections, people } from './assess-schema';
import { personIndexes } from './person-index';
import { loginSessions, users } from './schema';
import { sealContext } from './sealed';

export const SEALED_TABLES = ['people', 'assessment_sections', 'assessment_disputes', 'users', 'login_sessions'] as const;
export type SealedTable = (typeof SEALED_TABLES)[number];

export interface ResealOutcome {
  /** Rows re-sealed under the current key, all tables together. */
  resealed: number;
  byTable: Record<SealedTable, number>;
  /** Rows under a key of the ring that would not open (tampered with, or moved): left as they are. */
  unopened: number;
}

const perTable = (): Record<SealedTable, number> => ({ people: 0, assessment_sections: 0, assessment_disputes: 0, users: 0, login_sessions: 0 });

/** A column's value that is either in the clear (never sealed) or sealed under one of `oldIds`. */
function notUnderCurrent(column: SQLiteColumn, oldIds: string[]): SQL {
  return or(notLike(column, 'v1.%'), ...oldIds.map((id) => like(column, `v1.${id}.%`)))!;
}

/** Opens a value to re-seal: undefined when it is not sealed (kept as it is), 'unopened' when it would not open. */
async function reopen(ring: KeyRing, value: string, context: string): Promise<{ plain: string } | 'unopened' | undefined> {
  if (!SEALED_PATTERN.test(value)) return undefined;
  try {
    return { plain: await ring.open(value, context) };
  } catch (err) {
    if (err instanceof UnreadableSecret) return 'unopened';
    throw err;
  }
}

/**
 * Re-seals up to `limit` rows still under an older key, as one D1 batch, and says how many per table.
 * Rows under a key the ring no longer holds are not looked at: nothing can open them (see `sealedRemaining`).
 */
export async function resealBatch(d1: D1Database, ring: KeyRing, limit = 200): Promise<ResealOutcome> {
  const db = drizzle(d1);
  const current = ring.currentId;
  const oldIds = ring.ids.filter((id) => id !== current);
  const outcome: ResealOutcome = { resealed: 0, byTable: perTable(), unopened: 0 };
  // Each write keeps its table's name, so the batch's results are counted per table.
  const writes: { table: SealedTable; query: BatchItem<'sqlite'> }[] = [];
  let room = limit;
  const opened = async (value: string, context: string) => {
    const result = await reopen(ring, value, context);
    if (result === 'unopened') outcome.unopened += 1;
    return result;
  };

  if (oldIds.length > 0 && room > 0) {
    const rows = await db.select().from(people).where(inArray(people.keyId, oldIds)).orderBy(people.id).limit(room).all();
    room -= rows.length;
    for (const row of rows) {
      const name = await opened(row.nameSealed, sealContext.personName(row.id));
      const birth = await opened(row.birthDateSealed, sealContext.personBirthDate(row.id));
      if (name === 'unopened' || birth === 'unopened') continue;
      // A tombstone's emptied fields are not sealed: only its key id moves on.
      const set: Partial<typeof people.$inferInsert> = { keyId: current };
      if (name) set.nameSealed = await ring.seal(name.plain, sealContext.personName(row.id));
      if (birth) set.birthDateSealed = await ring.seal(birth.plain, sealContext.personBirthDate(row.id));
      if (name && birth) Object.assign(set, await personIndexes(ring, name.plain, birth.plain));
      const query = db
        .update(people)
        .set(set)
        .where(and(eq(people.id, row.id), eq(people.nameSealed, row.nameSealed), eq(people.birthDateSealed, row.birthDateSealed), eq(people.keyId, row.keyId)))
        .returning({ id: people.id });
      writes.push({ table: 'people', query });
    }
  }

  if (oldIds.length > 0 && room > 0) {
    const rows = await db
      .select()
      .from(assessmentSections)
      .where(inArray(assessmentSections.keyId, oldIds))
      .orderBy(assessmentSections.assessmentId, assessmentSections.versionNumber, assessmentSections.sectionId)
      .limit(room)
      .all();
    room -= rows.length;
    for (const row of rows) {
      const context = sealContext.section(row.assessmentId, row.versionNumber, row.sectionId);
      const answers = await opened(row.answersSealed, context);
      if (answers === 'unopened') continue;
      const query = db
        .update(assessmentSections)
        .set({ answersSealed: answers ? await ring.seal(answers.plain, context) : row.answersSealed, keyId: current })
        .where(
          and(
            eq(assessmentSections.assessmentId, row.assessmentId),
            eq(assessmentSections.versionNumber, row.versionNumber),
            eq(assessmentSections.sectionId, row.sectionId),
            eq(assessmentSections.answersSealed, row.answersSealed),
          ),
        )
        .returning({ id: assessmentSections.sectionId });
      writes.push({ table: 'assessment_sections', query: query });
    }
  }

  if (oldIds.length > 0 && room > 0) {
    const rows = await db.select().from(assessmentDisputes).where(inArray(assessmentDisputes.keyId, oldIds)).orderBy(assessmentDisputes.id).limit(room).all();
    room -= rows.length;
    for (const row of rows) {
      const reason = await opened(row.reasonSealed, sealContext.disputeReason(row.id));
      const resolution = row.resolutionSealed === null ? undefined : await opened(row.resolutionSealed, sealContext.disputeResolution(row.id));
      if (reason === 'unopened' || resolution === 'unopened') continue;
      const query = db
        .update(assessmentDisputes)
        .set({
          reasonSealed: reason ? await ring.seal(reason.plain, sealContext.disputeReason(row.id)) : row.reasonSealed,
          resolutionSealed: resolution ? await ring.seal(resolution.plain, sealContext.disputeResolution(row.id)) : row.resolutionSealed,
          keyId: current,
        })
        .where(
          and(
            eq(assessmentDisputes.id, row.id),
            eq(assessmentDisputes.reasonSealed, row.reasonSealed),
            // Resolved meanwhile: the new resolution is written under the current key already.
            sql`${assessmentDisputes.resolutionSealed} IS ${row.resolutionSealed}`,
          ),
        )
        .returning({ id: assessmentDisputes.id });
      writes.push({ table: 'assessment_disputes', query: query });
    }
  }

  if (room > 0) {
    const rows = await db
      .select({ id: users.id, secret: users.totpSecret })
      .from(users)
      .where(and(isNotNull(users.totpSecret), notUnderCurrent(users.totpSecret, oldIds)))
      .orderBy(users.id)
      .limit(room)
      .all();
    room -= rows.length;
    for (const { id, secret } of rows) {
      const context = sealContext.totpSecret(id);
      const was = await opened(secret!, context);
      if (was === 'unopened') continue;
      // Not sealed: a secret stored in the clear before secrets were sealed.
      const query = db
        .update(users)
        .set({ totpSecret: await ring.seal(was ? was.plain : secret!, context) })
        .where(and(eq(users.id, id), eq(users.totpSecret, secret!)))
        .returning({ id: users.id });
      writes.push({ table: 'users', query: query });
    }
  }

  if (room > 0) {
    const rows = await db
      .select({ tokenHash: loginSessions.tokenHash, secret: loginSessions.pendingTotpSecret })
      .from(loginSessions)
      .where(and(isNotNull(loginSessions.pendingTotpSecret), notUnderCurrent(loginSessions.pendingTotpSecret, oldIds)))
      .orderBy(loginSessions.tokenHash)
      .limit(room)
      .all();
    for (const { tokenHash, secret } of rows) {
      const context = sealContext.pendingTotpSecret(tokenHash);
      const was = await opened(secret!, context);
      if (was === 'unopened') continue;
      const query = db
        .update(loginSessions)
        .set({ pendingTotpSecret: await ring.seal(was ? was.plain : secret!, context) })
        .where(and(eq(loginSessions.tokenHash, tokenHash), eq(loginSessions.pendingTotpSecret, secret!)))
        .returning({ id: loginSessions.tokenHash });
      writes.push({ table: 'login_sessions', query: query });
    }
  }

  if (writes.length === 0) return outcome;
  const [first, ...rest] = writes.map((w) => w.query);
  // Every write ends in RETURNING: a row that changed meanwhile returns nothing and is not counted.
  const results = (await db.batch([first!, ...rest])) as unknown[][];
  results.forEach((rows, i) => {
    const changed = rows.length;
    outcome.byTable[writes[i]!.table] += changed;
    outcome.resealed += changed;
  });
  return outcome;
}

export interface Remaining {
  /** Rows the rotation will re-seal: under an older key of the ring, or never sealed. */
  old: number;
  /** Rows under a key the ring no longer holds: nothing can open them until that key is put back. */
  lost: number;
}

// An envelope's key id sits between `v1.` and the next dot; '' is a value never sealed.
const envelopeKey = (column: string) => `CASE WHEN ${column} LIKE 'v1.%' THEN substr(${column}, 4, instr(substr(${column}, 4), '.') - 1) ELSE '' END`;

/** Per table, its sealed rows counted by key id (`k`, '' for never sealed): plain SQL, so `wrangler d1 execute --remote` can run it too. */
export const KEY_COUNTS: Record<SealedTable, string> = {
  people: 'SELECT key_id AS k, count(*) AS n FROM people GROUP BY 1',
  assessment_sections: 'SELECT key_id AS k, count(*) AS n FROM assessment_sections GROUP BY 1',
  assessment_disputes: 'SELECT key_id AS k, count(*) AS n FROM assessment_disputes GROUP BY 1',
  users: `SELECT ${envelopeKey('totp_secret')} AS k, count(*) AS n FROM users WHERE totp_secret IS NOT NULL GROUP BY 1`,
  login_sessions: `SELECT ${envelopeKey('pending_totp_secret')} AS k, count(*) AS n FROM login_sessions WHERE pending_totp_secret IS NOT NULL GROUP BY 1`,
};

/** Per table, how many sealed rows are not yet under the current key. */
export async function sealedRemaining(d1: D1Database, ring: KeyRing): Promise<Record<SealedTable, Remaining>> {
  const results = await d1.batch<{ k: string; n: number }>(SEALED_TABLES.map((t) => d1.prepare(KEY_COUNTS[t])));
  const remaining = {} as Record<SealedTable, Remaining>;
  SEALED_TABLES.forEach((table, i) => {
    const tally: Remaining = { old: 0, lost: 0 };
    for (const { k, n } of results[i]!.results) {
      if (k === ring.currentId) continue;
      if (k === '' || ring.has(k)) tally.old += n;
      else tally.lost += n;
    }
    remaining[table] = tally;
  });
  return remaining;
}

// Disputes: a receiving organisation's flag that an assessment seems wrong or out of date, and the
// assessor's answer. The reason and the resolution are sealed (they may say something about the
// person); who raised it, from where, when and the status stay in the clear for lists and counts.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client';
import { assessmentDisputes, assessments, organisations, people, users, type AssessmentDispute } from '../../db/schema';
import { sealContext } from '../../db/sealed';
import type { KeyRing } from '../../http/keys';
import { logAccess } from '../queries';

export const REASON_MAX = 2000;

export interface OpenedDispute {
  id: string;
  versionNumber: number;
  sectionId: string | null;
  organisationId: string;
  organisationName: string;
  raisedByName: string;
  raisedAt: number;
  reason: string;
  status: AssessmentDispute['status'];
  resolution: string | null;
  resolvedByName: string | null;
  resolvedAt: number | null;
}

export async function raiseDispute(
  db: Database,
  ring: KeyRing,
  a: { id: string },
  input: { versionNumber: number; sectionId: string | null; reason: string },
  actor: { id: string; organisationId: string },
  now = Date.now(),
) {
  const id = crypto.randomUUID();
  const reasonSealed = await ring.seal(input.reason, sealContext.disputeReason(id));
  await db.batch([
    db.insert(assessmentDisputes).values({ id, assessmentId: a.id, versionNumber: input.versionNumber, sectionId: input.sectionId, organisationId: actor.organisationId, raisedBy: actor.id, raisedAt: now, reasonSealed, status: 'open', keyId: ring.currentId }),
    db.update(assessments).set({ lastActivityAt: now }).where(eq(assessments.id, a.id)),
    logAccess(db, { assessmentId: a.id, actor: actor.id, actorOrganisationId: actor.organisationId, action: 'dispute-raised', detail: id }, now),
  ]);
  return id;
}

/** Resolves an open dispute of this assessment; false when there is none by that id still open. */
export async function resolveDispute(db: Database, ring: KeyRing, a: { id: string }, disputeId: string, resolution: string, actor: { id: string; organisationId: string }, now = Date.now()): Promise<boolean> {
  const open = await db
    .select({ id: assessmentDisputes.id, keyId: assessmentDisputes.keyId, reasonSealed: assessmentDisputes.reasonSealed })
    .from(assessmentDisputes)
    .where(and(eq(assessmentDisputes.id, disputeId), eq(assessmentDisputes.assessmentId, a.id), eq(assessmentDisputes.status, 'open')))
    .get();
  if (!open) return false;
  const resolutionSealed = await ring.seal(resolution, sealContext.disputeResolution(disputeId));
  // One key id for the row: when the reason is under an older key, seal it again with the current one.
  const reasonSealed = open.keyId === ring.currentId ? open.reasonSealed : await ring.seal(await ring.open(open.reasonSealed, sealContext.disputeReason(disputeId)), sealContext.disputeReason(disputeId));
  await db.batch([
    db
      .update(assessmentDisputes)
      .set({ status: 'resolved', resolutionSealed, reasonSealed, keyId: ring.currentId, resolvedBy: actor.id, resolvedAt: now })
      .where(and(eq(assessmentDisputes.id, disputeId), eq(assessmentDisputes.status, 'open'))),
    db.update(assessments).set({ lastActivityAt: now }).where(eq(assessments.id, a.id)),
    logAccess(db, { assessmentId: a.id, actor: actor.id, actorOrganisationId: actor.organisationId, action: 'dispute-resolved', detail: disputeId }, now),
  ]);
  return true;
}

/** An assessment's disputes, opened, oldest first: all of them, or only those raised by these organisations. */
export async function openDisputes(db: Database, ring: KeyRing, assessmentId: string, raisedBy?: string[]): Promise<OpenedDispute[]> {
  if (raisedBy && raisedBy.length === 0) return [];
  const raiser = alias(users, 'raiser');
  const resolver = alias(users, 'resolver');
  const rows = await db
    .select({ d: assessmentDisputes, organisationName: organisations.name, raisedByName: raiser.name, resolvedByName: resolver.name })
    .from(assessmentDisputes)
    .innerJoin(organisations, eq(organisations.id, assessmentDisputes.organisationId))
    .leftJoin(raiser, eq(raiser.id, assessmentDisputes.raisedBy))
    .leftJoin(resolver, eq(resolver.id, assessmentDisputes.resolvedBy))
    .where(and(eq(assessmentDisputes.assessmentId, assessmentId), raisedBy ? inArray(assessmentDisputes.organisationId, raisedBy) : undefined))
    .orderBy(asc(assessmentDisputes.raisedAt))
    .all();
  return Promise.all(
    rows.map(async ({ d, organisationName, raisedByName, resolvedByName }) => ({
      id: d.id,
      versionNumber: d.versionNumber,
      sectionId: d.sectionId,
      organisationId: d.organisationId,
      organisationName,
      raisedByName: raisedByName ?? 'A former member of staff',
      raisedAt: d.raisedAt,
      reason: await ring.open(d.reasonSealed, sealContext.disputeReason(d.id)),
      status: d.status,
      resolution: d.resolutionSealed ? await ring.open(d.resolutionSealed, sealContext.disputeResolution(d.id)) : null,
      resolvedByName: d.resolvedAt === null ? null : (resolvedByName ?? 'A former member of staff'),
      resolvedAt: d.resolvedAt,
    })),
  );
}

/** Open disputes on the assessments these organisations assess, by assessment (for the /assess list). */
export async function openDisputeCounts(db: Database, assessingOrgs: string[]) {
  if (assessingOrgs.length === 0) return [];
  return db
    .select({ assessmentId: assessments.id, reference: people.reference, count: sql<number>`count(*)` })
    .from(assessmentDisputes)
    .innerJoin(assessments, eq(assessments.id, assessmentDisputes.assessmentId))
    .innerJoin(people, eq(people.id, assessments.personId))
    .where(and(eq(assessmentDisputes.status, 'open'), inArray(assessments.organisationId, assessingOrgs), sql`${assessments.status} != 'deleted'`))
    .groupBy(assessments.id, people.reference)
    .orderBy(asc(people.reference))
    .all();
}

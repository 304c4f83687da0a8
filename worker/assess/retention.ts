// Retention (issue 12): an assessment with no activity for ASSESSMENT_RETENTION_MONTHS is deleted by
// the scheduled handler exactly as an erasure deletes it (erase.ts), leaving its audited tombstone.
// "Activity" is the person's contact with the service: adding them, saves, completion, consent,
// reassessment. Staff reading it is not activity (recordRead does not count it): a receiving
// organisation opening it every month must not keep someone's story for ever.
import { and, asc, lt, ne } from 'drizzle-orm';
import type { Database } from '../db/client';
import { assessments } from '../db/schema';
import { deleteAssessment } from './erase';

export const RETENTION_BATCH = 50;

/** The moment `months` calendar months before `now`: activity before it is past the period. */
export function retentionCutoff(months: number, now: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

/** One bounded batch: deletes up to `limit` assessments past the period, oldest first. Returns how many went. */
export async function purgeExpiredAssessments(db: Database, months: number, now = Date.now(), limit = RETENTION_BATCH): Promise<number> {
  const cutoff = retentionCutoff(months, now);
  const due = await db
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(ne(assessments.status, 'deleted'), lt(assessments.lastActivityAt, cutoff)))
    .orderBy(asc(assessments.lastActivityAt))
    .limit(limit)
    .all();
  let deleted = 0;
  for (const { id } of due) {
    const done = await deleteAssessment(db, { assessmentId: id, why: 'retention', actor: 'system', actorOrganisationId: null, action: 'deleted-by-retention', detail: `${months} months`, inactiveBefore: cutoff }, now);
    if (done) deleted++;
  }
  return deleted;
}

/** What the cron runs: a few bounded batches, stopping at a short one (the next run goes on). */
export async function runRetention(db: Database, months: number, now = Date.now(), rounds = 4, limit = RETENTION_BATCH): Promise<number> {
  let total = 0;
  for (let round = 0; round < rounds; round++) {
    const n = await purgeExpiredAssessments(db, months, now, limit);
    total += n;
    if (n < limit) break;
  }
  return total;
}

// Deleting an assessment's content, one way for both an erasure (the person asked, or it was added by
// mistake) and the retention schedule. One D1 batch, so an assessment is never half deleted: every
// version's answers, the copy code, sections held after a timeout, the words of any dispute, the
// person's sealed name and date of birth and their blind indexes go; consent is ended. What stays is
// the tombstone: ids, organisation, versions' dates, the access log (a subject access request still
// needs it), and the line saying why.
import type { Database } from '../db/client';
import type { AccessAction } from '../db/schema';

/** What sealed columns hold once deleted: a fixed marker (so NOT NULL holds), nothing left to open or to match. */
export const TOMBSTONE = 'deleted';

/** Why an assessing organisation erases an assessment (the access log keeps the code; pages show the words). */
export const ERASURE_REASONS = {
  'person-asked': 'The person asked (right to erasure)',
  'added-by-mistake': 'Added by mistake',
  duplicate: 'A duplicate of another assessment',
} as const;
export type ErasureReason = keyof typeof ERASURE_REASONS;

export interface Deletion {
  assessmentId: string;
  why: 'erasure' | 'retention';
  actor: string;
  actorOrganisationId: string | null;
  action: Extract<AccessAction, 'erased' | 'deleted-by-retention'>;
  detail: string;
  /** Retention only: delete only if still without activity since this moment (a save since keeps it). */
  inactiveBefore?: number;
}

/**
 * Deletes one assessment's content. Every statement checks the assessment is still there to delete
 * (not deleted already; for retention, still inactive), and the status changes last, so a repeated
 * erasure or a save racing the schedule changes nothing. True when this call deleted it.
 */
export async function deleteAssessment(db: Database, d: Deletion, now = Date.now()): Promise<boolean> {
  const d1 = db.$client;
  const id = d.assessmentId;
  const stillDue = `EXISTS (SELECT 1 FROM assessments x WHERE x.id = ? AND x.status != 'deleted'${d.inactiveBefore === undefined ? '' : ' AND x.last_activity_at < ?'})`;
  const due = d.inactiveBefore === undefined ? [id] : [id, d.inactiveBefore];
  const results = await d1.batch([
    d1
      .prepare(`INSERT INTO assessment_access_log (at, assessment_id, actor, actor_organisation_id, action, detail) SELECT ?, ?, ?, ?, ?, ? WHERE ${stillDue}`)
      .bind(now, id, d.actor, d.actorOrganisationId, d.action, d.detail, ...due),
    d1.prepare(`DELETE FROM assessment_sections WHERE assessment_id = ? AND ${stillDue}`).bind(id, ...due),
    // The code stops working with the content: the person's copy has nothing left to show.
    d1.prepare(`DELETE FROM assessment_copy_codes WHERE assessment_id = ? AND ${stillDue}`).bind(id, ...due),
    // Sections posted after a timeout and held for sign-in (held/) are content too. (D1 refuses a LIKE this long.)
    d1.prepare(`DELETE FROM held_saves WHERE substr(path, 1, ?) = ? AND ${stillDue}`).bind(`/assess/${id}/sections/`.length, `/assess/${id}/sections/`, ...due),
    d1
      .prepare(`UPDATE assessment_disputes SET reason_sealed = ?, resolution_sealed = CASE WHEN resolution_sealed IS NULL THEN NULL ELSE ? END WHERE assessment_id = ? AND ${stillDue}`)
      .bind(TOMBSTONE, TOMBSTONE, id, ...due),
    d1.prepare(`UPDATE assessment_shares SET withdrawn_at = ?, withdrawn_by = ? WHERE assessment_id = ? AND withdrawn_at IS NULL AND ${stillDue}`).bind(now, d.actor, id, ...due),
    // The person's details go unless another live assessment (a person added twice) still needs them.
    // The language goes too: it can say something about who they are.
    d1
      .prepare(
        `UPDATE people SET name_sealed = ?, birth_date_sealed = ?, find_index = ?, birth_index = ?, language = 'en', deleted_at = ?
         WHERE id = (SELECT person_id FROM assessments WHERE id = ?) AND deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM assessments o WHERE o.person_id = people.id AND o.id != ? AND o.status != 'deleted')
           AND ${stillDue}`,
      )
      .bind(TOMBSTONE, TOMBSTONE, TOMBSTONE, TOMBSTONE, now, id, id, ...due),
    d1
      .prepare(
        `UPDATE assessments SET status = 'deleted', deleted_at = ?, deleted_reason = ?, restricted_to = NULL
         WHERE id = ? AND status != 'deleted'${d.inactiveBefore === undefined ? '' : ' AND last_activity_at < ?'}`,
      )
      .bind(now, d.why, ...due),
  ]);
  return (results.at(-1)!.meta.changes ?? 0) === 1;
}

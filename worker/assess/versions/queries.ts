// Reassessment and the review list. A reassessment is a new draft version whose sections start as
// copies of the last completed version's: opened and sealed again, since a section's seal context
// names its version (a row copied as it is would not open).
import { and, asc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { assessments, assessmentSections, assessmentVersions, people } from '../../db/schema';
import { isAnswerable, type FormDefinition } from '../../forms/definition';
import type { KeyRing } from '../../http/keys';
import { logAccess, openSections, sectionRow, type AssessmentRecord, type SectionAnswers } from '../queries';

/** Answers a reassessment asks for afresh instead of carrying over: the old review date is the one being met. */
const ASKED_AGAIN = new Set(['review-date']);

/** How far ahead a review date counts as due. */
export const REVIEW_SOON_MS = 14 * 86_400_000;

export class ReassessmentRace extends Error {
  constructor() {
    super('another reassessment started first');
  }
}

/**
 * Starts version n+1 as a draft prefilled from version n (which must be complete), in one batch
 * with its access-log line. Each copied section keeps who saved it and when, so the task list can
 * say it came from the last version. Two starts at once: the version's primary key lets one win.
 */
export async function startReassessment(
  db: Database,
  ring: KeyRing,
  record: AssessmentRecord,
  form: { versionId: string; definition: FormDefinition },
  actor: { id: string; organisationId: string },
  now = Date.now(),
): Promise<number> {
  const a = record.assessment;
  const last = record.versions.at(-1);
  if (!last || last.status !== 'complete') throw new Error('the newest version is not complete');
  const next = last.number + 1;
  const opened = await openSections(db, ring, a.id, last.number);
  const rows = [];
  for (const page of form.definition.pages) {
    const was = opened.get(page.id);
    if (!was) continue;
    // A newer form may have dropped a question: only answers to questions it still asks carry over.
    const asked = new Set(page.questions.filter(isAnswerable).map((q) => q.id));
    const answers: SectionAnswers = {};
    for (const [id, value] of Object.entries(was.answers)) if (asked.has(id) && !ASKED_AGAIN.has(id)) answers[id] = value;
    if (Object.keys(answers).length === 0) continue;
    rows.push(await sectionRow(ring, a.id, next, page.id, answers, was.savedBy, was.savedAt));
  }
  try {
    await db.batch([
      db.insert(assessmentVersions).values({ assessmentId: a.id, number: next, formVersionId: form.versionId, status: 'draft', assessorId: actor.id, startedAt: now, updatedAt: now }),
      ...rows.map((row) => db.insert(assessmentSections).values(row)),
      db.update(assessments).set({ status: 'in-progress', currentVersion: next, lastActivityAt: now }).where(and(eq(assessments.id, a.id), eq(assessments.currentVersion, last.number))),
      logAccess(db, { assessmentId: a.id, actor: actor.id, actorOrganisationId: actor.organisationId, action: 'reassessment-started', detail: `version ${next} from version ${last.number}` }, now),
    ]);
  } catch (err) {
    const won = await db.select({ n: assessmentVersions.number }).from(assessmentVersions).where(and(eq(assessmentVersions.assessmentId, a.id), eq(assessmentVersions.number, next))).get();
    if (won) throw new ReassessmentRace();
    throw err;
  }
  return next;
}

export interface DueForReview {
  id: string;
  reference: string;
  reviewOn: number;
  versionNumber: number;
}

/** The completed assessments these organisations made whose review date is within two weeks or past, soonest first. */
export async function dueForReview(db: Database, orgs: string[], now = Date.now()): Promise<DueForReview[]> {
  if (orgs.length === 0) return [];
  const rows = await db
    .select({ id: assessments.id, reference: people.reference, reviewOn: assessmentVersions.reviewOn, versionNumber: assessmentVersions.number })
    .from(assessments)
    .innerJoin(people, eq(people.id, assessments.personId))
    .innerJoin(assessmentVersions, and(eq(assessmentVersions.assessmentId, assessments.id), eq(assessmentVersions.number, assessments.currentVersion)))
    .where(
      and(
        inArray(assessments.organisationId, orgs),
        eq(assessments.status, 'complete'),
        eq(assessmentVersions.status, 'complete'),
        isNotNull(assessmentVersions.reviewOn),
        lte(assessmentVersions.reviewOn, now + REVIEW_SOON_MS),
      ),
    )
    .orderBy(asc(assessmentVersions.reviewOn))
    .limit(100)
    .all();
  return rows.map((r) => ({ ...r, reviewOn: r.reviewOn! }));
}

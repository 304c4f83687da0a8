// The person's copy: what goes in it, and the code the person reads it with. The code is stored only
// as a keyed hash (a stolen database holds no usable code); it stops working when a new one is issued,
// when all consent is withdrawn (queries.ts, withdrawShares), when the assessment is deleted, and after
// a few wrong dates of birth, so someone who found a code cannot work through the calendar.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { assessmentCopyCodes, assessments, type AssessmentVersion } from '../../db/schema';
import { answersInPlay } from '../../forms/branching';
import type { FormDefinition } from '../../forms/definition';
import type { KeyRing } from '../../http/keys';
import { logAccess, openPerson, openSections, formVersionDefinition, type AccessLine, type AssessmentRecord, type OpenedPerson, type SectionAnswers } from '../queries';
import { newCopyCode, normaliseCopyCode } from './code';

/** Wrong dates of birth with one code before the code stops. */
export const MAX_WRONG_BIRTH_DATES = 5;

export interface CopyContent {
  person: OpenedPerson;
  version: AssessmentVersion & { assessorName: string };
  definition: FormDefinition;
  /** The answers in play (a stale answer hidden by a later branch is left out). */
  answers: SectionAnswers;
  /** Sections whose answers are not in this copy. */
  leftOut: string[];
}

/** The newest completed version: what a copy shows (a reassessment in progress is not the person's record yet). */
export function copyVersion(record: AssessmentRecord) {
  return record.versions.filter((v) => v.status === 'complete').at(-1);
}

/** Opens what the copy shows; `leaveOut` names sections kept out (the restricted ones, when asked). */
export async function copyContent(db: Database, ring: KeyRing, record: AssessmentRecord, leaveOut: (sectionId: string) => boolean = () => false): Promise<CopyContent | undefined> {
  const version = copyVersion(record);
  if (!version) return undefined;
  const definition = await formVersionDefinition(db, version.formVersionId);
  if (!definition) return undefined;
  const [person, sections] = await Promise.all([openPerson(ring, record.person), openSections(db, ring, record.assessment.id, version.number, (s) => !leaveOut(s))]);
  const all: SectionAnswers = {};
  for (const { answers } of sections.values()) Object.assign(all, answers);
  return { person, version, definition, answers: answersInPlay(definition, all) as SectionAnswers, leftOut: definition.pages.filter((p) => leaveOut(p.id)).map((p) => p.id) };
}

/**
 * Issues a new code for the person, replacing any old one, with its access-log lines. Returns the code
 * as shown: the only time it exists outside the person's hands.
 */
export async function issueCopyCode(db: Database, ring: KeyRing, assessmentId: string, actor: { id: string; organisationId: string }, lines: Omit<AccessLine, 'assessmentId' | 'actor' | 'actorOrganisationId'>[], now = Date.now()): Promise<string> {
  const code = newCopyCode();
  const codeHash = await ring.hash('copy-code', normaliseCopyCode(code)!);
  await db.batch([
    db.delete(assessmentCopyCodes).where(eq(assessmentCopyCodes.assessmentId, assessmentId)),
    db.insert(assessmentCopyCodes).values({ codeHash, assessmentId, createdBy: actor.id, createdAt: now }),
    db.update(assessments).set({ lastActivityAt: now }).where(eq(assessments.id, assessmentId)),
    ...lines.map((l) => logAccess(db, { ...l, assessmentId, actor: actor.id, actorOrganisationId: actor.organisationId }, now)),
  ]);
  return code;
}

/** The stored code a typed one matches, under any key in the ring. */
export async function findCopyCode(db: Database, ring: KeyRing, normalised: string) {
  const hashes = await ring.hashes('copy-code', normalised);
  return db.select().from(assessmentCopyCodes).where(inArray(assessmentCopyCodes.codeHash, hashes)).get();
}

/** A wrong date of birth with a real code: counted, and at the limit the code stops (logged). Returns true when it stopped. */
export async function wrongBirthDate(db: Database, codeHash: string, assessmentId: string, now = Date.now()): Promise<boolean> {
  const row = await db
    .update(assessmentCopyCodes)
    .set({ failedAttempts: sql`${assessmentCopyCodes.failedAttempts} + 1` })
    .where(eq(assessmentCopyCodes.codeHash, codeHash))
    .returning({ failed: assessmentCopyCodes.failedAttempts })
    .get();
  if (!row || row.failed < MAX_WRONG_BIRTH_DATES) return false;
  await db.batch([
    db.delete(assessmentCopyCodes).where(and(eq(assessmentCopyCodes.codeHash, codeHash), eq(assessmentCopyCodes.assessmentId, assessmentId))),
    logAccess(db, { assessmentId, actor: 'person', action: 'copy-code-stopped', detail: `${MAX_WRONG_BIRTH_DATES} wrong dates of birth` }, now),
  ]);
  return true;
}

/** The person opened their copy: logged, counted as activity, and the wrong-date count starts again. */
export async function viewedByPerson(db: Database, codeHash: string, assessmentId: string, detail: string, now = Date.now()) {
  await db.batch([
    db.update(assessmentCopyCodes).set({ failedAttempts: 0 }).where(eq(assessmentCopyCodes.codeHash, codeHash)),
    db.update(assessments).set({ lastActivityAt: now }).where(eq(assessments.id, assessmentId)),
    logAccess(db, { assessmentId, actor: 'person', action: 'copy-viewed-by-person', detail }, now),
  ]);
}

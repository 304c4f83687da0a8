// Reading and writing assessments. Every sealed value goes through the key ring here, and every
// read or change of an assessment writes its access-log line in the same batch as the change.
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import {
  assessmentAccessLog,
  assessmentCopyCodes,
  assessments,
  assessmentSections,
  assessmentShares,
  assessmentVersions,
  forms,
  formVersions,
  organisations,
  people,
  users,
  type AccessAction,
  type AnswerValue,
  type Assessment,
  type AssessmentShare,
  type AssessmentVersion,
  type Person,
} from '../db/schema';
import { sealContext } from '../db/sealed';
import { personIndexCandidates, personIndexes } from '../db/person-index';
import type { FormDefinition } from '../forms/definition';
import { formVersionDefinition, parseVersion } from '../db/form-versions';
import type { KeyRing } from '../http/keys';
import { newReference } from './reference';

export const ASSESSMENT_FORM = 'trusted-assessment';

export type SectionAnswers = Record<string, AnswerValue>;

export interface AccessLine {
  assessmentId: string;
  actor: string;
  actorOrganisationId?: string | null;
  action: AccessAction;
  detail?: string | null;
}

export function logAccess(db: Database, line: AccessLine, at = Date.now()) {
  return db.insert(assessmentAccessLog).values({ ...line, actorOrganisationId: line.actorOrganisationId ?? null, detail: line.detail ?? null, at });
}

/** The live assessment form's current version, or none when the deployment has not seeded one. */
export async function assessmentForm(db: Database): Promise<{ versionId: string; definition: FormDefinition } | undefined> {
  const row = await db
    .select({ versionId: formVersions.id, definition: formVersions.definition })
    .from(forms)
    .innerJoin(formVersions, eq(formVersions.id, forms.currentVersionId))
    .where(and(eq(forms.slug, ASSESSMENT_FORM), eq(forms.kind, 'assessment'), eq(forms.status, 'live')))
    .get();
  return row ? { versionId: row.versionId, definition: parseVersion(row.versionId, row.definition) } : undefined;
}

export { formVersionDefinition };

export interface NewPerson {
  name: string;
  birthDate: string;
  language: string;
  organisationId: string;
}

/** Adds a person and starts their first assessment (version 1, a draft) in one batch. */
export async function addPerson(db: Database, ring: KeyRing, input: NewPerson, by: string, formVersionId: string, firstAnswers: Record<string, SectionAnswers>, now = Date.now()) {
  const personId = crypto.randomUUID();
  const assessmentId = crypto.randomUUID();
  const [nameSealed, birthDateSealed, indexes] = await Promise.all([
    ring.seal(input.name, sealContext.personName(personId)),
    ring.seal(input.birthDate, sealContext.personBirthDate(personId)),
    personIndexes(ring, input.name, input.birthDate),
  ]);
  const sections = await Promise.all(Object.entries(firstAnswers).map(async ([sectionId, answers]) => sectionRow(ring, assessmentId, 1, sectionId, answers, by, now)));
  await db.batch([
    db.insert(people).values({ id: personId, reference: newReference(), organisationId: input.organisationId, nameSealed, birthDateSealed, language: input.language, ...indexes, keyId: ring.currentId, createdBy: by, createdAt: now }),
    db.insert(assessments).values({ id: assessmentId, personId, organisationId: input.organisationId, status: 'in-progress', currentVersion: 1, lastActivityAt: now, createdBy: by, createdAt: now }),
    db.insert(assessmentVersions).values({ assessmentId, number: 1, formVersionId, status: 'draft', assessorId: by, startedAt: now, updatedAt: now }),
    ...sections.map((row) => db.insert(assessmentSections).values(row)),
    logAccess(db, { assessmentId, actor: by, actorOrganisationId: input.organisationId, action: 'person-added' }, now),
  ]);
  return { personId, assessmentId };
}

/** A section's row, its answers sealed under the context of this assessment, version and section. */
export async function sectionRow(ring: KeyRing, assessmentId: string, versionNumber: number, sectionId: string, answers: SectionAnswers, by: string, now: number) {
  return {
    assessmentId,
    versionNumber,
    sectionId,
    answersSealed: await ring.seal(JSON.stringify(answers), sealContext.section(assessmentId, versionNumber, sectionId)),
    keyId: ring.currentId,
    savedBy: by,
    savedAt: now,
  };
}

export interface OpenedPerson {
  id: string;
  reference: string;
  name: string;
  birthDate: string;
  language: string;
}

export async function openPerson(ring: KeyRing, p: Person): Promise<OpenedPerson> {
  const [name, birthDate] = await Promise.all([ring.open(p.nameSealed, sealContext.personName(p.id)), ring.open(p.birthDateSealed, sealContext.personBirthDate(p.id))]);
  return { id: p.id, reference: p.reference, name, birthDate, language: p.language };
}

export interface AssessmentRecord {
  assessment: Assessment;
  person: Person;
  shares: (AssessmentShare & { organisationName: string })[];
  versions: (AssessmentVersion & { assessorName: string })[];
  organisationName: string;
}

/** An assessment with its person, consent and versions: everything access control and the pages need, nothing sealed opened. */
export async function loadAssessment(db: Database, id: string): Promise<AssessmentRecord | undefined> {
  const row = await db
    .select({ assessment: assessments, person: people, organisationName: organisations.name })
    .from(assessments)
    .innerJoin(people, eq(people.id, assessments.personId))
    .innerJoin(organisations, eq(organisations.id, assessments.organisationId))
    .where(eq(assessments.id, id))
    .get();
  if (!row) return undefined;
  const [shares, versions] = await Promise.all([
    db
      .select({ share: assessmentShares, organisationName: organisations.name })
      .from(assessmentShares)
      .innerJoin(organisations, eq(organisations.id, assessmentShares.organisationId))
      .where(eq(assessmentShares.assessmentId, id))
      .orderBy(asc(organisations.name))
      .all(),
    db
      .select({ version: assessmentVersions, assessorName: users.name })
      .from(assessmentVersions)
      .innerJoin(users, eq(users.id, assessmentVersions.assessorId))
      .where(eq(assessmentVersions.assessmentId, id))
      .orderBy(asc(assessmentVersions.number))
      .all(),
  ]);
  return {
    ...row,
    shares: shares.map((s) => ({ ...s.share, organisationName: s.organisationName })),
    versions: versions.map((v) => ({ ...v.version, assessorName: v.assessorName })),
  };
}

/** Opens the sections of one version (only those named, when limited), by section id. */
export async function openSections(db: Database, ring: KeyRing, assessmentId: string, versionNumber: number, only?: (sectionId: string) => boolean): Promise<Map<string, { answers: SectionAnswers; savedAt: number; savedBy: string }>> {
  const rows = await db
    .select()
    .from(assessmentSections)
    .where(and(eq(assessmentSections.assessmentId, assessmentId), eq(assessmentSections.versionNumber, versionNumber)))
    .all();
  const opened = await Promise.all(
    rows
      .filter((r) => !only || only(r.sectionId))
      .map(async (r) => [r.sectionId, { answers: JSON.parse(await ring.open(r.answersSealed, sealContext.section(assessmentId, versionNumber, r.sectionId))) as SectionAnswers, savedAt: r.savedAt, savedBy: r.savedBy }] as const),
  );
  return new Map(opened);
}

/** Which sections of a version have been saved, and when, without opening any. */
export async function savedSections(db: Database, assessmentId: string, versionNumber: number) {
  return db
    .select({ sectionId: assessmentSections.sectionId, savedAt: assessmentSections.savedAt, savedBy: users.name })
    .from(assessmentSections)
    .leftJoin(users, eq(users.id, assessmentSections.savedBy))
    .where(and(eq(assessmentSections.assessmentId, assessmentId), eq(assessmentSections.versionNumber, versionNumber)))
    .all();
}

/** Seals and stores one section's answers in the current draft, with its access-log line. */
export async function saveSection(db: Database, ring: KeyRing, a: Assessment, sectionId: string, answers: SectionAnswers, actor: { id: string; organisationId: string }, now = Date.now()) {
  const row = await sectionRow(ring, a.id, a.currentVersion, sectionId, answers, actor.id, now);
  await db.batch([
    db
      .insert(assessmentSections)
      .values(row)
      .onConflictDoUpdate({
        target: [assessmentSections.assessmentId, assessmentSections.versionNumber, assessmentSections.sectionId],
        set: { answersSealed: row.answersSealed, keyId: row.keyId, savedBy: row.savedBy, savedAt: row.savedAt },
      }),
    db.update(assessmentVersions).set({ updatedAt: now }).where(and(eq(assessmentVersions.assessmentId, a.id), eq(assessmentVersions.number, a.currentVersion))),
    db.update(assessments).set({ lastActivityAt: now }).where(eq(assessments.id, a.id)),
    logAccess(db, { assessmentId: a.id, actor: actor.id, actorOrganisationId: actor.organisationId, action: 'section-saved', detail: sectionId }, now),
  ]);
}

/**
 * Brings the shares in line with the organisations the person chose: new ones given now, ones no
 * longer chosen withdrawn, a withdrawn one chosen again given afresh. The assessing organisation never needs one.
 */
export function syncShareStatements(db: Database, a: Assessment, current: AssessmentShare[], chosen: string[], by: string, now: number) {
  const wanted = new Set(chosen.filter((o) => o !== a.organisationId));
  const statements = [];
  for (const org of wanted) {
    const existing = current.find((s) => s.organisationId === org);
    if (!existing) statements.push(db.insert(assessmentShares).values({ assessmentId: a.id, organisationId: org, givenAt: now, recordedBy: by }));
    else if (existing.withdrawnAt !== null) {
      statements.push(
        db.update(assessmentShares).set({ givenAt: now, recordedBy: by, withdrawnAt: null, withdrawnBy: null }).where(and(eq(assessmentShares.assessmentId, a.id), eq(assessmentShares.organisationId, org))),
      );
    }
  }
  const ending = current.filter((s) => s.withdrawnAt === null && !wanted.has(s.organisationId)).map((s) => s.organisationId);
  if (ending.length > 0) {
    statements.push(
      db
        .update(assessmentShares)
        .set({ withdrawnAt: now, withdrawnBy: by })
        .where(and(eq(assessmentShares.assessmentId, a.id), inArray(assessmentShares.organisationId, ending), isNull(assessmentShares.withdrawnAt))),
    );
  }
  return { statements, given: [...wanted].filter((o) => !current.some((s) => s.organisationId === o && s.withdrawnAt === null)), ended: ending };
}

/**
 * Ends the person's consent for these organisations (all of them when none are named). Withdrawing all
 * consent also stops the code the person reads their copy with (assess/copy), in the same batch.
 */
export async function withdrawShares(db: Database, a: Assessment, organisationIds: string[] | 'all', actor: { id: string; organisationId: string }, now = Date.now()) {
  const which = organisationIds === 'all' ? undefined : organisationIds;
  await db.batch([
    db
      .update(assessmentShares)
      .set({ withdrawnAt: now, withdrawnBy: actor.id })
      .where(and(eq(assessmentShares.assessmentId, a.id), isNull(assessmentShares.withdrawnAt), which ? inArray(assessmentShares.organisationId, which) : undefined)),
    ...(which ? [] : [db.delete(assessmentCopyCodes).where(eq(assessmentCopyCodes.assessmentId, a.id))]),
    db.update(assessments).set({ lastActivityAt: now }).where(eq(assessments.id, a.id)),
    logAccess(db, { assessmentId: a.id, actor: actor.id, actorOrganisationId: actor.organisationId, action: 'consent-withdrawn', detail: which ? which.join(',') : 'all' }, now),
  ]);
}

export async function completeVersion(db: Database, a: Assessment, reviewOn: number | null, chosenShares: string[] | undefined, current: AssessmentShare[], actor: { id: string; organisationId: string }, now = Date.now()) {
  const shares = chosenShares ? syncShareStatements(db, a, current, chosenShares, actor.id, now) : { statements: [], given: [], ended: [] };
  await db.batch([
    db
      .update(assessmentVersions)
      .set({ status: 'complete', completedAt: now, updatedAt: now, reviewOn })
      .where(and(eq(assessmentVersions.assessmentId, a.id), eq(assessmentVersions.number, a.currentVersion), eq(assessmentVersions.status, 'draft'))),
    db.update(assessments).set({ status: 'complete', lastActivityAt: now }).where(eq(assessments.id, a.id)),
    ...shares.statements,
    logAccess(db, { assessmentId: a.id, actor: actor.id, actorOrganisationId: actor.organisationId, action: 'completed', detail: `version ${a.currentVersion}` }, now),
    ...(shares.given.length + shares.ended.length > 0
      ? [logAccess(db, { assessmentId: a.id, actor: actor.id, actorOrganisationId: actor.organisationId, action: 'consent-recorded', detail: `given: ${shares.given.join(',') || 'none'}; ended: ${shares.ended.join(',') || 'none'}` }, now)]
      : []),
  ]);
}

/**
 * Records a read (opening the assessment, a section, an old version). Not activity: retention counts
 * from the person's last contact (saves, completion, consent), never from staff reading (retention.ts).
 */
export async function recordRead(db: Database, a: Assessment, line: Omit<AccessLine, 'assessmentId'>, now = Date.now()) {
  await logAccess(db, { ...line, assessmentId: a.id }, now);
}

export async function setRestriction(db: Database, a: Assessment, roles: string[] | null, actor: { id: string; organisationId: string }, now = Date.now()) {
  await db.batch([
    db.update(assessments).set({ restrictedTo: roles, lastActivityAt: now }).where(eq(assessments.id, a.id)),
    logAccess(db, { assessmentId: a.id, actor: actor.id, actorOrganisationId: actor.organisationId, action: 'restriction-changed', detail: roles ? roles.join(',') : 'none' }, now),
  ]);
}

/** SQL: the assessment is readable by these organisations (its own, or a current share). */
function readableBy(orgs: string[], now: number) {
  return or(
    inArray(assessments.organisationId, orgs),
    sql`EXISTS (SELECT 1 FROM assessment_shares s WHERE s.assessment_id = ${assessments.id} AND s.organisation_id IN (${sql.join(
      orgs.map((o) => sql`${o}`),
      sql`, `,
    )}) AND s.withdrawn_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > ${now}))`,
  );
}

export interface ListedAssessment {
  id: string;
  status: Assessment['status'];
  organisationId: string;
  organisationName: string;
  lastActivityAt: number;
  person: Person;
  currentVersion: number;
  reviewOn: number | null;
}

const LIST_LIMIT = 200;

/** Assessments these organisations may read, newest activity first (a page's worth). */
export async function listReadable(db: Database, orgs: string[], now = Date.now()): Promise<ListedAssessment[]> {
  if (orgs.length === 0) return [];
  const rows = await db
    .select({ a: assessments, person: people, organisationName: organisations.name, reviewOn: sql<number | null>`(SELECT MAX(v.review_on) FROM assessment_versions v WHERE v.assessment_id = ${assessments.id} AND v.status = 'complete')` })
    .from(assessments)
    .innerJoin(people, eq(people.id, assessments.personId))
    .innerJoin(organisations, eq(organisations.id, assessments.organisationId))
    .where(and(sql`${assessments.status} != 'deleted'`, readableBy(orgs, now)))
    .orderBy(desc(assessments.lastActivityAt))
    .limit(LIST_LIMIT)
    .all();
  return rows.map((r) => ({ id: r.a.id, status: r.a.status, organisationId: r.a.organisationId, organisationName: r.organisationName, lastActivityAt: r.a.lastActivityAt, person: r.person, currentVersion: r.a.currentVersion, reviewOn: r.reviewOn }));
}

/**
 * People these organisations may see, matching a name and date of birth: exact matches by the blind
 * index, then others born that day whose opened names share a word with the one typed (a misspelt surname).
 */
export async function findPeople(db: Database, ring: KeyRing, orgs: string[], name: string, birthDate: string, now = Date.now()) {
  if (orgs.length === 0) return [];
  const candidates = await personIndexCandidates(ring, name, birthDate);
  const rows = await db
    .select({ a: assessments, person: people, organisationName: organisations.name })
    .from(people)
    .innerJoin(assessments, eq(assessments.personId, people.id))
    .innerJoin(organisations, eq(organisations.id, assessments.organisationId))
    .where(and(isNull(people.deletedAt), sql`${assessments.status} != 'deleted'`, or(inArray(people.findIndex, candidates.find), inArray(people.birthIndex, candidates.birth)), readableBy(orgs, now)))
    .limit(50)
    .all();
  return rows.map((r) => ({ assessmentId: r.a.id, status: r.a.status, organisationName: r.organisationName, person: r.person, exact: candidates.find.includes(r.person.findIndex) }));
}

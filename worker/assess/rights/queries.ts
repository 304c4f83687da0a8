// What a subject access request needs: the access log in plain words, and everything held about the
// person opened and laid out with each question's wording beside its answer.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { assessmentAccessLog, assessmentDisputes, organisations, users, type AccessAction, type AnswerValue } from '../../db/schema';
import { sealContext } from '../../db/sealed';
import { describeAnswer } from '../../forms/answers';
import { isAnswerable, t } from '../../forms/definition';
import type { KeyRing } from '../../http/keys';
import { messages } from '../../i18n/messages';
import { shareIsCurrent, type Access } from '../access';
import { openPerson, openSections, savedSections, formVersionDefinition, type AssessmentRecord } from '../queries';
import { sectionTitle } from '../sections';
import { ACTION_WORDS, actorWords, detailWords, type Names } from './words';

export interface LogLine {
  at: number;
  action: AccessAction;
  who: string;
  organisation: string | null;
  what: string;
  detail: string;
}

/** Section titles from every form version the assessment used, and every organisation's name. */
async function namesFor(db: Database, record: AssessmentRecord): Promise<Names> {
  const sections = new Map<string, string>();
  for (const versionId of new Set(record.versions.map((v) => v.formVersionId))) {
    const definition = await formVersionDefinition(db, versionId);
    for (const page of definition?.pages ?? []) if (!sections.has(page.id)) sections.set(page.id, sectionTitle(page));
  }
  const orgs = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).all();
  return { sections, organisations: new Map(orgs.map((o) => [o.id, o.name])) };
}

/** Every line of the assessment's access log, oldest first, in words. */
export async function accessLogLines(db: Database, record: AssessmentRecord): Promise<LogLine[]> {
  const [names, rows] = await Promise.all([
    namesFor(db, record),
    db
      .select({ line: assessmentAccessLog, staffName: users.name })
      .from(assessmentAccessLog)
      .leftJoin(users, eq(users.id, assessmentAccessLog.actor))
      .where(eq(assessmentAccessLog.assessmentId, record.assessment.id))
      .orderBy(asc(assessmentAccessLog.id))
      .all(),
  ]);
  return rows.map(({ line, staffName }) => ({
    at: line.at,
    action: line.action,
    who: actorWords(line.actor, staffName),
    organisation: line.actorOrganisationId ? (names.organisations.get(line.actorOrganisationId) ?? line.actorOrganisationId) : null,
    what: ACTION_WORDS[line.action] ?? line.action,
    detail: detailWords(line.action, line.detail, names),
  }));
}

/** Why and when the content went, for the tombstone page. */
export async function deletionLine(db: Database, record: AssessmentRecord) {
  const row = await db
    .select({ line: assessmentAccessLog, staffName: users.name })
    .from(assessmentAccessLog)
    .leftJoin(users, eq(users.id, assessmentAccessLog.actor))
    .where(and(eq(assessmentAccessLog.assessmentId, record.assessment.id), inArray(assessmentAccessLog.action, ['erased', 'deleted-by-retention'])))
    .orderBy(desc(assessmentAccessLog.id))
    .get();
  if (!row) return undefined;
  return { at: row.line.at, who: actorWords(row.line.actor, row.staffName), because: detailWords(row.line.action, row.line.detail, { sections: new Map(), organisations: new Map() }) };
}

export interface ExportedAnswer {
  questionId: string;
  question: string;
  /** As stored: an option's value, a date as YYYY-MM-DD, the words typed. */
  answer: AnswerValue;
  /** As the assessment page shows it: options' labels, dates in words. */
  inWords: string[];
}

export interface ExportedSection {
  id: string;
  title: string;
  savedAt: string | null;
  savedBy: string | null;
  /** Set when the section is limited to roles the exporter does not hold: its answers are not opened. */
  withheld?: string;
  answers: ExportedAnswer[];
}

/** Everything held about the person in this assessment: the subject access export, JSON and printable alike. */
export interface SubjectAccessExport {
  exportedAt: string;
  exportedBy: { name: string; organisation: string };
  assessment: { id: string; reference: string; assessingOrganisation: string; status: string; createdAt: string; lastActivityAt: string };
  person: { reference: string; name: string; dateOfBirth: string; languageOfTheirCopy: string };
  versions: { number: number; status: string; assessor: string; startedAt: string; completedAt: string | null; reviewOn: string | null; sections: ExportedSection[] }[];
  consent: {
    organisations: { organisation: string; givenAt: string; expiresAt: string | null; withdrawnAt: string | null; current: boolean }[];
    history: ExportedLogLine[];
  };
  disputes: { raisedAt: string; organisation: string; raisedBy: string; version: number; reason: string; status: string; resolution: string | null; resolvedAt: string | null }[];
  accessLog: ExportedLogLine[];
}

export type ExportedLogLine = Omit<LogLine, 'at'> & { at: string };

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
const ROLE_NAMES: Record<string, string> = { assessor: 'assessors', 'support-worker': 'support workers' };

export async function subjectAccessExport(db: Database, ring: KeyRing, record: AssessmentRecord, access: Access, exporter: { name: string; organisation: string }, now = Date.now()): Promise<SubjectAccessExport> {
  const a = record.assessment;
  const msg = messages('en');
  const [person, log, disputeRows] = await Promise.all([
    openPerson(ring, record.person),
    accessLogLines(db, record),
    db
      .select({ d: assessmentDisputes, organisation: organisations.name, raisedBy: users.name })
      .from(assessmentDisputes)
      .innerJoin(organisations, eq(organisations.id, assessmentDisputes.organisationId))
      .leftJoin(users, eq(users.id, assessmentDisputes.raisedBy))
      .where(eq(assessmentDisputes.assessmentId, a.id))
      .orderBy(asc(assessmentDisputes.raisedAt))
      .all(),
  ]);
  const versions = [];
  for (const v of record.versions) {
    const definition = await formVersionDefinition(db, v.formVersionId);
    const restricted = new Set(definition?.pages.filter((p) => p.restrictable).map((p) => p.id) ?? []);
    const [opened, saved] = await Promise.all([openSections(db, ring, a.id, v.number, (s) => access.readRestricted || !restricted.has(s)), savedSections(db, a.id, v.number)]);
    const sections: ExportedSection[] = [];
    for (const page of definition?.pages ?? []) {
      const when = saved.find((s) => s.sectionId === page.id);
      const section: ExportedSection = { id: page.id, title: sectionTitle(page), savedAt: when ? iso(when.savedAt) : null, savedBy: when?.savedBy ?? null, answers: [] };
      if (when && restricted.has(page.id) && !access.readRestricted) {
        section.withheld = `Limited to ${(a.restrictedTo ?? []).map((r) => ROLE_NAMES[r] ?? r).join(' and ')}: ask one of them to read it to the person`;
      }
      const answers = opened.get(page.id)?.answers ?? {};
      for (const q of page.questions.filter(isAnswerable)) {
        const value = answers[q.id];
        if (value !== undefined) section.answers.push({ questionId: q.id, question: t(q.label, 'en'), answer: value, inWords: describeAnswer(q, value, msg, 'en') });
      }
      // An answer to a question the form no longer has is still held, so it is still given.
      const known = new Set(page.questions.map((q) => q.id));
      for (const [id, value] of Object.entries(answers)) if (!known.has(id)) section.answers.push({ questionId: id, question: id, answer: value, inWords: ([] as string[]).concat(value) });
      sections.push(section);
    }
    versions.push({ number: v.number, status: v.status, assessor: v.assessorName, startedAt: iso(v.startedAt), completedAt: isoOrNull(v.completedAt), reviewOn: v.reviewOn === null ? null : iso(v.reviewOn).slice(0, 10), sections });
  }
  const disputes = await Promise.all(
    disputeRows.map(async ({ d, organisation, raisedBy }) => ({
      raisedAt: iso(d.raisedAt),
      organisation,
      raisedBy: raisedBy ?? d.raisedBy,
      version: d.versionNumber,
      reason: await ring.open(d.reasonSealed, sealContext.disputeReason(d.id)),
      status: d.status,
      resolution: d.resolutionSealed === null ? null : await ring.open(d.resolutionSealed, sealContext.disputeResolution(d.id)),
      resolvedAt: isoOrNull(d.resolvedAt),
    })),
  );
  const asIso = (l: LogLine) => ({ ...l, at: iso(l.at) });
  return {
    exportedAt: iso(now),
    exportedBy: exporter,
    assessment: { id: a.id, reference: record.person.reference, assessingOrganisation: record.organisationName, status: a.status, createdAt: iso(a.createdAt), lastActivityAt: iso(a.lastActivityAt) },
    person: { reference: person.reference, name: person.name, dateOfBirth: person.birthDate, languageOfTheirCopy: person.language },
    versions,
    consent: {
      organisations: record.shares.map((s) => ({
        organisation: s.organisationName,
        givenAt: iso(s.givenAt),
        expiresAt: isoOrNull(s.expiresAt),
        withdrawnAt: isoOrNull(s.withdrawnAt),
        current: shareIsCurrent(s, now),
      })),
      history: log.filter((l) => l.action === 'consent-recorded' || l.action === 'consent-withdrawn').map(asIso),
    },
    disputes,
    accessLog: log.map(asIso),
  };
}

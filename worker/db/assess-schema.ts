// Trusted assessments (issue 12): the most sensitive data Heard holds (UK GDPR special category).
// Names, dates of birth, every answer and every dispute's words are sealed with AES-GCM under the
// key ring (http/keys.ts); `key_id` beside each sealed record says which key, so a rotation can find
// and re-seal the rows still under an old one. What stays in the clear is only what access control,
// lists and retention must read without the key: ids, organisations, statuses and dates.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { formVersions, organisations, users } from './schema';

/**
 * A person someone has assessed. Found again by a keyed blind index (an HMAC of the normalised name
 * and date of birth), never by the values themselves; shown by a pseudonymous reference.
 */
export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    /** `TA-XXXX-XXXX`, unambiguous letters and digits: what staff say and write instead of a name. */
    reference: text('reference').notNull().unique(),
    /** The organisation whose assessor added the person. */
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Sealed: the full name as the person gives it. */
    nameSealed: text('name_sealed').notNull(),
    /** Sealed: the date of birth, YYYY-MM-DD. */
    birthDateSealed: text('birth_date_sealed').notNull(),
    /** The language the person's copy is written in (a locale code). */
    language: text('language').notNull().default('en'),
    /** Keyed hash of the normalised name and date of birth together: an exact find. */
    findIndex: text('find_index').notNull(),
    /** Keyed hash of the date of birth alone: candidates whose sealed names are then compared. */
    birthIndex: text('birth_index').notNull(),
    /** The key the sealed fields and both indexes were made with. */
    keyId: text('key_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Set when retention or an erasure deleted the person's details: the row stays as a tombstone. */
    deletedAt: integer('deleted_at'),
  },
  (t) => [index('people_find').on(t.findIndex), index('people_birth').on(t.birthIndex), index('people_key').on(t.keyId)],
);
export type Person = typeof people.$inferSelect;

export const ASSESSMENT_STATUSES = ['in-progress', 'complete', 'deleted'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** One person's trusted assessment at one organisation: a chain of versions, the newest current. */
export const assessments = sqliteTable(
  'assessments',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    /** The assessing organisation: its assessors write it, and it always reads it. */
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status', { enum: ASSESSMENT_STATUSES }).notNull(),
    /** The newest version's number (1 for the first assessment, 2 after a reassessment, ...). */
    currentVersion: integer('current_version').notNull().default(1),
    /**
     * The roles that may read the sections marked `restrictable` (risk and safety); null when every
     * reader may. Limits, never widens: a reader still needs a role that reads assessments at all.
     */
    restrictedTo: text('restricted_to', { mode: 'json' }).$type<string[]>(),
    /** The last change (a save, completion, consent, a reassessment), not a read: retention counts its period from here. */
    lastActivityAt: integer('last_activity_at').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    deletedAt: integer('deleted_at'),
    /** Why the content went: `retention` or `erasure`. */
    deletedReason: text('deleted_reason', { enum: ['retention', 'erasure'] }),
  },
  (t) => [index('assessments_person').on(t.personId), index('assessments_organisation').on(t.organisationId, t.status), index('assessments_activity').on(t.status, t.lastActivityAt)],
);
export type Assessment = typeof assessments.$inferSelect;

/** One sitting-spanning version of an assessment: a draft until completed, then read-only history. */
export const assessmentVersions = sqliteTable(
  'assessment_versions',
  {
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    number: integer('number').notNull(),
    formVersionId: text('form_version_id')
      .notNull()
      .references(() => formVersions.id),
    status: text('status', { enum: ['draft', 'complete'] }).notNull(),
    /** Who leads this version (the assessor), and who completed it. */
    assessorId: text('assessor_id')
      .notNull()
      .references(() => users.id),
    startedAt: integer('started_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    completedAt: integer('completed_at'),
    /** The review date agreed (start of the day, ms): when a reassessment is due. */
    reviewOn: integer('review_on'),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.number] }), index('assessment_versions_review').on(t.status, t.reviewOn)],
);
export type AssessmentVersion = typeof assessmentVersions.$inferSelect;

/** The answers of one section (a page of the assessment form) in one version, sealed as one JSON object. */
export const assessmentSections = sqliteTable(
  'assessment_sections',
  {
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    versionNumber: integer('version_number').notNull(),
    sectionId: text('section_id').notNull(),
    answersSealed: text('answers_sealed').notNull(),
    keyId: text('key_id').notNull(),
    savedBy: text('saved_by').notNull(),
    savedAt: integer('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.versionNumber, t.sectionId] }), index('assessment_sections_key').on(t.keyId)],
);

/**
 * The person's consent to share, one row an organisation. Current while `withdrawn_at` is null and
 * `expires_at` (if set) is ahead; a withdrawal ends that organisation's access on its next request.
 */
export const assessmentShares = sqliteTable(
  'assessment_shares',
  {
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    givenAt: integer('given_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
    expiresAt: integer('expires_at'),
    withdrawnAt: integer('withdrawn_at'),
    withdrawnBy: text('withdrawn_by'),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.organisationId] }), index('assessment_shares_organisation').on(t.organisationId, t.withdrawnAt)],
);
export type AssessmentShare = typeof assessmentShares.$inferSelect;

export const ACCESS_ACTIONS = [
  'person-added',
  'person-found',
  'opened',
  'section-opened',
  'section-saved',
  'completed',
  'consent-recorded',
  'consent-withdrawn',
  'restriction-changed',
  'reassessment-started',
  'version-viewed',
  'changes-viewed',
  'copy-printed',
  'copy-code-issued',
  'copy-viewed-by-person',
  'copy-code-stopped',
  'exported',
  'access-log-viewed',
  'access-log-exported',
  'erased',
  'deleted-by-retention',
  'dispute-raised',
  'dispute-resolved',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/**
 * Every read and change of an assessment: who, from which organisation, what, when, never the content.
 * Kept after the assessment is deleted, so a subject access request can still be answered.
 */
export const assessmentAccessLog = sqliteTable(
  'assessment_access_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    assessmentId: text('assessment_id').notNull(),
    /** A staff user's id; `person` when the person viewed their copy by code; `system` for retention. */
    actor: text('actor').notNull(),
    actorOrganisationId: text('actor_organisation_id'),
    action: text('action', { enum: ACCESS_ACTIONS }).notNull(),
    /** The section or version read or changed, when the action has one. */
    detail: text('detail'),
  },
  (t) => [index('assessment_access_log_assessment').on(t.assessmentId, t.at)],
);
export type AccessLogEntry = typeof assessmentAccessLog.$inferSelect;

/** The code a person uses to read their own copy: stored as a keyed hash, deleted when it must stop working. */
export const assessmentCopyCodes = sqliteTable(
  'assessment_copy_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Wrong dates of birth typed with this code since it last opened: the code stops at a few (assess/copy). */
    failedAttempts: integer('failed_attempts').notNull().default(0),
  },
  (t) => [uniqueIndex('assessment_copy_codes_assessment').on(t.assessmentId)],
);

/** A receiving organisation's flag that an assessment seems wrong or out of date, and how it was resolved. */
export const assessmentDisputes = sqliteTable(
  'assessment_disputes',
  {
    id: text('id').primaryKey(),
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    versionNumber: integer('version_number').notNull(),
    /** The section the flag is about (a form page id), or null for the assessment as a whole. */
    sectionId: text('section_id'),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    raisedBy: text('raised_by').notNull(),
    raisedAt: integer('raised_at').notNull(),
    /** Sealed: the reason in the raiser's words (it may say something about the person). */
    reasonSealed: text('reason_sealed').notNull(),
    status: text('status', { enum: ['open', 'resolved'] }).notNull(),
    /** Sealed: what the assessor did about it. */
    resolutionSealed: text('resolution_sealed'),
    resolvedBy: text('resolved_by'),
    resolvedAt: integer('resolved_at'),
    keyId: text('key_id').notNull(),
  },
  (t) => [index('assessment_disputes_assessment').on(t.assessmentId, t.status), index('assessment_disputes_key').on(t.keyId)],
);
export type AssessmentDispute = typeof assessmentDisputes.$inferSelect;

/**
 * A section's fields posted after the staff session had ended, kept so nothing typed is lost: found
 * again only through the token in that browser's cookie, and shown only to the same person once they
 * sign in again. Sealed, and gone after a day (the scheduled handler purges them).
 */
export const heldSaves = sqliteTable(
  'held_saves',
  {
    /** Keyed hash of the token in the browser's cookie. */
    id: text('id').primaryKey(),
    /** Who was signed in, when the ended session still said so; null when it did not. */
    userId: text('user_id'),
    /** The section page the fields belong to: `/assess/<id>/sections/<section>`. */
    path: text('path').notNull(),
    /** Sealed: the posted fields, as JSON. */
    fieldsSealed: text('fields_sealed').notNull(),
    keyId: text('key_id').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('held_saves_expires').on(t.expiresAt)],
);

// Who may read and change a trusted assessment. Pure rules over the staff member's memberships and
// the assessment's current consent, so the access matrix is tested without a page in the way.
//   - Read: an assessor or support worker in the assessing organisation, or in an organisation the
//     person currently consents to share with. Nobody else: admins manage accounts, they never read.
//   - Change: an assessor in the assessing organisation.
//   - Restricted sections (risk and safety), when the assessor limits them: only readers who hold one
//     of the named roles in an organisation that may read, and always the assessing organisation's assessors.
import type { Staff } from '../auth/sessions';
import type { Assessment, AssessmentShare, Role } from '../db/schema';

/** The roles that read assessments at all. */
export const READER_ROLES: readonly Role[] = ['assessor', 'support-worker'];
/** The roles a restricted section can be limited to. */
export const RESTRICTABLE_TO: readonly Role[] = ['assessor', 'support-worker'];

/** A share the person has not withdrawn and that has not run out. */
export function shareIsCurrent(share: Pick<AssessmentShare, 'withdrawnAt' | 'expiresAt'>, now: number): boolean {
  return share.withdrawnAt === null && (share.expiresAt === null || share.expiresAt > now);
}

/** The organisations that may read this assessment now: its own and every current share. */
export function readingOrganisations(assessment: Pick<Assessment, 'organisationId'>, shares: Pick<AssessmentShare, 'organisationId' | 'withdrawnAt' | 'expiresAt'>[], now: number): string[] {
  return [assessment.organisationId, ...shares.filter((s) => shareIsCurrent(s, now)).map((s) => s.organisationId)];
}

export interface Access {
  read: boolean;
  /** Also reads the sections the assessor limited to named roles. */
  readRestricted: boolean;
  write: boolean;
  /** The organisation the access comes through: the assessing one when the person is in it. */
  asOrganisation?: string;
  /** Reads through consent (a receiving organisation), not as the assessing organisation. */
  receiving: boolean;
}

export function accessTo(staff: Pick<Staff, 'memberships'>, assessment: Pick<Assessment, 'organisationId' | 'restrictedTo' | 'status'>, shares: Pick<AssessmentShare, 'organisationId' | 'withdrawnAt' | 'expiresAt'>[], now = Date.now()): Access {
  const none: Access = { read: false, readRestricted: false, write: false, receiving: false };
  if (assessment.status === 'deleted') return none;
  const orgs = new Set(readingOrganisations(assessment, shares, now));
  const readingAs = staff.memberships.filter((m) => READER_ROLES.includes(m.role) && orgs.has(m.organisationId));
  if (readingAs.length === 0) return none;
  const own = readingAs.find((m) => m.organisationId === assessment.organisationId);
  const limit = assessment.restrictedTo;
  const write = ownsAssessment(staff, assessment);
  return {
    read: true,
    // The assessing organisation's assessors write every section, so no limit hides one from them.
    readRestricted: write || !limit || readingAs.some((m) => limit.includes(m.role)),
    write,
    asOrganisation: (own ?? readingAs[0]!).organisationId,
    receiving: !own,
  };
}

/**
 * An assessor in the assessing organisation: who answers the person's subject access request, erases
 * the assessment, and still sees its tombstone and access log once its content is deleted.
 */
export function ownsAssessment(staff: Pick<Staff, 'memberships'>, assessment: Pick<Assessment, 'organisationId'>): boolean {
  return staff.memberships.some((m) => m.role === 'assessor' && m.organisationId === assessment.organisationId);
}

/** The organisations whose assessments (own or shared with them) this person may look for. */
export function readerOrganisations(staff: Pick<Staff, 'memberships'>): string[] {
  return [...new Set(staff.memberships.filter((m) => READER_ROLES.includes(m.role)).map((m) => m.organisationId))];
}

/** The organisations this person assesses for (adds people and writes assessments in). */
export function assessingOrganisations(staff: Pick<Staff, 'memberships'>): string[] {
  return [...new Set(staff.memberships.filter((m) => m.role === 'assessor').map((m) => m.organisationId))];
}

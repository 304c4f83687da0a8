// What every assessment route starts from: the key ring, the assessment named in the path with this
// person's access to it, and the version they may see. Sub-areas (versions, the person's copy,
// rights, disputes) import these, so access is decided in one place.
import type { Context } from 'hono';
import { database } from '../db/client';
import { keyRing, type AppEnv } from '../env';
import { Problem } from '../http/problems';
import { accessTo, ownsAssessment, type Access } from './access';
import { loadAssessment, type AssessmentRecord } from './queries';

/** The key ring, which every page here needs (names and answers are sealed with it); a clear 503 page without it. */
export function ring(c: Context<AppEnv>) {
  return keyRing(c, 'assessments');
}

/** The assessment named in the path and what this person may do with it; "not found" when they may not read it. */
export async function assessmentFor(c: Context<AppEnv>, id: string): Promise<{ record: AssessmentRecord; access: Access }> {
  const record = await loadAssessment(database(c.env.DB), id);
  if (!record) throw new Problem('not-found');
  return readable(c, record);
}

/**
 * As assessmentFor, but a deleted assessment comes back as its tombstone for the assessing
 * organisation's assessors (the reference, dates and access log are all that is left). Anyone else
 * gets "not found" for it, as for an assessment they never could read.
 */
export async function assessmentOrTombstone(c: Context<AppEnv>, id: string): Promise<{ record: AssessmentRecord; access: Access } | { tombstone: AssessmentRecord }> {
  const record = await loadAssessment(database(c.env.DB), id);
  if (!record) throw new Problem('not-found');
  if (record.assessment.status === 'deleted') {
    if (ownsAssessment(c.get('staff'), record.assessment)) return { tombstone: record };
    throw new Problem('not-found');
  }
  return readable(c, record);
}

function readable(c: Context<AppEnv>, record: AssessmentRecord): { record: AssessmentRecord; access: Access } {
  const access = accessTo(c.get('staff'), record.assessment, record.shares);
  // Not found, not "not allowed": someone outside the consent learns nothing, not even that it exists.
  if (!access.read) throw new Problem('not-found');
  return { record, access };
}

export function writable(c: Context<AppEnv>, found: { record: AssessmentRecord; access: Access }) {
  if (!found.access.write) throw new Problem('not-allowed');
  return { id: c.get('staff').user.id, organisationId: found.record.assessment.organisationId };
}

/** The version a reader sees: the assessing organisation sees the newest (a draft too); others the newest completed one. */
export function versionShown(record: AssessmentRecord, access: Access) {
  const completed = record.versions.filter((v) => v.status === 'complete');
  return access.receiving ? completed.at(-1) : record.versions.at(-1);
}


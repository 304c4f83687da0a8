// Where a version's pages are, and which versions a reader may see. Kept apart from the routes so the
// assessment page and links.ts can use them without importing the router.
import type { Access } from '../access';
import type { AssessmentRecord } from '../queries';

export function versionHref(assessmentId: string, number: number): string {
  return `/assess/${assessmentId}/versions/${number}`;
}

export function changesHref(assessmentId: string, from?: number, to?: number): string {
  return from === undefined || to === undefined ? `/assess/${assessmentId}/changes` : `/assess/${assessmentId}/changes?from=${from}&to=${to}`;
}

/** The versions this reader may open, oldest first: a receiving organisation only the completed ones. */
export function versionsSeen(record: AssessmentRecord, access: Pick<Access, 'receiving'>) {
  return access.receiving ? record.versions.filter((v) => v.status === 'complete') : record.versions;
}

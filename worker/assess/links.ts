// The pages an assessment's page links to, by who may use them. Each sub-area (versions, the
// person's copy, rights, disputes) adds its own lines here, so the assessment page needs no change.
import type { Access } from './access';
import type { AssessmentRecord } from './queries';

export interface AssessmentLink {
  href: string;
  text: string;
  hint?: string;
}

export function assessmentLinks(record: AssessmentRecord, access: Access): AssessmentLink[] {
  const base = `/assess/${record.assessment.id}`;
  const links: AssessmentLink[] = [];
  void base;
  void access;
  return links;
}

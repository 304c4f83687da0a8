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
  // The person's copy (assess/copy): the assessing organisation's assessors, once a version is complete.
  if (access.write && record.versions.some((v) => v.status === 'complete')) {
    links.push({ href: `${base}/copy`, text: 'Print the person’s copy', hint: 'In their language, with Easy Read wording if they like.' });
    links.push({ href: `${base}/copy#reading-online`, text: 'Give the person a code to read it online', hint: 'With the code and their date of birth, no account needed.' });
  }
  return links;
}

// The pages an assessment's page links to, by who may use them. Each sub-area (versions, the
// person's copy, rights, disputes) adds its own lines here, so the assessment page needs no change.
import type { Access } from './access';
import type { AssessmentRecord } from './queries';
import { changesHref, versionsSeen } from './versions/paths';

export interface AssessmentLink {
  href: string;
  text: string;
  hint?: string;
}

export function assessmentLinks(record: AssessmentRecord, access: Access): AssessmentLink[] {
  const links: AssessmentLink[] = [];
  const seen = versionsSeen(record, access);
  if (seen.length >= 2) {
    const [from, to] = seen.slice(-2);
    links.push({ href: changesHref(record.assessment.id, from!.number, to!.number), text: 'What changed since the last version', hint: `Version ${to!.number} compared with version ${from!.number}.` });
  }
  const base = `/assess/${record.assessment.id}`;
  // The person's rights (rights/): for the assessing organisation's assessors, who answer for them.
  if (access.write) {
    links.push(
      { href: `${base}/access-log`, text: 'Access log', hint: 'Who read or changed it, and when.' },
      { href: `${base}/export`, text: 'Subject access export', hint: 'Everything held about the person, to print or download.' },
      { href: `${base}/erase`, text: 'Delete this assessment', hint: 'When the person asks, or it was added by mistake.' },
    );
  }
  // The person's copy (assess/copy): the assessing organisation's assessors, once a version is complete.
  if (access.write && record.versions.some((v) => v.status === 'complete')) {
    links.push({ href: `${base}/copy`, text: 'Print the person’s copy', hint: 'In their language, with Easy Read wording if they like.' });
    links.push({ href: `${base}/copy#reading-online`, text: 'Give the person a code to read it online', hint: 'With the code and their date of birth, no account needed.' });
  }
  return links;
}

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
  return links;
}

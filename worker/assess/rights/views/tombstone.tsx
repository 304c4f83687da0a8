// /assess/:id once the content is deleted, for the assessing organisation's assessors: what is left
// (the reference, the dates, why it went) and the access log, which a subject access request still needs.
import { SummaryRow as Row } from '../../../views/summary-row';
import { StaffLayout } from '../../../views/staff-layout';
import { SuccessBanner } from '../../../views/success-banner';
import { dayText, type Me } from '../../views/common';
import type { AssessmentRecord } from '../../queries';

export interface Deletion {
  at: number;
  who: string;
  because: string;
}

export function TombstonePage({ me, record, deletion, done }: { me: Me; record: AssessmentRecord; deletion?: Deletion; done: boolean }) {
  const a = record.assessment;
  const at = deletion?.at ?? a.deletedAt ?? a.lastActivityAt;
  const because = deletion?.because ?? (a.deletedReason === 'retention' ? 'the retention period ended' : 'it was erased');
  return (
    <StaffLayout title={`Deleted assessment ${record.person.reference}`} staff={me}>
      <a class="govuk-back-link" href="/assess">
        Trusted assessments
      </a>
      {done && (
        <SuccessBanner id="done-title" title="Done">
          The assessment is deleted. Its access log is kept.
        </SuccessBanner>
      )}
      <span class="govuk-caption-l">Trusted assessment {record.person.reference}</span>
      <h1 class="govuk-heading-l">This assessment was deleted</h1>
      <p class="govuk-body">
        Deleted on {dayText(at)} because: {because.charAt(0).toLowerCase() + because.slice(1)}.
      </p>
      <p class="govuk-body">Everything the person told us is gone: their name, date of birth and every answer. What is kept says only that the assessment existed and who used it.</p>
      <dl class="govuk-summary-list">
        <Row term="Reference">{record.person.reference}</Row>
        <Row term="Assessed by">{record.organisationName}</Row>
        <Row term="Started">{dayText(a.createdAt)}</Row>
        <Row term="Versions">{record.versions.map((v) => `${v.number} (${v.completedAt ? `completed ${dayText(v.completedAt)}` : `started ${dayText(v.startedAt)}`})`).join(', ')}</Row>
        <Row term="Deleted">
          {dayText(at)}
          {deletion ? `, ${deletion.who}` : ''}
        </Row>
      </dl>
      <p class="govuk-body">
        <a class="govuk-link" href={`/assess/${a.id}/access-log`}>
          Access log
        </a>
      </p>
    </StaffLayout>
  );
}

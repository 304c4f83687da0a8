// /assess/:id/versions/:number: one version's answers, read-only. Past versions are history: nothing
// here edits them, and the sections' pages only ever edit the newest draft.
import type { FormDefinition } from '../../../forms/definition';
import { StaffLayout } from '../../../views/staff-layout';
import type { AssessmentRecord, OpenedPerson, SectionAnswers } from '../../queries';
import { VersionAnswers } from '../../views/answers';
import { SummaryRow } from '../../../views/summary-row';
import { dayText, type Me } from '../../views/common';
import { changesHref } from '../paths';

type Version = AssessmentRecord['versions'][number];

export function VersionPage(p: { me: Me; record: AssessmentRecord; person: OpenedPerson; version: Version; earlier?: Version; newest: boolean; definition: FormDefinition; answers: SectionAnswers; hiddenSections: string[] }) {
  const { record, person, version: v } = p;
  const base = `/assess/${record.assessment.id}`;
  return (
    <StaffLayout title={`Version ${v.number}: ${person.reference}`} staff={p.me} wide>
      <a class="govuk-back-link" href={`${base}#versions`}>
        Back to the assessment
      </a>
      <span class="govuk-caption-l">
        {person.name} ({person.reference})
      </span>
      <h1 class="govuk-heading-l">Version {v.number}</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <div class="govuk-inset-text">
            {v.status === 'draft'
              ? 'This version is in progress. Its sections are changed from the assessment’s page.'
              : p.newest
                ? 'This is the current version. It is kept as it was completed and cannot be changed; a reassessment starts a new version.'
                : 'This is a past version, kept as it was completed. It cannot be changed.'}
          </div>
          <dl class="govuk-summary-list">
            <SummaryRow term="Status">{v.status === 'draft' ? `In progress since ${dayText(v.startedAt)}` : `Completed ${dayText(v.completedAt ?? v.updatedAt)}`}</SummaryRow>
            <SummaryRow term="Assessor">{v.assessorName}</SummaryRow>
            {v.reviewOn !== null && <SummaryRow term="Review date">{dayText(v.reviewOn)}</SummaryRow>}
          </dl>
          {p.earlier && (
            <p class="govuk-body">
              <a class="govuk-link" href={changesHref(record.assessment.id, p.earlier.number, v.number)}>
                What changed since version {p.earlier.number}
              </a>
            </p>
          )}
          <h2 class="govuk-heading-m">Answers</h2>
          <VersionAnswers definition={p.definition} answers={p.answers} hiddenSections={p.hiddenSections} restrictedTo={record.assessment.restrictedTo} />
        </div>
      </div>
    </StaffLayout>
  );
}

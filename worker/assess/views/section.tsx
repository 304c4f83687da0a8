// One section of the assessment, to fill in with the person. Saving never demands every answer:
// "Save and come back later" keeps whatever is there, so a sitting can end at any point.
import { QuestionFields } from '../../forms/question-fields';
import type { FieldError, RawFields } from '../../forms/answers';
import type { FormDefinition, Page } from '../../forms/definition';
import { ErrorSummary } from '../../views/error-summary';
import { CsrfField } from '../../views/fields';
import { assetPaths } from '../../views/assets';
import { StaffLayout } from '../../views/staff-layout';
import type { AssessmentRecord, OpenedPerson } from '../queries';
import { sectionTitle } from '../sections';
import type { Me } from './common';

export function SectionPage({
  me,
  record,
  person,
  definition,
  page,
  fields,
  errors,
  held = false,
  signedInForMs,
}: {
  me: Me;
  record: AssessmentRecord;
  person: OpenedPerson;
  definition: FormDefinition;
  page: Page;
  fields: RawFields;
  errors: FieldError[];
  /** The fields are what was posted after the session had ended, not yet saved. */
  held?: boolean;
  /** How long the session lasts without activity: the island warns two minutes before (JavaScript only). */
  signedInForMs?: number;
}) {
  const at = definition.pages.findIndex((p) => p.id === page.id);
  const title = sectionTitle(page);
  const base = `/assess/${record.assessment.id}`;
  return (
    <StaffLayout title={`${title}: ${person.reference}`} staff={me} hasErrors={errors.length > 0} scripts={signedInForMs === undefined ? [] : [assetPaths.staySignedInIsland]}>
      <a class="govuk-back-link" href={base}>
        Back to the assessment
      </a>
      <ErrorSummary errors={errors} locale="en" />
      {signedInForMs !== undefined && (
        <div class="govuk-notification-banner heard-stay-signed-in" role="alert" aria-labelledby="stay-title" data-stay-signed-in="/assess/session/keep-alive" data-signed-in-for={String(signedInForMs)} hidden>
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="stay-title">
              Still there?
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading" data-stay-message></p>
            <button type="button" class="govuk-button govuk-!-margin-bottom-0">
              Stay signed in
            </button>
          </div>
        </div>
      )}
      {held && (
        <div class="govuk-notification-banner" role="region" aria-labelledby="held-title" id="held">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="held-title">
              Not saved yet
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">You were signed out before this was saved. Check it and save.</p>
          </div>
        </div>
      )}
      <span class="govuk-caption-l">
        {person.name} ({person.reference}), section {at + 1} of {definition.pages.length}
      </span>
      <h1 class="govuk-heading-l">{title}</h1>
      {page.restrictable && (
        <div class="govuk-inset-text">You can limit this section to named roles on the assessment’s page, so only those who need it read it.</div>
      )}
      <form method="post" action={`${base}/sections/${page.id}`} novalidate>
        <CsrfField token={me.csrf} />
        {page.questions.map((q) => (
          <QuestionFields key={q.id} question={q} fields={fields} error={errors.find((e) => e.questionId === q.id)?.message} locale="en" easyRead={false} asHeading={false} />
        ))}
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button" name="action" value="continue">
            {at + 1 < definition.pages.length ? 'Save and continue' : 'Save'}
          </button>
          <button type="submit" class="govuk-button govuk-button--secondary" name="action" value="later">
            Save and come back later
          </button>
        </div>
      </form>
    </StaffLayout>
  );
}

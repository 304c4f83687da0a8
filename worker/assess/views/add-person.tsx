// Adding a person and starting their first assessment. Their name and date of birth are sealed at
// once; if someone with the same name and date of birth is already there, the assessor is told first.
import { LOCALES } from '../../forms/definition';
import { LOCALE_NAMES_IN_ENGLISH } from '../../i18n/messages';
import { ErrorSummary } from '../../views/error-summary';
import { CsrfField, DateInput, Radios, TextInput } from '../../views/fields';
import { StaffLayout } from '../../views/staff-layout';
import type { Me } from './common';

export type AddPersonValues = Partial<Record<'name' | 'birth-day' | 'birth-month' | 'birth-year' | 'language' | 'organisation', string>>;

export function AddPersonPage({
  me,
  organisations,
  values,
  errors,
  alreadyThere,
}: {
  me: Me;
  organisations: { value: string; label: string }[];
  values: AddPersonValues;
  errors: { fieldId: string; message: string }[];
  alreadyThere?: { assessmentId: string; reference: string; organisationName: string }[];
}) {
  const error = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  return (
    <StaffLayout title="Add a person" staff={me} hasErrors={errors.length > 0}>
      <a class="govuk-back-link" href="/assess">
        Trusted assessments
      </a>
      <ErrorSummary errors={errors} locale="en" />
      {alreadyThere && (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            Someone with this name and date of birth already has an assessment:{' '}
            {alreadyThere.map((a, i) => (
              <span key={a.assessmentId}>
                {i > 0 && ', '}
                <a class="govuk-link" href={`/assess/${a.assessmentId}`}>
                  {a.reference}
                </a>{' '}
                ({a.organisationName})
              </span>
            ))}
            . Open it rather than starting again, unless this is someone else.
          </strong>
        </div>
      )}
      <form method="post" action="/assess/people" novalidate>
        <CsrfField token={me.csrf} />
        <h1 class="govuk-heading-l">Add a person</h1>
        <p class="govuk-body">Their name and date of birth are encrypted. Staff find them again by both together.</p>
        <TextInput id="name" label="Full name" hint="As they give it. You can record what they like to be called in the assessment." value={values.name} error={error('name')} autocomplete="off" width={30} />
        <DateInput prefix="birth" legend="Date of birth" hint="For example, 27 3 1985" values={values} errors={errors} />
        <Radios name="language" legend="Language for their copy" choices={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES_IN_ENGLISH[l] }))} value={values.language} error={error('language-0')} hint="Their own copy of the assessment is written in this language." />
        {organisations.length > 1 ? (
          <Radios name="organisation" legend="Assessing for" choices={organisations} value={values.organisation} error={error('organisation-0')} />
        ) : (
          <input type="hidden" name="organisation" value={organisations[0]?.value ?? ''} />
        )}
        {alreadyThere && <input type="hidden" name="add-anyway" value="yes" />}
        <button type="submit" class="govuk-button">
          {alreadyThere ? 'This is someone else: add them' : 'Add and start the assessment'}
        </button>
      </form>
    </StaffLayout>
  );
}

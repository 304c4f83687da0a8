// /assess/:id/erase: what deleting the assessment removes and what it keeps, then the confirmation
// (the reference typed out and a reason), so it is never done by a slip of the mouse.
import { ErrorSummary } from '../../../views/error-summary';
import { CsrfField, Radios, TextInput } from '../../../views/fields';
import { StaffLayout } from '../../../views/staff-layout';
import { ERASURE_REASONS } from '../../erase';
import type { Me } from '../../views/common';

export type EraseValues = { reference?: string; reason?: string };

export function ErasePage({ me, id, reference, values, errors }: { me: Me; id: string; reference: string; values: EraseValues; errors: { fieldId: string; message: string }[] }) {
  const error = (f: string) => errors.find((e) => e.fieldId === f)?.message;
  return (
    <StaffLayout title={`Delete assessment ${reference}`} staff={me} hasErrors={errors.length > 0}>
      <a class="govuk-back-link" href={`/assess/${id}`}>
        Back to the assessment
      </a>
      <ErrorSummary errors={errors} locale="en" />
      <span class="govuk-caption-l">Trusted assessment {reference}</span>
      <h1 class="govuk-heading-l">Delete this assessment</h1>
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">Warning</span>
          This cannot be undone. Nobody, in any organisation, will be able to read it again.
        </strong>
      </div>
      <h2 class="govuk-heading-m">What is deleted</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>the person's name and date of birth, and what lets anyone find them again</li>
        <li>every answer, in every version</li>
        <li>the words of any flag a receiving organisation raised, and how it was resolved</li>
        <li>the code the person uses to read their own copy</li>
        <li>every organisation's access: their consent to share ends</li>
      </ul>
      <h2 class="govuk-heading-m">What is kept</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>the reference {reference}, the assessing organisation and the dates of each version</li>
        <li>the access log: who read or changed it, and when, with this deletion as its last line</li>
      </ul>
      <p class="govuk-body">
        These are kept because the person may still ask who saw their information (a subject access request), and the law asks us to be able to show what we did with it. They
        say nothing about what the person told us.
      </p>
      <p class="govuk-body">If the person wants a copy of everything first, download the subject access export before deleting.</p>
      <form method="post" action={`/assess/${id}/erase`} novalidate>
        <CsrfField token={me.csrf} />
        <Radios name="reason" legend="Why is it being deleted?" choices={Object.entries(ERASURE_REASONS).map(([value, label]) => ({ value, label }))} value={values.reason} error={error('reason-0')} />
        <TextInput id="reference" label={`To confirm, type the reference ${reference}`} hint="It is at the top of this page." value={values.reference} error={error('reference')} width={10} autocomplete="off" />
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--warning">
            Delete this assessment
          </button>
          <a class="govuk-link" href={`/assess/${id}`}>
            Cancel
          </a>
        </div>
      </form>
    </StaffLayout>
  );
}

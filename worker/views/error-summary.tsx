// The GOV.UK error summary: first on the page and focused on load, linking to each field in error.
import type { FieldError } from '../forms/answers';
import type { Locale } from '../forms/definition';
import { messages } from '../i18n/messages';

export function ErrorSummary({ errors, locale }: { errors: Pick<FieldError, 'fieldId' | 'message'>[]; locale: Locale }) {
  if (errors.length === 0) return null;
  const msg = messages(locale);
  return (
    // autofocus moves focus here without JavaScript, so screen readers announce the problem first.
    <div class="govuk-error-summary" tabIndex={-1} autofocus>
      <div role="alert">
        <h2 class="govuk-error-summary__title">{msg.errorSummaryTitle}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {errors.map((e) => (
              <li key={e.fieldId}>
                <a href={`#${e.fieldId}`}>{e.message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function ErrorMessage({ id, message, locale }: { id: string; message: string | undefined; locale: Locale }) {
  if (!message) return null;
  return (
    <p id={id} class="govuk-error-message">
      <span class="govuk-visually-hidden">{messages(locale).errorPrefix}</span> {message}
    </p>
  );
}

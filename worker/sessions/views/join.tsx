// The respondent's side of a session: typing its code, and the pages for a code that is wrong or
// whose session has ended. Narrow, plain pages with no JavaScript, like every respondent page.
import type { Locale } from '../../forms/definition';
import { messages } from '../../i18n/messages';
import { ErrorMessage, ErrorSummary } from '../../views/error-summary';
import { Layout, type LanguageLink } from '../../views/layout';

export function JoinPage({ locale, code, error, languages }: { locale: Locale; code: string; error?: string; languages: LanguageLink[] }) {
  const msg = messages(locale);
  return (
    <Layout title={msg.joinTitle} locale={locale} exit languages={languages} hasErrors={!!error}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={error ? [{ fieldId: 'code', message: error }] : []} locale={locale} />
          {/* A GET: joining changes nothing, and the code in the address is what a QR code opens anyway. */}
          <form method="get" action="/j" novalidate>
            <input type="hidden" name="lang" value={locale} />
            <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
              <h1 class="govuk-label-wrapper">
                <label class="govuk-label govuk-label--l" for="code">
                  {msg.joinTitle}
                </label>
              </h1>
              <div id="code-hint" class="govuk-hint">
                {msg.joinCodeHint}
              </div>
              <ErrorMessage id="code-error" message={error} locale={locale} />
              <input
                class={`govuk-input govuk-input--width-10 heard-join-input${error ? ' govuk-input--error' : ''}`}
                id="code"
                name="code"
                type="text"
                value={code}
                maxLength={20}
                autocomplete="off"
                autocapitalize="characters"
                spellcheck={false}
                dir="ltr"
                aria-describedby={`code-hint${error ? ' code-error' : ''}`}
              />
            </div>
            <button type="submit" class="govuk-button">
              {msg.continue}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function SessionEndedPage({ locale, name, languages }: { locale: Locale; name: string; languages: LanguageLink[] }) {
  const msg = messages(locale);
  return (
    <Layout title={msg.joinClosedTitle} locale={locale} exit languages={languages}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{msg.joinClosedTitle}</h1>
          <p class="govuk-body">{msg.joinClosedBody(name)}</p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/?lang=${locale}`}>
              {msg.joinElsewhere}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

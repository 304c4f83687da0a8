import type { Locale } from '../../forms/definition';
import { messages } from '../../i18n/messages';
import { ErrorMessage, ErrorSummary } from '../../views/error-summary';
import { offerParam } from '../../i18n/offered';
import { Layout, type LanguageLink } from '../../views/layout';

export function WithdrawPage({ locale, code, error, languages }: { locale: Locale; code: string; error?: string; languages: LanguageLink[] }) {
  const msg = messages(locale);
  return (
    <Layout title={msg.withdrawTitle} locale={locale} exit languages={languages} hasErrors={!!error}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={error ? [{ fieldId: 'code', message: error }] : []} locale={locale} />
          <form method="post" action={`/withdraw?lang=${locale}${offerParam(languages.map((l) => l.locale))}`} novalidate>
            <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
              <h1 class="govuk-label-wrapper">
                <label class="govuk-label govuk-label--l" for="code">
                  {msg.withdrawTitle}
                </label>
              </h1>
              <p class="govuk-body">{msg.withdrawIntro}</p>
              <div id="code-hint" class="govuk-hint">
                {msg.withdrawCodeHint}
              </div>
              <ErrorMessage id="code-error" message={error} locale={locale} />
              <input
                class={`govuk-input govuk-input--width-10${error ? ' govuk-input--error' : ''}`}
                id="code"
                name="code"
                type="text"
                value={code}
                autocomplete="off"
                spellcheck={false}
                autocapitalize="characters"
                dir="ltr"
                aria-describedby={`code-hint${error ? ' code-error' : ''}`}
              />
            </div>
            <button type="submit" class="govuk-button govuk-button--warning">
              {msg.withdrawButton}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function WithdrawnPage({ locale, offered }: { locale: Locale; offered: readonly Locale[] }) {
  const msg = messages(locale);
  return (
    <Layout title={msg.withdrawDoneTitle} locale={locale} exit offered={offered}>
      <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title">{msg.withdrawDoneTitle}</h1>
        <div class="govuk-panel__body">{msg.withdrawDoneBody}</div>
      </div>
    </Layout>
  );
}

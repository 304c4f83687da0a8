// /my-assessment: the person reads their own copy with their code and date of birth, no account and
// no cookie. Switching to Easy Read or another language posts the same code and date again (hidden
// fields on a page that is never stored), so nothing about the person outlives the page.
import { LOCALES, type Locale } from '../../../forms/definition';
import { LOCALE_NAMES, messages } from '../../../i18n/messages';
import { ErrorMessage, ErrorSummary } from '../../../views/error-summary';
import { DateInput } from '../../../views/fields';
import { assetPaths } from '../../../views/assets';
import { Layout, type LanguageLink } from '../../../views/layout';
import type { AssessmentRecord } from '../../queries';
import type { CopyContent } from '../queries';
import { PersonCopy } from './copy';

export interface MyAssessmentValues {
  code: string;
  'birth-day': string;
  'birth-month': string;
  'birth-year': string;
}

export function myAssessmentLanguages(): LanguageLink[] {
  return LOCALES.map((locale) => ({ locale, href: `/my-assessment?lang=${locale}` }));
}

export function MyAssessmentPage({ locale, values, errors }: { locale: Locale; values: MyAssessmentValues; errors: { fieldId: string; message: string }[] }) {
  const msg = messages(locale);
  const codeError = errors.find((e) => e.fieldId === 'code')?.message;
  return (
    <Layout title={msg.myTitle} locale={locale} exit languages={myAssessmentLanguages()} hasErrors={errors.length > 0}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} locale={locale} />
          <h1 class="govuk-heading-l">{msg.myTitle}</h1>
          <p class="govuk-body">{msg.myIntro}</p>
          <form method="post" action={`/my-assessment?lang=${locale}`} novalidate>
            <div class={`govuk-form-group${codeError ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label govuk-label--m" for="code">
                {msg.copyCodeLabel}
              </label>
              <div id="code-hint" class="govuk-hint">
                {msg.myCodeHint}
              </div>
              <ErrorMessage id="code-error" message={codeError} locale={locale} />
              <input
                class={`govuk-input govuk-input--width-20${codeError ? ' govuk-input--error' : ''}`}
                id="code"
                name="code"
                type="text"
                value={values.code}
                autocomplete="off"
                spellcheck={false}
                autocapitalize="characters"
                dir="ltr"
                aria-describedby={`code-hint${codeError ? ' code-error' : ''}`}
              />
            </div>
            <DateInput prefix="birth" legend={msg.myBirthLegend} legendSize="m" hint={msg.dateHint} values={{ ...values }} errors={errors} locale={locale} />
            <button type="submit" class="govuk-button">
              {msg.myButton}
            </button>
          </form>
          <p class="govuk-body">{msg.mySharedDevice}</p>
        </div>
      </div>
    </Layout>
  );
}

export function MyCopyPage({ locale, easy, values, record, content }: { locale: Locale; easy: boolean; values: MyAssessmentValues; record: AssessmentRecord; content: CopyContent }) {
  const msg = messages(locale);
  const hidden = (
    <>
      <input type="hidden" name="code" value={values.code} />
      <input type="hidden" name="birth-day" value={values['birth-day']} />
      <input type="hidden" name="birth-month" value={values['birth-month']} />
      <input type="hidden" name="birth-year" value={values['birth-year']} />
    </>
  );
  return (
    <Layout title={msg.copyTitle} locale={locale} exit styles={[assetPaths.copyCss]}>
      <div class="heard-no-print govuk-!-margin-bottom-6">
        <form method="post" action={`/my-assessment?lang=${locale}`} class="heard-inline-form">
          {hidden}
          <input type="hidden" name="copy-lang" value={locale} />
          <input type="hidden" name="read" value={easy ? 'standard' : 'easy'} />
          <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2">
            {easy ? msg.easyReadOff : msg.easyReadOn}
          </button>
        </form>
        <form method="post" action={`/my-assessment?lang=${locale}`}>
          {hidden}
          <input type="hidden" name="read" value={easy ? 'easy' : 'standard'} />
          <p class="govuk-body govuk-!-margin-bottom-1">{msg.myOtherLanguage}</p>
          <div class="govuk-button-group">
            {LOCALES.filter((l) => l !== locale).map((l) => (
              <button type="submit" name="copy-lang" value={l} class="govuk-button govuk-button--secondary" lang={l} key={l}>
                {LOCALE_NAMES[l]}
              </button>
            ))}
          </div>
        </form>
        <p class="govuk-body">{msg.mySharedDevice}</p>
      </div>
      <PersonCopy record={record} content={content} locale={locale} easy={easy} titleLevel={1} />
    </Layout>
  );
}

export function TooManyTriesPage({ locale }: { locale: Locale }) {
  const msg = messages(locale);
  return (
    <Layout title={msg.myTooManyTitle} locale={locale} exit>
      <h1 class="govuk-heading-l">{msg.myTooManyTitle}</h1>
      <p class="govuk-body">{msg.myTooManyBody}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/my-assessment?lang=${locale}`}>
          {msg.myTitle}
        </a>
      </p>
    </Layout>
  );
}

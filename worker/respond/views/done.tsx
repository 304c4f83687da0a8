import type { Locale } from '../../forms/definition';
import { messages } from '../../i18n/messages';
import { Layout, type LanguageLink } from '../../views/layout';

export function ConfirmationPage({ code, locale, formTitle, offered }: { code: string; locale: Locale; formTitle: string; offered: readonly Locale[] }) {
  const msg = messages(locale);
  return (
    <Layout title={`${msg.doneTitle} – ${formTitle}`} locale={locale} exit offered={offered}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <div class="govuk-panel govuk-panel--confirmation">
            <h1 class="govuk-panel__title">{msg.doneTitle}</h1>
            <div class="govuk-panel__body">{msg.doneThanks}</div>
          </div>
          <h2 class="govuk-heading-m">{msg.doneCodeLabel}</h2>
          <p class="govuk-body heard-code" id="withdrawal-code">
            {code}
          </p>
          <p class="govuk-body">{msg.doneCodeHelp}</p>
          <h2 class="govuk-heading-m">{msg.doneWhatNext}</h2>
          <p class="govuk-body">{msg.doneWhatNextBody}</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/exit">
              {msg.doneFinish}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function AlreadySentPage({ locale }: { locale: Locale }) {
  const msg = messages(locale);
  return (
    <Layout title={msg.alreadySentTitle} locale={locale} exit>
      <h1 class="govuk-heading-l">{msg.alreadySentTitle}</h1>
      <p class="govuk-body">{msg.alreadySentBody}</p>
    </Layout>
  );
}

export function ClearedPage({ locale, minutes, startHref, languages }: { locale: Locale; minutes: number; startHref: string; languages: LanguageLink[] }) {
  const msg = messages(locale);
  return (
    <Layout title={msg.clearedTitle} locale={locale} exit languages={languages}>
      <h1 class="govuk-heading-l">{msg.clearedTitle}</h1>
      <p class="govuk-body">{msg.clearedBody(minutes)}</p>
      <p class="govuk-body">
        <a class="govuk-button" href={startHref}>
          {msg.startAgain}
        </a>
      </p>
    </Layout>
  );
}

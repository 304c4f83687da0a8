// The kiosk's confirmation: thanks, and a countdown back to the start for the next person. The
// withdrawal code shows only when the person asks for it, so whoever is next in the queue cannot read
// it over their shoulder; then it counts down again, or "Done" ends it at once.
import type { Locale } from '../../../forms/definition';
import { messages } from '../../../i18n/messages';
import { Layout } from '../../../views/layout';
import { Countdown } from './frame-parts';

export interface KioskSentProps {
  locale: Locale;
  formTitle: string;
  /** Seconds until the tablet starts again by itself. */
  seconds: number;
  /** The withdrawal code, once the person has asked to see it. */
  code?: string;
}

export function KioskSentPage({ locale, formTitle, seconds, code }: KioskSentProps) {
  const msg = messages(locale);
  return (
    <Layout title={`${msg.doneTitle} – ${formTitle}`} locale={locale} exit>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <div class="govuk-panel govuk-panel--confirmation">
            <h1 class="govuk-panel__title">{msg.doneTitle}</h1>
            <div class="govuk-panel__body">{msg.doneThanks}</div>
          </div>
          {code ? (
            <>
              <h2 class="govuk-heading-m">{msg.doneCodeLabel}</h2>
              <p class="govuk-body heard-code" id="withdrawal-code">
                {code}
              </p>
              <p class="govuk-body">{msg.doneCodeHelp}</p>
            </>
          ) : (
            <form method="post" action="/k/sent/code" class="govuk-!-margin-bottom-6">
              <div class="govuk-hint" id="show-code-hint">
                {msg.kioskShowCodeHint}
              </div>
              <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" aria-describedby="show-code-hint">
                {msg.kioskShowCode}
              </button>
            </form>
          )}
          <p class="govuk-body" data-kiosk-countdown={seconds} data-href="/k/next">
            {msg.kioskNextPersonIn} <Countdown seconds={seconds} />
          </p>
          {/* A post without JavaScript; with it, the script swaps this page out of history instead. */}
          <form method="post" action="/k/next" data-kiosk-replace="/k/next">
            <button type="submit" class="govuk-button">
              {code ? msg.kioskDone : msg.kioskFinishNow}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

import type { Locale } from '../../forms/definition';
import { messages } from '../../i18n/messages';
import { Layout, type LanguageLink } from '../../views/layout';
import { EasyReadSwitch, type EasyReadState } from './easy-read-switch';
import { Honeypot } from './honeypot';
import { BackButton, LinkButton } from './post-buttons';
import { TimeoutWarning } from './timeout-warning';

export interface CheckRow {
  question: string;
  answer: string[];
  /** The page to change this answer on, posted to /f/:slug/change (never put in an address). */
  pageId: string;
  questionId: string;
}

export function CheckAnswersPage(p: {
  slug: string;
  formTitle: string;
  rows: CheckRow[];
  idempotencyKey: string;
  locale: Locale;
  languages: LanguageLink[];
  easyRead: EasyReadState;
  minutes: number;
}) {
  const msg = messages(p.locale);
  return (
    <Layout title={`${msg.checkTitle} – ${p.formTitle}`} locale={p.locale} exit languages={p.languages}>
      <BackButton action={`/f/${p.slug}/back`} page="check" label={msg.back} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{msg.checkTitle}</h1>
          <EasyReadSwitch locale={p.locale} state={p.easyRead} />
          <dl class="govuk-summary-list govuk-!-margin-bottom-9">
            {p.rows.map((row) => (
              <div class="govuk-summary-list__row" key={row.questionId}>
                <dt class="govuk-summary-list__key">{row.question}</dt>
                <dd class="govuk-summary-list__value">
                  {row.answer.length === 0 ? (
                    msg.notAnswered
                  ) : row.answer.length === 1 ? (
                    <span class="heard-prewrap">{row.answer[0]}</span>
                  ) : (
                    <ul class="govuk-list">
                      {row.answer.map((a) => (
                        <li key={a}>{a}</li>
                      ))}
                    </ul>
                  )}
                </dd>
                <dd class="govuk-summary-list__actions">
                  <LinkButton action={`/f/${p.slug}/change`} page={row.pageId}>
                    {msg.change}
                    <span class="govuk-visually-hidden"> {row.question}</span>
                  </LinkButton>
                </dd>
              </div>
            ))}
          </dl>
          <h2 class="govuk-heading-m">{msg.checkSendHeading}</h2>
          <p class="govuk-body">{msg.checkSendBody}</p>
          <form method="post" action={`/f/${p.slug}/submit`} novalidate>
            <input type="hidden" name="idempotency_key" value={p.idempotencyKey} />
            <Honeypot locale={p.locale} />
            <button type="submit" class="govuk-button">
              {msg.send}
            </button>
          </form>
        </div>
      </div>
      <TimeoutWarning slug={p.slug} minutes={p.minutes} locale={p.locale} />
    </Layout>
  );
}

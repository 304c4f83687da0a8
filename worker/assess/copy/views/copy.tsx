// The person's copy of their assessment, in their language: the same component on the staff print page
// and on the page the person opens with their code. Plain words, the questions as the person was asked
// them (Easy Read wording when chosen), who can see it, what they can do, and the review date.
import { describeAnswer } from '../../../forms/answers';
import { isAnswerable, t, type Locale } from '../../../forms/definition';
import { messages, RTL_LOCALES } from '../../../i18n/messages';
import { shareIsCurrent } from '../../access';
import type { AssessmentRecord } from '../../queries';
import { sectionTitle } from '../../sections';
import type { CopyContent } from '../queries';

export interface PersonCopyProps {
  record: AssessmentRecord;
  content: CopyContent;
  locale: Locale;
  easy: boolean;
  /** The copy's title is the page's h1 for the person, an h2 under the staff page's own heading. */
  titleLevel: 1 | 2;
  /** Just issued: printed on its own sheet, so the person can keep it apart from the copy. */
  code?: { code: string; address: string };
  now?: number;
}

/** A day in the copy's language: "6 grudnia 2026". */
export function dayIn(locale: Locale, ms: number): string {
  return new Date(ms).toLocaleDateString(locale === 'en' ? 'en-GB' : locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function copyDirection(locale: Locale): 'rtl' | 'ltr' {
  return RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
}

export function PersonCopy({ record, content, locale, easy, titleLevel, code, now = Date.now() }: PersonCopyProps) {
  const msg = messages(locale);
  const { definition, answers, version, person } = content;
  const Title = titleLevel === 1 ? 'h1' : 'h2';
  const Heading = titleLevel === 1 ? 'h2' : 'h3';
  const Sub = titleLevel === 1 ? 'h3' : 'h4';
  const shares = record.shares.filter((s) => shareIsCurrent(s, now));
  const org = record.organisationName;
  return (
    <article class={`heard-copy${easy ? ' heard-copy--easy' : ''}`} lang={locale} dir={copyDirection(locale)} id="copy">
      <Title class="govuk-heading-l">{msg.copyTitle}</Title>
      <p class="govuk-body-l" dir="auto">
        {person.name}
      </p>
      <p class="govuk-body">
        {msg.copyReference(person.reference)}
        <br />
        {msg.copyCompleted(dayIn(locale, version.completedAt ?? version.updatedAt))}
      </p>
      <p class="govuk-body">{msg.copyIntro(org)}</p>
      <p class="govuk-body govuk-!-font-weight-bold">{msg.copyPrivate}</p>

      <section class="heard-copy__part" aria-labelledby="copy-who">
        <Heading class="govuk-heading-m" id="copy-who">
          {msg.copyWhoHeading}
        </Heading>
        <p class="govuk-body">{msg.copyWhoIntro}</p>
        <ul class="govuk-list govuk-list--bullet">
          <li>{msg.copyWhoAssessing(org)}</li>
          {shares.map((s) => (
            <li key={s.organisationId}>{s.organisationName}</li>
          ))}
        </ul>
        {shares.length === 0 && <p class="govuk-body">{msg.copyWhoOnly}</p>}
        <p class="govuk-body">{msg.copyWhoLogged}</p>
      </section>

      <section class="heard-copy__part" aria-labelledby="copy-rights">
        <Heading class="govuk-heading-m" id="copy-rights">
          {msg.copyRightsHeading}
        </Heading>
        <ul class="govuk-list govuk-list--bullet">
          <li>{msg.copyRightCopy}</li>
          <li>{msg.copyRightCorrect}</li>
          <li>{msg.copyRightWithdraw}</li>
        </ul>
        <p class="govuk-body">{msg.copyHowToAsk(org)}</p>
      </section>

      <section class="heard-copy__part" aria-labelledby="copy-review">
        <Heading class="govuk-heading-m" id="copy-review">
          {msg.copyReviewHeading}
        </Heading>
        <p class="govuk-body">{version.reviewOn != null ? msg.copyReviewOn(dayIn(locale, version.reviewOn)) : msg.copyNoReview}</p>
      </section>

      <Heading class="govuk-heading-m heard-copy__answers-heading">{msg.copyAnswersHeading}</Heading>
      {definition.pages.map((page) => {
        const questions = page.questions.filter(isAnswerable).filter((q) => {
          const v = answers[q.id];
          return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
        });
        const left = content.leftOut.includes(page.id);
        return (
          <section class="heard-copy__section" key={page.id} id={`copy-${page.id}`} aria-labelledby={`copy-${page.id}-title`}>
            <Sub class="govuk-heading-s" id={`copy-${page.id}-title`}>
              {sectionTitle(page, locale)}
            </Sub>
            {left ? (
              <p class="govuk-body">{msg.copyRiskLeftOut}</p>
            ) : (
              <>
                {page.restrictable && questions.length > 0 && <p class="govuk-body govuk-!-font-weight-bold">{msg.copyRiskNote}</p>}
                {questions.length === 0 ? (
                  <p class="govuk-body">{msg.copyNothing}</p>
                ) : (
                  <dl class="heard-copy__answers">
                    {questions.map((q) => (
                      <div class="heard-copy__answer" key={q.id}>
                        <dt class="heard-copy__question">{t(easy && q.easyRead ? q.easyRead : q.label, locale)}</dt>
                        <dd class="heard-copy__words">
                          {describeAnswer(q, answers[q.id], msg, locale).map((line, i) => (
                            // The person's own words may run the other way from the copy's language (English typed into an Arabic copy).
                            <p class="govuk-body heard-pre-line govuk-!-margin-bottom-1" dir="auto" key={i}>
                              {line}
                            </p>
                          ))}
                        </dd>
                      </div>
                    ))}
                  </dl>
                )}
              </>
            )}
          </section>
        );
      })}

      {code && (
        <section class="heard-copy__code" aria-labelledby="copy-code-title">
          <Heading class="govuk-heading-m" id="copy-code-title">
            {msg.copyCodeHeading}
          </Heading>
          <p class="govuk-body">{msg.copyCodeBody(code.address)}</p>
          <p class="govuk-body govuk-!-margin-bottom-1">{msg.copyCodeLabel}</p>
          <p class="heard-code" id="copy-code-value">
            {code.code}
          </p>
          <p class="govuk-body">{msg.copyCodeKeep}</p>
        </section>
      )}
    </article>
  );
}

import type { FieldError, RawFields } from '../../forms/answers';
import type { Locale, Question } from '../../forms/definition';
import { QuestionFields } from '../../forms/question-fields';
import { messages } from '../../i18n/messages';
import { ErrorSummary } from '../../views/error-summary';
import { Layout, type LanguageLink } from '../../views/layout';
import { TimeoutWarning } from './timeout-warning';

export interface QuestionPageProps {
  slug: string;
  formTitle: string;
  pageId: string;
  questions: Question[];
  fields: RawFields;
  errors: FieldError[];
  locale: Locale;
  languages: LanguageLink[];
  easyRead: { on: boolean; available: boolean; toggleHref: string };
  backHref: string;
  progress: { n: number; of: number };
  fromCheck: boolean;
  minutes: number;
}

export function QuestionPage(p: QuestionPageProps) {
  const msg = messages(p.locale);
  const errorFor = (id: string) => p.errors.find((e) => e.questionId === id)?.message;
  const progress = msg.questionOf(p.progress.n, p.progress.of);
  return (
    <Layout title={`${progress} – ${p.formTitle}`} locale={p.locale} exit languages={p.languages} hasErrors={p.errors.length > 0}>
      <a href={p.backHref} class="govuk-back-link">
        {msg.back}
      </a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={p.errors} locale={p.locale} />
          <span class="govuk-caption-l">{progress}</span>
          <form method="post" action={`/f/${p.slug}/q/${p.pageId}${p.fromCheck ? '?change=1' : ''}`} novalidate>
            {p.questions.map((q, i) => (
              <QuestionFields key={q.id} question={q} fields={p.fields} error={errorFor(q.id)} locale={p.locale} easyRead={p.easyRead.on} asHeading={i === 0} />
            ))}
            <button type="submit" class="govuk-button">
              {msg.continue}
            </button>
          </form>
          {p.easyRead.available && (
            <p class="govuk-body">
              <a class="govuk-link" href={p.easyRead.toggleHref}>
                {p.easyRead.on ? msg.easyReadOff : msg.easyReadOn}
              </a>
            </p>
          )}
          <p class="govuk-body-s">{msg.timeoutNotice(p.minutes)}</p>
        </div>
      </div>
      <TimeoutWarning slug={p.slug} minutes={p.minutes} locale={p.locale} />
    </Layout>
  );
}

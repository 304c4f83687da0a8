import type { FieldError, RawFields } from '../../forms/answers';
import type { Locale, Question } from '../../forms/definition';
import { QuestionFields } from '../../forms/question-fields';
import { messages } from '../../i18n/messages';
import { ErrorSummary } from '../../views/error-summary';
import { Layout, type LanguageLink } from '../../views/layout';
import { EasyReadSwitch, type EasyReadState } from './easy-read-switch';
import { BackButton, PAGE_FIELD } from './post-buttons';
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
  easyRead: EasyReadState;
  /** Where Back posts to; the server decides the page before (or check answers, when changing). */
  backAction: string;
  progress: { n: number; of: number };
  minutes: number;
}

export function QuestionPage(p: QuestionPageProps) {
  const msg = messages(p.locale);
  const errorFor = (id: string) => p.errors.find((e) => e.questionId === id)?.message;
  const progress = msg.questionOf(p.progress.n, p.progress.of);
  // One title for every question page: "Question 2 of 8" in a title would tell history which branch was taken.
  return (
    <Layout title={`${msg.questionPageTitle} – ${p.formTitle}`} locale={p.locale} exit languages={p.languages} hasErrors={p.errors.length > 0}>
      <BackButton action={p.backAction} page={p.pageId} label={msg.back} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={p.errors} locale={p.locale} />
          <EasyReadSwitch locale={p.locale} state={p.easyRead} />
          <span class="govuk-caption-l">{progress}</span>
          <form method="post" action={`/f/${p.slug}/question`} novalidate>
            <input type="hidden" name={PAGE_FIELD} value={p.pageId} />
            {p.questions.map((q, i) => (
              <QuestionFields key={q.id} question={q} fields={p.fields} error={errorFor(q.id)} locale={p.locale} easyRead={p.easyRead.on} asHeading={i === 0} />
            ))}
            <button type="submit" class="govuk-button">
              {msg.continue}
            </button>
          </form>
          <p class="govuk-body-s heard-timeout-notice">{msg.timeoutNotice(p.minutes)}</p>
        </div>
      </div>
      <TimeoutWarning slug={p.slug} minutes={p.minutes} locale={p.locale} />
    </Layout>
  );
}

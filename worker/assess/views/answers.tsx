// One version's answers, section by section, as the assessment page and a past version's page show
// them. Sections limited to roles the reader lacks are named but never shown.
import { SummaryRow } from '../../views/summary-row';
import { describeAnswer } from '../../forms/answers';
import { isAnswerable, t, type FormDefinition } from '../../forms/definition';
import { messages } from '../../i18n/messages';
import type { SectionAnswers } from '../queries';
import { sectionTitle } from '../sections';

const ROLE_WORDS: Record<string, string> = { assessor: 'Assessors', 'support-worker': 'Support workers' };

export function roleWords(role: string): string {
  return ROLE_WORDS[role] ?? role;
}

/** "assessors and support workers": who a limited section is for. */
export function limitedToText(restrictedTo: string[] | null): string {
  return (restrictedTo ?? []).map(roleWords).join(' and ').toLowerCase();
}

export function VersionAnswers({ definition, answers, hiddenSections, restrictedTo }: { definition: FormDefinition; answers: SectionAnswers; hiddenSections: string[]; restrictedTo: string[] | null }) {
  const msg = messages('en');
  return (
    <>
      {definition.pages.map((page) => {
        const title = sectionTitle(page);
        if (hiddenSections.includes(page.id)) {
          return (
            <section key={page.id} id={`answers-${page.id}`}>
              <h3 class="govuk-heading-s">{title}</h3>
              <p class="govuk-body">This section is limited to {limitedToText(restrictedTo)}. Your role does not read it.</p>
            </section>
          );
        }
        const rows = page.questions.filter(isAnswerable).filter((q) => answers[q.id] !== undefined);
        return (
          <section key={page.id} id={`answers-${page.id}`}>
            <h3 class="govuk-heading-s">{title}</h3>
            {rows.length === 0 ? (
              <p class="govuk-body govuk-hint">Nothing recorded.</p>
            ) : (
              <dl class="govuk-summary-list govuk-!-margin-bottom-6">
                {rows.map((q) => (
                  <SummaryRow key={q.id} term={t(q.label, 'en')}>
                    {describeAnswer(q, answers[q.id], msg, 'en').map((line, i) => (
                      <p class="govuk-body heard-pre-line govuk-!-margin-bottom-1" key={i}>
                        {line}
                      </p>
                    ))}
                  </SummaryRow>
                ))}
              </dl>
            )}
          </section>
        );
      })}
    </>
  );
}

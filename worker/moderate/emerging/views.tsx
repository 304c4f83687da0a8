// The emerging-themes page: groups of untagged answers that share distinctive words, each with its top
// words, a few examples, and a form that makes a theme from the group and tags the answers chosen.
import { ErrorSummary } from '../../views/error-summary';
import { CsrfField, Select, Textarea, TextInput, type Choice } from '../../views/fields';
import { StaffLayout, type StaffLayoutProps } from '../../views/staff-layout';
import type { Group } from './cluster';
import type { Answer } from './queries';

type Me = NonNullable<StaffLayoutProps['staff']>;
export interface FormError {
  fieldId: string;
  message: string;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What the create form starts with for a group: its top words as a name and a definition, its first answer as the example. */
export function proposal(g: Group<Answer>) {
  return {
    name: capital(g.words.slice(0, 2).join(' and ')),
    definition: `Answers about ${g.words.slice(0, 3).join(', ')}.`,
    example: clip(g.members[0]!.text, 300),
  };
}

export interface EmergingPageProps {
  me: Me;
  looked: number;
  groups: Group<Answer>[];
  parents: Choice[];
  /** The group whose form was sent back, with what was typed and ticked. */
  sent?: { group: number; values: Record<string, string>; members: Set<string>; errors: FormError[] };
  done?: { name: string; tagged: number };
}

export function EmergingPage({ me, looked, groups, parents, sent, done }: EmergingPageProps) {
  const errors = sent?.errors ?? [];
  return (
    <StaffLayout title="Emerging themes" staff={me} hasErrors={errors.length > 0} wide>
      <a href="/moderate" class="govuk-back-link">
        Moderation queue
      </a>
      <ErrorSummary errors={errors} locale="en" />
        <h1 class="govuk-heading-l">Emerging themes</h1>
        {done && (
          <div class="govuk-inset-text" role="status">
            Theme “{done.name}” added, and {done.tagged} {done.tagged === 1 ? 'answer' : 'answers'} tagged with it.
          </div>
        )}
        <p class="govuk-body">
          Groups of answers that nobody has tagged yet and that share words few other answers use, from the {looked} newest untagged answers. A group may be something the codebook
          does not have a theme for yet: make one, and tag its answers in one step.
        </p>
        {groups.length === 0 && <p class="govuk-body">No group of three or more untagged answers shares distinctive words just now.</p>}
        {groups.map((g, k) => {
          const mine = sent?.group === k ? sent : undefined;
          const values: Record<string, string> = mine?.values ?? { ...proposal(g), parent: '' };
          const err = (id: string) => mine?.errors.find((e) => e.fieldId === id)?.message;
          const id = (f: string) => `g${k}-${f}`;
          return (
            <div class="govuk-summary-card" key={g.words.join('|')}>
              <div class="govuk-summary-card__title-wrapper">
                <h2 class="govuk-summary-card__title">
                  Group {k + 1}: {g.members.length} answers
                </h2>
              </div>
              <div class="govuk-summary-card__content">
                <p class="govuk-body">
                  <span class="govuk-visually-hidden">Shared words: </span>
                  {g.words.map((w) => (
                    <strong class="govuk-tag govuk-tag--grey govuk-!-margin-right-1" key={w}>
                      {w}
                    </strong>
                  ))}
                </p>
                <ul class="govuk-list">
                  {g.members.slice(0, 3).map((m) => (
                    <li key={m.key}>
                      <blockquote class="heard-excerpt__text" dir="auto">
                        {clip(m.text, 240)}
                      </blockquote>
                    </li>
                  ))}
                </ul>
                <details class="govuk-details" open={mine !== undefined}>
                  <summary class="govuk-details__summary">
                    <span class="govuk-details__summary-text">Make a theme from group {k + 1}</span>
                  </summary>
                  <div class="govuk-details__text">
                    <form method="post" action="/moderate/emerging/themes" novalidate>
                      <CsrfField token={me.csrf} />
                      <input type="hidden" name="group" value={String(k)} />
                      <TextInput id={id('name')} label="Name" value={values.name} error={err(id('name'))} />
                      <Select id={id('parent')} label="Under (optional)" choices={parents} value={values.parent} error={err(id('parent'))} emptyLabel="The top level" />
                      <Textarea id={id('definition')} label="Definition" hint="One sentence saying what belongs under the theme" value={values.definition} error={err(id('definition'))} rows={2} />
                      <Textarea id={id('example')} label="Example" hint="A short quote in a respondent’s voice" value={values.example} error={err(id('example'))} rows={2} />
                      <div class={`govuk-form-group${err(id('members')) ? ' govuk-form-group--error' : ''}`} id={id('members')}>
                        <fieldset class="govuk-fieldset">
                          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Tag these answers with it</legend>
                          {err(id('members')) && (
                            <p class="govuk-error-message">
                              <span class="govuk-visually-hidden">Error:</span> {err(id('members'))}
                            </p>
                          )}
                          <div class="govuk-checkboxes govuk-checkboxes--small">
                            {g.members.map((m, i) => (
                              <div class="govuk-checkboxes__item" key={m.key}>
                                <input class="govuk-checkboxes__input" id={id(`m${i}`)} name="member" type="checkbox" value={m.key} checked={mine ? mine.members.has(m.key) : true} />
                                <label class="govuk-label govuk-checkboxes__label" for={id(`m${i}`)} dir="auto">
                                  {clip(m.text, 160)}
                                </label>
                              </div>
                            ))}
                          </div>
                        </fieldset>
                      </div>
                      <button type="submit" class="govuk-button">
                        Make the theme and tag the answers<span class="govuk-visually-hidden"> of group {k + 1}</span>
                      </button>
                    </form>
                  </div>
                </details>
              </div>
            </div>
          );
        })}
    </StaffLayout>
  );
}

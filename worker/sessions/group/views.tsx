// Recording a group discussion: how many took part, then each prompt with what the group said and
// whether everyone agreed. One page, plain fields, everything kept when something is wrong.
import { t, type FormDefinition, type Locale } from '../../forms/definition';
import { LOCALE_NAMES, RTL_LOCALES } from '../../i18n/messages';
import { ErrorMessage, ErrorSummary } from '../../views/error-summary';
import { CsrfField, TextInput } from '../../views/fields';
import { StaffLayout } from '../../views/staff-layout';
import type { SessionDetail } from '../queries';
import type { Me } from '../views/common';
import { promptsOf, type FormError } from './form';
import { SuccessBanner } from '../../views/success-banner';

export interface GroupPageProps {
  me: Me;
  session: SessionDetail;
  definition: FormDefinition;
  locales: Locale[];
  values: Record<string, string>;
  errors?: FormError[];
  responseId: string;
  soFar: { groups: number; people: number };
  saved?: boolean;
}

export function GroupPage({ me, session, definition, locales, values, errors = [], responseId, soFar, saved }: GroupPageProps) {
  const err = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  const language = (values.language as Locale | undefined) ?? locales[0] ?? 'en';
  const dir = RTL_LOCALES.has(language) ? 'rtl' : 'ltr';
  return (
    <StaffLayout title={`Group discussion: ${session.name}`} staff={me} hasErrors={errors.length > 0}>
      <a class="govuk-back-link" href={`/sessions/${session.id}`}>
        Back to the session
      </a>
      <ErrorSummary errors={errors} locale="en" />
      {saved && (
        <SuccessBanner id="saved-title" title="Saved">
          Group discussion saved. Moderators read and tag it like any response.
        </SuccessBanner>
      )}
      <span class="govuk-caption-l">{session.name}</span>
      <h1 class="govuk-heading-l">Record a group discussion</h1>
      <p class="govuk-body">
        Write what the group said, in their words where you can, without names or anything that could say who said it. Reports count a group discussion apart from individual responses. So far in this session:{' '}
        {soFar.groups === 1 ? '1 group' : `${soFar.groups} groups`}, {soFar.people === 1 ? '1 person' : `${soFar.people} people`}.
      </p>
      <form method="post" action={`/sessions/${session.id}/group`} novalidate>
        <CsrfField token={me.csrf} />
        <input type="hidden" name="response" value={responseId} />
        <TextInput id="participants" label="How many people took part" hint="Count everyone who joined in, not you" value={values.participants ?? ''} error={err('participants')} width={10} inputMode="numeric" />
        <div class={`govuk-form-group${err('language') ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="language">
            Language of your notes
          </label>
          <ErrorMessage id="language-error" message={err('language')} locale="en" />
          <select class="govuk-select" id="language" name="language">
            {locales.map((l) => (
              <option value={l} key={l} selected={l === language} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        {promptsOf(definition).map((q, i) => (
          <fieldset class="govuk-fieldset govuk-!-margin-bottom-6" key={q.id}>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
              Prompt {i + 1}: {t(q.label, 'en')}
            </legend>
            <div class={`govuk-form-group${err(`notes-${q.id}`) ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label" for={`notes-${q.id}`}>
                What the group said (leave empty if you did not discuss it)
              </label>
              <ErrorMessage id={`notes-${q.id}-error`} message={err(`notes-${q.id}`)} locale="en" />
              <textarea class="govuk-textarea" id={`notes-${q.id}`} name={`notes-${q.id}`} rows={5} dir={dir} lang={language} aria-describedby={err(`notes-${q.id}`) ? `notes-${q.id}-error` : undefined}>
                {values[`notes-${q.id}`] ?? ''}
              </textarea>
            </div>
            <div class="govuk-checkboxes govuk-checkboxes--small">
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id={`agreed-${q.id}`} name={`agreed-${q.id}`} type="checkbox" value="yes" checked={values[`agreed-${q.id}`] === 'yes'} />
                <label class="govuk-label govuk-checkboxes__label" for={`agreed-${q.id}`}>
                  The whole group agreed with this
                </label>
              </div>
            </div>
          </fieldset>
        ))}
        <button type="submit" class="govuk-button">
          Save the group discussion
        </button>
      </form>
    </StaffLayout>
  );
}

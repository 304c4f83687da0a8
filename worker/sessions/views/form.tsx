// Creating or editing a session: plain fields, every error in the summary and beside its field, and
// everything typed kept when something is wrong.
import { LOCALES } from '../../forms/definition';
import { LOCALE_NAMES } from '../../i18n/messages';
import { ErrorMessage, ErrorSummary } from '../../views/error-summary';
import { CsrfField, DateInput, Radios, Select, Textarea, TextInput } from '../../views/fields';
import { StaffLayout } from '../../views/staff-layout';
import { IDLE_MINUTES, type FormError, type SessionChoices } from '../form';
import type { Me } from './common';

export interface SessionFormProps {
  me: Me;
  choices: SessionChoices;
  /** The fields as the form names them (typed, or from the saved session). */
  values: Record<string, string | string[]>;
  errors?: FormError[];
  /** Editing this session; absent when creating one. */
  sessionId?: string;
  hasPin?: boolean;
  /** Set once the session has responses: its form is shown as text, with why, and posted as it is. */
  formFixed?: { value: string; reason: string };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

export function SessionFormPage({ me, choices, values, errors = [], sessionId, hasPin = false, formFixed }: SessionFormProps) {
  const title = sessionId ? 'Edit the session' : 'Create a session';
  const err = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  const chosenLanguages = many(values.languages);
  return (
    <StaffLayout title={title} staff={me} hasErrors={errors.length > 0}>
      <a class="govuk-back-link" href={sessionId ? `/sessions/${sessionId}` : '/sessions'}>
        Back
      </a>
      <ErrorSummary errors={errors} locale="en" />
      <h1 class="govuk-heading-l">{title}</h1>
      <form method="post" action={sessionId ? `/sessions/${sessionId}` : '/sessions'} novalidate>
        <CsrfField token={me.csrf} />
        <TextInput id="name" label="Name" hint="What people and reports will call it, like “Festival of Feedback”" value={one(values.name)} error={err('name')} width={30} />
        <TextInput id="place" label="Place" hint="Where it is held" value={one(values.place)} error={err('place')} width={30} />
        <DateInput prefix="held" legend="Day" hint="The day it is held. For example, 14 3 2027" values={values} errors={errors} />
        <Select id="organisation" label="Whose session it is" choices={choices.organisations} value={one(values.organisation)} error={err('organisation')} />
        {formFixed ? (
          <div class={`govuk-form-group${err('form') ? ' govuk-form-group--error' : ''}`}>
            <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-1">
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Form</dt>
                <dd class="govuk-summary-list__value" id="form" tabIndex={-1}>
                  {choices.forms.find((f) => f.value === formFixed.value)?.label ?? formFixed.value}
                </dd>
              </div>
            </dl>
            <ErrorMessage id="form-error" message={err('form')} locale="en" />
            <p class="govuk-hint" id="form-fixed-reason">
              {formFixed.reason}
            </p>
            <input type="hidden" name="form" value={formFixed.value} />
          </div>
        ) : (
          <Select id="form" label="Form" choices={choices.forms.map((f) => ({ value: f.value, label: f.label }))} value={one(values.form)} error={err('form')} />
        )}
        <div class={`govuk-form-group${err('languages-0') ? ' govuk-form-group--error' : ''}`}>
          <fieldset class="govuk-fieldset" aria-describedby={`languages-hint${err('languages-0') ? ' languages-error' : ''}`}>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Languages offered</legend>
            <div class="govuk-hint" id="languages-hint">
              People can switch between these. Only the languages the form is written in are offered.
            </div>
            <ErrorMessage id="languages-error" message={err('languages-0')} locale="en" />
            <div class="govuk-checkboxes govuk-checkboxes--small">
              {LOCALES.map((l, i) => (
                <div class="govuk-checkboxes__item" key={l}>
                  <input class="govuk-checkboxes__input" id={i === 0 ? 'languages-0' : `languages-${l}`} name="languages" type="checkbox" value={l} checked={chosenLanguages.includes(l)} />
                  <label class="govuk-label govuk-checkboxes__label" for={i === 0 ? 'languages-0' : `languages-${l}`} lang={l}>
                    {LOCALE_NAMES[l]}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <Radios
          name="kiosk"
          legend="Will tablets at the venue run as kiosks?"
          hint="A kiosk tablet shows only this session's form, and clears itself between people."
          choices={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
          value={one(values.kiosk)}
          error={err('kiosk-0')}
        />
        <TextInput
          id="kiosk-idle"
          label="Minutes before an unused kiosk clears itself"
          hint={`From ${IDLE_MINUTES.min} to ${IDLE_MINUTES.max}, in whole or half minutes. It warns first, so someone still there can carry on.`}
          value={one(values['kiosk-idle']) || String(IDLE_MINUTES.default)}
          error={err('kiosk-idle')}
          width={10}
          inputMode="text"
        />
        <TextInput
          id="kiosk-pin"
          label="PIN to leave kiosk mode (optional)"
          hint={hasPin ? 'A PIN is set. Type a new one to change it, or leave it empty to keep it.' : '4 to 8 digits. Without one, leaving kiosk mode needs a facilitator to sign in.'}
          error={err('kiosk-pin')}
          width={10}
          type="password"
          autocomplete="new-password"
          inputMode="numeric"
        />
        {hasPin && (
          <div class="govuk-form-group">
            <div class="govuk-checkboxes govuk-checkboxes--small">
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id="remove-pin" name="remove-pin" type="checkbox" value="yes" checked={one(values['remove-pin']) === 'yes'} />
                <label class="govuk-label govuk-checkboxes__label" for="remove-pin">
                  Remove the PIN
                </label>
              </div>
            </div>
          </div>
        )}
        <Textarea id="next-steps" label="What happens next (optional)" hint="In plain words, for the summary you share with the people who took part: who reads the feedback, and when they will hear back." value={one(values['next-steps'])} error={err('next-steps')} rows={4} />
        <button type="submit" class="govuk-button">
          {sessionId ? 'Save the session' : 'Create the session'}
        </button>
      </form>
    </StaffLayout>
  );
}

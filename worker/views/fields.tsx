// Small GOV.UK fields for staff forms. Public questions use worker/forms/question-fields.tsx.
import type { Locale } from '../forms/definition';
import { messages } from '../i18n/messages';
import { ErrorMessage } from './error-summary';

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}

interface InputProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  type?: 'text' | 'email' | 'password';
  autocomplete?: string;
  width?: 10 | 20 | 30;
  inputMode?: 'numeric' | 'text';
  asHeading?: boolean;
}

export function TextInput(p: InputProps) {
  const describedBy = [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const label = (
    <label class={`govuk-label${p.asHeading ? ' govuk-label--l' : ''}`} for={p.id}>
      {p.label}
    </label>
  );
  return (
    <div class={`govuk-form-group${p.error ? ' govuk-form-group--error' : ''}`}>
      {p.asHeading ? <h1 class="govuk-label-wrapper">{label}</h1> : label}
      {p.hint && (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      )}
      <ErrorMessage id={`${p.id}-error`} message={p.error} locale="en" />
      <input
        class={`govuk-input${p.width ? ` govuk-!-width-${p.width === 10 ? 'one-third' : p.width === 20 ? 'one-half' : 'two-thirds'}` : ''}${p.error ? ' govuk-input--error' : ''}`}
        id={p.id}
        name={p.id}
        type={(p.type ?? 'text') as 'text'}
        value={p.type === 'password' ? '' : (p.value ?? '')}
        autocomplete={p.autocomplete}
        spellcheck={false}
        inputMode={p.inputMode}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

export function Radios(p: { name: string; legend: string; choices: Choice[]; value?: string; error?: string; hint?: string }) {
  const describedBy = [p.hint ? `${p.name}-hint` : '', p.error ? `${p.name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${p.error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{p.legend}</legend>
        {p.hint && (
          <div id={`${p.name}-hint`} class="govuk-hint">
            {p.hint}
          </div>
        )}
        <ErrorMessage id={`${p.name}-error`} message={p.error} locale="en" />
        <div class="govuk-radios govuk-radios--small">
          {p.choices.map((c, i) => (
            <div class="govuk-radios__item" key={c.value}>
              <input class="govuk-radios__input" id={`${p.name}-${i}`} name={p.name} type="radio" value={c.value} checked={p.value === c.value} />
              <label class="govuk-label govuk-radios__label" for={`${p.name}-${i}`}>
                {c.label}
              </label>
              {c.hint && <div class="govuk-hint govuk-radios__hint">{c.hint}</div>}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function Select(p: { id: string; label: string; choices: Choice[]; value?: string; error?: string; emptyLabel?: string }) {
  return (
    <div class={`govuk-form-group${p.error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={p.id}>
        {p.label}
      </label>
      <ErrorMessage id={`${p.id}-error`} message={p.error} locale="en" />
      <select class={`govuk-select${p.error ? ' govuk-select--error' : ''}`} id={p.id} name={p.id} aria-describedby={p.error ? `${p.id}-error` : undefined}>
        <option value="">{p.emptyLabel ?? 'Choose one'}</option>
        {p.choices.map((c) => (
          <option value={c.value} selected={p.value === c.value} key={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Textarea(p: { id: string; label: string; hint?: string; error?: string; value?: string; rows?: number; labelSize?: 's' | 'm' }) {
  const describedBy = [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${p.error ? ' govuk-form-group--error' : ''}`}>
      <label class={`govuk-label${p.labelSize ? ` govuk-label--${p.labelSize}` : ''}`} for={p.id}>
        {p.label}
      </label>
      {p.hint && (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      )}
      <ErrorMessage id={`${p.id}-error`} message={p.error} locale="en" />
      <textarea class={`govuk-textarea${p.error ? ' govuk-textarea--error' : ''}`} id={p.id} name={p.id} rows={p.rows ?? 3} spellcheck={false} aria-describedby={describedBy}>
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

export function Checkbox(p: { id: string; label: string; checked?: boolean; hint?: string }) {
  return (
    <div class="govuk-form-group">
      <div class="govuk-checkboxes govuk-checkboxes--small">
        <div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id={p.id} name={p.id} type="checkbox" value="yes" checked={p.checked} aria-describedby={p.hint ? `${p.id}-hint` : undefined} />
          <label class="govuk-label govuk-checkboxes__label" for={p.id}>
            {p.label}
          </label>
          {p.hint && (
            <div id={`${p.id}-hint`} class="govuk-hint govuk-checkboxes__hint">
              {p.hint}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

/**
 * The GOV.UK date input: three boxes named `<prefix>-day`, `-month` and `-year`. One message for the
 * group (the first error among its boxes); the boxes it names, or all three for a whole-date error
 * (reported on the day box), are outlined.
 */
export function DateInput(p: { prefix: string; legend: string; hint: string; values: Record<string, string | string[]>; errors: { fieldId: string; message: string }[]; locale?: Locale; legendSize?: 's' | 'm' }) {
  const msg = messages(p.locale ?? 'en');
  const parts = [
    { id: `${p.prefix}-day`, label: msg.day, width: 2 },
    { id: `${p.prefix}-month`, label: msg.month, width: 2 },
    { id: `${p.prefix}-year`, label: msg.year, width: 4 },
  ];
  const errorFor = (id: string) => p.errors.find((e) => e.fieldId === id)?.message;
  const error = parts.map((part) => errorFor(part.id)).find(Boolean);
  const wrong = (id: string) => error !== undefined && (errorFor(id) !== undefined || errorFor(`${p.prefix}-day`) === error);
  const value = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" role="group" aria-describedby={`${p.prefix}-hint${error ? ` ${p.prefix}-error` : ''}`}>
        <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${p.legendSize ?? 's'}`}>{p.legend}</legend>
        <div class="govuk-hint" id={`${p.prefix}-hint`}>
          {p.hint}
        </div>
        <ErrorMessage id={`${p.prefix}-error`} message={error} locale={p.locale ?? 'en'} />
        <div class="govuk-date-input">
          {parts.map((part) => (
            <div class="govuk-date-input__item" key={part.id}>
              <div class="govuk-form-group">
                <label class="govuk-label govuk-date-input__label" for={part.id}>
                  {part.label}
                </label>
                <input
                  class={`govuk-input govuk-date-input__input govuk-input--width-${part.width}${wrong(part.id) ? ' govuk-input--error' : ''}`}
                  id={part.id}
                  name={part.id}
                  type="text"
                  inputMode="numeric"
                  autocomplete="off"
                  value={value(p.values[part.id])}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

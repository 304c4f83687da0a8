// Renders one question as GOV.UK form fields. The first question on a page is the page's <h1>.
import type { ComponentChildren } from 'preact';
import { ErrorMessage } from '../views/error-summary';
import { messages } from '../i18n/messages';
import { dateFieldIds, type RawFields } from './answers';
import { t, type Locale, type Option, type Question } from './definition';

export interface QuestionFieldsProps {
  question: Question;
  fields: RawFields;
  error?: string;
  locale: Locale;
  easyRead: boolean;
  asHeading: boolean;
  /** Focus its first field when the page loads (a fast entry screen's blank sheet); no script needed. */
  autofocus?: boolean;
}

export function QuestionFields(props: QuestionFieldsProps) {
  const { question: q, locale } = props;
  const msg = messages(locale);
  const label = props.easyRead && 'easyRead' in q && q.easyRead ? t(q.easyRead, locale) : t(q.label, locale);
  const optional = q.type !== 'info' && !q.required ? ` ${msg.optional}` : '';
  const heading = `${label}${optional}`;
  const hintText = 'hint' in q && q.hint ? t(q.hint, locale) : undefined;
  const hintId = `${q.id}-hint`;
  const errorId = `${q.id}-error`;
  const describedBy = [hintText || q.type === 'date' ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const groupClass = `govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`;
  const one = (name: string) => {
    const v = props.fields[name];
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  };
  const hint = hintText ? (
    <div id={hintId} class="govuk-hint">
      {hintText}
    </div>
  ) : null;
  const error = <ErrorMessage id={errorId} message={props.error} locale={locale} />;
  const size = props.asHeading ? 'l' : 'm';
  const focusFirst = props.autofocus ? true : undefined;

  switch (q.type) {
    case 'info': {
      const H = props.asHeading ? 'h1' : 'h2';
      return (
        <div class="govuk-!-margin-bottom-6">
          <H class={props.asHeading ? 'govuk-heading-l' : 'govuk-heading-m'}>{label}</H>
          {q.body.map((p, i) => (
            <p class="govuk-body" key={i}>
              {t(p, locale)}
            </p>
          ))}
        </div>
      );
    }
    case 'short_text':
    case 'number':
      return (
        <div class={groupClass}>
          <LabelHeading asHeading={props.asHeading} size={size} forId={q.id}>
            {heading}
          </LabelHeading>
          {hint}
          {error}
          <input
            class={`govuk-input${q.type === 'number' ? ' govuk-input--width-5' : ''}${props.error ? ' govuk-input--error' : ''}`}
            id={q.id}
            name={q.id}
            type="text"
            autofocus={focusFirst}
            value={one(q.id)}
            aria-describedby={describedBy}
            autocomplete="off"
            spellcheck={q.type === 'short_text'}
            inputMode={q.type === 'number' ? 'numeric' : undefined}
            maxLength={q.type === 'short_text' ? q.maxLength : undefined}
          />
        </div>
      );
    case 'long_text':
      return (
        <div class={groupClass}>
          <LabelHeading asHeading={props.asHeading} size={size} forId={q.id}>
            {heading}
          </LabelHeading>
          {hint}
          {error}
          <textarea
            class={`govuk-textarea${props.error ? ' govuk-textarea--error' : ''}`}
            id={q.id}
            name={q.id}
            rows={6}
            autofocus={focusFirst}
            aria-describedby={describedBy}
            autocomplete="off"
            maxLength={q.maxLength}
          >
            {one(q.id)}
          </textarea>
        </div>
      );
    case 'single_choice':
    case 'rating':
    case 'yes_no': {
      const options: Option[] =
        q.type === 'yes_no'
          ? [
              { value: 'yes', label: { en: msg.yes } },
              { value: 'no', label: { en: msg.no } },
            ]
          : q.options;
      const chosen = one(q.id);
      return (
        <div class={groupClass}>
          <Fieldset asHeading={props.asHeading} size={size} legend={heading} describedBy={describedBy}>
            {hint}
            {error}
            <div class={`govuk-radios${q.type === 'yes_no' ? ' govuk-radios--inline' : ''}`}>
              {options.map((o, i) => (
                <div class="govuk-radios__item" key={o.value}>
                  <input class="govuk-radios__input" id={`${q.id}-${i}`} name={q.id} type="radio" value={o.value} checked={chosen === o.value} autofocus={i === 0 ? focusFirst : undefined} />
                  <label class="govuk-label govuk-radios__label" for={`${q.id}-${i}`}>
                    {q.type === 'yes_no' ? o.label.en : t(o.label, locale)}
                  </label>
                  {o.hint && <div class="govuk-hint govuk-radios__hint">{t(o.hint, locale)}</div>}
                </div>
              ))}
            </div>
          </Fieldset>
        </div>
      );
    }
    case 'multiple_choice': {
      const raw = props.fields[q.id];
      const chosen = Array.isArray(raw) ? raw : raw ? [raw] : [];
      return (
        <div class={groupClass}>
          <Fieldset asHeading={props.asHeading} size={size} legend={heading} describedBy={describedBy}>
            {hint}
            {error}
            <div class="govuk-checkboxes">
              {q.options.map((o, i) => [
                o.exclusive && (
                  <div class="govuk-checkboxes__divider" key={`${o.value}-or`}>
                    {msg.or}
                  </div>
                ),
                <div class="govuk-checkboxes__item" key={o.value}>
                  <input
                    class="govuk-checkboxes__input"
                    id={`${q.id}-${i}`}
                    name={q.id}
                    type="checkbox"
                    value={o.value}
                    checked={chosen.includes(o.value)}
                    autofocus={i === 0 ? focusFirst : undefined}
                    data-behaviour={o.exclusive ? 'exclusive' : undefined}
                  />
                  <label class="govuk-label govuk-checkboxes__label" for={`${q.id}-${i}`}>
                    {t(o.label, locale)}
                  </label>
                  {o.hint && <div class="govuk-hint govuk-checkboxes__hint">{t(o.hint, locale)}</div>}
                </div>,
              ])}
            </div>
          </Fieldset>
        </div>
      );
    }
    case 'consent':
      return (
        <div class={groupClass}>
          <Fieldset asHeading={props.asHeading} size={size} legend={heading} describedBy={describedBy}>
            {hint}
            {error}
            <div class="govuk-checkboxes">
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id={`${q.id}-0`} name={q.id} type="checkbox" value="yes" checked={one(q.id) === 'yes'} autofocus={focusFirst} />
                <label class="govuk-label govuk-checkboxes__label" for={`${q.id}-0`}>
                  {t(q.statement, locale)}
                </label>
              </div>
            </div>
          </Fieldset>
        </div>
      );
    case 'date': {
      const ids = dateFieldIds(q.id);
      const parts = [
        { id: ids.day, label: msg.day, width: 2 },
        { id: ids.month, label: msg.month, width: 2 },
        { id: ids.year, label: msg.year, width: 4 },
      ];
      return (
        <div class={groupClass}>
          <Fieldset asHeading={props.asHeading} size={size} legend={heading} describedBy={describedBy} role="group">
            <div id={hintId} class="govuk-hint">
              {hintText ?? msg.dateHint}
            </div>
            {error}
            <div class="govuk-date-input" id={q.id}>
              {parts.map((p) => (
                <div class="govuk-date-input__item" key={p.id}>
                  <div class="govuk-form-group">
                    <label class="govuk-label govuk-date-input__label" for={p.id}>
                      {p.label}
                    </label>
                    <input
                      class={`govuk-input govuk-date-input__input govuk-input--width-${p.width}${props.error ? ' govuk-input--error' : ''}`}
                      id={p.id}
                      name={p.id}
                      type="text"
                      inputMode="numeric"
                      autocomplete="off"
                      autofocus={p.id === ids.day ? focusFirst : undefined}
                      value={one(p.id)}
                    />
                  </div>
                </div>
              ))}
            </div>
          </Fieldset>
        </div>
      );
    }
  }
}

function LabelHeading({ asHeading, size, forId, children }: { asHeading: boolean; size: string; forId: string; children: ComponentChildren }) {
  const label = (
    <label class={`govuk-label govuk-label--${size}`} for={forId}>
      {children}
    </label>
  );
  return asHeading ? <h1 class="govuk-label-wrapper">{label}</h1> : label;
}

function Fieldset(props: { asHeading: boolean; size: string; legend: string; describedBy?: string; role?: 'group'; children: ComponentChildren }) {
  return (
    <fieldset class="govuk-fieldset" aria-describedby={props.describedBy} role={props.role}>
      <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${props.size}`}>
        {props.asHeading ? <h1 class="govuk-fieldset__heading">{props.legend}</h1> : props.legend}
      </legend>
      {props.children}
    </fieldset>
  );
}

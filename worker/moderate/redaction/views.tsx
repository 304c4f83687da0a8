// A moderator's redaction forms, shown only beside the original words (that view is audited): add a
// redaction by typing the words, or change one's kind or words. Plain form posts; no JavaScript.
import type { ComponentChildren } from 'preact';
import { REDACTION_KINDS } from '../../db/moderation-schema';
import { ErrorMessage } from '../../views/error-summary';
import { CsrfField } from '../../views/fields';
import type { ResponseInContext } from '../queries';
import { occurrenceNumber, occurrencesOf } from './remap';
import type { FieldName } from './queries';

export const KIND_NAMES: Record<(typeof REDACTION_KINDS)[number], string> = {
  name: 'A person’s name',
  phone: 'Phone number',
  email: 'Email address',
  postcode: 'Postcode',
  address: 'Street address',
  dob: 'Date of birth',
  nhs: 'NHS number',
  ni: 'National Insurance number',
  staff: 'A member of staff’s name',
  place: 'A hostel, service or place',
  other: 'Something else that could identify someone',
};

/** What was typed in one of these forms, kept when it is sent back with errors. `form` says which form: `add-<question>` or `edit-<redaction id>`. */
export interface RedactionDraft {
  form: string;
  words: string;
  occurrence: string;
  kind: string;
  reason: string;
}

export interface PageErrorLike {
  fieldId: string;
  message: string;
}

/** The field ids of one form: the error summary links to these. */
export const fieldId = (form: string, field: FieldName) => (field === 'kind' ? `${form}-kind` : `${form}-${field}`);

type Me = { csrf: string };

function Fields({ form, values, errors, kindLegend }: { form: string; values: Omit<RedactionDraft, 'form'>; errors: PageErrorLike[]; kindLegend: string }) {
  const err = (f: FieldName) => errors.find((e) => e.fieldId === fieldId(form, f))?.message;
  const described = (f: FieldName, hint?: boolean) => [hint ? `${fieldId(form, f)}-hint` : '', err(f) ? `${fieldId(form, f)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const group = (f: FieldName) => `govuk-form-group${err(f) ? ' govuk-form-group--error' : ''}`;
  return (
    <>
      <div class={group('words')}>
        <label class="govuk-label" for={fieldId(form, 'words')}>
          Words to redact
        </label>
        <div class="govuk-hint" id={`${fieldId(form, 'words')}-hint`}>
          Exactly as they are written in the original words above
        </div>
        <ErrorMessage id={`${fieldId(form, 'words')}-error`} message={err('words')} locale="en" />
        <input
          class={`govuk-input${err('words') ? ' govuk-input--error' : ''}`}
          id={fieldId(form, 'words')}
          name="words"
          value={values.words}
          autocomplete="off"
          spellcheck={false}
          aria-describedby={described('words', true)}
        />
      </div>
      <div class={group('occurrence')}>
        <label class="govuk-label" for={fieldId(form, 'occurrence')}>
          Which time they appear (optional)
        </label>
        <div class="govuk-hint" id={`${fieldId(form, 'occurrence')}-hint`}>
          When the words appear more than once: 1 for the first time, 2 for the second, and so on. Empty means the first.
        </div>
        <ErrorMessage id={`${fieldId(form, 'occurrence')}-error`} message={err('occurrence')} locale="en" />
        <input
          class={`govuk-input govuk-input--width-3${err('occurrence') ? ' govuk-input--error' : ''}`}
          id={fieldId(form, 'occurrence')}
          name="occurrence"
          value={values.occurrence}
          inputMode="numeric"
          autocomplete="off"
          aria-describedby={described('occurrence', true)}
        />
      </div>
      <div class={group('kind')}>
        <fieldset class="govuk-fieldset" aria-describedby={described('kind')}>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{kindLegend}</legend>
          <ErrorMessage id={`${fieldId(form, 'kind')}-error`} message={err('kind')} locale="en" />
          <div class="govuk-radios govuk-radios--small">
            {REDACTION_KINDS.map((k, i) => {
              const id = i === 0 ? fieldId(form, 'kind') : `${fieldId(form, 'kind')}-${k}`;
              return (
                <div class="govuk-radios__item" key={k}>
                  <input class="govuk-radios__input" id={id} name="kind" type="radio" value={k} checked={values.kind === k} />
                  <label class="govuk-label govuk-radios__label" for={id}>
                    {KIND_NAMES[k]} <span class="govuk-hint govuk-!-display-inline">(shown as [{k}])</span>
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <div class={group('reason')}>
        <label class="govuk-label" for={fieldId(form, 'reason')}>
          Why
        </label>
        <div class="govuk-hint" id={`${fieldId(form, 'reason')}-hint`}>
          Kept in the audit log. Do not repeat the words themselves.
        </div>
        <ErrorMessage id={`${fieldId(form, 'reason')}-error`} message={err('reason')} locale="en" />
        <input
          class={`govuk-input${err('reason') ? ' govuk-input--error' : ''}`}
          id={fieldId(form, 'reason')}
          name="reason"
          value={values.reason}
          autocomplete="off"
          aria-describedby={described('reason', true)}
        />
      </div>
    </>
  );
}

function Post({ r, me, action, children }: { r: ResponseInContext; me: Me; action: string; children: ComponentChildren }) {
  return (
    <form method="post" action={`/moderate/responses/${r.id}/${action}`} novalidate>
      <CsrfField token={me.csrf} />
      <input type="hidden" name="version" value={String(r.version)} />
      {children}
    </form>
  );
}

/** The add and change forms for one free-text answer, shown with its original words. */
export function RedactionEditor({ r, me, questionId, questionLabel, draft, errors = [] }: { r: ResponseInContext; me: Me; questionId: string; questionLabel: string; draft?: RedactionDraft; errors?: PageErrorLike[] }) {
  const original = typeof r.answers[questionId] === 'string' ? (r.answers[questionId] as string) : String(r.answers[questionId] ?? '');
  const addForm = `add-${questionId}`;
  const redactions = r.redactions.filter((x) => x.questionId === questionId);
  const mine = (form: string) => (draft?.form === form ? draft : undefined);
  const add = mine(addForm) ?? { words: '', occurrence: '', kind: '', reason: '' };
  return (
    <div class="heard-redaction-editor" id={`redaction-editor-${questionId}`}>
      {redactions.map((x) => {
        const form = `edit-${x.id}`;
        const words = original.slice(x.start, x.end);
        const n = occurrenceNumber(original, x.start, x.end);
        const values = mine(form) ?? { words, occurrence: n && occurrencesOf(original, words).length > 1 ? String(n) : '', kind: x.kind, reason: '' };
        return (
          <details class="govuk-details govuk-!-margin-bottom-3" open={Boolean(mine(form))} key={x.id}>
            <summary class="govuk-details__summary">
              <span class="govuk-details__summary-text">
                Change the [{x.kind}] redaction<span class="govuk-visually-hidden"> of “{words}”</span>
              </span>
            </summary>
            <div class="govuk-details__text">
              <Post r={r} me={me} action="redactions/edit">
                <input type="hidden" name="redaction" value={String(x.id)} />
                <Fields form={form} values={values} errors={errors} kindLegend="What kind of detail is it?" />
                <button type="submit" class="govuk-button govuk-button--secondary">
                  Save this redaction
                </button>
              </Post>
            </div>
          </details>
        );
      })}
      <Post r={r} me={me} action="redactions/add">
        <input type="hidden" name="question" value={questionId} />
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
            Add a redaction<span class="govuk-visually-hidden"> to “{questionLabel}”</span>
          </legend>
          <Fields form={addForm} values={add} errors={errors} kindLegend="What kind of detail is it?" />
          <button type="submit" class="govuk-button govuk-button--secondary">
            Redact these words<span class="govuk-visually-hidden"> in “{questionLabel}”</span>
          </button>
        </fieldset>
      </Post>
    </div>
  );
}

/** After retention: the original words are gone, and when. */
export function PurgedNotice({ on }: { on: number }) {
  return (
    <p class="govuk-body" id="original-deleted">
      The original words were deleted on {new Date(on).toISOString().slice(0, 10)}. Only the redacted text is kept.
    </p>
  );
}

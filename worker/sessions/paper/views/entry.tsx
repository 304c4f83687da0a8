// The fast entry screen: one paper sheet per page, every question of the form in order and numbered
// as on paper, keyboard first (the first field focused on a blank sheet, radio groups moved with the
// arrow keys, one Enter to save), and straight back to a blank sheet with the running count.
import { t, type FormDefinition, type Locale } from '../../../forms/definition';
import type { FieldError, RawFields } from '../../../forms/answers';
import { QuestionFields } from '../../../forms/question-fields';
import { LOCALE_NAMES } from '../../../i18n/messages';
import { ErrorSummary } from '../../../views/error-summary';
import { CsrfField } from '../../../views/fields';
import { StaffLayout } from '../../../views/staff-layout';
import type { SessionDetail } from '../../queries';
import type { Me } from '../../views/common';
import { paperItems } from '../numbering';
import { LANGUAGE_FIELD, SHEET_FIELD } from '../sheet';

export interface EntryPageProps {
  me: Me;
  session: SessionDetail;
  definition: FormDefinition;
  locales: Locale[];
  /** The sheet's language: what the last sheet was, so a pile in one language needs no change. */
  locale: Locale;
  sheetId: string;
  fields: RawFields;
  errors: FieldError[];
  count: number;
  /** The sheet before this one was saved. */
  entered: boolean;
}

export const sheetsEntered = (n: number) => `${n.toLocaleString('en-GB')} paper ${n === 1 ? 'form' : 'forms'} entered for this session`;

export function EntryPage({ me, session, definition, locales, locale, sheetId, fields, errors, count, entered }: EntryPageProps) {
  const blank = errors.length === 0 && Object.keys(fields).length === 0;
  let first = blank;
  return (
    <StaffLayout title={`Type in paper forms: ${session.name}`} staff={me} hasErrors={errors.length > 0}>
      <a class="govuk-back-link" href={`/sessions/${session.id}`}>
        Back to the session
      </a>
      <ErrorSummary errors={errors} locale="en" />
      {entered && errors.length === 0 && (
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="entered-title">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="entered-title">
              Saved
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">Sheet saved. This is a blank sheet for the next one.</p>
          </div>
        </div>
      )}
      <span class="govuk-caption-l">{session.name}</span>
      <h1 class="govuk-heading-l">Type in paper forms</h1>
      <p class="govuk-body govuk-!-font-weight-bold" id="paper-count">
        {sheetsEntered(count)}
      </p>
      <p class="govuk-body">
        Type what is on the sheet, question by question; leave blank what the person left blank. Every question is here, whatever they ticked. Tab moves on, the arrow keys choose in a list of answers and Space ticks a box; Enter in a one-line box, or on the button, saves the sheet.
      </p>
      <form method="post" action={`/sessions/${session.id}/entry`} novalidate>
        <CsrfField token={me.csrf} />
        <input type="hidden" name={SHEET_FIELD} value={sheetId} />
        {paperItems(definition).map((item) => {
          if (item.n === undefined) return null;
          const q = item.question;
          const numbered = { ...q, label: { ...q.label, en: `${item.n}. ${t(q.label, 'en')}` } };
          const focus = first;
          first = false;
          return (
            <QuestionFields
              key={q.id}
              question={numbered}
              fields={fields}
              error={errors.find((e) => e.questionId === q.id)?.message}
              locale="en"
              easyRead={false}
              asHeading={false}
              autofocus={focus}
            />
          );
        })}
        {locales.length > 1 && (
          <div class="govuk-form-group">
            <label class="govuk-label" for={LANGUAGE_FIELD}>
              Language the sheet is in
            </label>
            <select class="govuk-select" id={LANGUAGE_FIELD} name={LANGUAGE_FIELD}>
              {locales.map((l) => (
                <option value={l} key={l} selected={l === locale} lang={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" class="govuk-button">
          Save this sheet
        </button>
      </form>
    </StaffLayout>
  );
}

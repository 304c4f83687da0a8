// The staff pages for "you said, we did": the list of actions and the form to add or edit one.
// Plain forms: choosing an objective or theme and pressing "Show quotes" re-shows the form with its
// quotes, so everything works without JavaScript.
import { ACTION_STATUSES, type ActionStatus } from '../../db/reports-schema';
import { ErrorMessage, ErrorSummary } from '../../views/error-summary';
import { Checkbox, CsrfField, DateInput, Radios } from '../../views/fields';
import { StaffLayout, type StaffLayoutProps } from '../../views/staff-layout';
import { Table } from '../../views/table';
import { quarterName, type Quarter } from '../period';
import type { FormError } from './form';
import type { ActionChoices, Choice, EvidenceQuote, ListedAction } from './queries';
import { EVIDENCE_LIMIT } from './queries';

type Me = NonNullable<StaffLayoutProps['staff']>;

/** The scale in plain words: staff see the colour's name and what it means. */
export const STATUS_WORDS: Record<ActionStatus, { name: string; means: string; tag: string }> = {
  red: { name: 'Red', means: 'Stuck or not started', tag: 'govuk-tag--red' },
  amber: { name: 'Amber', means: 'Under way, with problems', tag: 'govuk-tag--orange' },
  green: { name: 'Green', means: 'On track', tag: 'govuk-tag--green' },
  complete: { name: 'Complete', means: 'Done', tag: 'govuk-tag--blue' },
};

const dayText = (ms: number) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(ms);

export type Done = 'added' | 'saved';

export interface ListPageProps {
  me: Me;
  actions: ListedAction[];
  filters: { status?: ActionStatus; published?: 'yes' | 'no' };
  done?: Done;
  truncated: boolean;
}

export function StatusTag({ status }: { status: ActionStatus }) {
  const w = STATUS_WORDS[status];
  return (
    <strong class={`govuk-tag ${w.tag}`}>
      {w.name}
      <span class="govuk-visually-hidden">: {w.means}</span>
    </strong>
  );
}

function FilterSelect({ id, label, choices, value }: { id: string; label: string; choices: Choice[]; value?: string }) {
  return (
    <div class="govuk-form-group heard-filter">
      <label class="govuk-label" for={id}>
        {label}
      </label>
      <select class="govuk-select" id={id} name={id}>
        <option value="">Any</option>
        {choices.map((c) => (
          <option value={c.value} selected={value === c.value} key={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ActionsListPage({ me, actions, filters, done, truncated }: ListPageProps) {
  return (
    <StaffLayout title="You said, we did" staff={me}>
      <h1 class="govuk-heading-l">You said, we did</h1>
      {done && (
        <div class="govuk-inset-text" role="status">
          {done === 'added' ? 'Action added.' : 'Action saved.'}
        </div>
      )}
      <p class="govuk-body">
        What was done because of feedback, against a strategy objective or a theme. Published actions appear on the public pages{' '}
        <a class="govuk-link" href="/you-said-we-did">
          You said, we did
        </a>{' '}
        and{' '}
        <a class="govuk-link" href="/strategy">
          Strategies and progress
        </a>
        , with no sign-in.
      </p>
      <p class="govuk-body">
        <a class="govuk-button" href="/reports/actions/new" role="button" draggable={false}>
          Add an action
        </a>
      </p>
      <form method="get" action="/reports/actions" class="heard-filters" novalidate>
        <FilterSelect id="status" label="Status" value={filters.status} choices={ACTION_STATUSES.map((s) => ({ value: s, label: `${STATUS_WORDS[s].name}: ${STATUS_WORDS[s].means.toLowerCase()}` }))} />
        <FilterSelect
          id="published"
          label="Published"
          value={filters.published}
          choices={[
            { value: 'yes', label: 'Published' },
            { value: 'no', label: 'Draft' },
          ]}
        />
        <button type="submit" class="govuk-button govuk-button--secondary">
          Show actions
        </button>
      </form>
      {actions.length === 0 ? (
        <p class="govuk-body" data-empty>
          {filters.status || filters.published ? 'No actions match these filters.' : 'No actions yet. Add the first one.'}
        </p>
      ) : (
        <Table caption="Actions, newest first" columns={['We did', 'Objective or theme', 'Organisation', 'Status', 'Date', 'Published']}>
          {actions.map((a) => (
            <tr class="govuk-table__row" key={a.id} data-action={a.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/reports/actions/${a.id}`}>
                  {shorten(a.weDid.en, 90)}
                </a>
              </td>
              <td class="govuk-table__cell govuk-body-s">
                {a.objectiveCode && (
                  <>
                    Objective {a.objectiveCode}
                    <span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">{a.frameworkName}</span>
                  </>
                )}
                {a.themeName && <span class="heard-block">Theme: {a.themeName}</span>}
              </td>
              <td class="govuk-table__cell govuk-body-s">{a.organisationName}</td>
              <td class="govuk-table__cell">
                <StatusTag status={a.status} />
              </td>
              <td class="govuk-table__cell govuk-body-s heard-nowrap">{dayText(a.actedOn)}</td>
              <td class="govuk-table__cell govuk-body-s">{a.published ? 'Published' : 'Draft'}</td>
            </tr>
          ))}
        </Table>
      )}
      {truncated && <p class="govuk-body-s">Showing the newest {actions.length}. Filter by status or published to see others.</p>}
    </StaffLayout>
  );
}

const shorten = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n).replace(/\s+\S*$/, '')}…`);

// ---------------------------------------------------------------------------------------------

export interface FormPageProps {
  me: Me;
  /** Absent for a new action. */
  actionId?: string;
  choices: ActionChoices;
  quarters: Quarter[];
  values: Record<string, string | string[]>;
  evidence: EvidenceQuote[];
  errors?: FormError[];
  /** True once the quotes were looked up for the objective or theme on the form. */
  refreshed?: boolean;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const errorFor = (errors: FormError[], id: string) => errors.find((e) => e.fieldId === id)?.message;

function GroupedSelect({ id, label, hint, choices, value, error, emptyLabel }: { id: string; label: string; hint?: string; choices: Choice[]; value: string; error?: string; emptyLabel: string }) {
  const groups = [...new Set(choices.map((c) => c.group))];
  const options = (list: Choice[]) =>
    list.map((c) => (
      <option value={c.value} selected={value === c.value} key={c.value}>
        {c.label}
      </option>
    ));
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label govuk-label--s" for={id}>
        {label}
      </label>
      {hint && (
        <div class="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <ErrorMessage id={`${id}-error`} message={error} locale="en" />
      <select class={`govuk-select heard-select-wide${error ? ' govuk-select--error' : ''}`} id={id} name={id} aria-describedby={describedBy}>
        <option value="">{emptyLabel}</option>
        {groups.map((g) =>
          g === undefined ? (
            options(choices.filter((c) => c.group === undefined))
          ) : (
            <optgroup label={g} key={g}>
              {options(choices.filter((c) => c.group === g))}
            </optgroup>
          ),
        )}
      </select>
    </div>
  );
}

function Words({ id, label, hint, value, error, lang }: { id: string; label: string; hint?: string; value: string; error?: string; lang: 'en' | 'ar' }) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        {label}
      </label>
      {hint && (
        <div class="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <ErrorMessage id={`${id}-error`} message={error} locale="en" />
      <textarea class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`} id={id} name={id} rows={3} lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'} aria-describedby={describedBy}>
        {value}
      </textarea>
    </div>
  );
}

function Evidence({ quotes, chosen, error, hasCode, refreshed }: { quotes: EvidenceQuote[]; chosen: Set<string>; error?: string; hasCode: boolean; refreshed: boolean }) {
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`} id="evidence">
      <fieldset class="govuk-fieldset" aria-describedby={`evidence-hint${error ? ' evidence-error' : ''}`}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Evidence: the quotes that prompted it (optional)</legend>
        <div class="govuk-hint" id="evidence-hint">
          Approved quotes, as redacted, tagged with the objective or theme chosen above: the {EVIDENCE_LIMIT} newest, and any already linked. Only quotes from people who agreed to be quoted.
        </div>
        <ErrorMessage id="evidence-error" message={error} locale="en" />
        {quotes.length > 0 ? (
          <div class="govuk-checkboxes govuk-checkboxes--small" data-evidence>
            {quotes.map((q) => (
              <div class="govuk-checkboxes__item" key={q.id}>
                <input class="govuk-checkboxes__input" id={`evidence-${q.id}`} name="evidence" type="checkbox" value={String(q.id)} checked={chosen.has(String(q.id))} />
                <label class="govuk-label govuk-checkboxes__label" for={`evidence-${q.id}`} dir="auto">
                  {q.text}
                </label>
              </div>
            ))}
          </div>
        ) : (
          <p class="govuk-body" data-no-evidence>
            {hasCode ? 'No approved quotes are tagged with this objective or theme yet.' : 'Choose an objective or a theme, then show its quotes.'}
          </p>
        )}
        <button type="submit" name="intent" value="refresh" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
          {refreshed || hasCode ? 'Show quotes for the objective or theme chosen now' : 'Show quotes'}
        </button>
      </fieldset>
    </div>
  );
}

/** The quarters a report could have prompted an action in: the current one and the eleven before, plus a saved older one. */
function quarterChoices(quarters: Quarter[]): Choice[] {
  return quarters.map((q) => ({ value: q.key, label: quarterName(q) }));
}

export function ActionFormPage({ me, actionId, choices, quarters, values, evidence, errors = [], refreshed = false }: FormPageProps) {
  const title = actionId ? 'Edit an action' : 'Add an action';
  const chosen = new Set(Array.isArray(values.evidence) ? values.evidence : values.evidence ? [values.evidence] : []);
  const hasCode = one(values.objective) !== '' || one(values.theme) !== '';
  return (
    <StaffLayout title={title} staff={me} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} locale="en" />
      <a class="govuk-back-link" href="/reports/actions">
        All actions
      </a>
      <h1 class="govuk-heading-l">{title}</h1>
      {refreshed && errors.length === 0 && (
        <div class="govuk-inset-text" role="status">
          Quotes shown for the objective or theme chosen. Nothing is saved until you save the action.
        </div>
      )}
      <form method="post" action={actionId ? `/reports/actions/${actionId}` : '/reports/actions'} novalidate>
        <CsrfField token={me.csrf} />
        {/* Enter in a field submits with the form's first button: make that one save, not "Show quotes". */}
        <button type="submit" name="intent" value="save" class="govuk-visually-hidden" tabIndex={-1} aria-hidden="true">
          Save
        </button>
        <h2 class="govuk-heading-m">What it is about</h2>
        <p class="govuk-body">An objective of any strategy, a theme from the codebook, or both.</p>
        <GroupedSelect id="objective" label="Objective" emptyLabel="None" choices={choices.objectives} value={one(values.objective)} error={errorFor(errors, 'objective')} />
        <GroupedSelect id="theme" label="Theme" emptyLabel="None" choices={choices.themes} value={one(values.theme)} error={errorFor(errors, 'theme')} />

        <h2 class="govuk-heading-m">You said, we did</h2>
        <p class="govuk-body">Plain words anyone can read: these appear on the public page once published. Do not include anything that could identify a person.</p>
        <Words id="you-said-en" lang="en" label="You said, in English" hint="What people told us, for example: “It takes too long to hear back about housing.”" value={one(values['you-said-en'])} error={errorFor(errors, 'you-said-en')} />
        <Words id="you-said-ar" lang="ar" label="You said, in Arabic (optional)" hint="Left empty, the Arabic page shows the English" value={one(values['you-said-ar'])} error={errorFor(errors, 'you-said-ar')} />
        <Words id="we-did-en" lang="en" label="We did, in English" hint="What was done about it" value={one(values['we-did-en'])} error={errorFor(errors, 'we-did-en')} />
        <Words id="we-did-ar" lang="ar" label="We did, in Arabic (optional)" hint="Left empty, the Arabic page shows the English" value={one(values['we-did-ar'])} error={errorFor(errors, 'we-did-ar')} />

        <h2 class="govuk-heading-m">Who, how it is going, and when</h2>
        <GroupedSelect id="organisation" label="Organisation that did it" emptyLabel="Choose an organisation" choices={choices.organisations} value={one(values.organisation)} error={errorFor(errors, 'organisation')} />
        <Radios name="status" legend="Status" value={one(values.status)} error={errorFor(errors, 'status-0')} choices={ACTION_STATUSES.map((s) => ({ value: s, label: STATUS_WORDS[s].name, hint: STATUS_WORDS[s].means }))} />
        <DateInput prefix="acted" legend="Date" hint="The day it was done, or last moved on. For example, 27 3 2026" values={values} errors={errors} />
        <GroupedSelect
          id="evidence-quarter"
          label="The report quarter that prompted it (optional)"
          hint="Financial-year quarters: Q1 is April to June"
          emptyLabel="None"
          choices={quarterChoices(quarters)}
          value={one(values['evidence-quarter'])}
          error={errorFor(errors, 'evidence-quarter')}
        />

        <h2 class="govuk-heading-m">Evidence</h2>
        <Evidence quotes={evidence} chosen={chosen} error={errorFor(errors, 'evidence')} hasCode={hasCode} refreshed={refreshed} />

        <h2 class="govuk-heading-m">Publish</h2>
        <Checkbox id="published" label="Publish on “You said, we did” and the strategy pages" hint="Anyone can read published actions, with no sign-in. Leave unticked to keep it as a draft." checked={one(values.published) === 'yes'} />
        <div class="govuk-button-group">
          <button type="submit" name="intent" value="save" class="govuk-button">
            {actionId ? 'Save action' : 'Add action'}
          </button>
          <a class="govuk-link" href="/reports/actions">
            Cancel
          </a>
        </div>
      </form>
    </StaffLayout>
  );
}

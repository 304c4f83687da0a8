// Pieces every report page shares: a figure in words, the period's name, the filter form, and the
// sentence that says how small numbers are hidden.
import type { ComponentChildren } from 'preact';
import { CHANNELS, type Channel } from '../../db/schema';
import { ErrorSummary } from '../../views/error-summary';
import { quarterMonths, quarterName, ukDay, type Quarter } from '../period';
import type { Choices, FieldError, ReportQuery } from '../request';
import { CHANNEL_NAMES } from '../../views/channel-names';
import type { ReportFilters, ReportScope } from '../scope';
import { label, type Shown } from '../suppress';

export { CHANNEL_NAMES };

/** A figure in words; hidden ones are marked so print and screen readers read them the same. */
export function Figure({ shown }: { shown: Shown }) {
  if (shown.kind === 'count') return <>{shown.value.toLocaleString('en-GB')}</>;
  return <span class="heard-suppressed">{label(shown)}</span>;
}

export function periodName(quarters: Quarter[]): string {
  const first = quarters[0]!;
  const last = quarters[quarters.length - 1]!;
  return first === last || first.key === last.key ? quarterName(first) : `${quarterName(first)} to ${quarterName(last)}`;
}

const longDay = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function periodDays(quarters: Quarter[]): string {
  return `${longDay(ukDay(quarters[0]!.start))} to ${longDay(ukDay(quarters[quarters.length - 1]!.end - 1))}`;
}

export function quarterLabel(q: Quarter): string {
  return `${quarterName(q)} (${quarterMonths(q)})`;
}

/** The filters in words, for headings and the printed cover. */
export function filtersInWords(filters: ReportFilters, choices: Choices): string[] {
  const out: string[] = [];
  if (filters.form) out.push(`Form: ${choices.forms.find((f) => f.id === filters.form)?.title ?? filters.form}`);
  if (filters.session) out.push(`Session: ${choices.sessions.find((s) => s.id === filters.session)?.name ?? filters.session}`);
  if (filters.organisation) out.push(`Organisation: ${choices.organisations.find((o) => o.id === filters.organisation)?.name ?? filters.organisation}`);
  if (filters.channel) out.push(`How it was given: ${CHANNEL_NAMES[filters.channel]}`);
  return out;
}

export function SuppressionNote({ threshold }: { threshold: number }) {
  return (
    <p class="govuk-body-s">
      To protect the people who gave feedback, any count from 1 to {threshold - 1} shows as “fewer than {threshold}”. A total over several quarters that includes such a quarter
      shows as “at least” a number. “Not shown” means a figure is hidden so that a small number cannot be worked out by subtracting the others from a total, or by comparing
      this view with one without its filters. Reports count whole quarters (April to June, July to September, October to December, January to March).
    </p>
  );
}

function Select({ id, label: text, value, options, any, error }: { id: string; label: string; value?: string; options: { value: string; text: string }[]; any?: string; error?: string }) {
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        {text}
      </label>
      {error && (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id={id} name={id} aria-describedby={error ? `${id}-error` : undefined}>
        {any !== undefined && <option value="">{any}</option>}
        {options.map((o) => (
          <option value={o.value} selected={o.value === value} key={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The report's choices as one GET form, so every view has an address to share and needs no script.
 * Periods are offered as whole quarters; a typed date in the address is widened to its quarter.
 */
export function FilterForm({ action, query, choices, errors = [], objectiveCode }: { action: string; query: ReportQuery; choices: Choices; errors?: FieldError[]; objectiveCode?: string }) {
  const err = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  const fromOptions = choices.quarters.map((q) => ({ value: ukDay(q.start), text: quarterLabel(q) }));
  const toOptions = choices.quarters.map((q) => ({ value: ukDay(q.end - 1), text: quarterLabel(q) }));
  // A date typed into the address that is not a quarter's first or last day still shows as chosen.
  if (query.from && !fromOptions.some((o) => o.value === query.from)) fromOptions.unshift({ value: query.from, text: query.from });
  if (query.to && !toOptions.some((o) => o.value === query.to)) toOptions.push({ value: query.to, text: query.to });
  return (
    <form method="get" action={action} class="heard-report-filters" novalidate>
      {errors.length > 0 && <ErrorSummary errors={errors} locale="en" />}
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">What to report on</legend>
        <div class="heard-report-filters__row">
          {objectiveCode === undefined && (
            <Select id="framework" label="Framework" value={query.framework} options={choices.frameworks.map((f) => ({ value: f.id, text: f.name }))} error={err('framework')} />
          )}
          {objectiveCode !== undefined && <input type="hidden" name="framework" value={query.framework} />}
          <Select id="from" label="From the start of" value={query.from} options={fromOptions} error={err('from')} />
          <Select id="to" label="To the end of" value={query.to} options={toOptions} error={err('to')} />
          <Select id="form" label="Form" value={query.form} any="All forms" options={choices.forms.map((f) => ({ value: f.id, text: f.title }))} error={err('form')} />
          <Select id="session" label="Session" value={query.session} any="All sessions and none" options={choices.sessions.map((s) => ({ value: s.id, text: s.name }))} error={err('session')} />
          <Select id="organisation" label="Organisation" value={query.organisation} any="All organisations" options={choices.organisations.map((o) => ({ value: o.id, text: o.name }))} error={err('organisation')} />
          <Select id="channel" label="How it was given" value={query.channel} any="Every way" options={CHANNELS.map((c) => ({ value: c, text: CHANNEL_NAMES[c] }))} error={err('channel')} />
        </div>
        <button type="submit" class="govuk-button govuk-!-margin-bottom-0">
          Show report
        </button>
      </fieldset>
    </form>
  );
}

export function Downloads({ scope, children }: { scope: ReportScope; children?: ComponentChildren }) {
  const q = (path: string) => `${path}?${new URLSearchParams(Object.entries({ framework: scope.frameworkId, from: ukDay(scope.quarters[0]!.start), to: ukDay(scope.quarters[scope.quarters.length - 1]!.end - 1), ...scope.filters }).filter(([, v]) => v) as [string, string][]).toString()}`;
  return (
    <ul class="govuk-list heard-report-links">
      <li>
        <a class="govuk-link" href={q('/reports/objectives.csv')} download>
          Download figures by objective and quarter (CSV)
        </a>
      </li>
      <li>
        <a class="govuk-link" href={q('/reports/excerpts.csv')} download>
          Download approved quotes (CSV)
        </a>
      </li>
      <li>
        <a class="govuk-link" href={q('/reports/print')}>
          Printable report
        </a>
      </li>
      {children}
    </ul>
  );
}

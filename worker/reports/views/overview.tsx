// The report's first page: the method in brief, then every objective ranked by how many responses
// touched it in the period, with the latest quarter against the one before.
import { StaffLayout, type StaffLayoutProps } from '../../views/staff-layout';
import { Table } from '../../views/table';
import { BarChart } from '../charts';
import type { Framework, Overview } from '../figures';
import { quarterName } from '../period';
import type { Choices, FieldError, ReportQuery } from '../request';
import { scopeQuery } from '../request';
import type { ReportScope } from '../scope';
import type { Shown } from '../suppress';
import { Downloads, Figure, FilterForm, filtersInWords, periodDays, periodName, SuppressionNote } from './common';

type Me = NonNullable<StaffLayoutProps['staff']>;

export function Change({ shown }: { shown: Shown }) {
  if (shown.kind !== 'count') return <span class="heard-suppressed">not shown</span>;
  if (shown.value === 0) return <>no change</>;
  return <>{shown.value > 0 ? `up ${shown.value}` : `down ${-shown.value}`}</>;
}

export function MethodList({ overview }: { overview: Overview }) {
  const m = overview.method;
  return (
    <dl class="govuk-summary-list heard-report-method">
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Responses in this view</dt>
        <dd class="govuk-summary-list__value">
          <Figure shown={m.responses} />
        </dd>
      </div>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Moderated (read, redacted and done)</dt>
        <dd class="govuk-summary-list__value">
          <Figure shown={m.moderated} />
        </dd>
      </div>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Tagged against this framework</dt>
        <dd class="govuk-summary-list__value">
          <Figure shown={m.tagged} />
        </dd>
      </div>
    </dl>
  );
}

export interface OverviewPageProps {
  me: Me;
  choices: Choices;
  query: ReportQuery;
  errors?: FieldError[];
  report?: { scope: ReportScope; framework: Framework; overview: Overview; widened: boolean };
  canFreeze: boolean;
}

export function OverviewPage(p: OverviewPageProps) {
  const r = p.report;
  const title = r ? `Report: ${r.framework.name}` : 'Reports';
  return (
    <StaffLayout title={title} staff={p.me} hasErrors={(p.errors?.length ?? 0) > 0} wide>
      <span class="govuk-caption-l">Report{r ? `, ${periodName(r.scope.quarters)}` : ''}</span>
      <h1 class="govuk-heading-l">{r ? r.framework.name : 'Reports'}</h1>
      <FilterForm action="/reports" query={p.query} choices={p.choices} errors={p.errors} />
      {r && <OverviewBody {...p} report={r} />}
      <p class="govuk-body">
        <a class="govuk-link" href="/reports/snapshots">
          Frozen quarterly reports
        </a>{' '}
        ·{' '}
        <a class="govuk-link" href="/reports/actions">
          You said, we did: actions
        </a>
      </p>
    </StaffLayout>
  );
}

function OverviewBody(p: OverviewPageProps & { report: NonNullable<OverviewPageProps['report']> }) {
  const { scope, overview, widened } = p.report;
  const last = scope.quarters[scope.quarters.length - 1]!;
  const filters = filtersInWords(scope.filters, p.choices);
  return (
    <>
      <p class="govuk-body-l">
        {periodDays(scope.quarters)}
        {filters.length > 0 && <>. {filters.join('. ')}</>}.
      </p>
      {widened && (
        <div class="govuk-inset-text" role="status">
          The dates you chose were widened to whole quarters: reports count whole quarters only.
        </div>
      )}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <MethodList overview={overview} />
        </div>
        <div class="govuk-grid-column-one-half">
          <Downloads scope={scope} />
        </div>
      </div>
      <BarChart
        id="objectives-chart"
        title={`The ten objectives most responses raised, ${periodName(scope.quarters)}`}
        rows={overview.objectives.slice(0, 10).map((o) => ({ label: `${o.code} ${o.text}`, shown: o.responses }))}
      />
      <Table
        caption={`Objectives by how many responses raised them, ${periodName(scope.quarters)}`}
        captionSize="m"
        columns={['Objective', { text: 'Responses', numeric: true }, { text: 'Excerpts', numeric: true }, { text: `${quarterName(last)}`, numeric: true }, { text: 'Since the quarter before', numeric: true }]}
      >
        {overview.objectives.map((o) => (
          <tr class="govuk-table__row" key={o.id}>
            <th scope="row" class="govuk-table__header">
              <a class="govuk-link" href={`/reports/objective/${encodeURIComponent(scope.frameworkId)}/${encodeURIComponent(o.code)}${scopeQuery(scope)}`}>
                {o.code} {o.text}
              </a>
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric">
              <Figure shown={o.responses} />
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric">
              <Figure shown={o.excerpts} />
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric">
              <Figure shown={o.trend[o.trend.length - 1]!.responses} />
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric">
              <Change shown={o.change} />
            </td>
          </tr>
        ))}
      </Table>
      <SuppressionNote threshold={overview.method.threshold} />
      {p.canFreeze && scope.quarters.some((q) => q.end <= Date.now()) && (
        <form method="post" action="/reports/snapshots" class="heard-inline-form">
          <input type="hidden" name="csrf" value={p.me.csrf} />
          <input type="hidden" name="framework" value={scope.frameworkId} />
          <div class="govuk-form-group">
            <label class="govuk-label govuk-label--s" for="freeze-quarter">
              Freeze a quarter’s report
            </label>
            <div class="govuk-hint" id="freeze-quarter-hint">
              The figures are kept as they are now, so published numbers do not move when tagging changes later. Freezing covers the whole framework, with no filters. Only a quarter that has ended can be frozen.
            </div>
            <select class="govuk-select" id="freeze-quarter" name="quarter" aria-describedby="freeze-quarter-hint">
              {[...scope.quarters]
                .filter((q) => q.end <= Date.now())
                .reverse()
                .map((q) => (
                  <option value={q.key} key={q.key}>
                    {quarterName(q)}
                  </option>
                ))}
            </select>
          </div>
          <button type="submit" class="govuk-button govuk-button--secondary">
            Freeze this quarter
          </button>
        </form>
      )}
    </>
  );
}

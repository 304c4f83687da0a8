// Frozen quarters: the list, one opened as it was frozen, and one compared with the live figures.
import { StaffLayout, type StaffLayoutProps } from '../../views/staff-layout';
import { Table } from '../../views/table';
import type { ObjectiveMeta } from '../figures';
import { parseQuarter, quarterMonths, quarterName } from '../period';
import type { Shown } from '../suppress';
import { Figure, SuppressionNote } from '../views/common';
import type { SnapshotFigures } from './figures';
import type { SnapshotRow } from './queries';
import { SuccessBanner } from '../../views/success-banner';

type Me = NonNullable<StaffLayoutProps['staff']>;

const when = (ms: number) => new Date(ms).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
const quarterTitle = (key: string) => {
  const q = parseQuarter(key);
  return q ? `${quarterName(q)} (${quarterMonths(q)})` : key;
};

export function SnapshotListPage({ me, rows }: { me: Me; rows: SnapshotRow[] }) {
  return (
    <StaffLayout title="Frozen quarterly reports" staff={me}>
      <a class="govuk-back-link" href="/reports">
        Reports
      </a>
      <h1 class="govuk-heading-l">Frozen quarterly reports</h1>
      <p class="govuk-body">A frozen report keeps a quarter’s figures as they were published, so they do not move when tagging changes later. Freeze a quarter from a report’s overview.</p>
      {rows.length === 0 ? (
        <p class="govuk-body">No quarter has been frozen yet.</p>
      ) : (
        <Table caption="Frozen reports" columns={['Quarter', 'Framework', 'Frozen', 'Compare']}>
          {rows.map((r) => (
            <tr class="govuk-table__row" key={r.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/reports/snapshots/${r.id}`}>
                  {quarterTitle(r.quarter)}
                </a>
              </td>
              <td class="govuk-table__cell">{r.frameworkName}</td>
              <td class="govuk-table__cell">
                {when(r.createdAt)} by {r.createdByName}
              </td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/reports/snapshots/${r.id}/compare`}>
                  Compare with now<span class="govuk-visually-hidden">: {quarterTitle(r.quarter)}, {r.frameworkName}</span>
                </a>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </StaffLayout>
  );
}

export function SnapshotPage({ me, row, figures, objectives, themeNames, created }: { me: Me; row: SnapshotRow; figures: SnapshotFigures; objectives: ObjectiveMeta[]; themeNames: Map<string, string>; created?: boolean }) {
  const meta = new Map(objectives.map((o) => [o.id, o]));
  return (
    <StaffLayout title={`${row.frameworkName}, ${quarterTitle(row.quarter)} (frozen)`} staff={me} wide>
      <a class="govuk-back-link" href="/reports/snapshots">
        Frozen quarterly reports
      </a>
      {created !== undefined && (
        <SuccessBanner id="frozen-title" title={created ? 'Frozen' : 'Already frozen'}>
          {created ? 'This quarter’s figures are now frozen.' : 'This quarter was frozen before: these are the figures kept then.'}
        </SuccessBanner>
      )}
      <span class="govuk-caption-l">Frozen report, {quarterTitle(row.quarter)}</span>
      <h1 class="govuk-heading-l">{row.frameworkName}</h1>
      <p class="govuk-body">
        Frozen on {when(row.createdAt)} by {row.createdByName}. <a class="govuk-link" href={`/reports/snapshots/${row.id}/compare`}>Compare with the figures now</a>.
      </p>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Responses</dt>
          <dd class="govuk-summary-list__value">
            <Figure shown={figures.method.responses} />
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Moderated</dt>
          <dd class="govuk-summary-list__value">
            <Figure shown={figures.method.moderated} />
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Tagged against this framework</dt>
          <dd class="govuk-summary-list__value">
            <Figure shown={figures.method.tagged} />
          </dd>
        </div>
      </dl>
      <Table caption="Objectives as frozen" captionSize="m" columns={['Objective', { text: 'Responses', numeric: true }, { text: 'Excerpts', numeric: true }, 'Top themes']}>
        {figures.objectives.map((o) => {
          const m = meta.get(o.id);
          return (
            <tr class="govuk-table__row" key={o.id}>
              <th scope="row" class="govuk-table__header">
                {m ? `${m.code} ${m.text}` : o.id}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                <Figure shown={o.responses} />
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                <Figure shown={o.excerpts} />
              </td>
              <td class="govuk-table__cell">
                {o.themes.length === 0
                  ? '–'
                  : o.themes.map((t, i) => (
                      <span key={t.id}>
                        {i > 0 && '; '}
                        {themeNames.get(t.id) ?? t.id} (<Figure shown={t.shown} />)
                      </span>
                    ))}
              </td>
            </tr>
          );
        })}
      </Table>
      <SuppressionNote threshold={figures.threshold} />
    </StaffLayout>
  );
}

/** A difference only when both figures are exact; otherwise nothing could be subtracted safely. */
function Difference({ then, now, frozenThreshold }: { then: Shown; now: Shown; frozenThreshold: number }) {
  if (then.kind !== 'count' || now.kind !== 'count') return <span class="heard-suppressed">not shown</span>;
  const d = now.value - then.value;
  // A change of 1 to 4 is itself a small count (one withdrawal, a few late tags): said, not counted.
  const size = Math.abs(d) < frozenThreshold ? `fewer than ${frozenThreshold}` : String(Math.abs(d));
  return <>{d === 0 ? 'same' : d > 0 ? `${size} more` : `${size} fewer`}</>;
}

export function ComparePage({ me, row, frozen, live, objectives }: { me: Me; row: SnapshotRow; frozen: SnapshotFigures; live: SnapshotFigures; objectives: ObjectiveMeta[] }) {
  const liveById = new Map(live.objectives.map((o) => [o.id, o]));
  return (
    <StaffLayout title={`${row.frameworkName}, ${quarterTitle(row.quarter)}: frozen and now`} staff={me} wide>
      <a class="govuk-back-link" href={`/reports/snapshots/${row.id}`}>
        The frozen report
      </a>
      <span class="govuk-caption-l">{quarterTitle(row.quarter)}</span>
      <h1 class="govuk-heading-l">{row.frameworkName}: frozen and now</h1>
      <p class="govuk-body">Figures change after freezing when moderators tag more, correct tags, or a person withdraws their response. The frozen figures are the ones published.</p>
      <Table caption="Responses per objective, frozen and now" captionSize="m" columns={['Objective', { text: 'Frozen', numeric: true }, { text: 'Now', numeric: true }, { text: 'Difference', numeric: true }]}>
        {objectives.map((m) => {
          const then = frozen.objectives.find((o) => o.id === m.id)?.responses ?? { kind: 'count', value: 0 };
          const now = liveById.get(m.id)?.responses ?? { kind: 'count', value: 0 };
          return (
            <tr class="govuk-table__row" key={m.id}>
              <th scope="row" class="govuk-table__header">
                {m.code} {m.text}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                <Figure shown={then} />
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                <Figure shown={now} />
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                <Difference then={then} now={now} frozenThreshold={frozen.threshold} />
              </td>
            </tr>
          );
        })}
      </Table>
      <SuppressionNote threshold={frozen.threshold} />
    </StaffLayout>
  );
}

// One objective's page: how much feedback touched it, quarter by quarter and by channel, the
// ratings those people gave, the themes alongside, approved quotes, and what was done about it.
import type { ActionSummary } from '../actions/queries';
import { StatusTag } from '../actions/views';
import { StaffLayout, type StaffLayoutProps } from '../../views/staff-layout';
import { Table } from '../../views/table';
import { BarChart, TrendChart } from '../charts';
import type { ObjectiveDetail, Quote } from '../detail';
import { quotesAllowed } from '../detail';
import type { Framework, ObjectiveSummary } from '../figures';
import { quarterName } from '../period';
import type { ReportScope } from '../scope';
import { CHANNEL_NAMES, Figure, periodDays, periodName, SuppressionNote } from './common';

type Me = NonNullable<StaffLayoutProps['staff']>;

export interface ObjectiveSectionProps {
  scope: ReportScope;
  objective: ObjectiveSummary;
  detail: ObjectiveDetail;
  quotes: Quote[];
  actions: ActionSummary[];
  headingLevel: 1 | 2;
}

/** The objective's figures, used by its own page and by each objective of the printed report. */
export function ObjectiveSection(p: ObjectiveSectionProps) {
  const o = p.objective;
  const H = p.headingLevel === 1 ? 'h1' : 'h2';
  const h = p.headingLevel === 1 ? 'h2' : 'h3';
  const Sub = h as 'h2';
  const idp = `o-${o.code.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <section class="heard-report-objective" aria-labelledby={`${idp}-title`}>
      <span class="govuk-caption-m">{o.section}</span>
      <H class={p.headingLevel === 1 ? 'govuk-heading-l' : 'govuk-heading-m'} id={`${idp}-title`}>
        {o.code} {o.text}
      </H>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Responses that raised it</dt>
          <dd class="govuk-summary-list__value">
            <Figure shown={o.responses} />
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Excerpts tagged with it</dt>
          <dd class="govuk-summary-list__value">
            <Figure shown={o.excerpts} />
          </dd>
        </div>
      </dl>

      <Sub class="govuk-heading-s">Quarter by quarter</Sub>
      <TrendChart id={`${idp}-trend`} title={`Responses that raised ${o.code}, by quarter`} rows={o.trend.map((c) => ({ label: quarterName(c.quarter), shown: c.responses }))} />
      <Table caption={`Responses that raised ${o.code}, by quarter`} columns={['Quarter', { text: 'Responses', numeric: true }]}>
        {o.trend.map((c) => (
          <tr class="govuk-table__row" key={c.quarter.key}>
            <th scope="row" class="govuk-table__header">
              {quarterName(c.quarter)}
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric">
              <Figure shown={c.responses} />
            </td>
          </tr>
        ))}
      </Table>

      <Sub class="govuk-heading-s">How people gave this feedback</Sub>
      {o.channelsWithheld ? (
        <p class="govuk-body">Not shown: the numbers are too small to show safely.</p>
      ) : (
        <Table caption={`Responses that raised ${o.code}, by how they were given; group discussions are counted apart from individual responses`} columns={['How it was given', { text: 'Responses', numeric: true }]}>
          {o.channels.map((c) => (
            <tr class="govuk-table__row" key={c.channel}>
              <th scope="row" class="govuk-table__header">
                {CHANNEL_NAMES[c.channel]}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                <Figure shown={c.shown} />
              </td>
            </tr>
          ))}
        </Table>
      )}

      <Sub class="govuk-heading-s">Ratings given by the people who raised it</Sub>
      {p.detail.ratings.length === 0 && <p class="govuk-body">No ratings among these responses.</p>}
      {p.detail.ratings.map((r) =>
        r.withheld ? (
          <p class="govuk-body" key={r.question.id}>
            {r.question.label}: not shown, the numbers are too small to show safely.
          </p>
        ) : (
          <div key={r.question.id}>
            <BarChart
              id={`${idp}-rating-${r.question.id}`}
              title={`${r.question.label} (responses that raised ${o.code})`}
              rows={[...r.points.map((pt) => ({ label: pt.label, shown: pt.shown })), { label: 'No rating', shown: r.noRating }]}
            />
            <Table caption={r.question.label} captionSize="s" columns={['Answer', { text: 'Responses', numeric: true }]}>
              {r.points.map((pt) => (
                <tr class="govuk-table__row" key={pt.value}>
                  <th scope="row" class="govuk-table__header">
                    {pt.label}
                  </th>
                  <td class="govuk-table__cell govuk-table__cell--numeric">
                    <Figure shown={pt.shown} />
                  </td>
                </tr>
              ))}
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  No rating (not asked or skipped)
                </th>
                <td class="govuk-table__cell govuk-table__cell--numeric">
                  <Figure shown={r.noRating} />
                </td>
              </tr>
            </Table>
          </div>
        ),
      )}

      <Sub class="govuk-heading-s">Themes raised alongside it</Sub>
      {p.detail.themes.length === 0 ? (
        <p class="govuk-body">No themes tagged alongside it in this period.</p>
      ) : (
        <Table caption={`Top themes in responses that raised ${o.code}`} columns={['Theme', { text: 'Responses', numeric: true }]}>
          {p.detail.themes.map((t) => (
            <tr class="govuk-table__row" key={t.id}>
              <th scope="row" class="govuk-table__header">
                {t.name}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                <Figure shown={t.shown} />
              </td>
            </tr>
          ))}
        </Table>
      )}

      <Sub class="govuk-heading-s">What people said</Sub>
      {!quotesAllowed(o.responses) ? (
        <p class="govuk-body">Quotes are not shown when fewer than {p.scope.threshold} responses raised an objective, so nobody can be recognised.</p>
      ) : p.quotes.length === 0 ? (
        <p class="govuk-body">No approved quotes for this objective in this period.</p>
      ) : (
        <ul class="govuk-list heard-report-quotes">
          {p.quotes.map((q) => (
            <li key={q.excerptId}>
              <blockquote class="heard-quote">
                <p class="govuk-body">“{q.text}”</p>
                <footer class="govuk-body-s">
                  {quarterName(q.quarter)}, {q.form}
                  {q.themes.length > 0 && <>. Themes: {q.themes.join(', ')}</>}
                </footer>
              </blockquote>
            </li>
          ))}
        </ul>
      )}

      <Sub class="govuk-heading-s">What was done</Sub>
      {p.actions.length === 0 ? (
        <p class="govuk-body">No actions recorded against this objective yet.</p>
      ) : (
        <ul class="govuk-list heard-report-actions">
          {p.actions.map((a) => (
            <li key={a.id}>
              <p class="govuk-body govuk-!-margin-bottom-1">
                <strong>You said:</strong> {a.youSaid.en}
              </p>
              <p class="govuk-body govuk-!-margin-bottom-1">
                <strong>We did:</strong> {a.weDid.en}
              </p>
              <p class="govuk-body-s">
                <StatusTag status={a.status} /> {a.organisationName}, {new Date(a.actedOn).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}
                {!a.published && ' (draft, not published)'}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ObjectivePage(p: { me: Me; framework: Framework; backHref: string } & Omit<ObjectiveSectionProps, 'headingLevel'>) {
  return (
    <StaffLayout title={`${p.objective.code} ${p.objective.text} – ${p.framework.name}`} staff={p.me} wide>
      <a class="govuk-back-link" href={p.backHref}>
        All objectives
      </a>
      <p class="govuk-body">
        {p.framework.name}: {periodName(p.scope.quarters)}, {periodDays(p.scope.quarters)}.
      </p>
      <ObjectiveSection {...p} headingLevel={1} />
      {p.objective.deliverables.length > 0 && (
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">What the strategy says will be delivered</span>
          </summary>
          <div class="govuk-details__text">
            <ul class="govuk-list govuk-list--bullet">
              {p.objective.deliverables.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </div>
        </details>
      )}
      <SuppressionNote threshold={p.scope.threshold} />
    </StaffLayout>
  );
}

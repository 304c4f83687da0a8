// The whole report as one document for "Print to PDF": a cover (framework, period, counts, method),
// the objectives that feedback touched (one per page), then those it did not.
import type { ComponentChildren } from 'preact';
import { StaffLayout, type StaffLayoutProps } from '../../views/staff-layout';
import { Table } from '../../views/table';
import type { Framework, Overview } from '../figures';
import type { ReportScope } from '../scope';
import { drawable } from '../suppress';
import { Figure, periodDays, periodName } from './common';
import { MethodList } from './overview';

type Me = NonNullable<StaffLayoutProps['staff']>;

/** Agreement of the period's blind second coding (worker/moderate/second-coding/), if any response was coded twice. */
export interface CodingAgreement {
  responses: number;
  percent: number | null;
  kappa: number | null;
  codes: number;
}

export function PrintPage(p: { me: Me; framework: Framework; scope: ReportScope; overview: Overview; filters: string[]; generatedAt: number; backHref: string; agreement?: CodingAgreement; children: ComponentChildren }) {
  const touched = p.overview.objectives.filter((o) => drawable(o.responses) > 0 || o.responses.kind !== 'count');
  const untouched = p.overview.objectives.filter((o) => !touched.includes(o));
  const t = p.scope.threshold;
  return (
    <StaffLayout title={`${p.framework.name}: report for ${periodName(p.scope.quarters)}`} staff={p.me} wide>
      <div class="heard-no-print">
        <a class="govuk-back-link" href={p.backHref}>
          Back to the report
        </a>
        <div class="govuk-inset-text">To save this report as a PDF, use your browser’s Print command (Ctrl and P, or Command and P on a Mac) and choose “Save as PDF”.</div>
      </div>
      <section class="heard-report-cover" aria-labelledby="cover-title">
        <span class="govuk-caption-xl">What people told us</span>
        <h1 class="govuk-heading-xl" id="cover-title">
          {p.framework.name}
        </h1>
        <p class="govuk-body-l">
          Report for {periodName(p.scope.quarters)}: {periodDays(p.scope.quarters)}.
        </p>
        {p.filters.length > 0 && <p class="govuk-body">Limited to: {p.filters.join('; ')}.</p>}
        <MethodList overview={p.overview} />
        <h2 class="govuk-heading-m">How this report was made</h2>
        <p class="govuk-body">
          People who use homelessness services gave feedback on Heard forms, online, on tablets at venues, with a facilitator, in group discussions and on paper. Moderators read every
          response, took out anything that could identify someone (names, contact details, places, staff), and tagged what people said against the objectives of the {p.framework.name}{' '}
          and the themes of the codebook. A response counts once for each objective it was tagged with; an excerpt is a part of an answer tagged on its own. Responses a moderator
          excluded (for example, left blank or not feedback) are not counted.
        </p>
        <p class="govuk-body" id="second-coding">
          {p.agreement && p.agreement.responses > 0
            ? `To check the tagging, a random sample of ${p.agreement.responses} responses from this period was tagged again by a second moderator who could not see the first one's tags. The two agreed on ${p.agreement.percent === null ? 'none' : `${Math.round(p.agreement.percent * 100)}%`} of their decisions about the ${p.agreement.codes} objectives either of them used (Cohen's kappa ${p.agreement.kappa === null ? 'not defined' : p.agreement.kappa.toFixed(2)}: 1 is perfect agreement, 0 no better than chance). Where they disagreed, a moderator settled which tags count.`
            : 'No responses from this period were tagged a second time to check agreement between moderators.'}
        </p>
        <p class="govuk-body">
          Small numbers are hidden so nobody can be recognised: any count from 1 to {t - 1} shows as “fewer than {t}”; a total over several quarters that includes such a quarter shows
          as “at least” a number; and where a small number could be worked out by subtracting the other figures from a total, further figures are “not shown”. Quotes are only those
          a moderator approved, from people who agreed to be quoted, with identifying details removed, and never for an objective fewer than {t} responses raised.
        </p>
        <p class="govuk-body-s">
          Made on {new Date(p.generatedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })}. Figures can change as
          moderation continues; a frozen quarterly report keeps them as published.
        </p>
        <h2 class="govuk-heading-m">Contents</h2>
        <ol class="govuk-list govuk-list--number">
          {touched.map((o) => (
            <li key={o.id}>
              {o.code} {o.text}: <Figure shown={o.responses} /> responses
            </li>
          ))}
          {untouched.length > 0 && <li>Objectives no feedback raised in this period</li>}
        </ol>
      </section>
      {p.children}
      {untouched.length > 0 && (
        <section class="heard-report-objective" aria-labelledby="untouched-title">
          <h2 class="govuk-heading-m" id="untouched-title">
            Objectives no feedback raised in this period
          </h2>
          <Table caption="Objectives with no tagged responses" columns={['Objective', 'Section']}>
            {untouched.map((o) => (
              <tr class="govuk-table__row" key={o.id}>
                <td class="govuk-table__cell">
                  {o.code} {o.text}
                </td>
                <td class="govuk-table__cell">{o.section}</td>
              </tr>
            ))}
          </Table>
        </section>
      )}
    </StaffLayout>
  );
}

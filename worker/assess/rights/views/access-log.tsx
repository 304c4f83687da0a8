// /assess/:id/access-log: every read and change of the assessment, oldest first, in plain words, for
// the assessing organisation to answer a subject access request (also once the content is deleted).
import { StaffLayout } from '../../../views/staff-layout';
import { Table } from '../../../views/table';
import { momentText, type Me } from '../../views/common';
import type { LogLine } from '../queries';

export function AccessLogPage({ me, id, reference, deleted, lines }: { me: Me; id: string; reference: string; deleted: boolean; lines: LogLine[] }) {
  return (
    <StaffLayout title={`Access log ${reference}`} staff={me} wide>
      <a class="govuk-back-link" href={`/assess/${id}`}>
        {deleted ? 'What is left of the assessment' : 'Back to the assessment'}
      </a>
      <span class="govuk-caption-l">Trusted assessment {reference}</span>
      <h1 class="govuk-heading-l">Access log</h1>
      <p class="govuk-body">
        Every time someone read or changed this assessment, oldest first. It is kept after the assessment is deleted, so a subject access request can still be answered. It never holds
        what the person said.
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/assess/${id}/access-log.csv`} download>
          Download the access log (CSV)
        </a>
      </p>
      <Table caption={`Access log of assessment ${reference}`} columns={['When', 'Who', 'What', 'Detail']}>
        {lines.map((l, i) => (
          <tr class="govuk-table__row" key={i}>
            <td class="govuk-table__cell">{momentText(l.at)}</td>
            <td class="govuk-table__cell">
              {l.who}
              {l.organisation && (
                <>
                  <br />
                  <span class="govuk-body-s">{l.organisation}</span>
                </>
              )}
            </td>
            <td class="govuk-table__cell">{l.what}</td>
            <td class="govuk-table__cell">{l.detail}</td>
          </tr>
        ))}
      </Table>
    </StaffLayout>
  );
}

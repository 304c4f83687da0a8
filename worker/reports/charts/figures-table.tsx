// The chart's figures as a GOV.UK table, in the same words (`label()`), for anyone who cannot see
// or read the picture, and for copying into a paper of one's own.
import { label } from '../suppress';
import { Table } from '../../views/table';
import type { ChartRow } from './svg';

export interface FiguresTableProps {
  caption: string;
  rows: ChartRow[];
  /** The first column: "Quarter", "Objective", "Rating", "Channel". */
  labelHeading: string;
  /** The figures' column; "Responses" unless said. */
  valueHeading?: string;
  captionSize?: 's' | 'm' | 'hidden';
}

export function FiguresTable({ caption, rows, labelHeading, valueHeading = 'Responses', captionSize = 's' }: FiguresTableProps) {
  return (
    <Table caption={caption} captionSize={captionSize} columns={[labelHeading, { text: valueHeading, numeric: true }]}>
      {rows.map((r) => (
        <tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header">
            {r.label}
          </th>
          <td class="govuk-table__cell govuk-table__cell--numeric">{label(r.shown)}</td>
        </tr>
      ))}
    </Table>
  );
}

// A chart and, beneath it, the same figures as a table: what a report page places once per objective.
import { BarChart } from './bar-chart';
import { FiguresTable } from './figures-table';
import { NOTHING_TO_SHOW, type ChartProps } from './svg';
import { TrendChart } from './trend-chart';

export interface ChartWithTableProps extends ChartProps {
  /** 'trend': a vertical bar per quarter, in order; 'bars': a horizontal bar per labelled row. */
  kind: 'trend' | 'bars';
  /** The table's first column: "Quarter", "Objective", "Rating", "Channel". */
  labelHeading: string;
  /** The table's figures column; "Responses" unless said. */
  valueHeading?: string;
}

export function ChartWithTable({ kind, labelHeading, valueHeading, ...chart }: ChartWithTableProps) {
  if (chart.rows.length === 0) return <p class="govuk-body">{chart.empty ?? NOTHING_TO_SHOW}</p>;
  return (
    <div class="heard-chart">
      {kind === 'trend' ? <TrendChart {...chart} /> : <BarChart {...chart} />}
      <FiguresTable caption={chart.title} rows={chart.rows} labelHeading={labelHeading} valueHeading={valueHeading} />
    </div>
  );
}

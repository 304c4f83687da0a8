// Charts for commissioners' reports: each a pure component, figures in (already suppressed), markup out.
export { BarChart, layoutBars, ranked, type BarLayout, type BarRowLayout } from './bar-chart';
export { ChartWithTable, type ChartWithTableProps } from './chart-with-table';
export { FiguresTable, type FiguresTableProps } from './figures-table';
export { describeChart, NOTHING_TO_SHOW, type ChartProps, type ChartRow } from './svg';
export { layoutTrend, TrendChart, type TrendColumnLayout, type TrendLayout } from './trend-chart';

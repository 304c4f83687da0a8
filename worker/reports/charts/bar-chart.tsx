// Horizontal bars, one labelled row each: objectives ranked by volume, a rating's answers, channels.
// Short labels sit to the left of their bars; long ones (an objective's words) get a line of their own
// above the bar, so nothing runs off the chart. Every bar carries its figure's words just past its end.
import { drawable, label } from '../suppress';
import { ChartSvg, describeChart, DARK, NOTHING_TO_SHOW, OpenBar, textWidth, WIDTH, type ChartProps, type ChartRow } from './svg';

const BAR = 22;
/** Labels up to this wide sit beside their bars; wider ones go above. */
const SIDE_LABEL = 230;
const GAP = 8;
/** Characters of a label above its bar that fit the width (7.6 units is Arial's average); longer ones end in "…" and the table has them whole. */
const ABOVE_CHARS = Math.floor(WIDTH / 7.6);

export interface BarRowLayout {
  label: string;
  words: string;
  /** Top of the bar. */
  y: number;
  /** Absent when nothing may be drawn: a 0, "fewer than 5" or "not shown". */
  bar?: { width: number; open: boolean };
}

export interface BarLayout {
  width: number;
  height: number;
  labelsAbove: boolean;
  /** Bars start at `x`; the largest figure is drawn exactly `width` long. */
  plot: { x: number; width: number };
  rows: BarRowLayout[];
}

export function layoutBars(rows: ChartRow[]): BarLayout {
  const widest = Math.max(0, ...rows.map((r) => textWidth(r.label)));
  const labelsAbove = widest > SIDE_LABEL;
  const valueRoom = Math.max(0, ...rows.map((r) => textWidth(label(r.shown)))) + GAP;
  const x = labelsAbove ? 0 : widest + GAP * 2;
  const plotWidth = WIDTH - x - valueRoom;
  const pitch = labelsAbove ? BAR + 30 : BAR + 10;
  const top = labelsAbove ? 22 : 4;
  const max = Math.max(0, ...rows.map((r) => drawable(r.shown)));
  return {
    width: WIDTH,
    height: rows.length * pitch + (labelsAbove ? 0 : 4),
    labelsAbove,
    plot: { x, width: plotWidth },
    rows: rows.map((r, i) => {
      const value = drawable(r.shown);
      const text = labelsAbove && r.label.length > ABOVE_CHARS ? `${r.label.slice(0, ABOVE_CHARS - 1).trimEnd()}…` : r.label;
      return {
        label: text,
        words: label(r.shown),
        y: top + i * pitch,
        ...(value > 0 && { bar: { width: Math.max(1, Math.round((value / max) * plotWidth)), open: r.shown.kind === 'at-least' } }),
      };
    }),
  };
}

export function BarChart({ id, title, rows, empty = NOTHING_TO_SHOW }: ChartProps) {
  if (rows.length === 0) return <p class="govuk-body">{empty}</p>;
  return <Bars id={id} title={title} desc={describeChart(title, rows)} rows={rows} />;
}

/** The drawing, once there is something to draw; a long trend is drawn with it too. */
export function Bars({ id, title, desc, rows }: { id: string; title: string; desc: string; rows: ChartRow[] }) {
  const layout = layoutBars(rows);
  const { x } = layout.plot;
  // Text sits on the bar's middle line: 16-unit Arial's capitals centre about 6 units above the baseline.
  const baseline = (y: number) => y + BAR / 2 + 6;
  return (
    <ChartSvg id={id} title={title} desc={desc} width={layout.width} height={layout.height} hatch={layout.rows.some((r) => r.bar?.open)}>
      <g>
        {layout.rows.map((r) => (
          <text x={0} y={layout.labelsAbove ? r.y - 6 : baseline(r.y)}>
            {r.label}
          </text>
        ))}
      </g>
      <g class="heard-chart__bars" fill={DARK}>
        {layout.rows.map((r) => r.bar && !r.bar.open && <rect x={x} y={r.y} width={r.bar.width} height={BAR} />)}
      </g>
      {layout.rows.map((r) => r.bar?.open && <OpenBar id={id} x={x} y={r.y} width={r.bar.width} height={BAR} end="right" />)}
      <g font-weight="bold">
        {layout.rows.map((r) => (
          <text x={x + (r.bar ? r.bar.width + GAP : 0)} y={baseline(r.y)}>
            {r.words}
          </text>
        ))}
      </g>
    </ChartSvg>
  );
}

/** Rows in order of what may be drawn, largest first, ties kept in their order: a hidden figure ranks as nothing. */
export function ranked(rows: ChartRow[]): ChartRow[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => drawable(b.r.shown) - drawable(a.r.shown) || a.i - b.i)
    .map(({ r }) => r);
}

// Counts per quarter for one objective: a vertical bar per quarter in order, its words above it and
// the quarter's name beneath. A name of two parts ("2026/27 Q1") shows its first part only where it
// changes, as a grouped axis does. There is no scale to read: every bar says its figure. A trend
// too long to stand side by side at a readable size (more than 10 to 12 quarters) is drawn as rows.
import { drawable, label } from '../suppress';
import { Bars } from './bar-chart';
import { ChartSvg, describeChart, DARK, LINE, Lines, NOTHING_TO_SHOW, OpenBar, textWidth, twoLines, WIDTH, type ChartProps, type ChartRow } from './svg';

/** The tallest bar's height. */
const PLOT = 160;
const MIN_SLOT = 64;
const MAX_BAR = 48;
/** Wider than this, text would show below about 13px in a 640px column: rows instead. */
const MAX_WIDTH = 800;

export interface TrendColumnLayout {
  /** The middle of the quarter's slot. */
  x: number;
  /** The name's lines; a first line the column before already showed is `null`. */
  label: (string | null)[];
  /** The figure's words, on one or two lines. */
  words: string[];
  /** Absent when nothing may be drawn: a 0, "fewer than 5" or "not shown". */
  bar?: { y: number; height: number; open: boolean };
}

export interface TrendLayout {
  width: number;
  height: number;
  /** Bars stand on `baseline`; the largest figure reaches `top`, exactly `baseline - top` high. */
  plot: { top: number; baseline: number };
  barWidth: number;
  columns: TrendColumnLayout[];
}

export function layoutTrend(rows: ChartRow[]): TrendLayout {
  const names = rows.map((r) => twoLines(r.label));
  const words = rows.map((r) => twoLines(label(r.shown)));
  const widest = Math.max(0, ...[...names, ...words].flat().map(textWidth));
  // Few quarters spread over the usual width; many make the chart wider rather than let words overlap.
  const width = Math.max(WIDTH, rows.length * Math.max(MIN_SLOT, widest + 8));
  const slot = width / rows.length;
  const barWidth = 2 * Math.round(Math.min(MAX_BAR, slot * 0.6) / 2);
  const top = 6 + LINE * Math.max(1, ...words.map((w) => w.length));
  const baseline = top + PLOT;
  const max = Math.max(0, ...rows.map((r) => drawable(r.shown)));
  return {
    width,
    height: baseline + 10 + LINE * Math.max(1, ...names.map((l) => l.length)),
    plot: { top, baseline },
    barWidth,
    columns: rows.map((r, i) => {
      const value = drawable(r.shown);
      const height = value > 0 ? Math.max(1, Math.round((value / max) * PLOT)) : 0;
      const name = names[i]!;
      const repeated = name.length === 2 && i > 0 && names[i - 1]![0] === name[0];
      return {
        x: Math.round(slot * (i + 0.5)),
        label: repeated ? [null, name[1]!] : name,
        words: words[i]!,
        ...(height > 0 && { bar: { y: baseline - height, height, open: r.shown.kind === 'at-least' } }),
      };
    }),
  };
}

export function TrendChart({ id, title, rows, empty = NOTHING_TO_SHOW }: ChartProps) {
  if (rows.length === 0) return <p class="govuk-body">{empty}</p>;
  const span = rows.length > 1 ? `${title}, ${rows[0]!.label} to ${rows[rows.length - 1]!.label}` : `${title}, ${rows[0]!.label}`;
  const layout = layoutTrend(rows);
  if (layout.width > MAX_WIDTH) return <Bars id={id} title={title} desc={describeChart(span, rows)} rows={rows} />;
  const { baseline } = layout.plot;
  const half = layout.barWidth / 2;
  return (
    <ChartSvg id={id} title={title} desc={describeChart(span, rows)} width={layout.width} height={layout.height} hatch={layout.columns.some((c) => c.bar?.open)}>
      <g class="heard-chart__bars" fill={DARK}>
        {layout.columns.map((c) => c.bar && !c.bar.open && <rect x={c.x - half} y={c.bar.y} width={layout.barWidth} height={c.bar.height} />)}
      </g>
      {layout.columns.map((c) => c.bar?.open && <OpenBar id={id} x={c.x - half} y={c.bar.y} width={layout.barWidth} height={c.bar.height} end="top" />)}
      <path class="heard-chart__axis" d={`M0 ${baseline}H${layout.width}`} stroke="#0b0c0c" />
      <g text-anchor="middle">
        <g font-weight="bold">
          {layout.columns.map((c) => (
            <Lines x={c.x} y={(c.bar?.y ?? baseline) - 6 - LINE * (c.words.length - 1)} lines={c.words} />
          ))}
        </g>
        {layout.columns.map((c) => (
          <Lines x={c.x} y={baseline + 20} lines={c.label} />
        ))}
      </g>
    </ChartSvg>
  );
}

// What both charts share: a row's shape, the <svg> frame with its title and description, the
// words of the description, and the hatched, open-ended bar an "at least N" figure is drawn with.
// Figures arrive already suppressed (../suppress.ts): a chart draws `drawable(shown)` and writes
// `label(shown)`, so the picture and the table beside it can never disagree.
import type { ComponentChildren } from 'preact';
import { drawable, label, type Shown } from '../suppress';

export interface ChartRow {
  /** What the bar is: a quarter's name ("2026/27 Q1"), an objective, a rating's answer, a channel. */
  label: string;
  shown: Shown;
}

export interface ChartProps {
  /** Unique on the page (letters, digits, hyphens): every id inside the chart starts with it. */
  id: string;
  /** What the chart counts, e.g. "Responses per quarter": the SVG's title and the start of its description. */
  title: string;
  rows: ChartRow[];
  /** The sentence shown instead of a chart when there are no rows. */
  empty?: string;
}

export const NOTHING_TO_SHOW = 'There are no figures to show for this period.';

/** Charts are laid out 640 units wide and shown at most 40rem wide, so 16 units is 16px at full size. */
export const WIDTH = 640;
export const FONT = 16;
export const LINE = 18;
/** A generous average width of one Arial character at 16 units, to leave room for labels without measuring them. */
const CHAR = 8.5;
export const DARK = '#1d70b8';

export const textWidth = (s: string) => Math.ceil(s.length * CHAR);

/** One or two lines, broken at the space nearest the middle: "2026/27 Q1" becomes "2026/27" and "Q1". */
export function twoLines(s: string): string[] {
  if (s.length <= 6) return [s];
  let best = -1;
  for (let i = s.indexOf(' '); i !== -1; i = s.indexOf(' ', i + 1)) {
    if (best === -1 || Math.abs(i - s.length / 2) < Math.abs(best - s.length / 2)) best = i;
  }
  return best === -1 ? [s] : [s.slice(0, best), s.slice(best + 1)];
}

/**
 * Text that may run to two lines; the first keeps its trailing space so the words read the same as
 * `label()`. A first line of `null` is left out and the second drawn in its own place.
 */
export function Lines({ x, y, lines }: { x: number; y: number; lines: (string | null)[] }) {
  if (lines.length < 2 || lines[0] === null) {
    return (
      <text x={x} y={lines.length < 2 ? y : y + LINE}>
        {lines[lines.length - 1]}
      </text>
    );
  }
  return (
    <text x={x} y={y}>
      {`${lines[0]} `}
      <tspan x={x} dy={LINE}>
        {lines[1]}
      </tspan>
    </text>
  );
}

const hidden = (s: Shown) => s.kind === 'fewer' || s.kind === 'not-shown';

function list(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The chart in words: "Responses per quarter; highest 2026/27 Q2 with 41; not drawn: 2026/27 Q3 (fewer than 5)." */
export function describeChart(title: string, rows: ChartRow[]): string {
  const parts = [title];
  const max = Math.max(0, ...rows.map((r) => drawable(r.shown)));
  if (max > 0) {
    const top = rows.filter((r) => drawable(r.shown) === max);
    const words = new Set(top.map((r) => label(r.shown)));
    parts.push(words.size === 1 ? `highest ${list(top.map((r) => r.label))} with ${label(top[0]!.shown)}` : `highest ${list(top.map((r) => `${r.label} with ${label(r.shown)}`))}`);
  } else if (rows.every((r) => r.shown.kind === 'count')) {
    parts.push('every figure is 0');
  }
  const notDrawn = rows.filter((r) => hidden(r.shown));
  if (notDrawn.length > 3) parts.push(`${notDrawn.length} not drawn (${[...new Set(notDrawn.map((r) => label(r.shown)))].join(' or ')})`);
  else if (notDrawn.length > 0) parts.push(`not drawn: ${list(notDrawn.map((r) => `${r.label} (${label(r.shown)})`))}`);
  return `${parts.join('; ')}.`;
}

/** The frame: role="img" named by its own title and description, scaled by its viewBox to the width it is given. */
export function ChartSvg({ id, title, desc, width, height, hatch, children }: { id: string; title: string; desc: string; width: number; height: number; hatch: boolean; children: ComponentChildren }) {
  return (
    <svg
      class={width > WIDTH ? 'heard-chart__svg heard-chart__svg--wide' : 'heard-chart__svg'}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      font-size={FONT}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {hatch && (
        <defs>
          <pattern id={`${id}-hatch`} class="heard-chart__hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <path d="M0 0V6" stroke={DARK} stroke-width="3" />
          </pattern>
        </defs>
      )}
      {children}
    </svg>
  );
}

/**
 * An "at least N" bar: hatched rather than solid, drawn to N, outlined on its three closed sides and
 * dashed across the open end, where the true figure may lie further on.
 */
export function OpenBar({ id, x, y, width, height, end }: { id: string; x: number; y: number; width: number; height: number; end: 'right' | 'top' }) {
  const right = x + width;
  const bottom = y + height;
  const closed = end === 'right' ? `M${right} ${y}H${x}V${bottom}H${right}` : `M${x} ${y}V${bottom}H${right}V${y}`;
  const open = end === 'right' ? `M${right} ${y}V${bottom}` : `M${x} ${y}H${right}`;
  return (
    <g class="heard-chart__open" fill="none" stroke={DARK} stroke-width="2">
      <rect x={x} y={y} width={width} height={height} fill={`url(#${id}-hatch)`} stroke="none" />
      <path d={closed} />
      <path d={open} stroke-dasharray="4 3" />
    </g>
  );
}

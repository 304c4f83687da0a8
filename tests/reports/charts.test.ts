// The charts on a commissioner's report: what a sighted reader sees, what a screen reader says, and
// what the table beside each chart lists, for figures that arrive already suppressed.
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { BarChart, ChartWithTable, layoutBars, layoutTrend, ranked, TrendChart, type ChartRow } from '../../worker/reports/charts';
import { label, type Shown } from '../../worker/reports/suppress';

const count = (value: number): Shown => ({ kind: 'count', value });
const FEWER: Shown = { kind: 'fewer', than: 5 };
const HIDDEN: Shown = { kind: 'not-shown' };
const atLeast = (value: number): Shown => ({ kind: 'at-least', value, small: 1 });

/** Two years of one objective: a busy Q2, a small Q3, a quarter counted "at least", a hidden one. */
const quarters: ChartRow[] = [count(20), count(41), FEWER, count(30), count(25), atLeast(18), HIDDEN, count(9)].map((shown, i) => ({
  label: `${2026 + Math.floor(i / 4)}/${27 + Math.floor(i / 4)} Q${(i % 4) + 1}`,
  shown,
}));
const channels: ChartRow[] = [
  { label: 'Online', shown: count(120) },
  { label: 'Kiosk', shown: count(60) },
  { label: 'Assisted', shown: atLeast(30) },
  { label: 'Paper', shown: FEWER },
  { label: 'Phone', shown: HIDDEN },
  { label: 'Email', shown: count(0) },
];

const trend = (id = 'obj-5-6', rows = quarters) => render(h(TrendChart, { id, title: 'Responses per quarter', rows }));
const bars = (id = 'channels', rows = channels) => render(h(BarChart, { id, title: 'Responses by channel', rows }));

/** Each element's tag and attributes, in document order (the renderer always writes attributes in double quotes). */
function elements(html: string) {
  return [...html.matchAll(/<([a-z]+)((?:\s[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)].map(([, tag, attrs]) => ({
    tag: tag!,
    attrs: Object.fromEntries([...attrs!.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map(([, k, v]) => [k!, v ?? ''])),
  }));
}
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
const tableRows = (html: string) =>
  [...html.matchAll(/<tbody[^>]*>(.*?)<\/tbody>/g)].flatMap((b) => [...b[1]!.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1])));
const solidBars = (svg: string) => elements(svg.match(/<g class="heard-chart__bars"[^>]*>(.*?)<\/g>/)![1]!).filter((e) => e.tag === 'rect');

describe('a trend chart', () => {
  it('is an image named by its own title and a description that says what it shows', () => {
    const svg = trend();
    const root = elements(svg)[0]!;
    expect(root.tag).toBe('svg');
    expect(root.attrs).toMatchObject({ role: 'img', 'aria-labelledby': 'obj-5-6-title obj-5-6-desc', width: '100%' });
    expect(root.attrs.viewBox).toMatch(/^0 0 \d+ \d+$/);
    expect(svg).toContain('<title id="obj-5-6-title">Responses per quarter</title>');
    expect(svg).toContain(
      '<desc id="obj-5-6-desc">Responses per quarter, 2026/27 Q1 to 2027/28 Q4; highest 2026/27 Q2 with 41; not drawn: 2026/27 Q3 (fewer than 5) and 2027/28 Q3 (not shown).</desc>',
    );
  });

  it('draws the busiest quarter the full height and the others in proportion', () => {
    const layout = layoutTrend(quarters);
    const full = layout.plot.baseline - layout.plot.top;
    const q2 = layout.columns[1]!.bar!;
    expect(q2).toEqual({ y: layout.plot.top, height: full, open: false });
    expect(layout.columns[3]!.bar!.height).toBe(Math.round((30 / 41) * full));
    expect(solidBars(trend())).toContainEqual({ tag: 'rect', attrs: { x: String(layout.columns[1]!.x - layout.barWidth / 2), y: String(layout.plot.top), width: String(layout.barWidth), height: String(full) } });
  });

  it('draws no bar for "fewer than 5" or "not shown", and writes their words where the bar would be', () => {
    const layout = layoutTrend(quarters);
    expect(layout.columns[2]!.bar).toBeUndefined();
    expect(layout.columns[6]!.bar).toBeUndefined();
    const svg = trend();
    expect(solidBars(svg)).toHaveLength(5); // 8 quarters: two hidden, one "at least" drawn open
    expect(texts(svg)).toEqual(expect.arrayContaining(['fewer than 5', 'not shown', 'at least 18', '41', '9']));
  });

  it('draws an "at least" quarter to its figure, hatched, with a dashed open top, and says "at least"', () => {
    const layout = layoutTrend(quarters);
    const full = layout.plot.baseline - layout.plot.top;
    expect(layout.columns[5]!.bar).toEqual({ y: layout.plot.baseline - Math.round((18 / 41) * full), height: Math.round((18 / 41) * full), open: true });
    const svg = trend();
    const open = svg.match(/<g class="heard-chart__open"[^>]*>(.*?)<\/g>/)![1]!;
    expect(elements(open)[0]!.attrs).toMatchObject({ fill: 'url(#obj-5-6-hatch)', height: String(Math.round((18 / 41) * full)) });
    expect(open).toContain('stroke-dasharray');
    expect(svg).toContain('<pattern id="obj-5-6-hatch"');
    expect(texts(svg)).toContain('at least 18');
  });

  it('leaves out the hatching when nothing is "at least"', () => {
    expect(trend('t', quarters.slice(0, 4))).not.toContain('pattern');
  });

  it('shows the year once, under its first quarter, and every quarter by name', () => {
    const axis = texts(trend()).slice(8);
    expect(axis).toEqual(['2026/27 Q1', 'Q2', 'Q3', 'Q4', '2027/28 Q1', 'Q2', 'Q3', 'Q4']);
  });

  it('keeps its markup small: eight quarters, hatching and all, under 2 KB', () => {
    expect(new TextEncoder().encode(trend()).length).toBeLessThan(2048);
  });

  it('draws a trend too long to stand side by side as rows, so its words stay readable', () => {
    const long = Array.from({ length: 20 }, (_, i) => ({ label: `${2026 + Math.floor(i / 4)}/${27 + Math.floor(i / 4)} Q${(i % 4) + 1}`, shown: i % 5 === 2 ? FEWER : count(10 + i) }));
    const svg = trend('long', long);
    expect(elements(svg)[0]!.attrs.viewBox).toBe(`0 0 640 ${layoutBars(long).height}`);
    expect(texts(svg)).toEqual(expect.arrayContaining(['2026/27 Q1', '2030/31 Q4', 'fewer than 5', '29']));
    expect(svg).toContain('Responses per quarter, 2026/27 Q1 to 2030/31 Q4; highest 2030/31 Q4 with 29');
  });
});

describe('a bar chart', () => {
  it('is an image named by its title and a description of the largest and the undrawn', () => {
    const svg = bars();
    expect(elements(svg)[0]!.attrs).toMatchObject({ role: 'img', 'aria-labelledby': 'channels-title channels-desc' });
    expect(svg).toContain('<title id="channels-title">Responses by channel</title>');
    expect(svg).toContain('<desc id="channels-desc">Responses by channel; highest Online with 120; not drawn: Paper (fewer than 5) and Phone (not shown).</desc>');
  });

  it('draws the largest row to the full width and the others in proportion', () => {
    const layout = layoutBars(channels);
    expect(layout.rows[0]!.bar).toEqual({ width: layout.plot.width, open: false });
    expect(layout.rows[1]!.bar!.width).toBe(Math.round(layout.plot.width / 2));
    expect(layout.plot.x + layout.plot.width).toBeLessThan(640); // room left for the largest figure's words
    expect(solidBars(bars())[0]!.attrs).toMatchObject({ x: String(layout.plot.x), width: String(layout.plot.width) });
  });

  it('draws nothing for a 0, "fewer than 5" or "not shown" row and writes its words instead', () => {
    const layout = layoutBars(channels);
    expect(layout.rows.slice(3).map((r) => r.bar)).toEqual([undefined, undefined, undefined]);
    const svg = bars();
    expect(solidBars(svg)).toHaveLength(2);
    expect(texts(svg)).toEqual(expect.arrayContaining(['fewer than 5', 'not shown', '0']));
  });

  it('draws an "at least" row to its figure with a dashed open end', () => {
    const layout = layoutBars(channels);
    expect(layout.rows[2]!.bar).toEqual({ width: Math.round((30 / 120) * layout.plot.width), open: true });
    const svg = bars();
    expect(svg).toMatch(/<rect [^>]*fill="url\(#channels-hatch\)"/);
    expect(texts(svg)).toContain('at least 30');
  });

  it('puts long labels above their bars, shortened in the chart and whole in the table', () => {
    const long = 'Improve access to settled housing for people leaving hospital, prison and other institutions';
    const rows = [{ label: long, shown: count(41) }, { label: 'Earlier help', shown: FEWER }];
    expect(layoutBars(rows).labelsAbove).toBe(true);
    expect(layoutBars(channels).labelsAbove).toBe(false);
    const html = render(h(ChartWithTable, { kind: 'bars', id: 'objectives', title: 'Responses by objective', labelHeading: 'Objective', rows }));
    const shortened = texts(html).find((t) => t.startsWith('Improve'))!;
    expect(shortened.endsWith('…') && shortened.length < long.length).toBe(true);
    expect(tableRows(html)[0]).toEqual([long, '41']);
  });

  it('ranks rows by what may be drawn, a hidden figure last, ties in their order', () => {
    const rows = [
      { label: 'A', shown: FEWER },
      { label: 'B', shown: count(12) },
      { label: 'C', shown: atLeast(20) },
      { label: 'D', shown: count(12) },
    ];
    expect(ranked(rows).map((r) => r.label)).toEqual(['C', 'B', 'D', 'A']);
  });
});

describe('a chart with its table', () => {
  const page = () =>
    render(
      h('main', null, [
        h(ChartWithTable, { kind: 'trend', id: 'obj-5-6', title: 'Responses per quarter', labelHeading: 'Quarter', rows: quarters }),
        h(ChartWithTable, { kind: 'bars', id: 'channels', title: 'Responses by channel', labelHeading: 'Channel', rows: channels }),
      ]),
    );

  it('lists every figure in a GOV.UK table, in the same words as the chart', () => {
    const html = render(h(ChartWithTable, { kind: 'trend', id: 'obj-5-6', title: 'Responses per quarter', labelHeading: 'Quarter', rows: quarters }));
    expect(html).toContain('<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--s">Responses per quarter</caption>');
    expect(html).toContain('<th scope="col" class="govuk-table__header">Quarter</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Responses</th>');
    expect(tableRows(html)).toEqual(quarters.map((r) => [r.label, label(r.shown)]));
    expect(tableRows(html).map((r) => r[1])).toEqual(['20', '41', 'fewer than 5', '30', '25', 'at least 18', 'not shown', '9']);
    expect(html.match(/<th scope="row" class="govuk-table__header">/g)).toHaveLength(8);
    const svg = html.match(/<svg.*<\/svg>/)![0];
    for (const r of quarters) expect(texts(svg)).toContain(label(r.shown));
  });

  it('says so in a sentence when there is nothing to chart', () => {
    const empty = render(h(ChartWithTable, { kind: 'trend', id: 'e', title: 'Responses per quarter', labelHeading: 'Quarter', rows: [] }));
    expect(empty).toBe('<p class="govuk-body">There are no figures to show for this period.</p>');
    const said = render(h(ChartWithTable, { kind: 'bars', id: 'e', title: 'Ratings', labelHeading: 'Rating', rows: [], empty: 'Nobody answered this question in these quarters.' }));
    expect(said).toBe('<p class="govuk-body">Nobody answered this question in these quarters.</p>');
    expect(render(h(TrendChart, { id: 'e', title: 'x', rows: [] }))).not.toContain('<svg');
    expect(render(h(BarChart, { id: 'e', title: 'x', rows: [] }))).not.toContain('<svg');
  });

  it('says what it shows when every figure is 0', () => {
    const zeros = quarters.slice(0, 4).map((r) => ({ ...r, shown: count(0) }));
    const svg = trend('z', zeros);
    expect(solidBars(svg)).toHaveLength(0);
    expect(svg).toContain('Responses per quarter, 2026/27 Q1 to 2026/27 Q4; every figure is 0.');
  });

  it('has no style attribute and no style element, for a CSP of style-src self', () => {
    const html = page();
    expect(elements(html).filter((e) => 'style' in e.attrs)).toEqual([]);
    expect(html).not.toMatch(/<style[\s>]/);
  });

  it('draws in one dark fill, so a greyscale print loses nothing', () => {
    const fills = new Set(elements(page()).flatMap((e) => (e.attrs.fill ? [e.attrs.fill] : [])));
    expect([...fills].filter((f) => f !== 'none' && !f.startsWith('url(#'))).toEqual(['#1d70b8']);
  });

  it('keeps ids unique when two charts share a page, and each chart refers only to its own', () => {
    const html = page();
    const ids = elements(html).flatMap((e) => (e.attrs.id ? [e.attrs.id] : []));
    expect(ids).toEqual(['obj-5-6-title', 'obj-5-6-desc', 'obj-5-6-hatch', 'channels-title', 'channels-desc', 'channels-hatch']);
    const refs = elements(html).flatMap((e) => [...(e.attrs['aria-labelledby']?.split(' ') ?? []), ...[...(e.attrs.fill ?? '').matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!)]);
    expect(refs.length).toBeGreaterThan(4);
    for (const ref of refs) expect(ids).toContain(ref);
  });
});

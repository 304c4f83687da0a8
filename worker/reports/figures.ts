// The report's figures: counts from the roll-up (cells.ts), turned into what may be shown by
// suppress.ts. Every figure is counted per quarter (the unit suppression reasons in) and, in a filtered
// view, once more with each filter taken off (ARCHITECTURE.md, "Reports").
import type { Database } from '../db/client';
import { CHANNELS, type Channel } from '../db/schema';
import { all, perQuarter, readCells, sum, zeros, type D1, type PerQuarter } from './cells';
import type { Quarter } from './period';
import { previousQuarter } from './period';
import type { ReportFilters, ReportScope } from './scope';
import { inViews, type Split, type Views } from './siblings';
import { capsFrom, protectBreakdown, protectLine, showFigure, type Measured, type Shown } from './suppress';

export interface TagCounts {
  responses: PerQuarter;
  excerpts: PerQuarter;
  /** `${objectiveId}|${channel}` */
  channels: PerQuarter;
}

/** Distinct responses and excerpts per objective (or one), quarter and channel (a response has one channel, so channels add up). */
export async function tagCounts(d1: D1, frameworkId: string, quarters: Quarter[], filters: ReportFilters, split?: Split, objectiveId?: string): Promise<TagCounts> {
  const rows = await readCells(d1, { cells: [{ kind: 'objective', frameworkId }], objectiveId, quarters, filters, split, by: ['objective_id', 'channel'] });
  const length = quarters.length;
  return {
    responses: perQuarter(rows, (r) => r.objective_id, (r) => r.responses, length, split),
    excerpts: perQuarter(rows, (r) => r.objective_id, (r) => r.excerpts, length, split),
    channels: perQuarter(rows, (r) => `${r.objective_id}|${r.channel}`, (r) => r.responses, length, split),
  };
}

/** One figure of a view (by key), with its relaxed and sibling views; measured over the quarters from `from` on (until `to`). */
export function measure<T>(key: string, views: Views<T>, map: (c: T) => PerQuarter, length: number, from = 0, to = length): Measured {
  const cut = (c: T) => (map(c).get(key) ?? zeros(length)).slice(from, to);
  return { parts: cut(views.base), relaxed: views.relaxed.map(cut), siblings: views.siblings.size > 0 ? [...views.siblings.values()].map(cut) : undefined };
}

export interface ObjectiveMeta {
  id: string;
  code: string;
  section: string;
  text: string;
  deliverables: string[];
  position: number;
}

export interface Framework {
  id: string;
  name: string;
  description: string;
  source: string;
}

export async function loadFramework(d1: D1, id: string): Promise<{ framework: Framework; objectives: ObjectiveMeta[] } | undefined> {
  const [fw, objs] = await d1.batch([
    d1.prepare('SELECT id, name, description, source FROM frameworks WHERE id = ?').bind(id),
    d1.prepare('SELECT id, code, section, text, deliverables, position FROM objectives WHERE framework_id = ? ORDER BY position').bind(id),
  ]);
  const framework = fw!.results[0] as Framework | undefined;
  if (!framework) return undefined;
  const objectives = (objs!.results as (Omit<ObjectiveMeta, 'deliverables'> & { deliverables: string })[]).map((o) => ({ ...o, deliverables: JSON.parse(o.deliverables) as string[] }));
  return { framework, objectives };
}

export async function listFrameworks(d1: D1): Promise<Framework[]> {
  return all<Framework>(d1, 'SELECT id, name, description, source FROM frameworks ORDER BY name', []);
}

// ---------------------------------------------------------------------------------------------
// The overview: every objective, ranked by how many responses touched it.

export interface TrendCell {
  quarter: Quarter;
  responses: Shown;
}

export interface ObjectiveSummary extends ObjectiveMeta {
  responses: Shown;
  excerpts: Shown;
  /** Per quarter of the period (a line that adds up to `responses`: already protected). */
  trend: TrendCell[];
  /** The period's last quarter against the quarter before it, when both are exact; otherwise not shown. */
  change: Shown;
  /** Per channel over the period (protected; withheld when it cannot be made safe). */
  channels: { channel: Channel; shown: Shown }[];
  channelsWithheld: boolean;
}

export interface Method {
  /** Responses in the view (any tag or none). */
  responses: Shown;
  /** ...of which moderation is done. */
  moderated: Shown;
  /** ...tagged against this framework. */
  tagged: Shown;
  threshold: number;
}

export interface Overview {
  objectives: ObjectiveSummary[];
  method: Method;
}

/** Responses in the view per quarter: all ('total'), moderated ('moderated': done), and tagged against the framework ('tagged'). */
async function methodCounts(d1: D1, frameworkId: string, quarters: Quarter[], filters: ReportFilters, split?: Split): Promise<PerQuarter> {
  const rows = await readCells(d1, {
    cells: [
      { kind: 'responses', frameworkId: '' },
      { kind: 'done', frameworkId: '' },
      { kind: 'tagged', frameworkId },
    ],
    quarters,
    filters,
    split,
    by: ['kind'],
  });
  const names = { responses: 'total', done: 'moderated', tagged: 'tagged' } as Record<string, string>;
  return perQuarter(rows, (r) => names[r.kind], (r) => r.responses, quarters.length, split);
}

function summarise(meta: ObjectiveMeta, counts: Views<TagCounts>, quarters: Quarter[], t: number, withPrevious: boolean): ObjectiveSummary {
  const length = quarters.length + (withPrevious ? 1 : 0);
  const from = withPrevious ? 1 : 0;
  const period = (map: (c: TagCounts) => PerQuarter, key: string) => showFigure(measure(key, counts, map, length, from), t);
  const single = (key: string, q: number) => showFigure(measure(key, counts, (c) => c.responses, length, q, q + 1), t);
  const responses = period((c) => c.responses, meta.id);
  const trendCells = quarters.map((quarter, i) => ({ quarter, responses: single(meta.id, i + from), value: (counts.base.responses.get(meta.id) ?? zeros(length))[i + from] ?? 0 }));
  const filtered = counts.relaxed.length > 0;
  // The trend is a breakdown of the period by quarter: its cells are the quarters themselves.
  const trend = protectLine(
    trendCells.map((c) => c.responses),
    trendCells.map((c) => c.value),
    responses,
    t,
    [],
    { filtered, caps: capsFrom(counts.relaxed.map((r) => [...quarters.map((_, i) => (r.responses.get(meta.id) ?? zeros(length))[i + from] ?? 0), sum((r.responses.get(meta.id) ?? zeros(length)).slice(from))]), t) },
  );
  const last = single(meta.id, length - 1);
  const before = withPrevious ? single(meta.id, length - 2) : undefined;
  const change: Shown =
    before && last.kind === 'count' && before.kind === 'count' && trend.cells[trend.cells.length - 1]?.kind === 'count'
      ? { kind: 'count', value: last.value - before.value }
      : { kind: 'not-shown' };
  const channels = protectBreakdown(
    CHANNELS.map((channel) => measure(`${meta.id}|${channel}`, counts, (c) => c.channels, length, from)),
    measure(meta.id, counts, (c) => c.responses, length, from),
    t,
  );
  return {
    ...meta,
    responses,
    excerpts: period((c) => c.excerpts, meta.id),
    trend: trendCells.map((c, i) => ({ quarter: c.quarter, responses: trend.withheld ? { kind: 'not-shown' } : trend.cells[i]! })),
    change,
    channels: CHANNELS.map((channel, i) => ({ channel, shown: channels.cells[i]! })),
    channelsWithheld: channels.withheld,
  };
}

const ranked = (a: ObjectiveSummary, b: ObjectiveSummary) => rankValue(b.responses) - rankValue(a.responses) || a.position - b.position;
/** Exact counts rank by value; "at least N" just below N; hidden figures last (they are small, or unknown). */
function rankValue(s: Shown): number {
  if (s.kind === 'count') return s.value;
  if (s.kind === 'at-least') return s.value - 0.5;
  if (s.kind === 'fewer') return 0.5;
  return 0.25;
}

export async function overview(db: Database, scope: ReportScope, objectives: ObjectiveMeta[]): Promise<Overview> {
  const d1 = db.$client;
  const withPrevious = [previousQuarter(scope.quarters[0]!), ...scope.quarters];
  // One objective's page counts that objective's cells alone.
  const only = objectives.length === 1 ? objectives[0]!.id : undefined;
  const [counts, method] = await Promise.all([
    inViews(d1, scope.filters, (f, split) => tagCounts(d1, scope.frameworkId, withPrevious, f, split, only)),
    inViews(d1, scope.filters, (f, split) => methodCounts(d1, scope.frameworkId, scope.quarters, f, split)),
  ]);
  const t = scope.threshold;
  const m = (key: string) => showFigure(measure(key, method, (c) => c, scope.quarters.length), t);
  // Moderated and tagged are parts of all responses: all minus either must not be a small number.
  const part = (key: string) => {
    const fig = measure(key, method, (c) => c, scope.quarters.length);
    return showFigure({ ...fig, relaxed: [...(fig.relaxed ?? []), measure('total', method, (c) => c, scope.quarters.length).parts] }, t);
  };
  return {
    objectives: objectives.map((o) => summarise(o, counts, scope.quarters, t, true)).sort(ranked),
    method: { responses: m('total'), moderated: part('moderated'), tagged: part('tagged'), threshold: t },
  };
}

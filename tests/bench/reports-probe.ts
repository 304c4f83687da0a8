// A Worker the reports bench (reports.mjs) runs beside the app, on the same D1. It runs the report's
// own data layer (worker/reports/*.ts) for one page, as a route would, and says how long each D1
// statement took inside workerd: timing from Node through Miniflare's D1 proxy would add about 40 ms
// a statement and 25 µs a row, which would swamp the queries being measured.
//
// POST JSON, one of:
//   { period: { now } }                         the 8 quarters the corpus spans and the 4 the report reads
//   { page, framework, objective, from, to }    run a page's data once: { sent: [{ sql, binds, ms, rows }] }
//   { sql, binds, rounds }                      one statement, `rounds` times after 2 warm-ups: { ms, rows, results? }
//   { suggest: { framework, texts } }           learn every queued tag, then suggest for each text alone, as the
//                                               response page does: { learned, learnMs, times: [ms per text] }
import type { Database } from '../../worker/db/client';
import { approvedQuotes, objectiveDetails } from '../../worker/reports/detail';
import { loadFramework, overview } from '../../worker/reports/figures';
import { periodCovering, previousQuarter, quarterOf, ukDay, type Quarter } from '../../worker/reports/period';
import type { ReportFilters, ReportScope } from '../../worker/reports/scope';
import { learnPending } from '../../worker/moderate/suggest/learn';
import { suggestionsFor } from '../../worker/moderate/suggest/queries';

interface Sent {
  sql: string;
  binds: unknown[];
  ms: number;
  rows: number;
}

/** env.DB, recording every statement: its text, binds, time (I/O time is what workerd's clock shows) and rows. */
function recording(db: D1Database, sent: Sent[]): D1Database {
  const timed = async <T>(sql: string, binds: unknown[], run: () => Promise<T>, rows: (out: T) => number): Promise<T> => {
    const t = performance.now();
    const out = await run();
    sent.push({ sql, binds, ms: performance.now() - t, rows: rows(out) });
    return out;
  };
  type Wrapped = D1PreparedStatement & { real: D1PreparedStatement; text: string };
  const wrap = (stmt: D1PreparedStatement, sql: string, binds: unknown[]): Wrapped =>
    ({
      real: stmt,
      text: sql,
      bind: (...args: unknown[]) => wrap(stmt.bind(...args), sql, args),
      all: () => timed(sql, binds, () => stmt.all(), (r) => r.results.length),
      first: (col?: string) => timed(sql, binds, () => (col ? stmt.first(col) : stmt.first()), () => 1),
      run: () => timed(sql, binds, () => stmt.run(), () => 0),
      raw: (opts?: { columnNames?: boolean }) => timed(sql, binds, () => stmt.raw(opts as never), (r) => (r as unknown[]).length),
    }) as unknown as Wrapped;
  return {
    prepare: (sql: string) => wrap(db.prepare(sql), sql, []),
    batch: (stmts: D1PreparedStatement[]) =>
      timed(
        (stmts as Wrapped[]).map((s) => s.text).join(';\n'),
        [],
        () => db.batch((stmts as Wrapped[]).map((s) => s.real)),
        (r) => r.reduce((n, x) => n + x.results.length, 0),
      ),
    exec: (sql: string) => timed(sql, [], () => db.exec(sql), () => 0),
  } as unknown as D1Database;
}

interface PageRequest {
  page: 'overview' | 'filtered' | 'objective' | 'objectivesCsv' | 'excerptsCsv';
  framework: string;
  objective: string;
  from: string;
  to: string;
}

/** What each page reads, as its route would read it with the report's modules. */
async function runPage(d1: D1Database, p: PageRequest): Promise<void> {
  const db = { $client: d1 } as unknown as Database;
  const period = periodCovering(p.from, p.to);
  if (!period) throw new Error(`no period ${p.from}..${p.to}`);
  const scope = (filters: ReportFilters = {}): ReportScope => ({ frameworkId: p.framework, quarters: period.quarters, filters, threshold: 5 });
  const fw = await loadFramework(d1, p.framework);
  if (!fw) throw new Error(`no framework ${p.framework}`);
  const objectiveId = `${p.framework}:${p.objective}`;
  switch (p.page) {
    case 'overview':
      await overview(db, scope(), fw.objectives);
      return;
    case 'filtered':
      await overview(db, scope({ channel: 'online' }), fw.objectives);
      return;
    case 'objective': {
      // Its figures (the overview's, for this objective), its ratings and themes, and its approved quotes.
      const meta = fw.objectives.find((o) => o.id === objectiveId);
      if (!meta) throw new Error(`no objective ${objectiveId}`);
      await overview(db, scope(), [meta]);
      await objectiveDetails(db, scope(), [objectiveId], objectiveId);
      await approvedQuotes(d1, p.framework, objectiveId, period.quarters, {});
      return;
    }
    case 'objectivesCsv':
      await overview(db, scope(), fw.objectives);
      await objectiveDetails(db, scope(), fw.objectives.map((o) => o.id));
      return;
    case 'excerptsCsv':
      await approvedQuotes(d1, p.framework, undefined, period.quarters, {});
      return;
  }
}

function periods(now: number) {
  const last = quarterOf(now);
  const back = (q: Quarter, n: number) => Array.from({ length: n }).reduce<Quarter>((x) => previousQuarter(x), q);
  const first = back(last, 3);
  const all = Array.from({ length: 8 }, (_, k) => back(last, 7 - k));
  return { span: { start: all[0]!.start, quarters: all }, from: ukDay(first.start), to: ukDay(last.end - 1), quarters: periodCovering(ukDay(first.start), ukDay(last.end - 1))!.quarters };
}

export default {
  async fetch(request: Request, env: { DB: D1Database }): Promise<Response> {
    const body = (await request.json()) as { period?: { now: number }; sql?: string; binds?: unknown[]; rounds?: number; suggest?: { framework: string; texts: string[] } } & Partial<PageRequest>;
    try {
      if (body.period) return Response.json(periods(body.period.now));
      if (body.suggest) {
        // Learn every tag there is again, to time learning in the Worker (the page's own reads have learned them already).
        await env.DB.batch([env.DB.prepare('DELETE FROM suggestion_examples'), env.DB.prepare('INSERT OR IGNORE INTO suggestion_pending (tag_id) SELECT id FROM tags')]);
        let learned = 0;
        const t0 = performance.now();
        for (;;) {
          const n = await learnPending(env.DB, 200);
          learned += n;
          if (n < 200) break;
        }
        const learnMs = performance.now() - t0;
        const times: number[] = [];
        for (const text of body.suggest.texts) {
          const t = performance.now();
          await suggestionsFor(env.DB, body.suggest.framework, [{ key: 'x', text, exclude: new Set() }]);
          times.push(performance.now() - t);
        }
        return Response.json({ learned, learnMs, times });
      }
      if (body.sql) {
        const times: number[] = [];
        let results: unknown[] = [];
        const rounds = body.rounds ?? 1;
        for (let i = 0; i < rounds + (rounds > 1 ? 2 : 0); i++) {
          const t = performance.now();
          results = (await env.DB.prepare(body.sql).bind(...(body.binds ?? [])).all()).results;
          if (rounds === 1 || i >= 2) times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        return Response.json({ ms: times[Math.floor(times.length / 2)], rows: results.length, results: results.length <= 200 ? results : undefined });
      }
      const sent: Sent[] = [];
      await runPage(recording(env.DB, sent), body as PageRequest);
      return Response.json({ sent });
    } catch (err) {
      return Response.json({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }, { status: 500 });
    }
  },
};

// Themed reports for commissioners (issue 9): the overview, an objective's page, the printable
// report, the two CSV downloads and frozen quarters. Read by everyone who works with the figures;
// freezing is the commissioners'.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../auth/policy';
import { staffSummary } from '../auth/staff-summary';
import { database } from '../db/client';
import { config, type AppEnv } from '../env';
import { Problem } from '../http/problems';
import { validate } from '../http/validate';
import { html } from '../views/render';
import { linkedActions } from './actions/queries';
import { excerptsCsv, objectivesCsv } from './csv';
import { approvedQuotes, objectiveDetails, quotesToShow } from './detail';
import { loadFramework, overview } from './figures';
import { parseQuarter, quarterKey } from './period';
import { loadChoices, readReportQuery, reportQuery, scopeQuery, type Choices, type Reading, type ReportQuery } from './request';
import { freezeFigures } from './snapshots/figures';
import { listSnapshots, loadSnapshot, saveSnapshot } from './snapshots/queries';
import { ComparePage, SnapshotListPage, SnapshotPage } from './snapshots/views';
import { filtersInWords } from './views/common';
import { ObjectivePage, ObjectiveSection } from './views/objective';
import { OverviewPage } from './views/overview';
import { PrintPage } from './views/print';
import { agreementInPeriod } from '../moderate/second-coding/queries';

const readers = allow('commissioner', 'moderator', 'facilitator', 'deployment-admin', 'org-admin');
const freezers = allow('commissioner');

/** Quotes shown per objective on screen and in print (the CSV has them all). */
const QUOTES_PER_OBJECTIVE = 6;

/** What a field too long to be any choice is told (the value is cut to fit before it is shown back). */
const TOO_LONG: Record<keyof ReportQuery, string> = {
  framework: 'Choose a framework from the list',
  from: 'The start date must be a real date, like 2026-04-01',
  to: 'The end date must be a real date, like 2027-03-31',
  form: 'Choose a form from the list',
  session: 'Choose a session from the list',
  organisation: 'Choose an organisation from the list',
  channel: 'Choose how the feedback was given from the list',
};

async function read(c: Context<AppEnv>): Promise<{ choices: Choices; reading: Reading }> {
  const now = Date.now();
  const choices = await loadChoices(database(c.env.DB).$client, now);
  const raw = c.req.query();
  const parsed = reportQuery.safeParse(raw);
  if (parsed.success) return { choices, reading: readReportQuery(parsed.data, choices, config(c.env).REPORT_MIN_COUNT, now) };
  // A value longer than any choice: a plain-words error on its field, never a 500 (DESIGN.md, principle 8).
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const keys = Object.keys(TOO_LONG) as (keyof ReportQuery)[];
  const rest = Object.fromEntries(keys.filter((k) => raw[k] !== undefined && !bad.has(k)).map((k) => [k, raw[k]]));
  const others = readReportQuery(reportQuery.parse(rest), choices, config(c.env).REPORT_MIN_COUNT, now);
  const errors = [...keys.filter((k) => bad.has(k)).map((k) => ({ fieldId: k, message: TOO_LONG[k] })), ...(others.ok ? [] : others.errors.filter((e) => !bad.has(e.fieldId)))].sort(
    (a, b) => keys.indexOf(a.fieldId as keyof ReportQuery) - keys.indexOf(b.fieldId as keyof ReportQuery),
  );
  const query = Object.fromEntries(keys.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]!.slice(0, 20)])) as ReportQuery;
  return { choices, reading: { ok: false, errors, query: { ...query, ...rest } } };
}

/** Every page but the overview needs a valid scope; the overview shows the form with its errors. */
async function scoped(c: Context<AppEnv>) {
  const { choices, reading } = await read(c);
  if (!reading.ok) throw new Problem('bad-request');
  const loaded = await loadFramework(database(c.env.DB).$client, reading.scope.frameworkId);
  if (!loaded) throw new Problem('not-found');
  return { choices, scope: reading.scope, ...loaded };
}

function csvResponse(c: Context<AppEnv>, body: string, name: string) {
  return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
}

const snapshotParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) });
const objectiveParam = z.object({ framework: z.string().max(100), code: z.string().max(20) });
const freezeBody = z.object({ csrf: z.string().max(100), framework: z.string().max(100).optional().default(''), quarter: z.string().max(20).optional().default('') });

export const reports = new Hono<AppEnv>()
  .get('/reports', readers, async (c) => {
    const { choices, reading } = await read(c);
    const me = staffSummary(c.get('staff'));
    const canFreeze = me.roles.includes('commissioner');
    if (!reading.ok) return c.html(html(<OverviewPage me={me} choices={choices} query={reading.query} errors={reading.errors} canFreeze={canFreeze} />), 400);
    const db = database(c.env.DB);
    const loaded = await loadFramework(db.$client, reading.scope.frameworkId);
    if (!loaded) throw new Problem('not-found');
    const figures = await overview(db, reading.scope, loaded.objectives);
    return c.html(html(<OverviewPage me={me} choices={choices} query={reading.query} canFreeze={canFreeze} report={{ scope: reading.scope, framework: loaded.framework, overview: figures, widened: reading.widened }} />));
  })

  .get('/reports/objective/:framework/:code', readers, validate('param', objectiveParam), async (c) => {
    const { framework, code } = c.req.valid('param');
    const url = new URL(c.req.url);
    url.searchParams.set('framework', framework);
    const { choices, reading } = await read(c);
    if (!reading.ok) throw new Problem('bad-request');
    const db = database(c.env.DB);
    const loaded = await loadFramework(db.$client, framework);
    const objective = loaded?.objectives.find((o) => o.code === code);
    if (!loaded || !objective) throw new Problem('not-found');
    const scope = { ...reading.scope, frameworkId: framework };
    const [figures, details, quotes, actions] = await Promise.all([
      overview(db, scope, [objective]),
      objectiveDetails(db, scope, [objective.id], objective.id),
      // More than are shown: those from a quarter whose own figure is hidden are left out (quotesToShow).
      approvedQuotes(db.$client, framework, objective.id, scope.quarters, scope.filters, QUOTES_PER_OBJECTIVE * 10),
      linkedActions(db, { objectiveIds: [objective.id] }),
    ]);
    void choices;
    return c.html(
      html(
        <ObjectivePage
          me={staffSummary(c.get('staff'))}
          framework={loaded.framework}
          backHref={`/reports${scopeQuery(scope)}`}
          scope={scope}
          objective={figures.objectives[0]!}
          detail={details.get(objective.id)!}
          quotes={quotesToShow(figures.objectives[0]!, quotes, QUOTES_PER_OBJECTIVE)}
          actions={actions}
        />,
      ),
    );
  })

  .get('/reports/print', readers, async (c) => {
    const { choices, scope, framework, objectives } = await scoped(c);
    const db = database(c.env.DB);
    const [figures, details, quotes, actions] = await Promise.all([
      overview(db, scope, objectives),
      objectiveDetails(
        db,
        scope,
        objectives.map((o) => o.id),
      ),
      approvedQuotes(db.$client, scope.frameworkId, undefined, scope.quarters, scope.filters),
      // A printed report goes to committees: published actions only.
      linkedActions(db, { objectiveIds: objectives.map((o) => o.id) }, { publishedOnly: true }),
    ]);
    const agreement = await agreementInPeriod(c.env.DB, scope.frameworkId, scope.quarters[0]!.start, scope.quarters[scope.quarters.length - 1]!.end);
    const touched = figures.objectives.filter((o) => o.responses.kind !== 'count' || o.responses.value > 0);
    return c.html(
      html(
        <PrintPage me={staffSummary(c.get('staff'))} framework={framework} scope={scope} overview={figures} filters={filtersInWords(scope.filters, choices)} generatedAt={Date.now()} backHref={`/reports${scopeQuery(scope)}`} agreement={agreement}>
          {touched.map((o) => (
            <ObjectiveSection
              key={o.id}
              scope={scope}
              objective={o}
              detail={details.get(o.id)!}
              quotes={quotesToShow(
                o,
                quotes.filter((q) => q.objectiveId === o.id),
                QUOTES_PER_OBJECTIVE,
              )}
              actions={actions.filter((a) => a.objectiveId === o.id)}
              headingLevel={2}
            />
          ))}
        </PrintPage>,
      ),
    );
  })

  .get('/reports/objectives.csv', readers, async (c) => {
    const { scope, framework, objectives } = await scoped(c);
    return csvResponse(c, await objectivesCsv(database(c.env.DB), scope, framework.name, objectives), `${scope.frameworkId}-objectives.csv`);
  })

  .get('/reports/excerpts.csv', readers, async (c) => {
    const { scope, objectives } = await scoped(c);
    const db = database(c.env.DB);
    const figures = await overview(db, scope, objectives);
    return csvResponse(c, await excerptsCsv(db, scope, figures.objectives), `${scope.frameworkId}-quotes.csv`);
  })

  .get('/reports/snapshots', readers, async (c) => {
    return c.html(html(<SnapshotListPage me={staffSummary(c.get('staff'))} rows={await listSnapshots(database(c.env.DB).$client)} />));
  })

  .post('/reports/snapshots', freezers, validate('form', freezeBody), async (c) => {
    const body = c.req.valid('form');
    const quarter = quarterKey.safeParse(body.quarter).success ? parseQuarter(body.quarter) : undefined;
    const db = database(c.env.DB);
    const loaded = body.framework ? await loadFramework(db.$client, body.framework) : undefined;
    if (!quarter || !loaded) throw new Problem('not-found');
    // Only a quarter that is over: a frozen quarter is never changed, so one frozen part-way would keep part of its figures for good.
    if (quarter.end > Date.now()) throw new Problem('bad-request');
    const scope = { frameworkId: loaded.framework.id, quarters: [quarter], filters: {}, threshold: config(c.env).REPORT_MIN_COUNT };
    const [figures, details] = await Promise.all([
      overview(db, scope, loaded.objectives),
      objectiveDetails(
        db,
        scope,
        loaded.objectives.map((o) => o.id),
      ),
    ]);
    const saved = await saveSnapshot(db.$client, loaded.framework.id, quarter.key, freezeFigures(figures, details), c.get('staff').user.id, Date.now());
    return c.redirect(`/reports/snapshots/${saved.id}?frozen=${saved.created ? 'new' : 'before'}`, 303);
  })

  .get('/reports/snapshots/:id', readers, validate('param', snapshotParam), async (c) => {
    const d1 = database(c.env.DB).$client;
    const snapshot = await loadSnapshot(d1, c.req.valid('param').id);
    if (!snapshot) throw new Problem('not-found');
    const loaded = await loadFramework(d1, snapshot.frameworkId);
    const { results: themes } = await d1.prepare('SELECT id, name FROM themes').all<{ id: string; name: string }>();
    const frozen = c.req.query('frozen');
    return c.html(
      html(
        <SnapshotPage
          me={staffSummary(c.get('staff'))}
          row={snapshot}
          figures={snapshot.figures}
          objectives={loaded?.objectives ?? []}
          themeNames={new Map(themes.map((t) => [t.id, t.name]))}
          created={frozen === 'new' ? true : frozen === 'before' ? false : undefined}
        />,
      ),
    );
  })

  .get('/reports/snapshots/:id/compare', readers, validate('param', snapshotParam), async (c) => {
    const db = database(c.env.DB);
    const snapshot = await loadSnapshot(db.$client, c.req.valid('param').id);
    const quarter = snapshot ? parseQuarter(snapshot.quarter) : undefined;
    const loaded = snapshot ? await loadFramework(db.$client, snapshot.frameworkId) : undefined;
    if (!snapshot || !quarter || !loaded) throw new Problem('not-found');
    const scope = { frameworkId: snapshot.frameworkId, quarters: [quarter], filters: {}, threshold: snapshot.figures.threshold };
    const [figures, details] = await Promise.all([
      overview(db, scope, loaded.objectives),
      objectiveDetails(
        db,
        scope,
        loaded.objectives.map((o) => o.id),
      ),
    ]);
    return c.html(html(<ComparePage me={staffSummary(c.get('staff'))} row={snapshot} frozen={snapshot.figures} live={freezeFigures(figures, details)} objectives={loaded.objectives} />));
  });

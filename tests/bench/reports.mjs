// Bench for the commissioners' reports (issue 9, point 10; DESIGN.md "Budgets": under 500 ms at
// 100,000 responses and 300,000 tags, aim for 200 ms, and show the curve at 10,000 and 1,000,000).
//
// Fills the bench's local D1 through the binding with a synthetic corpus (responses over the last 8
// UK financial-year quarters, their moderation, rating answers, excerpts and 3 tags each across the
// three seeded frameworks and the themes) in chunks of recursive-CTE INSERT ... SELECT statements,
// then at each size times:
//   - over HTTP, signed in as the commissioner, the overview (also with one filter), an objective
//     page and both CSVs. A route that answers the app's own 404 (not built yet) is "not available";
//     once it exists, any status but 200 fails the bench.
//   - the page's data as the report's own modules (worker/reports/*.ts) read it, inside workerd, in a
//     probe Worker on the same D1 (reports-probe.ts), then every statement it sent alone, with its
//     EXPLAIN QUERY PLAN: where the time goes, and which indexes are used.
//
// `node tests/bench/reports.mjs` runs this part alone on a fresh local D1 (after `npm run build`);
// BENCH_REPORTS_SEEDED_STATE=<dir> starts from a copy of an already migrated and seeded --persist-to dir.
// BENCH_REPORTS_SIZES=10000,100000 picks the sizes (default 10,000, 100,000 and 1,000,000; the last
// takes 2 to 4 minutes to fill on 2 cores, and leaves a 1.7 GB database in the bench's temporary dir).
// BENCH_REPORTS_ROUNDS: timed runs a page (default 5, after 2 warm-ups; at 1,000,000: 3 after 1).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHUNK = 25_000; // responses a statement; every statement of a chunk stays well under a second or two
const ID_BASE = 100_000_000; // explicit excerpt and tag ids start here, far above the demo data's
const PREFIX = 'rb-'; // ids 'rb-0000001'...: zero-padded, so the primary key grows at its end
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmtMs = (ms) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-GB')} ms`;
const fmtN = (n) => n.toLocaleString('en-GB');
const fmtSize = (n) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

export const SIZES = (process.env.BENCH_REPORTS_SIZES ?? '10000,100000,1000000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);
const ROUNDS = Number(process.env.BENCH_REPORTS_ROUNDS ?? 5);
const WARM = 2;

// ---------------------------------------------------------------------------------------------
// The corpus. Every attribute of response i is a fixed function of i (a Weyl sequence {i·α} per
// attribute, so attributes are spread evenly and independently of each other and of the id), which
// lets each table's statement recompute what another table's statement chose, with no lookups.

/** u(k): a number in [0, 1) for response i, independent of the other k. */
const ALPHAS = [0.6180339887498949, 0.7548776662466927, 0.5698402909980532, 0.4142135623730951, 0.7320508075688772, 0.2360679774997897, 0.3247179572447460, 0.8793852415718167, 0.4655712318767680, 0.1892071150027210, 0.6823278038280193, 0.5436890126920764, 0.2207440846057596, 0.9318516525781366, 0.3819660112501051, 0.0863859647429787];
const frac = (x) => `((${x}) - CAST((${x}) AS INTEGER))`;
const u = (k, i = 'i') => `(${i} * ${ALPHAS[k]} - CAST(${i} * ${ALPHAS[k]} AS INTEGER))`;
const U = { form: 0, channel: 1, time: 2, session: 3, org: 4, status: 5, consent: 6, excerpts: 7, approve: 8, text: 9, tag0: 10, tag1: 11, tag2: 12, fw1: 13, theme: 14, rating: 15 };

const CHANNEL_CASE = `CASE WHEN ${u(U.channel)} < 0.72 THEN 'online' WHEN ${u(U.channel)} < 0.82 THEN 'kiosk' WHEN ${u(U.channel)} < 0.89 THEN 'paper' WHEN ${u(U.channel)} < 0.95 THEN 'assisted' ELSE 'group' END`;
const STATUS_CASE = `CASE WHEN ${u(U.status)} < 0.86 THEN 'done' WHEN ${u(U.status)} < 0.93 THEN 'excluded' WHEN ${u(U.status)} < 0.97 THEN 'in-review' ELSE 'new' END`;
const FESTIVAL = `${u(U.form)} < 0.6`;
const CONSENT = `${u(U.consent)} < 0.55`;
const TWO_EXCERPTS = `${u(U.excerpts)} < 0.4`;
const rid = (i = 'i') => `'${PREFIX}' || printf('%07d', ${i})`;

const EXCERPT_TEXTS = [
  'I waited months to hear back about my housing application and nobody rang me.',
  'The staff at [place] listened and helped me fill in the forms.',
  'There was nowhere to keep my things safe during the day.',
  'My support worker changed three times in a year and I had to start again each time.',
  'The hostel was noisy and I could not sleep, so I stopped going to appointments.',
  'Getting a GP appointment without an address was impossible.',
  'They treated me like a person, not a number, and that made all the difference.',
  'I did not know where to go when I was first on the street.',
  'The move-on flat was too far from my family and my job.',
  'Peer mentors who have been through it themselves understand what you need.',
];

/** The corpus's fixed parts, read from the seeded database. */
async function corpusContext(d1) {
  const objectives = (await d1.prepare('SELECT id, framework_id AS fw, code FROM objectives ORDER BY framework_id, position').all()).results;
  const byFw = (fw) => objectives.filter((o) => o.fw === fw);
  const countywide = byFw('oxfordshire-countywide');
  const actionPlan = byFw('oxfordshire-action-plan-2023-26');
  const city = byFw('city-of-london-2023-27');
  if (!countywide.length || !actionPlan.length || !city.length) throw new Error('reports bench: the three seeded frameworks have no objectives');
  // Popularity order: a fixed shuffle, with 5.6 (feedback loops) and 2.1 (quarterly reporting) on top.
  const shuffle = (list, top) => {
    const rest = list.filter((o) => !top.includes(o.code)).sort((a, b) => ((a.code.length * 7919 + a.code.charCodeAt(a.code.length - 1) * 104729) % 97) - ((b.code.length * 7919 + b.code.charCodeAt(b.code.length - 1) * 104729) % 97));
    return [...top.map((c) => list.find((o) => o.code === c)).filter(Boolean), ...rest];
  };
  const themes = (await d1.prepare('SELECT id FROM themes WHERE merged_into IS NULL ORDER BY parent_id IS NOT NULL, position, id').all()).results.map((t) => t.id);
  const forms = Object.fromEntries(
    (await d1.prepare("SELECT slug, current_version_id AS v FROM forms WHERE slug IN ('festival-of-feedback', 'service-feedback')").all()).results.map((f) => [f.slug, f.v]),
  );
  if (!forms['festival-of-feedback'] || !forms['service-feedback']) throw new Error('reports bench: the seeded feedback forms are missing');
  const organisations = (await d1.prepare('SELECT id FROM organisations ORDER BY id').all()).results.map((o) => o.id);
  const staff = (await d1.prepare("SELECT id FROM users WHERE email = 'moderator@heard.local'").first())?.id ?? 'bench';
  return { countywide: shuffle(countywide, ['5.6', '2.1', '1.1']), actionPlan: shuffle(actionPlan, ['3']), city: shuffle(city, ['P1-1']), themes, forms, organisations, staff };
}

/** Sessions (feedback_sessions) the corpus's facilitated responses come from. */
async function addSessions(d1, ctx, span) {
  const places = ['O’Hanlon House', 'Oxford Town Hall', 'Simon House', 'Banbury library', 'Witney Community Hub', 'The Porch', 'Didcot Civic Hall', 'Aldgate hub', 'St Mungo’s Lambeth', 'Wantage drop-in', 'Abingdon Guildhall', 'Bicester library'];
  const statements = places.map((place, k) =>
    d1
      .prepare(
        `INSERT INTO feedback_sessions (id, form_id, name, place, held_on, organisation_id, status, created_by, created_at)
         SELECT ?, f.id, ?, ?, ?, ?, 'closed', ?, ? FROM forms f WHERE f.slug = ? ON CONFLICT(id) DO NOTHING`,
      )
      .bind(
        `rb-session-${k}`,
        `Festival of Feedback ${k + 1}`,
        place,
        Math.floor((span.start + ((k + 0.5) / places.length) * (span.end - span.start)) / DAY) * DAY,
        ctx.organisations[(k * 5) % ctx.organisations.length],
        ctx.staff,
        span.start,
        k % 3 === 2 ? 'service-feedback' : 'festival-of-feedback',
      ),
  );
  await d1.batch(statements);
  return places.length;
}

/**
 * A list packed into one fixed-width string: `at(k)` is its k-th element, read with substr, so a
 * statement picks from a list without a join (a join to a VALUES list costs a scan a row).
 */
function packed(list) {
  const w = Math.max(...list.map((x) => x.length));
  const text = list.map((x) => x.padEnd(w)).join('');
  return { text, at: (param, k) => `rtrim(substr(${param}, (${k}) * ${w} + 1, ${w}))` };
}

/**
 * The statements that add responses from..to (inclusive) of a fill that adds lo..hi. Each fill
 * spreads its responses evenly over the whole span in id order, as responses arrive in time order,
 * so every index keyed on time (and every index keyed on response id) is appended to, not rewritten.
 */
function chunkStatements(ctx, span, sessions, from, to, lo = from, hi = to) {
  const series = `n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${to})`;
  const hours = (span.end - span.start) / HOUR;
  const at = `(${span.start} + CAST((i - ${lo}) * ${hours / (hi - lo + 1)} AS INTEGER) * ${HOUR})`;
  const sessionList = packed(Array.from({ length: sessions }, (_, k) => `rb-session-${k}`));
  const sessionOrg = packed(Array.from({ length: sessions }, (_, k) => ctx.organisations[(k * 5) % ctx.organisations.length]));
  const orgs = packed(ctx.organisations);
  // Half the facilitated responses (kiosk, paper, assisted, group) come from the session held then.
  const inSession = `${u(U.channel)} >= 0.72 AND ${u(U.session)} < 0.5`;
  const sessionK = `CAST((i - ${lo}) * ${sessions / (hi - lo + 1)} AS INTEGER)`;
  const responses = {
    table: 'responses',
    sql: `WITH RECURSIVE ${series}
     INSERT INTO responses (id, form_version_id, session_id, channel, locale, submitted_at, organisation_id)
     SELECT ${rid()}, CASE WHEN ${FESTIVAL} THEN ?1 ELSE ?2 END, CASE WHEN ${inSession} THEN ${sessionList.at('?3', sessionK)} END,
       ${CHANNEL_CASE}, CASE WHEN ${u(U.text)} < 0.04 THEN 'ar' ELSE 'en' END, ${at},
       CASE WHEN ${inSession} THEN ${sessionOrg.at('?4', sessionK)} WHEN ${u(U.org)} < 0.6 THEN ${orgs.at('?5', `CAST(${u(U.org)} / 0.6 * ${ctx.organisations.length} AS INTEGER)`)} END
     FROM n`,
    binds: [ctx.forms['festival-of-feedback'], ctx.forms['service-feedback'], sessionList.text, sessionOrg.text, orgs.text],
  };
  const moderation = {
    table: 'moderation',
    sql: `WITH RECURSIVE ${series}
     INSERT INTO moderation (response_id, status, excluded_reason, safeguarding, quote_consent, submitted_at, version, done_at)
     SELECT ${rid()}, ${STATUS_CASE}, CASE WHEN ${u(U.status)} >= 0.86 AND ${u(U.status)} < 0.93 THEN 'Not about a service' END, 'none', ${CONSENT}, ${at}, 2,
       CASE WHEN ${u(U.status)} < 0.93 THEN (${at} / ${DAY} + 3) * ${DAY} END
     FROM n`,
    binds: [],
  };
  // Rating answers: the festival form's three rating questions, the service form's one; 85% answered,
  // leaning to the top of the scale (1 + floor(points·(1 − v²))).
  const v = (q) => frac(`${u(U.rating)} + ${q} * 0.2360679775`);
  const answered = (q) => `${frac(`${u(U.text)} + ${q} * 0.3819660113`)} < 0.85`;
  const ratings = [
    ['accommodation-rating', true, 5],
    ['support-rating', true, 5],
    ['listened-to', true, 4],
    ['how-was-it', false, 5],
  ];
  const answers = {
    table: 'answers',
    sql: `WITH RECURSIVE ${series}, q(k) AS (VALUES (0), (1), (2), (3))
     INSERT INTO answers (response_id, question_id, value)
     SELECT ${rid()}, CASE q.k ${ratings.map(([id], k) => `WHEN ${k} THEN '${id}'`).join(' ')} END,
       '"' || (1 + CAST(CASE q.k ${ratings.map(([, , points], k) => `WHEN ${k} THEN ${points} * (1 - ${v(k)} * ${v(k)})`).join(' ')} END AS INTEGER)) || '"'
     FROM n, q
     WHERE (CASE WHEN q.k < 3 THEN ${FESTIVAL} ELSE NOT (${FESTIVAL}) END) AND CASE q.k ${ratings.map((_, k) => `WHEN ${k} THEN ${answered(k)}`).join(' ')} END`,
    binds: [],
  };
  // One or two excerpts a response (each a whole answer); 3 in 10 of a consenting response's are approved quotes.
  const texts = packed(EXCERPT_TEXTS);
  const approved = `${CONSENT} AND ${u(U.approve)} < 0.3`;
  const excerpts = {
    table: 'excerpts',
    sql: `WITH RECURSIVE ${series}, j(j) AS (VALUES (0), (1)), e AS (
       SELECT i, j, ${texts.at('?2', `(CAST(${u(U.text)} * ${EXCERPT_TEXTS.length} AS INTEGER) + 3 * j) % ${EXCERPT_TEXTS.length}`)} AS t FROM n, j WHERE j = 0 OR ${TWO_EXCERPTS})
     INSERT INTO excerpts (id, response_id, question_id, start, "end", text, created_by, created_at, quote_approved_by, quote_approved_at)
     SELECT ${ID_BASE} + 2 * i + j, ${rid()},
       CASE WHEN ${FESTIVAL} THEN (CASE j WHEN 0 THEN 'accommodation-comments' ELSE 'support-comments' END) ELSE (CASE j WHEN 0 THEN 'what-worked' ELSE 'what-did-not' END) END,
       0, length(t), t, ?1, ${at} + ${2 * DAY},
       CASE WHEN ${approved} THEN ?1 END, CASE WHEN ${approved} THEN ${at} + ${3 * DAY} END
     FROM e`,
    binds: [ctx.staff, texts.text],
  };
  // Three tags a response: a countywide objective; an action plan (4 in 10) or City of London objective;
  // a theme (6 in 10) or a second countywide objective. Skewed: rank = floor(n·u³), so the top objective
  // of each framework is on about a third of its tags and the last of its tail on about 1 in 100.
  const skew = (k, n) => `CAST(${n} * ${u(k)} * ${u(k)} * ${u(k)} AS INTEGER)`;
  const cw = ctx.countywide.length;
  const ap = ctx.actionPlan.length;
  const ids = packed([...ctx.countywide.map((o) => o.id), ...ctx.actionPlan.map((o) => o.id), ...ctx.city.map((o) => o.id), ...ctx.themes]);
  const first = skew(U.tag0, cw);
  // k: the index in `ids` (objectives of the three frameworks, then themes).
  const pick = `CASE t
       WHEN 0 THEN ${first}
       WHEN 1 THEN (CASE WHEN ${u(U.fw1)} < 0.4 THEN ${cw} + ${skew(U.tag1, ap)} ELSE ${cw + ap} + ${skew(U.tag1, ctx.city.length)} END)
       ELSE (CASE WHEN ${u(U.theme)} < 0.6 THEN ${cw + ap + ctx.city.length} + ${skew(U.tag2, ctx.themes.length)} ELSE (${first} + 1 + CAST(${u(U.tag2)} * ${cw - 1} AS INTEGER)) % ${cw} END) END`;
  const themeFrom = cw + ap + ctx.city.length;
  const tags = {
    table: 'tags',
    sql: `WITH RECURSIVE ${series}, kinds(t) AS (VALUES (0), (1), (2)), p AS (SELECT i, t, ${pick} AS k FROM n, kinds)
     INSERT INTO tags (id, excerpt_id, response_id, objective_id, theme_id, created_by, created_at, source, state, round)
     SELECT ${ID_BASE} + 3 * i + t, ${ID_BASE} + 2 * i + (CASE WHEN ${TWO_EXCERPTS} THEN t % 2 ELSE 0 END), ${rid()},
       CASE WHEN k < ${themeFrom} THEN ${ids.at('?2', 'k')} END, CASE WHEN k >= ${themeFrom} THEN ${ids.at('?2', 'k')} END,
       ?1, ${at} + ${2 * DAY}, CASE WHEN (i + t) % 4 = 0 THEN 'suggestion' ELSE 'manual' END, 'confirmed', 'first'
     FROM p`,
    binds: [ctx.staff, ids.text],
  };
  return [responses, moderation, answers, excerpts, tags];
}

const countSynthetic = async (d1) => (await d1.prepare(`SELECT count(*) AS n FROM responses WHERE id >= '${PREFIX}' AND id < 'rb.'`).first()).n;

/** Grows the corpus to `total` responses; returns what it took. */
async function fillTo(d1, ctx, span, sessions, total) {
  const t0 = performance.now();
  const have = await countSynthetic(d1);
  const perTable = [0, 0, 0, 0, 0];
  let slowest = 0;
  for (let from = have + 1; from <= total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK - 1);
    const statements = chunkStatements(ctx, span, sessions, from, to, have + 1, total);
    for (const [k, s] of statements.entries()) {
      const t = performance.now();
      await d1.prepare(s.sql).bind(...s.binds).run();
      const ms = performance.now() - t;
      perTable[k] += ms;
      slowest = Math.max(slowest, ms);
    }
  }
  return { ms: performance.now() - t0, added: total - have, perTable, slowest };
}

export { corpusContext, addSessions, fillTo, countSynthetic, chunkStatements };

/** The moderation bench's synthetic responses (bench-1...) go first, so the corpus is the only bulk. */
async function removeModerationBench(d1) {
  const t0 = performance.now();
  let removed = 0;
  for (;;) {
    const res = await d1.prepare("DELETE FROM responses WHERE id IN (SELECT id FROM responses WHERE id >= 'bench-' AND id < 'bench.' LIMIT 20000)").run();
    removed += res.meta.changes ?? 0;
    if (!res.meta.changes) break;
  }
  return { removed, ms: performance.now() - t0 };
}

// ---------------------------------------------------------------------------------------------
// Timing

/**
 * The probe Worker (reports-probe.ts, bundled here with esbuild) for the bench's Miniflare: the app's
 * D1 binding, so it reads the same database. `appOptions` are the app's worker options.
 */
export async function reportProbeWorker(root, appOptions) {
  const esbuild = await import(pathToFileURL(createRequire(path.join(root, 'package.json')).resolve('esbuild')).href);
  const out = await esbuild.build({
    entryPoints: [path.join(root, 'tests/bench/reports-probe.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    logLevel: 'silent',
  });
  return {
    name: PROBE,
    compatibilityDate: appOptions.compatibilityDate,
    compatibilityFlags: appOptions.compatibilityFlags,
    d1Databases: appOptions.d1Databases,
    modules: [{ type: 'ESModule', path: 'reports-probe.js', contents: out.outputFiles[0].text }],
    unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
  };
}
const PROBE = 'report-probe';

function probeClient(url) {
  return async (body) => {
    const res = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
    const json = await res.json();
    if (json.error) throw new Error(json.error);
    return json;
  };
}

const CELL_KINDS = ['responses', 'done', 'tagged', 'objective', 'rating', 'theme'];

/** A short name for a report query, from its shape (a roll-up read: its kinds of cell and what it groups by). */
function queryName(sql, binds = []) {
  const cells = /FROM report_cells[\s\S]*GROUP BY quarter((?:, \w+)*)/.exec(sql);
  if (cells) {
    const kinds = binds.filter((b) => CELL_KINDS.includes(b));
    const by = cells[1].split(', ').filter((c) => c && c !== 'sib');
    const split = /\bAS sib\b/.test(sql) ? ', split by filter' : '';
    const one = /objective_id = \?/.test(sql) ? ', one objective' : '';
    return `cells (${kinds.join(', ')}) by quarter${by.length ? `, ${by.join(', ')}` : ''}${one}${split}`;
  }
  const names = [
    [/COUNT\(DISTINCT t\.excerpt_id\)/, 'tag counts'],
    [/AS moderated/, 'method counts'],
    [/JOIN answers a/, 'ratings'],
    [/JOIN tags x ON x\.response_id/, 'themes alongside'],
    [/quote_approved_at IS NOT NULL/, 'approved quotes'],
    [/FROM tags t JOIN responses r[\s\S]*GROUP BY t\.objective_id, q$/, 'tagged per objective'],
    [/FROM form_versions fv JOIN forms/, 'rating questions'],
    [/FROM frameworks WHERE id/, 'framework and objectives'],
    [/FROM themes WHERE merged_into IS NULL/, 'theme names'],
  ];
  const name = names.find(([re]) => re.test(sql.trim()))?.[1] ?? sql.replace(/\s+/g, ' ').slice(0, 50);
  const which = /t\.objective_id = \?/.test(sql) ? ', one objective' : /t\.objective_id >= \?/.test(sql) ? ', framework' : '';
  return `${name}${which}${/r\.channel = \?/.test(sql) ? ', online only' : ''}`;
}

/** EXPLAIN QUERY PLAN, one string per step, children indented under their parent. */
async function plan(probe, sql, binds) {
  try {
    const { results } = await probe({ sql: `EXPLAIN QUERY PLAN ${sql}`, binds });
    const depth = new Map([[0, 0]]);
    return results.map((r) => {
      depth.set(r.id, (depth.get(r.parent) ?? 0) + 1);
      return `${'  '.repeat(depth.get(r.id) - 1)}${r.detail}`;
    });
  } catch (err) {
    return [`(no plan: ${err.message})`];
  }
}

async function timeRuns(fn, rounds, warm = WARM) {
  const times = [];
  for (let i = 0; i < rounds + warm; i++) {
    const t = performance.now();
    await fn();
    if (i >= warm) times.push(performance.now() - t);
  }
  return median(times);
}

/**
 * A page's data, read by the report's own modules inside workerd (the probe Worker): the median
 * time of the whole (from here, so the JavaScript between the statements counts too), then each
 * distinct statement it sent timed alone inside the Worker, with its query plan.
 */
async function timeData(probe, request, { rounds, warm, aloneRounds, withPlans }) {
  let sent = [];
  try {
    const ms = await timeRuns(async () => ({ sent } = await probe(request)), rounds, warm);
    const seen = new Map();
    for (const q of sent) if (!seen.has(`${q.sql}\u0000${JSON.stringify(q.binds)}`)) seen.set(`${q.sql}\u0000${JSON.stringify(q.binds)}`, q);
    const queries = [];
    for (const q of seen.values()) {
      if (q.sql.includes(';\n')) {
        queries.push({ name: 'framework and objectives', ms: q.ms, rows: q.rows });
        continue;
      }
      const alone = await probe({ sql: q.sql, binds: q.binds, rounds: aloneRounds });
      queries.push({ name: queryName(q.sql, q.binds), ms: alone.ms, rows: alone.rows, sql: q.sql, binds: q.binds, plan: withPlans ? await plan(probe, q.sql, q.binds) : undefined });
    }
    return { ms, statements: sent.length, queries };
  } catch (err) {
    return { error: err.message.split('\n')[0], statements: sent.length, queries: [] };
  }
}

async function signIn(origin) {
  const res = await fetch(new URL('/login', origin), {
    method: 'POST',
    redirect: 'manual',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': '203.0.113.201' },
    body: new URLSearchParams({ email: 'commissioner@heard.local', password: 'demo-password' }),
  });
  if (res.status !== 303) throw new Error(`commissioner sign-in gave ${res.status}`);
  return res.headers.get('set-cookie').split(';')[0];
}

/**
 * GET a report page: its median time, or `available: false` while the route does not exist (the
 * app's own "page not found", byte for byte the one a path that is certainly no route gets). Any
 * other status than 200 fails the bench.
 */
async function timeHttp(url, cookie, notFoundBody, { rounds, warm }) {
  const get = async () => {
    const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
  };
  const probe = await get();
  if (probe.status === 404 && probe.body.equals(notFoundBody)) return { available: false };
  if (probe.status !== 200) throw new Error(`reports bench: GET ${url} gave ${probe.status}: ${probe.body.toString().slice(0, 300)}`);
  let last = probe;
  const ms = await timeRuns(
    async () => {
      last = await get();
      if (last.status !== 200) throw new Error(`reports bench: GET ${url} gave ${last.status}`);
    },
    rounds,
    Math.max(0, warm - 1), // the probe above was the first warm-up
  );
  return { available: true, ms, bytes: last.body.length, type: last.type };
}

const FRAMEWORK = 'oxfordshire-countywide';
const POPULAR = '5.6';

/** The five things timed, each an address of the app and a page of the probe. */
function reportPages(when) {
  const q = `from=${when.from}&to=${when.to}`;
  return [
    { key: 'overview', what: `overview (GET /reports?framework=${FRAMEWORK}, the last 4 quarters)`, path: `/reports?framework=${FRAMEWORK}&${q}` },
    { key: 'filtered', what: 'the overview with &channel=online (one relaxed view more)', path: `/reports?framework=${FRAMEWORK}&${q}&channel=online` },
    { key: 'objective', what: `objective page (GET /reports/objective/${FRAMEWORK}/${POPULAR}, the most tagged)`, path: `/reports/objective/${FRAMEWORK}/${POPULAR}?${q}` },
    { key: 'objectivesCsv', what: 'GET /reports/objectives.csv', path: `/reports/objectives.csv?framework=${FRAMEWORK}&${q}` },
    { key: 'excerptsCsv', what: 'GET /reports/excerpts.csv', path: `/reports/excerpts.csv?framework=${FRAMEWORK}&${q}` },
  ];
}

/**
 * Fills the corpus to each size and times every page at each. `mf` is the bench's Miniflare, with
 * the app (`worker`, whose address is `origin`) and the probe Worker (reportProbeWorker) in it.
 * At 1,000,000 only the overview is timed, and the other pages only if its data took under a second.
 */
export async function reportTimings(mf, origin, { worker = 'app', sizes = SIZES, rounds = ROUNDS } = {}) {
  const d1 = await mf.getD1Database('DB', worker);
  const probe = probeClient(await mf.unsafeGetDirectURL(PROBE));
  const now = Date.now();
  const when = await probe({ period: { now } });
  const span = { start: when.span.start, end: Math.floor(now / HOUR) * HOUR };
  const cleared = await removeModerationBench(d1);
  const ctx = await corpusContext(d1);
  const sessions = await addSessions(d1, ctx, span);
  const cookie = await signIn(origin);
  const notFound = Buffer.from(await (await fetch(new URL('/reports/no-such-page-for-the-bench', origin), { headers: { cookie } })).arrayBuffer());
  const out = { cleared, when, sessions, sizes: [] };
  for (const size of sizes) {
    log(`reports: filling to ${fmtN(size)} responses…`);
    const fill = await fillTo(d1, ctx, span, sessions, size);
    const counts = await d1.prepare('SELECT (SELECT count(*) FROM responses) AS responses, (SELECT count(*) FROM tags) AS tags, (SELECT count(*) FROM excerpts) AS excerpts, (SELECT count(*) FROM answers) AS answers').first();
    log(`reports: ${fmtN(counts.responses)} responses, ${fmtN(counts.tags)} tags (filled in ${(fill.ms / 1000).toFixed(1)} s); timing…`);
    const big = size >= 1_000_000;
    const opts = big ? { rounds: 3, warm: 1, aloneRounds: 1 } : { rounds, warm: WARM, aloneRounds: 3 };
    opts.withPlans = size === BUDGET_AT || sizes.length === 1;
    const at = { size, fill, counts, pages: {}, skipped: [] };
    for (const page of reportPages(when)) {
      if (big && page.key !== 'overview' && !(at.pages.overview?.data.ms < 1000)) {
        at.skipped.push(page.key);
        continue;
      }
      const http = await timeHttp(new URL(page.path, origin).href, cookie, notFound, opts);
      const data = await timeData(probe, { page: page.key, framework: FRAMEWORK, objective: POPULAR, from: when.from, to: when.to }, opts);
      at.pages[page.key] = { http, data };
      log(`reports: ${fmtN(size)} ${page.key}: ${http.available ? `${fmtMs(http.ms)} over HTTP, ` : ''}data ${data.error ? `failed (${data.error})` : fmtMs(data.ms)}`);
    }
    out.sizes.push(at);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The bench table's rows and notes

const BUDGET_AT = 100_000;
const within = (ms) => (ms < 200 ? 'yes (under the 200 ms aim too)' : ms < 500 ? 'yes' : '**no**');
const slowestOf = (data) => [...data.queries].sort((a, b) => b.ms - a.ms)[0];
const dataText = (data) =>
  data.error ? `data layer failed: ${data.error}` : `data layer ${fmtMs(data.ms)} (${data.statements} statements; slowest ${slowestOf(data) ? `${slowestOf(data).name} ${fmtMs(slowestOf(data).ms)}` : '—'})`;

/** One row per page per size: [what, budget, measured, within budget?]; then the fill. */
export function reportRows(r) {
  const rows = [];
  for (const at of r.sizes) {
    const budget = at.size === BUDGET_AT ? '< 500 ms (aim < 200 ms)' : 'none set (the curve)';
    for (const page of reportPages(r.when)) {
      const timed = at.pages[page.key];
      if (!timed) continue;
      const { http, data } = timed;
      const measured = http.available ? `${fmtMs(http.ms)} over HTTP (${fmtN(http.bytes)} B); ${dataText(data)}` : `not available (404: route not built yet); ${dataText(data)}`;
      const ok = at.size !== BUDGET_AT ? '—' : http.available ? within(http.ms) : data.error ? '**no** (data layer failed)' : `not built (data layer alone: ${within(data.ms)})`;
      rows.push([`reports, ${fmtN(at.counts.responses)} responses and ${fmtN(at.counts.tags)} tags: ${page.what}, median`, budget, measured, ok]);
    }
    if (at.skipped.length) rows.push([`reports, ${fmtN(at.counts.responses)} responses: ${at.skipped.join(', ')}`, 'none set', 'not timed: the overview alone took over a second', '—']);
  }
  const fills = r.sizes.map((at, k) => `${k === 0 ? '' : 'to '}${fmtN(at.size)} ${(at.fill.ms / 1000).toFixed(1)} s`).join(', ');
  const slowest = Math.max(...r.sizes.map((at) => at.fill.slowest));
  rows.push(['reports: filling the corpus (recursive-CTE INSERT … SELECT through the D1 binding, 25,000 responses a statement)', 'none set', `${fills}; slowest statement ${(slowest / 1000).toFixed(1)} s`, '—']);
  return rows;
}

/** For DESIGN.md's own budget row: the slowest page at 100,000. */
export function reportSummary(r) {
  const at = r.sizes.find((x) => x.size === BUDGET_AT);
  if (!at) return { measured: 'not measured (BENCH_REPORTS_SIZES leaves out 100000)', ok: '—' };
  const pages = Object.values(at.pages);
  const built = pages.filter((p) => p.http.available);
  if (built.length === pages.length) {
    const worst = Math.max(...built.map((p) => p.http.ms));
    return { measured: `slowest page ${fmtMs(worst)} over HTTP (each page in the "reports" rows below)`, ok: within(worst) };
  }
  const worst = Math.max(...pages.map((p) => p.data.ms ?? Infinity));
  return { measured: `${built.length} of ${pages.length} report routes built; slowest page's data ${fmtMs(worst)} (the "reports" rows below)`, ok: built.length ? within(Math.max(...built.map((p) => p.http.ms))) : '—' };
}

export function reportNotes(r) {
  const notes = [];
  notes.push(
    `Reports: a synthetic corpus (tests/bench/reports.mjs) over the 8 financial-year quarters to now, across the three seeded frameworks: 72% online, 10% kiosk, 7% paper, 6% assisted, 5% group; ` +
      `${r.sessions} sessions; 60% of responses name an organisation; moderation 86% done, 7% excluded; rating answers to the forms' rating questions (85% answered); ` +
      `1.4 excerpts a response, 3 in 10 of a consenting response's approved as quotes; 3 confirmed first-round tags a response, skewed (5.6 on a third of responses, the tail on 1 in 100; 1 in 5 tags a theme). ` +
      `Pages read ${r.when.from} to ${r.when.to} (4 quarters; the overview also counts the quarter before, for the change). ` +
      `The moderation bench's ${fmtN(r.cleared.removed)} synthetic responses were deleted first (${(r.cleared.ms / 1000).toFixed(1)} s). ` +
      `"Data layer": the report's own functions (worker/reports/*.ts) run for the page inside workerd by a probe Worker on the same D1 (tests/bench/reports-probe.ts), without HTTP or rendering; ` +
      `then each statement timed alone inside the Worker (from Node, Miniflare's D1 proxy adds about 40 ms a statement).`,
  );
  for (const at of r.sizes) {
    const parts = Object.entries(at.pages)
      .filter(([, p]) => p.data.queries.length)
      .map(([key, p]) => `${key}: ${p.data.queries.map((q) => `${q.name} ${fmtMs(q.ms)}`).join('; ')}`);
    if (parts.length) notes.push(`Reports at ${fmtN(at.counts.responses)} responses, each statement alone (inside the Worker) — ${parts.join('. ')}.`);
  }
  const plans = new Map();
  for (const at of r.sizes) for (const page of Object.values(at.pages)) for (const q of page.data.queries) if (q.plan && !plans.has(q.name)) plans.set(q.name, q.plan);
  for (const [name, lines] of plans) notes.push(`Query plan, ${name}: ${lines.map((l) => l.trim()).join(' / ')}`);
  return notes;
}

async function main() {
  const { mf, origin, cleanup } = await standalone({ seededState: process.env.BENCH_REPORTS_SEEDED_STATE });
  try {
    const r = await reportTimings(mf, origin);
    const rows = reportRows(r);
    console.log(['| what | budget | measured | within budget? |', '|---|---|---|---|', ...rows.map((x) => `| ${x.join(' | ')} |`)].join('\n'));
    console.log(`\n${reportNotes(r).map((n) => `- ${n}`).join('\n')}`);
    if (process.env.BENCH_REPORTS_JSON) writeFileSync(process.env.BENCH_REPORTS_JSON, JSON.stringify(r, null, 1));
  } finally {
    await cleanup();
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}

// ---------------------------------------------------------------------------------------------
// Standalone: a fresh local D1 (migrated and seeded as `npm start` does) and the app in Miniflare.

async function standalone({ seededState, extraWorkers = () => [] } = {}) {
  const ROOT = path.resolve(import.meta.dirname, '../..');
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
  const run = (cmd, args) => promisify(execFile)(cmd, args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'heard-reports-bench-'));
  const stateDir = path.join(tmp, 'state');
  if (seededState) await promisify(execFile)('cp', ['-r', seededState, stateDir]);
  const devVars = path.join(ROOT, '.dev.vars');
  const vars = existsSync(devVars) ? readFileSync(devVars, 'utf8') : '';
  if (!/^HEARD_KEYS=/m.test(vars)) writeFileSync(devVars, `${vars}${vars && !vars.endsWith('\n') ? '\n' : ''}HEARD_KEYS=k1:${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  let mf;
  try {
    if (!seededState) {
      log('migrating and seeding a fresh local D1…');
      await run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', stateDir]);
      await run('npx', ['tsx', 'scripts/seed.mjs', '--demo-staff', '--persist-to', stateDir]);
    }
    log('bundling the app…');
    await run('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', path.join(tmp, 'bundle')]);
    const entry = (await readdir(path.join(tmp, 'bundle'))).find((f) => f.endsWith('.js'));
    const script = await readFile(path.join(tmp, 'bundle', entry), 'utf8');
    const wranglerRequire = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('wrangler/package.json'));
    const { Miniflare, convertV4MiniflareOptions } = await import(pathToFileURL(wranglerRequire.resolve('miniflare')).href);
    const { unstable_getMiniflareWorkerOptions } = await import(pathToFileURL(createRequire(path.join(ROOT, 'package.json')).resolve('wrangler')).href);
    const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, 'wrangler.toml'));
    const { modulesRules: _bundled, assets: _assets, ...appOptions } = workerOptions;
    mf = new Miniflare(
      convertV4MiniflareOptions({
        resourcePersistencePath: path.join(stateDir, 'v3'),
        workers: [
          {
            ...appOptions,
            name: 'app',
            bindings: { ...appOptions.bindings, RATE_LIMITER: 'memory', HEARD_SUBMIT_RATE_LIMIT: '0', SECOND_FACTOR: 'off' },
            modules: [{ type: 'ESModule', path: 'index.js', contents: script }],
            unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
          },
          await reportProbeWorker(ROOT, appOptions),
          ...extraWorkers(appOptions),
        ],
      }),
    );
    await mf.ready;
    const origin = new URL(await mf.unsafeGetDirectURL('app')).origin;
    return {
      mf,
      origin,
      ROOT,
      stateDir,
      cleanup: async () => {
        await mf.dispose().catch(() => {});
        await rm(tmp, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await mf?.dispose();
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

export { standalone };

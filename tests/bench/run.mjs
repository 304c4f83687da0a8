// `npm run bench`: measures every budget in DESIGN.md ("Budgets") in one run and prints a table.
// Nothing here asserts: a budget that is missed shows "no" in the table, and the run still exits 0
// unless the bench itself could not run. Takes about two minutes on 2 cores.
//
// Phases, in order (each needs the one before to have finished with the CPU):
//   1. start the app (scripts/start.mjs, fresh local D1, no submission rate limit)
//   2. bytes over the wire: start page + CSS (first visit), every later page (CSS cached)
//   3. Chromium with JavaScript off completes service-feedback: the JS a respondent must download
//   4. Chromium on an emulated "2G" link: start page cold, and the next page with the CSS cached;
//      then kiosk mode's time from Send to a blank start page (kiosk.mjs)
//      then paper sheets typed into the entry screen by keyboard (paper-entry.mjs)
//   5. 2,000 respondent journeys at concurrency 50, each ending in a double-tapped submit
//   6. stop the app, count the stored responses with `wrangler d1 execute`
//   7. requests per second: the app and a bare Hono "hello" Worker in one Miniflare (one workerd)
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { moderationTimings } from './moderation-queue.mjs';
import { reportNotes, reportProbeWorker, reportRows, reportSummary, reportTimings } from './reports.mjs';
import { measureModerationQuality } from './moderation-quality.mjs';
import { measureSuggestionQuality, suggestionRows, workerSuggestionTimes } from './suggest-quality.mjs';
import { sessionPageWeights } from './session-pages.mjs';
import { kioskRow, measureKiosk } from './kiosk.mjs';
import { measurePaperEntry, paperEntryNote, paperEntryRow } from './paper-entry.mjs';
import { assessmentRows, assessmentTimings } from './assessment.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BENCH = import.meta.dirname;
const SLUG = 'service-feedback';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 2000);
const SUBMIT_CONCURRENCY = 50;
const RPS_CONCURRENCY = 32;
const RPS_SECONDS = Number(process.env.BENCH_RPS_SECONDS ?? 5);
const REQUIRED_KINDS = ['name', 'phone', 'email', 'postcode', 'dob', 'nhs', 'ni'];
const KB = 1000; // budgets are compared in kilobytes of 1,000 bytes (the stricter reading)
const ANSWERS = { service: 'outreach', 'how-was-it': '4', 'one-change': 'Longer opening hours at the weekend' };
const TWO_G = { offline: false, latency: 300, downloadThroughput: (250 * 1000) / 8, uploadThroughput: (250 * 1000) / 8 };
const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const gzip = (buf) => zlib.gzipSync(buf, { level: 6 }).length;
const brotli = (buf) => zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const fmtB = (n) => `${n.toLocaleString('en-GB')} B`;
const fmtKB = (n) => `${(n / KB).toFixed(1)} KB`;
const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const yes = (ok) => (ok ? 'yes' : '**no**');

/**
 * A free port below the kernel's ephemeral range (32768-60999): wrangler and workerd open their own
 * helper sockets on ephemeral ports, so a port picked from that range can be taken before use.
 */
async function freePort() {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (port >= 8787 && port <= 8899) continue;
    const free = await new Promise((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

// ---------------------------------------------------------------------------------------------
// The app under test

async function startApp(stateDir) {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const child = spawn(process.execPath, ['scripts/start.mjs', '--quiet'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...wranglerEnv, PORT: String(port), HEARD_STATE_DIR: stateDir, HEARD_SUBMIT_RATE_LIMIT: '0' },
  });
  const output = [];
  child.stdout.on('data', (d) => output.push(d.toString()));
  child.stderr.on('data', (d) => output.push(d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
    await sleep(300);
  };
  for (let i = 0; i < 360; i++) {
    if (exited) throw new Error(`the app exited while starting:\n${output.join('')}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return { base, port, stop, output };
    } catch {}
    await sleep(500);
  }
  await stop();
  throw new Error(`the app did not answer /healthz within 3 minutes:\n${output.join('')}`);
}

/** A respondent without a browser: keeps the draft cookie, never follows redirects. */
class Respondent {
  constructor(base) {
    this.base = base;
    this.cookie = '';
  }
  async request(method, pathname, { form, headers = {} } = {}) {
    const init = { method, redirect: 'manual', headers: { ...headers } };
    if (this.cookie) init.headers.cookie = this.cookie;
    if (method !== 'GET') {
      init.headers.origin = this.base;
      init.headers['content-type'] = 'application/x-www-form-urlencoded';
      init.body = new URLSearchParams(form ?? {}).toString();
    }
    const res = await fetch(this.base + pathname, init);
    for (const c of res.headers.getSetCookie()) {
      const m = /^__Host-heard_draft=([^;]*)/.exec(c);
      if (m) this.cookie = m[1] ? `__Host-heard_draft=${m[1]}` : '';
    }
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, location: res.headers.get('location'), encoding: res.headers.get('content-encoding'), body };
  }
}

/** The bytes the local server itself puts on the wire for a request (compressed if it compresses). */
function wireBytes(url, acceptEncoding, cookie) {
  return new Promise((resolve, reject) => {
    const headers = { 'accept-encoding': acceptEncoding };
    if (cookie) headers.cookie = cookie;
    http
      .get(url, { headers }, (res) => {
        let n = 0;
        res.on('data', (d) => (n += d.length));
        res.on('end', () => resolve({ bytes: n, encoding: res.headers['content-encoding'] ?? 'identity' }));
      })
      .on('error', reject);
  });
}

const idempotencyKeyOf = (html) => /name="idempotency_key"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*name="idempotency_key"/.exec(html)?.[1];
const pageIdOf = (html) => /name="heard_page" value="([^"]+)"/.exec(/<form method="post" action="[^"]*\/question"[\s\S]*?<\/form>/.exec(html)?.[0] ?? "")?.[1];

// ---------------------------------------------------------------------------------------------
// 2. Bytes over the wire

async function measureBytes(base) {
  const identity = { 'accept-encoding': 'identity' };
  const r = new Respondent(base);
  const start = await r.request('GET', `/f/${SLUG}`, { headers: identity });
  if (start.status !== 200) throw new Error(`GET /f/${SLUG} gave ${start.status}`);
  const startHtml = start.body.toString();
  const cssHref = /<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/.exec(startHtml)?.[1] ?? /<link[^>]+href="([^"]+\.css)"/.exec(startHtml)?.[1];
  const scriptSrcs = [...startHtml.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
  if (!cssHref) throw new Error('the start page links no stylesheet');
  const css = await r.request('GET', cssHref, { headers: identity });
  const scripts = [];
  for (const src of scriptSrcs) {
    const s = await r.request('GET', src, { headers: identity });
    scripts.push({ src, raw: s.body.length, gzip: gzip(s.body), brotli: brotli(s.body) });
  }
  const wire = {
    html: await wireBytes(`${base}/f/${SLUG}`, 'gzip, deflate, br, zstd'),
    css: await wireBytes(base + cssHref, 'gzip, deflate, br, zstd'),
  };

  // Every page after the first, in the order a respondent meets them, answering only what is required.
  const pages = [];
  const measurePage = (name, body) => pages.push({ name, raw: body.length, gzip: gzip(body), brotli: brotli(body) });
  const started = await r.request('POST', `/f/${SLUG}/start`, { form: { lang: 'en' } });
  if (started.status !== 303) throw new Error(`POST start gave ${started.status}`);
  let next = started.location;
  for (let i = 0; i < 20 && next && !next.endsWith('/check'); i++) {
    const page = await r.request('GET', next, { headers: identity });
    if (page.status !== 200) throw new Error(`GET ${next} gave ${page.status}`);
    // Every question page has one address; the page it shows is named in a hidden field.
    const pageId = pageIdOf(page.body.toString());
    if (i === 0) wire.question = await wireBytes(base + next, 'gzip, deflate, br, zstd', r.cookie);
    measurePage(`question "${pageId}"`, page.body);
    const answer = ANSWERS[pageId] !== undefined ? { [pageId]: ANSWERS[pageId] } : {};
    const posted = await r.request('POST', next, { form: { heard_page: pageId, ...answer } });
    if (posted.status !== 303) throw new Error(`POST ${next} gave ${posted.status}: ${posted.body.toString().slice(0, 300)}`);
    next = posted.location;
  }
  const check = await r.request('GET', `/f/${SLUG}/check`, { headers: identity });
  if (check.status !== 200) throw new Error(`GET check gave ${check.status}`);
  measurePage('check answers', check.body);
  const key = idempotencyKeyOf(check.body.toString());
  const done = await r.request('POST', `/f/${SLUG}/submit`, { form: { idempotency_key: key }, headers: identity });
  if (done.status !== 200 || !done.body.toString().includes('id="withdrawal-code"')) throw new Error(`submit gave ${done.status}`);
  measurePage('confirmation', done.body);

  const html = { raw: start.body.length, gzip: gzip(start.body), brotli: brotli(start.body), identityServed: !start.encoding };
  const cssSize = { href: cssHref, raw: css.body.length, gzip: gzip(css.body), brotli: brotli(css.body) };
  const worst = pages.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  return { html, css: cssSize, scripts, pages, worst, wire, firstVisit: html.gzip + cssSize.gzip, firstVisitBr: html.brotli + cssSize.brotli };
}

// ---------------------------------------------------------------------------------------------
// 3 and 4. Chromium

async function waitForChromium() {
  for (let i = 0; i < 120 && !existsSync(CHROMIUM); i++) {
    if (i === 0) log(`waiting for ${CHROMIUM} (apt may still be installing it)`);
    await sleep(2000);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found`);
}

/** Clicks the submit button of the form that posts to `action`, and waits for the next page. */
async function submitForm(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(`form[action="${action}"] button[type="submit"]`).click()]);
}

async function completeWithoutJs(browser, base) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const scripts = [];
  page.on('response', async (res) => {
    if (res.request().resourceType() === 'script') {
      const body = await res.body().catch(() => Buffer.alloc(0));
      scripts.push({ url: res.url(), bytes: body.length });
    }
  });
  try {
    await page.goto(`${base}/f/${SLUG}`, { waitUntil: 'load' });
    await submitForm(page, `/f/${SLUG}/start`);
    for (let i = 0; i < 20; i++) {
      const { pathname } = new URL(page.url());
      if (pathname.endsWith('/check')) break;
      const pageId = await page.locator('form[action$="/question"] input[name="heard_page"]').inputValue();
      if (!pageId) throw new Error(`unexpected page ${pathname}`);
      const answer = ANSWERS[pageId];
      if (answer !== undefined) {
        const radio = page.locator(`input[type="radio"][name="${pageId}"][value="${answer}"]`);
        if ((await radio.count()) > 0) await radio.check();
        else await page.locator(`[name="${pageId}"]`).fill(answer);
      }
      await submitForm(page, pathname);
    }
    await submitForm(page, `/f/${SLUG}/submit`);
    const code = await page.locator('#withdrawal-code').textContent({ timeout: 5000 });
    return { completed: Boolean(code?.trim()), scripts, jsBytes: scripts.reduce((n, s) => n + s.bytes, 0) };
  } finally {
    await context.close();
  }
}

const pageTimings = () => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const resources = performance.getEntriesByType('resource');
  return {
    load: nav.loadEventEnd,
    fcp: fcp ? fcp.startTime : null,
    transfer: nav.transferSize + resources.reduce((n, r) => n + r.transferSize, 0),
    requests: 1 + resources.length,
    cachedResources: resources.filter((r) => r.transferSize === 0).length,
  };
};

async function twoG(browser, base) {
  const context = await browser.newContext(); // a fresh profile: an empty HTTP cache
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', TWO_G);
  try {
    await page.goto(`${base}/f/${SLUG}`, { waitUntil: 'load' });
    await sleep(100); // let paint timing entries land
    const cold = await page.evaluate(pageTimings);
    // The next page: "Start now" (POST, 303, GET the first question), the CSS already cached.
    await submitForm(page, `/f/${SLUG}/start`);
    await sleep(100);
    const afterStart = await page.evaluate(pageTimings);
    // And one more: answer the first question and continue (POST, 303, GET the next question).
    const { pathname } = new URL(page.url());
    const pageId = await page.locator('form[action$="/question"] input[name="heard_page"]').inputValue();
    await page.locator(`input[name="${pageId}"][value="${ANSWERS[pageId]}"]`).check();
    await submitForm(page, pathname);
    await sleep(100);
    const afterContinue = await page.evaluate(pageTimings);
    return { cold, afterStart, afterContinue };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 5. 2,000 submissions

async function submissions(base, total, concurrency) {
  const statuses = new Map(); // "step status" -> count
  const count = (step, status) => statuses.set(`${step} ${status}`, (statuses.get(`${step} ${status}`) ?? 0) + 1);
  let fiveXX = 0;
  let networkErrors = 0;
  let confirmedBoth = 0;
  let codesDiffer = 0;
  const keys = new Set();
  const expect = (step, res, want) => {
    count(step, res.status);
    if (res.status >= 500) fiveXX++;
    return res.status === want;
  };
  const journey = async () => {
    const r = new Respondent(base);
    const start = await r.request('POST', `/f/${SLUG}/start`, { form: { lang: 'en' } });
    if (!expect('start', start, 303)) return;
    for (const pageId of ['service', 'how-was-it', 'one-change']) {
      // A form names its page in the body; the optional pages between are simply not posted.
      const res = await r.request('POST', `/f/${SLUG}/question`, { form: { heard_page: pageId, [pageId]: ANSWERS[pageId] } });
      if (!expect(`question ${pageId}`, res, 303)) return;
    }
    const check = await r.request('GET', `/f/${SLUG}/check`);
    if (!expect('check', check, 200)) return;
    const key = idempotencyKeyOf(check.body.toString());
    if (!key) return count('check without key', check.status);
    keys.add(key);
    // A double tap: the same idempotency key sent twice at once.
    const both = await Promise.all([0, 1].map(() => r.request('POST', `/f/${SLUG}/submit`, { form: { idempotency_key: key } })));
    const codes = both.map((res) => (expect('submit', res, 200) ? /id="withdrawal-code"[^>]*>([^<]+)</.exec(res.body.toString())?.[1] : undefined));
    if (codes.every(Boolean)) confirmedBoth++;
    if (codes[0] && codes[1] && codes[0] !== codes[1]) codesDiffer++;
  };
  let started = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < total) {
        started++;
        try {
          await journey();
        } catch (err) {
          networkErrors++;
          count(`error ${err.cause?.code ?? err.message}`, '');
        }
      }
    }),
  );
  const elapsedMs = performance.now() - t0;
  return { elapsedMs, fiveXX, networkErrors, confirmedBoth, codesDiffer, keys: keys.size, statuses: Object.fromEntries([...statuses].sort()) };
}

/** How many responses the database holds (read with the app stopped, straight from its D1). */
async function countResponses(stateDir) {
  const sql = 'select count(*) as total from responses';
  const { stdout } = await promisify(execFile)('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--json', '--command', sql], {
    cwd: ROOT,
    env: wranglerEnv,
    maxBuffer: 16 * 1024 * 1024,
  });
  const json = JSON.parse(stdout.slice(stdout.indexOf('[')));
  return Number(json[0].results[0].total);
}

// ---------------------------------------------------------------------------------------------
// 7. Requests per second in one workerd

async function bundle(args, outdir) {
  await promisify(execFile)('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir, ...args], { cwd: ROOT, env: wranglerEnv, maxBuffer: 16 * 1024 * 1024 });
  const entry = (await readdir(outdir)).find((f) => f.endsWith('.js'));
  return readFile(path.join(outdir, entry), 'utf8');
}

async function loadTest(url, ms, concurrency, headers = {}) {
  let ok = 0;
  let bad = 0;
  const end = performance.now() + ms;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        try {
          const res = await fetch(url, { headers, redirect: 'manual' });
          await res.arrayBuffer();
          if (res.status === 200) ok++;
          else bad++;
        } catch {
          bad++;
        }
      }
    }),
  );
  return { rps: ok / ((performance.now() - t0) / 1000), ok, bad };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(fn) {
  const t = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  return { ms: performance.now() - t, res };
}

/**
 * Staff: the cost of one password sign-in (PBKDF2-SHA256, 100,000 iterations) and of an authorised
 * staff page. A sign-in is timed against the sign-in page itself; the difference is the hashing,
 * which is CPU time (nothing else waits in between).
 */
async function staffTimings(appUrl) {
  const origin = new URL(appUrl).origin;
  const login = () =>
    fetch(new URL('/login', origin), {
      method: 'POST',
      redirect: 'manual',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': `203.0.113.${Math.floor(Math.random() * 250)}` },
      body: new URLSearchParams({ email: 'commissioner@heard.local', password: 'demo-password' }),
    });
  const signIns = [];
  const pages = [];
  let cookie = '';
  for (let i = 0; i < 12; i++) {
    const { ms, res } = await timed(login);
    if (res.status !== 303) throw new Error(`sign-in gave ${res.status}`);
    cookie = res.headers.get('set-cookie').split(';')[0];
    signIns.push(ms);
    pages.push((await timed(() => fetch(new URL('/login', origin)))).ms);
  }
  const staffPage = [];
  for (let i = 0; i < 60; i++) {
    const { ms, res } = await timed(() => fetch(new URL('/staff', origin), { headers: { cookie }, redirect: 'manual' }));
    if (res.status !== 200) throw new Error(`GET /staff gave ${res.status}`);
    staffPage.push(ms);
  }
  const staffLoad = await loadTest(new URL('/staff', origin).href, 3000, RPS_CONCURRENCY, { cookie });
  return { signInMs: median(signIns), signInPageMs: median(pages), pbkdf2Ms: median(signIns) - median(pages), staffPageMs: median(staffPage), staffRps: staffLoad.rps };
}

async function requestsPerSecond(stateDir, tmp) {
  const appScript = await bundle([], path.join(tmp, 'bundle-app'));
  const helloScript = await bundle(['--config', path.join(BENCH, 'hello', 'wrangler.toml')], path.join(tmp, 'bundle-hello'));
  // The Miniflare that this wrangler itself uses, so both run on the same workerd as `wrangler dev`.
  const wranglerRequire = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('wrangler/package.json'));
  const mfPath = wranglerRequire.resolve('miniflare');
  const mfVersion = JSON.parse(await readFile(wranglerRequire.resolve('miniflare/package.json'), 'utf8')).version;
  const { Miniflare, convertV4MiniflareOptions } = await import(pathToFileURL(mfPath).href);
  const { unstable_getMiniflareWorkerOptions } = await import(pathToFileURL(createRequire(path.join(ROOT, 'package.json')).resolve('wrangler')).href);
  // The app's bindings exactly as wrangler reads them from wrangler.toml (D1, assets, vars, rate limit).
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, 'wrangler.toml'));
  const { modulesRules: _bundled, ...appOptions } = workerOptions;
  // Four Workers in one workerd: the app and the hello Worker each twice, once behind the
  // static-assets router (as wrangler.toml configures the app, and as Cloudflare serves it) and once
  // direct. The router is a platform cost both pay alike, so each pair is compared like for like.
  const appWorker = (name, withAssets) => ({
    ...Object.fromEntries(Object.entries(appOptions).filter(([k]) => withAssets || k !== 'assets')),
    name,
    bindings: { ...appOptions.bindings, RATE_LIMITER: 'memory', HEARD_SUBMIT_RATE_LIMIT: '0', SECOND_FACTOR: 'off' },
    modules: [{ type: 'ESModule', path: 'index.js', contents: appScript }],
    unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
  });
  const helloWorker = (name, withAssets) => ({
    name,
    ...(withAssets ? { assets: appOptions.assets } : {}),
    compatibilityDate: appOptions.compatibilityDate,
    compatibilityFlags: appOptions.compatibilityFlags,
    modules: [{ type: 'ESModule', path: 'index.js', contents: helloScript }],
    unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
  });
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      resourcePersistencePath: path.join(stateDir, 'v3'), // where `wrangler dev --persist-to` kept the D1
      workers: [appWorker('app', false), helloWorker('hello', false), appWorker('app-assets', true), helloWorker('hello-assets', true), await reportProbeWorker(ROOT, appOptions)],
    }),
  );
  try {
    await mf.ready;
    const appUrl = new URL(`/f/${SLUG}`, await mf.unsafeGetDirectURL('app')).href;
    const helloUrl = new URL('/', await mf.unsafeGetDirectURL('hello')).href;
    const appAssetsUrl = new URL(`/f/${SLUG}`, await mf.unsafeGetDirectURL('app-assets')).href;
    const helloAssetsUrl = new URL('/', await mf.unsafeGetDirectURL('hello-assets')).href;
    const probe = await fetch(appUrl);
    if (probe.status !== 200) throw new Error(`Miniflare: GET /f/${SLUG} gave ${probe.status}`);
    await probe.arrayBuffer();
    for (const url of [appUrl, helloUrl, appAssetsUrl, helloAssetsUrl]) await loadTest(url, 1000, RPS_CONCURRENCY); // warm-up
    const app = await loadTest(appUrl, RPS_SECONDS * 1000, RPS_CONCURRENCY);
    const hello = await loadTest(helloUrl, RPS_SECONDS * 1000, RPS_CONCURRENCY);
    const appAssets = await loadTest(appAssetsUrl, RPS_SECONDS * 1000, RPS_CONCURRENCY);
    const helloAssets = await loadTest(helloAssetsUrl, RPS_SECONDS * 1000, RPS_CONCURRENCY);
    // Where the time goes (notes only): a page with the same layout and no D1, and a one-query D1 route.
    const diagnostics = {};
    for (const p of ['/safety', '/healthz']) diagnostics[p] = await loadTest(new URL(p, appUrl).href, 2000, RPS_CONCURRENCY);
    const staff = await staffTimings(appUrl);
    const moderation = await moderationTimings(mf, new URL(appUrl).origin, ROOT);
    const assessment = await assessmentTimings(new URL(appUrl).origin, ROOT).catch((err) => ({ error: String(err?.message ?? err).split('\n')[0] }));
    // Suggestions first: the report corpus's bulk tags would otherwise queue 300,000 tags to learn.
    const suggestions = await workerSuggestionTimes(mf);
    const reports = await reportTimings(mf, new URL(appUrl).origin);
    return {
      moderation,
      assessment,
      suggestions,
      reports,
      app,
      hello,
      appAssets,
      helloAssets,
      diagnostics,
      staff,
      ratio: app.rps / hello.rps,
      assetsRatio: appAssets.rps / helloAssets.rps,
      mfVersion,
      appBundle: appScript.length,
      helloBundle: helloScript.length,
    };
  } finally {
    await mf.dispose();
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const t0 = performance.now();
  const form = JSON.parse(await readFile(path.join(ROOT, 'seeds', 'forms', `${SLUG}.json`), 'utf8'));
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'heard-bench-'));
  const stateDir = path.join(tmp, 'state');
  const notes = [];
  let app;
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await app?.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => cleanup().then(() => process.exit(130)));

  try {
    log('starting the app (build, migrate, seed, wrangler dev)…');
    app = await startApp(stateDir);
    log(`app ready at ${app.base}`);

    log('measuring bytes…');
    const bytes = await measureBytes(app.base);
    log('measuring the session poster…');
    const sessionPages = await sessionPageWeights(app.base);

    log('Chromium: completing the form with JavaScript off…');
    await waitForChromium();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const noJs = await completeWithoutJs(browser, app.base);
    log('Chromium: 2G…');
    const slow = await twoG(browser, app.base);
    log('Chromium: kiosk mode, Send to a blank start page…');
    const kiosk = await measureKiosk(browser, app.base).catch((err) => ({ error: String(err?.message ?? err).split('\n')[0] }));
    log('Chromium: paper entry by keyboard…');
    const paperEntry = await measurePaperEntry(browser, app.base);
    await browser.close();
    browser = undefined;

    log(`${SUBMISSIONS} submissions at concurrency ${SUBMIT_CONCURRENCY}…`);
    // Responses are kept to the hour and carry no idempotency key (the draft fixes the response id),
    // so the count before and after the load tells how many it stored; more than one per journey is a double.
    const before = await countResponses(stateDir);
    const subs = await submissions(app.base, SUBMISSIONS, SUBMIT_CONCURRENCY);
    const appLog = app.output.join('');
    await app.stop();
    app = undefined;
    log('counting stored responses…');
    const total = await countResponses(stateDir);
    const rows = { stored: Math.min(total - before, SUBMISSIONS), doubled: Math.max(0, total - before - SUBMISSIONS), total };

    log('requests per second (Miniflare: app and hello in one workerd)…');
    const rps = await requestsPerSecond(stateDir, tmp);

    log('moderation quality (triage and redaction on labelled examples)…');
    const quality = await measureModerationQuality();
    log('suggestion quality (objectives of the labelled statements)…');
    const suggestionQuality = await measureSuggestionQuality();

    // ----- the table
    const jsScript = bytes.scripts[0];
    const nextStart = slow.afterStart;
    const nextContinue = slow.afterContinue;
    const nextWorst = nextContinue.load > nextStart.load ? nextContinue : nextStart;
    const stored = Number(rows.stored);
    const doubled = Number(rows.doubled);
    const subsOk = stored === SUBMISSIONS && doubled === 0 && subs.fiveXX === 0;
    const rowsOut = [
      [
        'a respondent page, first visit: start page HTML + CSS, gzip',
        '≤ 14 KB',
        `${fmtKB(bytes.firstVisit)} (HTML ${fmtB(bytes.html.gzip)} + CSS ${fmtB(bytes.css.gzip)})`,
        yes(bytes.firstVisit <= 14 * KB),
      ],
      [
        'a respondent next page: HTML only (CSS cached), gzip, largest page',
        '≤ 6 KB',
        `${fmtKB(bytes.worst.gzip)} (${bytes.worst.name})`,
        yes(bytes.worst.gzip <= 6 * KB),
      ],
      [
        'JavaScript a respondent must download to complete a form',
        '0 bytes',
        noJs.completed ? `${fmtB(0)} (completed with JavaScript off)` : 'could not complete with JavaScript off',
        yes(noJs.completed),
      ],
      [
        '"2G" (250 kbit/s, 300 ms RTT), start page, cold cache: load event (FCP)',
        '< 1.5 s',
        `${fmtS(slow.cold.load)} (FCP ${slow.cold.fcp == null ? 'n/a' : fmtS(slow.cold.fcp)})`,
        yes(slow.cold.load < 1500),
      ],
      [
        '"2G", next page (POST, 303, GET; CSS cached): load event (FCP)',
        '< 1.5 s',
        `${fmtS(nextWorst.load)} (FCP ${nextWorst.fcp == null ? 'n/a' : fmtS(nextWorst.fcp)})`,
        yes(nextWorst.load < 1500),
      ],
      kiosk.error ? ['kiosk mode: from Send to a blank start page', 'none set', `could not measure: ${kiosk.error}`, '—'] : kioskRow(kiosk, 10),
      [
        'requests per second, start page vs bare Hono "hello", one workerd (both direct)',
        '≥ 50% of hello',
        `${Math.round(rps.app.rps)} vs ${Math.round(rps.hello.rps)} rps = ${(rps.ratio * 100).toFixed(0)}%`,
        yes(rps.ratio >= 0.5),
      ],
      [
        'the same, both behind the static-assets router (as deployed)',
        '≥ 50% of hello',
        `${Math.round(rps.appAssets.rps)} vs ${Math.round(rps.helloAssets.rps)} rps = ${(rps.assetsRatio * 100).toFixed(0)}%`,
        yes(rps.assetsRatio >= 0.5),
      ],
      ['themed report over 100,000 responses and 300,000 tags, local D1', '< 500 ms', reportSummary(rps.reports).measured, reportSummary(rps.reports).ok],
      [
        'moderation queue page (GET /moderate, signed in) with 10,000 responses: median',
        '< 200 ms',
        `${rps.moderation.at10k.queue.ms.toFixed(1)} ms (${rps.moderation.at10k.count.toLocaleString('en-GB')} responses; a redacted-text search ${rps.moderation.at10k.search.ms.toFixed(1)} ms)`,
        yes(rps.moderation.at10k.queue.ms < 200),
      ],
      [
        'the same with 100,000 responses',
        'none set',
        `${rps.moderation.at100k.queue.ms.toFixed(1)} ms (${rps.moderation.at100k.count.toLocaleString('en-GB')} responses; search ${rps.moderation.at100k.search.ms.toFixed(1)} ms)`,
        '—',
      ],
      [
        'a response page to moderate: HTML, gzip (and median time)',
        'none set',
        `${fmtKB(rps.moderation.responsePage.gzip)} (${fmtKB(rps.moderation.responsePage.raw)} raw; ${rps.moderation.responsePage.ms.toFixed(1)} ms)`,
        '—',
      ],
      [
        'staff script, gzip',
        '≤ 30 KB',
        rps.moderation.scripts.length ? rps.moderation.scripts.map((x) => `${x.src} ${fmtKB(x.gzip)}`).join('; ') : '0 B (no staff script yet)',
        yes(rps.moderation.scripts.every((x) => x.gzip <= 30 * KB)),
      ],
      [
        'safeguarding triage on held-out examples: recall, precision',
        '≥ 0.95, ≥ 0.8',
        `${(quality.heldout.triage.recall * 100).toFixed(1)}%, ${(quality.heldout.triage.precision * 100).toFixed(1)}% (n = ${quality.heldout.triage.n}; tuned set ${(quality.tuned.triage.recall * 100).toFixed(1)}%, ${(quality.tuned.triage.precision * 100).toFixed(1)}%)`,
        yes(quality.heldout.triage.recall >= 0.95 && quality.heldout.triage.precision >= 0.8),
      ],
      [
        'redaction on held-out examples: recall of names, phones, emails, postcodes, dates of birth, NHS, NI',
        '≥ 0.95 each',
        `lowest ${(Math.min(...REQUIRED_KINDS.map((k) => quality.heldout.redaction.recall[k] ?? 0)) * 100).toFixed(1)}% (${REQUIRED_KINDS.map((k) => `${k} ${((quality.heldout.redaction.recall[k] ?? 0) * 100).toFixed(0)}%`).join(', ')}); precision ${(quality.heldout.redaction.precision * 100).toFixed(1)}%`,
        yes(REQUIRED_KINDS.every((k) => (quality.heldout.redaction.recall[k] ?? 0) >= 0.95)),
      ],
      ...suggestionRows(suggestionQuality, rps.suggestions),
      ...reportRows(rps.reports),
      [
        'one password sign-in: PBKDF2-SHA256, 100,000 iterations (CPU)',
        'none set (free plan: 10 ms a request)',
        `≈ ${rps.staff.pbkdf2Ms.toFixed(0)} ms (sign-in ${rps.staff.signInMs.toFixed(0)} ms − sign-in page ${rps.staff.signInPageMs.toFixed(0)} ms)`,
        rps.staff.pbkdf2Ms <= 10 ? 'free plan' : 'paid plan, or Access mode',
      ],
      [
        'an authorised staff page (GET /staff, signed in): median time, and rps',
        'none set',
        `${rps.staff.staffPageMs.toFixed(1)} ms; ${Math.round(rps.staff.staffRps)} rps at ${RPS_CONCURRENCY} concurrent`,
        '—',
      ],
      ...paperEntryRow(paperEntry),
      ...assessmentRows(rps.assessment),
      [
        `${SUBMISSIONS.toLocaleString('en-GB')} submissions at concurrency ${SUBMIT_CONCURRENCY}, each submit double-tapped`,
        `${SUBMISSIONS.toLocaleString('en-GB')} stored, none doubled, no 5xx`,
        `${stored.toLocaleString('en-GB')} stored, ${doubled} doubled, ${subs.fiveXX} 5xx; ${fmtS(subs.elapsedMs)} (${(SUBMISSIONS / (subs.elapsedMs / 1000)).toFixed(0)} submissions/s)`,
        yes(subsOk),
      ],
      [
        'session poster (A4: join code, QR as inline SVG, purpose in each language): HTML gzip, and with its CSS',
        'none set (prints on a venue printer)',
        `${fmtKB(sessionPages.poster.gzip)} (${fmtKB(sessionPages.poster.raw)} raw); ${fmtKB(sessionPages.poster.gzip + sessionPages.poster.linkedGzip)} with ${sessionPages.poster.linked.length} linked file(s)`,
        '—',
      ],
      [
        'session page with the live count: HTML gzip, and with its CSS and island',
        'none set',
        `${fmtKB(sessionPages.session.gzip)}; ${fmtKB(sessionPages.session.gzip + sessionPages.session.linkedGzip)} with ${sessionPages.session.linked.length} linked file(s)`,
        '—',
      ],
    ];

    // ----- notes
    notes.push(
      `Sizes: compressed here with node:zlib (gzip level 6, as an edge would). Brotli (q11) instead: first visit ${fmtKB(bytes.firstVisitBr)} ` +
        `(HTML ${fmtB(bytes.html.brotli)} + CSS ${fmtB(bytes.css.brotli)}), largest next page ${fmtB(Math.max(...bytes.pages.map((p) => p.brotli)))}. ` +
        `Raw: HTML ${fmtB(bytes.html.raw)}, CSS ${fmtB(bytes.css.raw)}. KB = 1,000 bytes; HTTP headers not counted.`,
    );
    notes.push(`Every later page, gzip: ${bytes.pages.map((p) => `${p.name} ${fmtB(p.gzip)}`).join('; ')}.`);
    const w = bytes.wire;
    const localCompresses = w.html.encoding !== 'identity' && w.css.encoding !== 'identity';
    notes.push(
      `Local \`wrangler dev\` ${localCompresses ? 'does' : 'does not'} compress for a browser's Accept-Encoding (gzip, deflate, br, zstd): ` +
        `start page ${fmtB(w.html.bytes)} ${w.html.encoding}, CSS ${fmtB(w.css.bytes)} ${w.css.encoding}, question page ${fmtB(w.question.bytes)} ${w.question.encoding}` +
        (localCompresses ? ', so Chromium is pointed at it directly (no compressing proxy needed to model the edge).' : '.'),
    );
    notes.push(
      `JavaScript: Chromium with JavaScript off went start → ${form.definition.pages.length} question pages (optional ones left blank) → check → submit and saw the withdrawal code; ` +
        `${noJs.scripts.length} script responses (${fmtB(noJs.jsBytes)}). ` +
        (jsScript
          ? `The optional enhancement script ${jsScript.src} is ${fmtB(jsScript.raw)} raw, ${fmtB(jsScript.gzip)} gzip (≤ 2 KB raw: ${jsScript.raw <= 2 * 1024 ? 'yes' : 'NO'}).`
          : 'The start page loads no script.'),
    );
    notes.push(
      `2G: Chromium's own throttling (CDP Network.emulateNetworkConditions: 300 ms added per request, 31,250 B/s each way), JavaScript on. ` +
        `Cold start page: ${slow.cold.requests} requests, ${fmtB(slow.cold.transfer)} transferred incl. headers. ` +
        `Next page after "Start now": load ${fmtS(nextStart.load)}, FCP ${nextStart.fcp == null ? 'n/a' : fmtS(nextStart.fcp)}, ${fmtB(nextStart.transfer)}, ${nextStart.cachedResources} of ${nextStart.requests - 1} subresources from cache; ` +
        `after "Continue": load ${fmtS(nextContinue.load)}, FCP ${nextContinue.fcp == null ? 'n/a' : fmtS(nextContinue.fcp)}, ${fmtB(nextContinue.transfer)}. ` +
        `The table shows the slower. The emulation adds latency per request, not per TCP/TLS handshake, and localhost has no TLS.`,
    );
    notes.push(
      `Requests per second: both Workers bundled by \`wrangler deploy --dry-run\` and run in one Miniflare ${rps.mfVersion} (wrangler's own, hence the same workerd as \`wrangler dev\`), ` +
        `each on its own direct socket (no wrangler dev proxy), D1 from this run's state; GET /f/${SLUG} vs GET / of tests/bench/hello/worker.ts; ` +
        `Node fetch, ${RPS_CONCURRENCY} concurrent, 1 s warm-up then ${RPS_SECONDS} s each on the same ${os.cpus().length} cores as the load generator; ` +
        `errors: app ${rps.app.bad}, hello ${rps.hello.bad}, behind the router ${rps.appAssets.bad} and ${rps.helloAssets.bad}. App bundle ${fmtB(rps.appBundle)}. ` +
        `The local static-assets router (Miniflare's, in front of any Worker with [assets]) costs about two thirds of the throughput of either Worker, ` +
        `which is why each pair is measured alike; the app behind it against the bare hello would read ${((rps.appAssets.rps / rps.hello.rps) * 100).toFixed(0)}%. ` +
        `For diagnosis, 2 s each on the app: ${Object.entries(rps.diagnostics)
          .map(([p, r]) => `GET ${p} ${Math.round(r.rps)} rps`)
          .join(', ')} (/safety renders the same layout without D1; /healthz runs one D1 query and renders nothing).`,
    );
    const appErrors = appLog.split('\n').filter((l) => /unhandled_error|D1_ERROR|SQLITE|Uncaught|\berror\b/i.test(l) && !/Request\.cf|workers\.cloudflare\.com|getaddrinfo|GetAddrInfoReqWrap/.test(l));
    notes.push(
      `Submissions: ${SUBMISSIONS} journeys through \`wrangler dev\` (POST start, POST 3 required pages, GET check, 2 × POST submit at once), HEARD_SUBMIT_RATE_LIMIT=0; ` +
        `${subs.confirmedBoth} journeys got the confirmation page for both taps, ${subs.codesDiffer} got two different withdrawal codes, ${subs.networkErrors} network errors. ` +
        `Rows counted with \`wrangler d1 execute --local\` after the app stopped (submitted during the run: ${stored}; in the table: ${rows.total}). ` +
        `Statuses: ${Object.entries(subs.statuses)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')}. App log lines that look like errors: ${appErrors.length}.`,
    );
    if (!kiosk.error) {
      notes.push(
        `Kiosk: Chromium as a kiosk tablet for the demo's FEST26 (signed in as the demo facilitator, "Start kiosk mode on this device"), the festival form filled in, then timed from pressing Send ` +
          `to the start page loaded with every box empty. With JavaScript the confirmation counts down 10 s and leaves with location.replace; without, a 10 s meta refresh does; "Finish now" leaves at once. ` +
          `What is not the countdown is the submit, the confirmation and two redirects (/k/next, then /k).`,
      );
    }
    notes.push(...reportNotes(rps.reports));
    notes.push(paperEntryNote(paperEntry));
    notes.push(`Machine: ${os.cpus().length} cores, Node ${process.version}; other work on the machine skews the timings. Whole bench: ${fmtS(performance.now() - t0)}.`);

    const table = [
      '| what | budget | measured | within budget? |',
      '|---|---|---|---|',
      ...rowsOut.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
    const md = `# Heard benchmark, ${new Date().toISOString()}\n\n${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n` +
      (appErrors.length ? `\nApp log errors (first 10):\n\n\`\`\`\n${appErrors.slice(0, 10).join('\n')}\n\`\`\`\n` : '');
    const summary = {
      firstVisitGzipBytes: bytes.firstVisit,
      nextPageGzipBytes: bytes.worst.gzip,
      jsNeededBytes: noJs.completed ? 0 : null,
      enhanceScriptRawBytes: jsScript?.raw ?? 0,
      twoGColdLoadMs: Math.round(slow.cold.load),
      twoGColdFcpMs: slow.cold.fcp == null ? null : Math.round(slow.cold.fcp),
      twoGNextLoadMs: Math.round(nextWorst.load),
      appRps: Math.round(rps.app.rps),
      helloRps: Math.round(rps.hello.rps),
      rpsRatio: Number(rps.ratio.toFixed(3)),
      rpsRatioBehindAssets: Number(rps.assetsRatio.toFixed(3)),
      submissionsStored: stored,
      submissionsDoubled: doubled,
      http5xx: subs.fiveXX,
      submissionsPerSecond: Number((SUBMISSIONS / (subs.elapsedMs / 1000)).toFixed(1)),
      kioskSendToBlankStartMs: kiosk.error ? null : { js: Math.round(kiosk.js.totalMs), noJs: Math.round(kiosk.noJs.totalMs), finishNow: Math.round(kiosk.finishNow.totalMs) },
      allWithinBudget: rowsOut.every((r) => r[3] !== '**no**'),
    };
    console.log(md);
    console.log(`BENCH_SUMMARY ${JSON.stringify(summary)}`);
    await writeFile(path.join(BENCH, 'results.md'), md);
    log(`wrote ${path.relative(ROOT, path.join(BENCH, 'results.md'))}`);
  } finally {
    await cleanup();
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

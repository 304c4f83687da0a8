// Shared set-up for the browser tests: one app server (fresh local D1) and one Chromium per test file,
// keyboard helpers, an axe-core check and the privacy checks for shared devices.
// Run with: node tests/browser/run.mjs  (or: node --test --test-concurrency=1 tests/browser/*.test.mjs)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXIT_PAGE = '<!doctype html><html lang="en"><title>Weather</title><h1>Weather</h1></html>';
export const CODE_PATTERN = /^[0-9A-Z]{5}-[0-9A-Z]{5}$/;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * A free port below the kernel's ephemeral range (32768-60999): wrangler and workerd open their own
 * helper sockets on ephemeral ports, so a port picked from that range can be taken before use.
 */
async function freePort() {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const free = await new Promise((ok) => {
      const srv = createServer();
      srv.once('error', () => ok(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => ok(true)));
    });
    if (free) return port;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The neutral site "Exit this page" leads to. Playwright's route() does not see the target of a
 * redirect (the app answers /exit with a 303), so this is a real server on another origin
 * (127.0.0.1, while the app is on localhost): no network needed.
 */
async function startExitSite() {
  const server = createHttpServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(EXIT_PAGE);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/weather`, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** Starts `scripts/start.mjs` on a free port with a fresh local D1; resolves once /healthz answers. */
export async function startApp({ exitURL }) {
  const port = await freePort();
  const stateDir = mkdtempSync(join(tmpdir(), 'heard-browser-'));
  const nodeBin = dirname(process.execPath);
  let output = '';
  const child = spawn(process.execPath, ['scripts/start.mjs', '--quiet'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // Node 22 first, so npx, wrangler and workerd's tooling run on it.
      PATH: [nodeBin, join(ROOT, 'node_modules/.bin'), process.env.PATH].join(':'),
      PORT: String(port),
      HEARD_STATE_DIR: stateDir,
      HEARD_EXIT_URL: exitURL,
      WRANGLER_SEND_METRICS: 'false',
    },
  });
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code) => (exited = code));

  const baseURL = `http://localhost:${port}`;
  const stop = async () => {
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }
    }
    rmSync(stateDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exited !== null) break;
    try {
      if ((await fetch(`${baseURL}/healthz`)).ok) return { baseURL, stop, stateDir };
    } catch {}
    await sleep(250);
  }
  await stop();
  throw new Error(`The app did not start (exit code ${exited}). Output:\n${output}`);
}

/**
 * Registers before/after hooks for a test file: one app server, one exit site and one Chromium.
 * Returns an object whose `baseURL`, `exitURL` and `browser` are set once `before` has run.
 */
export function useApp() {
  const env = { baseURL: '', exitURL: '', browser: null, stateDir: '', stop: async () => {} };
  before(async () => {
    const exit = await startExitSite();
    const [appResult, browserResult] = await Promise.allSettled([
      startApp({ exitURL: exit.url }),
      // Playwright turns Chrome's back/forward cache off by default; people's browsers have it on,
      // and it is what could show answers again after Back, so the tests keep it on.
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-back-forward-cache'] }),
    ]);
    if (appResult.status === 'rejected' || browserResult.status === 'rejected') {
      if (appResult.status === 'fulfilled') await appResult.value.stop();
      if (browserResult.status === 'fulfilled') await browserResult.value.close();
      await exit.close();
      throw appResult.reason ?? browserResult.reason;
    }
    const app = appResult.value;
    const browser = browserResult.value;
    Object.assign(env, {
      baseURL: app.baseURL,
      exitURL: exit.url,
      // Where this run's local D1 lives (scripts/start.mjs --persist-to), for checks of what is at rest.
      stateDir: app.stateDir,
      browser,
      stop: async () => {
        await app.stop();
        await exit.close();
      },
    });
  });
  after(async () => {
    await env.browser?.close().catch(() => {});
    await env.stop();
  });
  return env;
}

/** A fresh browser context (its own cookies and storage), with or without JavaScript. */
export async function newContext(env, { js = true, locale = 'en-GB' } = {}) {
  const context = await env.browser.newContext({ baseURL: env.baseURL, javaScriptEnabled: js, locale });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

// ---------------------------------------------------------------------------------------------
// Accessibility

/**
 * Runs axe-core on the page and fails with each violation's id, help and target nodes.
 * The source is evaluated through DevTools (not a <script>), so the app's CSP (script-src 'self')
 * does not block it and no bypassCSP is needed. Use it in a context with JavaScript on: with
 * JavaScript off axe's timers never fire.
 */
export async function checkA11y(page, label) {
  await page.waitForLoadState('load');
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ')})` : ''}`),
    }));
  }, AXE_TAGS);
  const report = violations.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `      - ${n}`).join('\n')}`).join('\n');
  assert.equal(violations.length, 0, `axe found ${violations.length} violation(s) on "${label}" (${page.url()}):\n${report}`);
}

// ---------------------------------------------------------------------------------------------
// Keyboard: every action below is a key press; reading document.activeElement is only observation.

/** What has focus, described for assertions and error messages. */
export async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', text: '', id: '', type: '', name: '', value: '', checked: false, href: '' };
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.innerText ?? el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      id: el.id,
      type: el.getAttribute('type') ?? '',
      name: el.getAttribute('name') ?? '',
      value: 'value' in el ? String(el.value) : '',
      checked: !!el.checked,
      href: el.getAttribute('href') ?? '',
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`
 * (and `text`, if given, is part of its visible text). Fails after `max` presses.
 */
export async function tabTo(page, selector, { text, back = false, max = 40 } = {}) {
  const key = back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const hit = await page.evaluate(
      ({ selector, text }) => {
        const el = document.activeElement;
        if (!el || !el.matches(selector)) return false;
        return text === undefined || (el.textContent ?? '').replace(/\s+/g, ' ').includes(text);
      },
      { selector, text },
    );
    if (hit) return;
  }
  const now = await focused(page);
  assert.fail(`Could not reach ${selector}${text ? ` "${text}"` : ''} with ${key} in ${max} presses on ${page.url()}; focus is on ${JSON.stringify(now)}`);
}

/** Presses a key that submits a form or follows a link, and waits for the next page to load. */
export async function pressAndWait(page, key = 'Enter') {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}

/** Tabs to the page's main button (Continue, Start now, Send feedback...) and presses Enter. */
export async function pressButton(page, text) {
  await tabTo(page, 'button, [role="button"]', { text });
  await pressAndWait(page, 'Enter');
}

/**
 * In a radio group named `name`, tabs into the group and moves with the arrow keys until the
 * radio whose label is `label` is chosen (Space chooses the first one when none is chosen yet).
 */
export async function chooseRadio(page, name, label) {
  await tabTo(page, `input[type="radio"][name="${name}"]`);
  const current = async () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return { checked: el.checked, label: el.labels?.[0]?.innerText.trim() ?? '' };
    });
  let state = await current();
  if (!state.checked) {
    await page.keyboard.press('Space');
    state = await current();
  }
  const total = await page.locator(`input[type="radio"][name="${name}"]`).count();
  for (let i = 0; i < total && state.label !== label; i++) {
    await page.keyboard.press('ArrowDown');
    state = await current();
  }
  assert.equal(state.label, label, `could not choose "${label}" in ${name} with the arrow keys`);
  assert.ok(state.checked, `"${label}" should be chosen`);
}

/** Tabs to the checkbox whose label is `label` and ticks it with Space. */
export async function tickCheckbox(page, label) {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement;
      return a?.matches('input[type="checkbox"]') ? { label: a.labels?.[0]?.innerText.trim() ?? '', checked: a.checked } : null;
    });
    if (el && el.label === label) {
      if (!el.checked) await page.keyboard.press('Space');
      assert.ok(await page.evaluate(() => document.activeElement.checked), `"${label}" should be ticked`);
      return;
    }
  }
  assert.fail(`Could not reach the checkbox "${label}" with Tab`);
}

/** Tabs to a text box or textarea by id and types into it. */
export async function typeInto(page, id, text) {
  await tabTo(page, `[id="${id}"]`);
  await page.keyboard.type(text);
}

/** The main heading's text. */
export async function h1(page) {
  return (await page.locator('h1').first().innerText()).replace(/\s+/g, ' ').trim();
}

/** Asserts the page's main heading contains `text`, so failures say where we are. */
export async function expectHeading(page, text) {
  const got = await h1(page);
  assert.ok(got.includes(text), `expected the h1 to contain "${text}", got "${got}" at ${page.url()}`);
}

/** Asserts the GOV.UK error summary is shown, focused, titled "Error: ..." and lists `message`. */
export async function expectErrorSummary(page, message) {
  const title = await page.title();
  assert.match(title, /^Error: /, `the title should start with "Error:", got "${title}"`);
  const summary = page.locator('.govuk-error-summary');
  assert.equal(await summary.count(), 1, 'one error summary');
  const text = await summary.innerText();
  assert.ok(text.includes('There is a problem'), `error summary title missing: ${text}`);
  if (message) assert.ok(text.includes(message), `error summary should say "${message}", got: ${text}`);
  // autofocus moves focus here without any script; give the browser a moment to apply it.
  await page.waitForFunction(() => !!document.activeElement?.closest('.govuk-error-summary'), null, { timeout: 5_000 }).catch(() => {});
  const inSummary = await page.evaluate(() => !!document.activeElement?.closest('.govuk-error-summary'));
  assert.ok(inSummary, `the error summary should have focus; focus is on ${JSON.stringify(await focused(page))}`);
}

// ---------------------------------------------------------------------------------------------
// Shared devices

/** True if `text` shows anywhere on the page: in its HTML or in the current value of any field. */
export async function pageShows(page, text) {
  const html = await page.content();
  if (html.includes(text)) return true;
  return page.evaluate((t) => [...document.querySelectorAll('input, textarea')].some((el) => el.value.includes(t)), text);
}

/** Nothing of ours is stored in the browser: no cookies, no web storage, no IndexedDB. */
export async function expectNothingStored(context, ourPage, baseURL, label) {
  const cookies = await context.cookies();
  assert.deepEqual(
    cookies.map((c) => `${c.name} (${c.domain})`),
    [],
    `${label}: no cookies should be left`,
  );
  const origin = new URL(ourPage.url()).origin;
  assert.equal(origin, new URL(baseURL).origin, `${label}: storage must be read on our origin`);
  const storage = await ourPage.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).length,
  }));
  assert.deepEqual(storage, { local: 0, session: 0, idb: 0 }, `${label}: web storage on ${origin} should be empty`);
}

/**
 * The browser's Back button. A page restored from the back/forward cache fires no "load", and the
 * enhancement script may then reload it, so wait until navigation has been quiet for a moment.
 * Returns how the page came back: 'bfcache' (restored as it was), or 'network' (fetched again).
 */
export async function goBack(page) {
  let navigations = 0;
  const onNav = (frame) => {
    if (frame === page.mainFrame()) navigations++;
  };
  page.on('framenavigated', onNav);
  try {
    const response = await page.goBack({ waitUntil: 'commit' });
    let seen = -1;
    for (let i = 0; i < 40 && seen !== navigations; i++) {
      seen = navigations;
      await sleep(400);
      await page.waitForLoadState('domcontentloaded').catch(() => {});
    }
    return response ? 'network' : 'bfcache';
  } finally {
    page.off('framenavigated', onNav);
  }
}

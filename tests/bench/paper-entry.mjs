// Paper entry by keyboard in Chromium: how many paper sheets a minute the entry screen takes when
// driven by keys alone (Tab, arrows, Space, typing, Enter; tests/browser/paper-sheet.mjs), and from
// the keys it took, an estimate for a person. Part of `npm run bench`; on its own (after `npm run build`):
//   ./node_modules/.bin/node tests/bench/paper-entry.mjs
import { pathToFileURL } from 'node:url';
import { enterSheet, SHEETS } from '../browser/paper-sheet.mjs';

const SESSION = '/sessions/demo-session-festival-of-feedback';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// A person, by the keystroke-level model (Card, Moran and Newell): 0.28 s a key for an average typist
// (about 40 words a minute), 1.35 s to read and decide each answer on the sheet, and 5 s a sheet to
// pick it up, check the language and put it on the done pile.
const PERSON = { keySeconds: 0.28, answerSeconds: 1.35, sheetSeconds: 5 };

/** Types `sheets` sheets (alternating the two of paper-sheet.mjs) into the demo Festival session. */
export async function measurePaperEntry(browser, base, { sheets = 20 } = {}) {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  try {
    await page.goto('/login');
    await page.fill('#email', 'facilitator@heard.local');
    await page.fill('#password', 'demo-password');
    await Promise.all([page.waitForURL('**/staff'), page.press('#password', 'Enter')]);
    await page.goto(`${SESSION}/entry`);
    const countOf = async () => Number((await page.locator('#paper-count').innerText()).match(/^[\d,]+/)[0].replace(/,/g, ''));
    const before = await countOf();
    // Count every key the flow presses, and every character it types.
    let keys = 0;
    const { press, type } = page.keyboard;
    page.keyboard.press = (key, options) => ((keys += 1), press.call(page.keyboard, key, options));
    page.keyboard.type = (text, options) => ((keys += [...text].length), type.call(page.keyboard, text, options));
    const times = [];
    const keysPerSheet = [];
    const t0 = performance.now();
    for (let i = 0; i < sheets; i++) {
      const t = performance.now();
      const k = keys;
      await enterSheet(page, SHEETS[i % SHEETS.length]);
      times.push(performance.now() - t);
      keysPerSheet.push(keys - k);
    }
    const elapsed = performance.now() - t0;
    const stored = (await countOf()) - before;
    if (stored !== sheets) throw new Error(`paper entry: ${sheets} sheets typed, ${stored} counted`);
    const answers = SHEETS.map((s) => Object.entries(s).filter(([k]) => k !== 'language').reduce((n, [, v]) => n + (Array.isArray(v) ? v.length : 1), 0));
    const meanKeys = keysPerSheet.reduce((a, b) => a + b, 0) / keysPerSheet.length;
    const meanAnswers = answers.reduce((a, b) => a + b, 0) / answers.length;
    const personSeconds = meanKeys * PERSON.keySeconds + meanAnswers * PERSON.answerSeconds + PERSON.sheetSeconds;
    return { sheets, perMinute: sheets / (elapsed / 60_000), medianMs: median(times), meanKeys, meanAnswers, personSeconds, personPerMinute: 60 / personSeconds, person: PERSON };
  } finally {
    await context.close();
  }
}

export function paperEntryRow(r) {
  return [
    [
      'paper entry by keyboard in Chromium: sheets a minute (machine speed of the keyboard-only flow)',
      'none set',
      `${r.perMinute.toFixed(0)} a minute (${r.sheets} Festival sheets, median ${(r.medianMs / 1000).toFixed(2)} s a sheet, ${Math.round(r.meanKeys)} keys a sheet)`,
      '—',
    ],
    [
      'paper entry, a person at the keyboard (estimate)',
      'none set',
      `about ${r.personPerMinute.toFixed(1)} a minute (${Math.round(r.personSeconds)} s a sheet, ${Math.round(r.personPerMinute * 60)} an hour)`,
      '—',
    ],
  ];
}

export function paperEntryNote(r) {
  return (
    `Paper entry: Chromium typed ${r.sheets} sheets into the demo Festival of Feedback session by keys alone (the browser test's flow, tests/browser/paper-sheet.mjs: Tab to each question, Space and the arrows in answer lists, typing, Enter), ` +
    `each a POST, 303 and a fresh blank sheet; the count on the page is checked after. The machine figure includes the flow's own checks after each key (what has focus), so it measures the screen and the server, not a person. ` +
    `The estimate for a person uses the keystroke-level model: ${r.person.keySeconds} s a key (an average typist), ${r.person.answerSeconds} s to read and decide each of the ${r.meanAnswers.toFixed(1)} answers on a sheet, and ${r.person.sheetSeconds} s a sheet to handle the paper; ` +
    `handwriting that is hard to read, or longer answers, make it slower.`
  );
}

// On its own: start the app and Chromium, measure, print.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { startApp } = await import('../browser/harness.mjs');
  const { chromium } = await import('playwright-core');
  const app = await startApp({ exitURL: 'http://127.0.0.1:9/' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'] });
  try {
    const r = await measurePaperEntry(browser, app.baseURL, { sheets: Number(process.env.BENCH_PAPER_SHEETS ?? 20) });
    for (const row of paperEntryRow(r)) console.log(`| ${row.join(' | ')} |`);
    console.log(paperEntryNote(r));
  } finally {
    await browser.close();
    await app.stop();
  }
}

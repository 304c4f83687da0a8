// Kiosk mode's time from sending a response to a blank start page, in Chromium against the running app:
// with JavaScript (the countdown, then location.replace), without it (the meta refresh), and with
// "Finish now" (no wait). The demo facilitator turns each browser into a kiosk for the demo session
// FEST26; each run fills its form in and presses Send. Nothing here asserts.

const FESTIVAL = '/sessions/demo-session-festival-of-feedback';

async function click(page, name) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]);
}

/** Signs in as the demo facilitator and turns this browser into a kiosk for FEST26. */
async function becomeKiosk(page, base) {
  await page.goto(`${base}/login`);
  await page.locator('#email').fill('facilitator@heard.local');
  await page.locator('#password').fill('demo-password');
  await click(page, 'Sign in');
  await page.goto(base + FESTIVAL);
  await click(page, 'Start kiosk mode on this device');
  if (new URL(page.url()).pathname !== '/k') throw new Error(`expected the kiosk start, got ${page.url()}`);
}

/** From the kiosk's start to check answers: the first choice of every question, a few words in every box. */
async function fillForm(page) {
  await click(page, 'Start now');
  for (let i = 0; i < 20 && new URL(page.url()).pathname.endsWith('/question'); i++) {
    const groups = new Set(await page.locator('input[type="radio"]').evaluateAll((els) => els.map((el) => el.name)));
    for (const name of groups) await page.locator(`input[type="radio"][name="${name}"]`).first().check();
    for (const box of await page.locator('textarea:visible, input[type="text"]:visible').all()) await box.fill('Timed by the bench');
    await click(page, 'Continue');
  }
  if (!new URL(page.url()).pathname.endsWith('/check')) throw new Error(`did not reach check answers: ${page.url()}`);
}

/** Presses Send and waits for the kiosk's blank start page; `finish` presses Finish now on the confirmation. */
async function sendToBlankStart(page, { finish = false } = {}) {
  const started = performance.now();
  await click(page, 'Send feedback');
  const confirmed = performance.now();
  if (finish) await click(page, 'Finish now');
  await page.waitForURL((url) => url.pathname === '/k', { waitUntil: 'load', timeout: 60_000 });
  const blank = await page.locator('textarea, input[type="text"]:visible').evaluateAll((els) => els.every((el) => el.value === ''));
  if (!blank) throw new Error('the start page is not blank');
  const done = performance.now();
  return { totalMs: done - started, toConfirmationMs: confirmed - started };
}

export async function measureKiosk(browser, base) {
  const out = {};
  for (const [label, js] of [
    ['js', true],
    ['noJs', false],
  ]) {
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    try {
      await becomeKiosk(page, base);
      await fillForm(page);
      out[label] = await sendToBlankStart(page);
      if (js) {
        await fillForm(page);
        out.finishNow = await sendToBlankStart(page, { finish: true });
      }
    } finally {
      await context.close();
    }
  }
  return out;
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** The row for run.mjs's table. `countdownS` is the confirmation's own countdown, by design most of the wait. */
export function kioskRow(k, countdownS) {
  return [
    'kiosk mode: from Send to a blank start page (JavaScript / none / "Finish now")',
    'none set',
    `${s(k.js.totalMs)} / ${s(k.noJs.totalMs)} / ${s(k.finishNow.totalMs)} (the confirmation shows for ${countdownS} s by design; Send to confirmation ${s(k.js.toConfirmationMs)})`,
    '—',
  ];
}

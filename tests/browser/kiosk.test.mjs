// Kiosk mode in Chromium (issue 11, point 3). A facilitator turns a browser into a kiosk tablet for a
// session with a short idle time; person A fills the form in and sends it; the tablet returns to the
// start by itself; person B then finds nothing of A: not on the page, not in any field, not by going
// Back, not as autofill. Left alone, the tablet warns and then starts again. The same without
// JavaScript (meta refresh). axe-core on the kiosk's start, question, confirmation, warning and leave pages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkA11y, CODE_PATTERN, goBack, newContext, pageShows, ROOT, useApp } from './harness.mjs';

const env = useApp();
const pathOf = (page) => new URL(page.url()).pathname;
// The PIN `npm start` prints for the demo's FEST26 kiosk: the one people will type.
const DEMO_PIN = /const DEMO_KIOSK_PIN = '(\d+)'/.exec(readFileSync(join(ROOT, 'scripts/start.mjs'), 'utf8'))[1];

async function click(page, name) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]);
}

async function signIn(page) {
  await page.goto('/login');
  await page.locator('#email').fill('facilitator@heard.local');
  await page.locator('#password').fill('demo-password');
  await click(page, 'Sign in');
  assert.equal(pathOf(page), '/staff');
}

/** A new session on service-feedback with kiosk tablets that clear after 30 seconds; returns its page's path. */
async function createShortSession(page, name) {
  await page.goto('/sessions/new');
  await page.locator('#name').fill(name);
  await page.locator('#place').fill('Community room');
  await page.locator('#form').selectOption({ label: 'Tell us about a service' });
  await page.locator('input[name="kiosk"][value="yes"]').check();
  await page.locator('#kiosk-idle').fill('0.5');
  await page.locator('#kiosk-pin').fill('1357');
  await click(page, 'Create the session');
  assert.match(pathOf(page), /^\/sessions\/[0-9a-f-]{36}$/);
  return pathOf(page);
}

async function startKiosk(page, sessionPath) {
  await page.goto(sessionPath);
  await click(page, 'Start kiosk mode on this device');
  assert.equal(pathOf(page), '/k');
}

/** Every form and field on the page has autocomplete off, and none holds a value or a tick. */
async function expectBlankFields(page, label) {
  const fields = await page.evaluate(() =>
    [...document.querySelectorAll('form, input, textarea, select')].map((el) => ({
      tag: el.tagName,
      type: el.getAttribute('type') ?? '',
      autocomplete: el.getAttribute('autocomplete'),
      value: el.matches('input[type="text"], input:not([type]), textarea') ? el.value : '',
      checked: el.matches('input[type="radio"], input[type="checkbox"]') ? el.checked : false,
    })),
  );
  for (const f of fields) {
    assert.equal(f.autocomplete, 'off', `${label}: ${f.tag} ${f.type} should have autocomplete="off"`);
    assert.equal(f.value, '', `${label}: a ${f.tag} holds "${f.value}"`);
    assert.equal(f.checked, false, `${label}: a ${f.type} is ticked`);
  }
}

/** Answers service-feedback page by page, `words` in the one free-text answer it needs, up to check answers. */
async function answerForm(page, words) {
  for (let i = 0; i < 12 && pathOf(page).endsWith('/question'); i++) {
    const id = await page.locator('form[action$="/question"] input[name="heard_page"]').inputValue();
    if (id === 'service') await page.locator('input[name="service"][value="outreach"]').check();
    if (id === 'how-was-it') await page.locator('input[name="how-was-it"][value="4"]').check();
    if (id === 'what-worked') await page.locator('textarea').first().fill(`${words} (what worked)`);
    if (id === 'one-change') await page.locator(`[name="one-change"]`).fill(words);
    await click(page, 'Continue');
  }
  assert.match(pathOf(page), /\/check$/, 'reached check answers');
}

/** Nothing of `words` on the page or in any field, here and on every page Back leads to. */
async function expectNothingOf(page, words, label) {
  assert.equal(await pageShows(page, words), false, `${label}: the page shows the last person's words`);
  for (let i = 1; i <= 3; i++) {
    await goBack(page);
    assert.equal(await pageShows(page, words), false, `${label}: Back ${i} (${page.url()}) shows the last person's words`);
    assert.equal(await pageShows(page, 'what worked'), false, `${label}: Back ${i} (${page.url()}) shows the last person's words`);
    assert.ok(!CODE_PATTERN.test((await page.locator('#withdrawal-code').textContent().catch(() => '')) ?? ''), `${label}: Back ${i} shows a code`);
  }
}

describe('kiosk mode', () => {
  test('with JavaScript: the tablet returns to the start after each person and after idling, and B sees nothing of A', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await signIn(page);
      const sessionPath = await createShortSession(page, 'Kiosk test with JavaScript');
      await startKiosk(page, sessionPath);
      await checkA11y(page, 'kiosk start');
      await expectBlankFields(page, 'kiosk start');
      // The facilitator is signed out on this device, and the staff pages send it back to the start.
      await page.goto('/staff');
      assert.equal(pathOf(page), '/k');

      // Person A.
      const words = 'Person A wrote this about the night shelter';
      await click(page, 'Start now');
      await checkA11y(page, 'kiosk question');
      await expectBlankFields(page, 'A’s first question');
      await answerForm(page, words);
      await click(page, 'Send feedback');
      assert.equal(pathOf(page), '/k/sent');
      assert.equal(await page.locator('#withdrawal-code').count(), 0, 'the code is not shown until asked for');
      assert.equal(await page.getByRole('button', { name: 'Show my code to take back my feedback' }).count(), 1);
      await checkA11y(page, 'kiosk confirmation');
      // It counts down on screen, then starts again by itself.
      const before = await page.locator('[data-kiosk-left]').textContent();
      await page.waitForFunction((was) => document.querySelector('[data-kiosk-left]')?.textContent !== was, before, { timeout: 5_000 });
      await page.waitForURL((url) => url.pathname === '/k', { timeout: 20_000 });

      // Person B: a blank start, a blank form, and nothing of A anywhere Back leads.
      assert.equal(await pageShows(page, words), false);
      await expectNothingOf(page, words, 'B after A (JavaScript)');
      await page.goto('/k');
      await click(page, 'Start now');
      await expectBlankFields(page, 'B’s first question');
      assert.equal(await pageShows(page, words), false);

      // Person C asks for the code, then is done at once.
      await page.goto('/k/reset');
      await click(page, 'Start now');
      await answerForm(page, 'Person C');
      await click(page, 'Send feedback');
      await click(page, 'Show my code to take back my feedback');
      const code = (await page.locator('#withdrawal-code').textContent()).trim();
      assert.match(code, CODE_PATTERN);
      await checkA11y(page, 'kiosk confirmation with the code');
      await Promise.all([page.waitForURL((url) => url.pathname === '/k'), page.getByRole('button', { name: 'Done' }).click()]);
      assert.equal(await pageShows(page, code), false);
      for (let i = 0; i < 3; i++) {
        await goBack(page);
        assert.equal(await pageShows(page, code), false, `Back ${i + 1} (${page.url()}) shows C's code`);
      }

      // Left alone on a question: the warning, "I'm still here", then the reset.
      await page.goto('/k');
      await click(page, 'Start now');
      await page.locator('input[name="service"][value="outreach"]').check();
      const warning = page.locator('.heard-kiosk-warning');
      await warning.waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-kiosk-still-here')), true, 'the warning takes focus');
      await checkA11y(page, 'kiosk idle warning');
      await page.getByRole('button', { name: 'I’m still here' }).click();
      await warning.waitFor({ state: 'hidden', timeout: 5_000 });
      assert.equal(pathOf(page), '/f/service-feedback/question', 'still here: the page stays');
      await warning.waitFor({ state: 'visible', timeout: 30_000 });
      await page.waitForURL((url) => url.pathname === '/k', { timeout: 30_000 });
      await expectBlankFields(page, 'after the idle reset');
      // The draft went with it: the question page now leads to the start.
      await page.goto('/f/service-feedback/question');
      assert.equal(pathOf(page), '/k');

      // Leaving: a wrong PIN is refused in plain words; the right one ends kiosk mode.
      await page.getByRole('link', { name: 'Leave kiosk' }).click();
      await page.waitForURL((url) => url.pathname === '/k/leave');
      await checkA11y(page, 'leave kiosk');
      await page.locator('#pin').fill('0000');
      await click(page, 'Leave kiosk mode');
      assert.ok(await pageShows(page, 'That is not the session’s PIN'));
      await checkA11y(page, 'leave kiosk (wrong PIN)');
      await page.locator('#pin').fill('1357');
      await click(page, 'Leave kiosk mode');
      assert.ok(await pageShows(page, 'Kiosk mode is off'));
      await page.goto('/j');
      assert.equal(pathOf(page), '/j', 'an ordinary browser again');
    } finally {
      await context.close();
    }
  });

  test('without JavaScript: meta refreshes return to the start after sending and after idling; the demo PIN leaves the FEST26 kiosk', async () => {
    const context = await newContext(env, { js: false });
    const page = await context.newPage();
    try {
      await signIn(page);
      const sessionPath = await createShortSession(page, 'Kiosk test without JavaScript');
      await startKiosk(page, sessionPath);

      const words = 'Person A again, this time with no scripts';
      await click(page, 'Start now');
      await expectBlankFields(page, 'A’s first question (no JavaScript)');
      await answerForm(page, words);
      await click(page, 'Send feedback');
      assert.equal(pathOf(page), '/k/sent');
      assert.equal(await page.locator('#withdrawal-code').count(), 0, 'the code is not shown until asked for');
      assert.ok(await pageShows(page, 'This tablet starts again for the next person in'));
      await page.waitForURL((url) => url.pathname === '/k', { timeout: 25_000 });
      await expectNothingOf(page, words, 'B after A (no JavaScript)');

      // "Finish now" without JavaScript is a plain post.
      await page.goto('/k');
      await click(page, 'Start now');
      await answerForm(page, 'Person D');
      await click(page, 'Send feedback');
      await click(page, 'Finish now');
      assert.equal(pathOf(page), '/k');

      // Left on a question: the page says when it clears, and does.
      await click(page, 'Start now');
      assert.ok(await pageShows(page, 'If this tablet is left for 30 seconds, it clears the answers'));
      await page.waitForURL((url) => url.pathname === '/k', { timeout: 45_000 });
      await page.goto('/f/service-feedback/question');
      assert.equal(pathOf(page), '/k', 'the draft was cleared with the page');

      // The demo session's kiosk, left with the PIN that `npm start` prints.
      await page.goto('/k/leave');
      await page.locator('#pin').fill('1357');
      await click(page, 'Leave kiosk mode');
      await signIn(page);
      await startKiosk(page, '/sessions/demo-session-festival-of-feedback');
      assert.ok(await pageShows(page, 'Festival of Feedback'));
      await page.goto('/k/leave');
      await page.locator('#pin').fill(DEMO_PIN);
      await click(page, 'Leave kiosk mode');
      assert.ok(await pageShows(page, 'Kiosk mode is off'), `the demo PIN ${DEMO_PIN} should leave the FEST26 kiosk`);
    } finally {
      await context.close();
    }
  });
});

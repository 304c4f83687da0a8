// Facilitated sessions in Chromium: a facilitator creates a session by keyboard alone (with a mistake
// first, kept and explained), and axe-core finds nothing on the session pages, the poster, the summary,
// the join page (empty, wrong, unknown) and a closed session's page; a person joins with the code.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkA11y, expectErrorSummary, expectHeading, newContext, pageShows, pressButton, tabTo, typeInto, useApp } from './harness.mjs';

const env = useApp();
const pathOf = (page) => new URL(page.url()).pathname;

async function signInAsFacilitator(page) {
  await page.goto('/login');
  await typeInto(page, 'email', 'facilitator@heard.local');
  await typeInto(page, 'password', 'demo-password');
  await pressButton(page, 'Sign in');
  assert.equal(pathOf(page), '/staff');
}

describe('feedback sessions', () => {
  test('a facilitator creates a session by keyboard, runs it and closes it; axe on every page', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await signInAsFacilitator(page);
      await page.goto('/sessions');
      await expectHeading(page, 'Feedback sessions');
      await checkA11y(page, 'sessions list');

      await page.goto('/sessions/new');
      await checkA11y(page, 'new session');
      // A mistake first: no name. Everything else typed is kept.
      await typeInto(page, 'place', 'Community room, Barton');
      await page.keyboard.press('Tab');
      await page.locator('#form').focus();
      await page.keyboard.press('ArrowDown');
      await page.locator('#kiosk-0').focus();
      await page.keyboard.press('Space');
      await pressButton(page, 'Create the session');
      await expectErrorSummary(page, 'Enter a name for the session');
      assert.equal(await page.locator('#place').inputValue(), 'Community room, Barton');
      await checkA11y(page, 'new session (errors)');

      await typeInto(page, 'name', 'Barton drop-in');
      await pressButton(page, 'Create the session');
      assert.match(pathOf(page), /^\/sessions\/[0-9a-f-]{36}$/);
      await expectHeading(page, 'Barton drop-in');
      const code = (await page.locator('.heard-join-code').first().textContent()).trim();
      assert.match(code, /^[A-HJ-KM-NP-Z2-9]{6}$/);
      assert.equal(await page.locator('.heard-qr svg').count(), 1, 'a QR code is drawn');
      await checkA11y(page, 'session page');
      const sessionPath = pathOf(page);

      await page.goto(`${sessionPath}/poster`);
      assert.ok(await pageShows(page, code), 'the poster shows the code');
      await checkA11y(page, 'poster');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.heard-staff-nav').isVisible(), false, 'the staff navigation does not print');
      assert.equal(await page.locator('.heard-poster').isVisible(), true, 'the poster prints');
      await page.emulateMedia({ media: 'screen' });

      await page.goto(`${sessionPath}/summary`);
      await checkA11y(page, 'summary');

      // A group discussion, typed up by keyboard, with a mistake first.
      await page.goto(`${sessionPath}/group`);
      await checkA11y(page, 'group discussion');
      await typeInto(page, 'participants', 'six');
      await pressButton(page, 'Save the group discussion');
      await expectErrorSummary(page, 'Enter how many people took part as a whole number');
      await checkA11y(page, 'group discussion (errors)');
      await tabTo(page, '#participants');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('6');
      await page.locator('textarea').first().focus();
      await page.keyboard.type('They want a named worker they can ring, not a switchboard.');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await pressButton(page, 'Save the group discussion');
      assert.ok(await pageShows(page, '1 group, 6 people'), 'the group is counted');

      // A person joins on their own phone by typing the code in small letters.
      const phone = await newContext(env, { js: false });
      const person = await phone.newPage();
      await person.goto('/j');
      await person.locator('#code').fill(code.toLowerCase());
      await Promise.all([person.waitForURL(new RegExp(`/j/${code}(\\?|$)`)), person.locator('#code').press('Enter')]);
      await expectHeading(person, 'Festival of Feedback');
      await phone.close();

      // The count on the facilitator's page (the island refreshes it every 15 seconds; the workerd tests check the numbers).
      await page.goto(sessionPath);
      assert.equal((await page.locator('[data-channel="group"]').textContent()).trim(), '1', 'the group discussion is counted apart');
      assert.equal((await page.locator('[data-channel="total"]').textContent()).trim(), '1');

      await pressButton(page, 'Close the session');
      assert.ok(await pageShows(page, 'Session closed'), 'closing is confirmed');
      await checkA11y(page, 'closed session');

      const late = await context.newPage();
      const res = await late.goto(`/j/${code}`);
      assert.equal(res.status(), 410);
      await expectHeading(late, 'This session has ended');
      await checkA11y(late, 'session ended (410)');
    } finally {
      await context.close();
    }
  });

  test('the join page: empty, wrong and unknown codes say what to do (axe on each)', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await page.goto('/j');
      await checkA11y(page, 'join');
      await pressButton(page, 'Continue');
      await expectErrorSummary(page, 'Enter the session code');
      await checkA11y(page, 'join (empty)');
      await page.locator('#code').fill('F0ST26');
      await pressButton(page, 'Continue');
      await expectErrorSummary(page, '6 letters and numbers');
      assert.equal(await page.locator('#code').inputValue(), 'F0ST26');
      const unknown = await page.goto('/j/ZZZZZZ');
      assert.equal(unknown.status(), 404);
      await checkA11y(page, 'join (unknown code)');
      await page.goto('/j/FEST26');
      await checkA11y(page, 'the Festival of Feedback start page');
    } finally {
      await context.close();
    }
  });
});

// The lists behind moderation in Chromium: the theme codebook, the safeguarding signals and the
// redaction terms, worked by keyboard, with axe-core on every page and every error state.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkA11y, expectErrorSummary, expectHeading, newContext, pressAndWait, tabTo, useApp } from './harness.mjs';

const env = useApp();

async function signIn(page, email) {
  await page.goto('/login');
  await tabTo(page, '[id="email"]');
  await page.keyboard.type(email);
  await tabTo(page, '[id="password"]');
  await page.keyboard.type('demo-password');
  await tabTo(page, 'button', { text: 'Sign in' });
  await pressAndWait(page);
}

/** Long pages: tab further than the harness's default before giving up. */
async function typeIn(page, id, text) {
  await tabTo(page, `[id="${id}"]`, { max: 400 });
  await page.keyboard.type(text);
}
async function press(page, text) {
  await tabTo(page, 'button', { text, max: 400 });
  await pressAndWait(page);
}

describe('moderation lists', () => {
  test('an admin keeps the codebook, the signals and the terms by keyboard; axe on each page', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await signIn(page, 'admin@heard.local');

      await page.goto('/moderate/codebook');
      await expectHeading(page, 'Theme codebook');
      await checkA11y(page, 'theme codebook');
      await page.goto('/moderate/codebook?edit=waiting-for-housing');
      await checkA11y(page, 'editing a theme');

      await page.goto('/moderate/codebook');
      await typeIn(page, 'csv', 'id,parent_id,name,definition,example\nBad Id,,Name,Def.,Ex.');
      await press(page, 'Import');
      await expectErrorSummary(page, 'Row 2, id:');
      assert.match(await page.locator('#csv').inputValue(), /Bad Id/, 'the paste is kept');
      await checkA11y(page, 'codebook import refused');

      await page.goto('/admin/safeguarding-signals');
      await expectHeading(page, 'Safeguarding signals');
      await checkA11y(page, 'safeguarding signals');
      await typeIn(page, 'text', 'Some nights I want to kill myself.');
      await press(page, 'Check');
      assert.match(await page.locator('#try-result').innerText(), /Flagged: Suicide/);
      await checkA11y(page, 'safeguarding signals, tried');
      const first = await page.locator('[data-signal] a').first().getAttribute('href');
      await page.goto(first);
      await checkA11y(page, 'editing a signal');
      await page.goto('/admin/safeguarding-signals');
      // The add form is past every signal: the link at the top takes the keyboard straight there.
      await tabTo(page, 'a', { text: 'Add a signal', max: 60 });
      await page.keyboard.press('Enter');
      await typeIn(page, 'add-phrase', 'hur*t');
      await press(page, 'Add signal');
      await expectErrorSummary(page, '* may only start or end a word');
      await checkA11y(page, 'a signal refused');

      await page.goto('/admin/redaction-terms');
      await expectHeading(page, 'Redaction terms');
      await checkA11y(page, 'redaction terms');
      await typeIn(page, 'text', "I stayed at O'Hanlon House, call me on 07700 900123.");
      await press(page, 'Check');
      assert.match(await page.locator('#redacted').innerText(), /\[place\].*\[phone\]/);
      await checkA11y(page, 'redaction terms, tried');
      await page.goto('/admin/redaction-terms?edit=place-ohanlon-house');
      await checkA11y(page, 'editing a term');
      await press(page, 'Add term');
      await expectErrorSummary(page, 'Choose whether it names a member of staff or a place');
      await checkA11y(page, 'a term refused');
    } finally {
      await context.close();
    }
  });

  test('a moderator reaches the codebook but not the admins’ lists', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await signIn(page, 'moderator@heard.local');
      assert.equal((await page.goto('/moderate/codebook')).status(), 200);
      await checkA11y(page, 'theme codebook (moderator)');
      assert.equal((await page.goto('/admin/safeguarding-signals')).status(), 403);
      assert.equal((await page.goto('/admin/redaction-terms')).status(), 403);
    } finally {
      await context.close();
    }
  });
  test('second coding by keyboard: an admin draws a sample, a second moderator codes blind and settles with JavaScript off; axe on each page', async () => {
    // axe needs JavaScript: the admin's pages are checked with it on; the coder works with it off, and
    // the coder's pages are checked again in a second context with it on.
    const adminContext = await newContext(env, { js: true });
    const coderContext = await newContext(env, { js: false });
    const axeContext = await newContext(env, { js: true });
    try {
      const admin = await adminContext.newPage();
      await signIn(admin, 'admin@heard.local');
      await admin.goto('/moderate/second-coding');
      await expectHeading(admin, 'Second coding');
      await checkA11y(admin, 'second coding list');
      await press(admin, 'Draw the sample');
      await expectErrorSummary(admin, 'Enter how many responses, as a number such as 40 or a percentage such as 10%');
      await checkA11y(admin, 'second coding request with errors');
      await tabTo(admin, '[id="framework"]', { max: 400 });
      await admin.locator('#framework').selectOption('oxfordshire-countywide');
      await typeIn(admin, 'size', '3');
      await press(admin, 'Draw the sample');
      await expectHeading(admin, 'Second coding of ');
      await checkA11y(admin, 'a second coding');
      const coding = new URL(admin.url()).pathname;

      const coder = await coderContext.newPage();
      await signIn(coder, 'moderator2@heard.local');
      await coder.goto(coding);
      const first = await coder.locator('main table a').first().getAttribute('href');
      await coder.goto(first);
      await expectHeading(coder, 'Code this response');
      const looker = await axeContext.newPage();
      await signIn(looker, 'moderator2@heard.local');
      await looker.goto(first);
      await checkA11y(looker, 'blind coding');
      await tabTo(coder, 'input[name="objective"]', { max: 400 });
      await coder.keyboard.press('Space');
      await press(coder, 'Save my coding');
      assert.equal(new URL(coder.url()).pathname, coding);
      assert.match(await coder.locator('main').innerText(), /Coded by Priya Second-Coder/);

      // The demo's own coding has disagreements to settle.
      await coder.goto('/moderate/second-coding/5e0c0d1e-0000-4000-8000-00000000c0de/agreement');
      await expectHeading(coder, 'Agreement');
      await looker.goto('/moderate/second-coding/5e0c0d1e-0000-4000-8000-00000000c0de/agreement');
      await checkA11y(looker, 'agreement and disagreements');
      // A radio group is one Tab stop: Tab to it, then the arrow key chooses the next option.
      await tabTo(coder, 'input[name="with"]', { max: 600 });
      await coder.keyboard.press('ArrowRight');
      await tabTo(coder, 'button', { text: 'Settle', max: 600 });
      await pressAndWait(coder);
      assert.match(await coder.locator('main').innerText(), /Settled: reports now count the codes chosen/);
    } finally {
      await adminContext.close();
      await coderContext.close();
      await axeContext.close();
    }
  });
  test('a moderator makes a theme from an emerging group by keyboard with JavaScript off; axe on the page and its error state', async () => {
    const context = await newContext(env, { js: false });
    const axeContext = await newContext(env, { js: true });
    try {
      const looker = await axeContext.newPage();
      await signIn(looker, 'moderator@heard.local');
      await looker.goto('/moderate/emerging');
      await checkA11y(looker, 'emerging themes');
      const page = await context.newPage();
      await signIn(page, 'moderator@heard.local');
      await page.goto('/moderate/emerging');
      await expectHeading(page, 'Emerging themes');
      assert.ok((await page.locator('input[name="group"]').count()) > 0, 'the demo has untagged answers that group');
      await tabTo(page, 'summary', { max: 200 });
      await page.keyboard.press('Enter');
      await tabTo(page, '[id="g0-name"]', { max: 50 });
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await tabTo(page, 'button', { text: 'Make the theme and tag the answers', max: 200 });
      await pressAndWait(page);
      await expectErrorSummary(page, 'Enter a name');
      // The same error in the JavaScript context, for axe.
      await looker.locator('summary').first().click();
      await looker.locator('#g0-name').fill('');
      await looker.locator('button', { hasText: 'Make the theme and tag the answers' }).first().focus();
      await pressAndWait(looker);
      await checkA11y(looker, 'emerging themes with an error');
      await tabTo(page, '[id="g0-name"]', { max: 200 });
      await page.keyboard.type('Emerging from the demo');
      await tabTo(page, 'button', { text: 'Make the theme and tag the answers', max: 200 });
      await pressAndWait(page);
      assert.match(await page.locator('main').innerText(), /Theme “Emerging from the demo” added, and \d+ answers? tagged with it/);
    } finally {
      await context.close();
      await axeContext.close();
    }
  });
});

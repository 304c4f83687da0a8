// Staff pages in Chromium: signing in by keyboard, inviting a colleague who accepts and signs out,
// enrolling an authenticator app, and axe-core on every staff page type.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { checkA11y, expectErrorSummary, expectHeading, newContext, pageShows, pressAndWait, pressButton, chooseRadio, tabTo, typeInto, useApp } from './harness.mjs';

const env = useApp();
const pathOf = (page) => new URL(page.url()).pathname;

async function signInByKeyboard(page, email, password) {
  await page.goto('/login');
  await typeInto(page, 'email', email);
  await typeInto(page, 'password', password);
  await pressButton(page, 'Sign in');
}

async function signOutByKeyboard(page) {
  await pressButton(page, 'Sign out');
  assert.equal(pathOf(page), '/login');
}

describe('staff', () => {
  test('an admin signs in by keyboard, invites a colleague who accepts and signs out; axe on every staff page', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    const colleague = await newContext(env, { js: false });
    try {
      await page.goto('/login');
      await checkA11y(page, 'sign in');
      await typeInto(page, 'email', 'admin@heard.local');
      await typeInto(page, 'password', 'not the password');
      await pressButton(page, 'Sign in');
      await expectErrorSummary(page, 'Enter a correct email address and password');
      await checkA11y(page, 'sign in with an error');
      assert.equal(await page.locator('#email').inputValue(), 'admin@heard.local', 'the email address is kept');

      await signInByKeyboard(page, 'admin@heard.local', 'demo-password');
      assert.equal(pathOf(page), '/staff');
      await expectHeading(page, 'Hello, Ada Admin');
      const session = (await context.cookies()).find((c) => c.name === '__Host-heard_session');
      assert.ok(session?.httpOnly && session.secure && session.sameSite === 'Lax', 'an HttpOnly, Secure, SameSite=Lax __Host- cookie');
      await checkA11y(page, 'staff home (admin)');

      for (const path of ['/admin', '/admin/organisations', '/admin/audit', '/staff/organisations/oxfordshire-county-council']) {
        await page.goto(path);
        await checkA11y(page, path);
      }
      await page.goto('/admin/audit?what=sign-in');
      await checkA11y(page, 'audit log, filtered');
      const forbidden = await page.goto('/staff/organisations/st-mungos');
      assert.equal(forbidden.status(), 403);
      await checkA11y(page, '403 page');

      // Invite a facilitator, by keyboard.
      await page.goto('/admin/invite');
      await checkA11y(page, 'invite');
      await pressButton(page, 'Create invite link');
      await expectErrorSummary(page, 'Enter their full name');
      await checkA11y(page, 'invite with errors');
      await typeInto(page, 'name', 'Fatima Facilitator');
      await typeInto(page, 'email', 'fatima@example.org');
      await tabTo(page, '#organisation');
      await page.keyboard.type('Lived');
      await chooseRadio(page, 'role', 'Facilitator');
      await pressButton(page, 'Create invite link');
      await expectHeading(page, 'Invite link created');
      await checkA11y(page, 'invite link created');
      const link = new URL(await page.locator('#account-link').innerText());

      await page.goto('/admin');
      await tabTo(page, 'a', { text: 'Fatima Facilitator' });
      await pressAndWait(page);
      await checkA11y(page, 'a person');

      // Opening the link does not use it up; only setting a password does.
      await page.goto(link.pathname);
      await expectHeading(page, 'Create your password');
      await checkA11y(page, 'create your password');

      // The colleague opens the link with JavaScript off, sets a password by keyboard, and signs out.
      const them = await colleague.newPage();
      await them.goto(link.pathname);
      await expectHeading(them, 'Create your password');
      await typeInto(them, 'password', 'kettle lantern orchard');
      await pressButton(them, 'Save password');
      assert.equal(pathOf(them), '/staff');
      await expectHeading(them, 'Hello, Fatima Facilitator');
      await signOutByKeyboard(them);
      assert.deepEqual(await colleague.cookies(), [], 'no cookie left after signing out');
      await them.goto(link.pathname);
      await expectHeading(them, 'This link cannot be used');

      await page.goto(link.pathname);
      await checkA11y(page, 'used link');
      await page.goto('/staff');
      await signOutByKeyboard(page);
    } finally {
      await context.close();
      await colleague.close();
    }
  });

  test("LEAF's organisation admin sees LEAF's people only; axe on their pages", async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await signInByKeyboard(page, 'leaf-admin@heard.local', 'demo-password');
      await page.goto('/admin');
      await checkA11y(page, 'people (organisation admin)');
      const text = await page.locator('main').innerText();
      assert.match(text, /Femi Facilitator/);
      assert.doesNotMatch(text, /Mo Moderator/);
      await tabTo(page, 'a', { text: 'Femi Facilitator' });
      await pressAndWait(page, 'Enter');
      await checkA11y(page, 'a person (organisation admin)');
      await page.goto('/admin/invite');
      assert.equal(await page.locator('input[value="deployment-admin"]').count(), 0);
      await checkA11y(page, 'invite (organisation admin)');
      await page.goto('/staff');
      await signOutByKeyboard(page);
    } finally {
      await context.close();
    }
  });

  test('a moderator works the queue by keyboard with JavaScript off: opens a response, tags an answer, marks it done; axe on each page', async () => {
    const context = await newContext(env, { js: false });
    const page = await context.newPage();
    const axeContext = await newContext(env, { js: true });
    const axePage = await axeContext.newPage();
    try {
      await signInByKeyboard(page, 'moderator@heard.local', 'demo-password');
      await signInByKeyboard(axePage, 'moderator@heard.local', 'demo-password');
      await page.goto('/moderate');
      const queue = await page.locator('main').innerText();
      assert.match(queue, /Safeguarding/, 'open concerns are at the top of the demo queue');
      await axePage.goto('/moderate');
      await checkA11y(axePage, 'moderation queue');
      await axePage.goto('/moderate?status=new&flagged=no');
      await checkA11y(axePage, 'moderation queue, filtered');
      // Open the first new response without a concern.
      const href = await page.locator('main table a[href^="/moderate/responses/"]').first().getAttribute('href');
      await page.goto('/moderate?status=new&flagged=no');
      const first = await page.locator('main table a[href^="/moderate/responses/"]').first().getAttribute('href');
      assert.ok(href && first);
      await page.goto(first);
      await axePage.goto(first);
      await checkA11y(axePage, 'a response to moderate');
      const objective = page.locator('select[name="objective"]').first();
      await objective.focus();
      await objective.selectOption({ index: 1 });
      await page.getByRole('button', { name: /^Add tag/ }).first().focus();
      await pressAndWait(page, 'Enter');
      assert.equal(new URL(page.url()).pathname, first);
      assert.ok((await page.locator('main').innerText()).includes('Remove'), 'the tag is listed with a Remove button');
      // Focus the button, then press Enter: a keyboard user gets there with Tab (it is further down a long page).
      await page.getByRole('button', { name: 'Mark as done' }).focus();
      await pressAndWait(page, 'Enter');
      assert.match(await page.locator('main').innerText(), /Done/);
      await axePage.goto(first);
      await checkA11y(axePage, 'a moderated response');
    } finally {
      await context.close();
      await axeContext.close();
    }
  });

  test('a moderator adds a redaction by keyboard with JavaScript off: shows the original words, types the words, chooses the kind, gives a reason; axe on those pages', async () => {
    const context = await newContext(env, { js: false });
    const page = await context.newPage();
    const axeContext = await newContext(env, { js: true });
    const axePage = await axeContext.newPage();
    try {
      await signInByKeyboard(page, 'moderator@heard.local', 'demo-password');
      await signInByKeyboard(axePage, 'moderator@heard.local', 'demo-password');
      await page.goto('/moderate?status=new&flagged=no');
      const href = await page.locator('main table a[href^="/moderate/responses/"]').nth(1).getAttribute('href');
      assert.ok(href);
      await page.goto(href);
      assert.ok(!(await page.locator('main').innerText()).includes('Add a redaction'), 'no redaction form without the original words');
      await pressButton(page, 'Show original words');
      assert.ok(await pageShows(page, 'You are seeing the original words'));
      const form = page.locator('form[action$="/redactions/add"]').first();
      const question = await form.locator('input[name="question"]').getAttribute('value');
      const section = page.locator(`[id="answer-${question}"]`);
      const original = await section.locator('.heard-original').first().innerText();
      const before = await section.locator('[data-redacted]').innerText();
      // A word still shown in the redacted text, so not inside a redaction already there.
      const word = /\p{L}{4,}/u.exec(before.replace(/\[[a-z]+\]/g, ' '))?.[0];
      assert.ok(word && original.includes(word), `a word to redact in "${before}"`);

      await axePage.goto(href);
      await pressButton(axePage, 'Show original words');
      await checkA11y(axePage, 'a response with its original words and the redaction forms');
      await pressButton(axePage, 'Redact these words');
      await expectErrorSummary(axePage, 'Type the words to redact');
      await checkA11y(axePage, 'the redaction form with errors');

      // Forgetting the reason keeps what was typed.
      await tabTo(page, `[id="add-${question}-words"]`, { max: 300 });
      await page.keyboard.type(word);
      await chooseRadio(page, 'kind', 'A person’s name (shown as [name])');
      await pressButton(page, 'Redact these words');
      await expectErrorSummary(page, 'Say why this is redacted');
      assert.equal(await page.locator(`[id="add-${question}-words"]`).inputValue(), word, 'the words are kept');
      assert.equal(await page.locator(`[id="add-${question}-kind"]`).isChecked(), true, 'the kind is kept');
      await tabTo(page, `[id="add-${question}-reason"]`, { max: 300 });
      await page.keyboard.type('Could identify the person');
      await pressButton(page, 'Redact these words');
      assert.equal(new URL(page.url()).pathname, href);
      const after = await page.locator(`[id="answer-${question}"] [data-redacted]`).innerText();
      const names = (t) => t.split('[name]').length - 1;
      assert.equal(names(after), names(before) + 1, `one more [name] in "${after}"`);
      assert.ok((await page.locator('main').innerText()).includes('Added – accepted'), 'the redaction is listed as added and accepted');
    } finally {
      await context.close();
      await axeContext.close();
    }
  });

  test('a moderator enrols an authenticator app, then signs in with a code; axe on those pages', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await signInByKeyboard(page, 'moderator@heard.local', 'demo-password');
      await page.goto('/account/second-factor');
      await checkA11y(page, 'set up an authenticator app');
      // The key is shown for typing in by hand; the page sends no secret back (the server keeps it).
      const keyText = async () => (await page.locator('code.heard-code-s').innerText()).replace(/\s/g, '');
      assert.equal(await page.locator('input[name="secret"]').count(), 0);
      const secret = await keyText();
      await typeInto(page, 'code', '12345');
      await pressButton(page, 'Turn on');
      await expectErrorSummary(page, 'Enter the 6-digit code');
      const again = await keyText();
      assert.equal(again, secret, 'the same secret is offered again');
      const code = (steps) => generateHOTP(decodeBase32IgnorePadding(again), BigInt(Math.floor(Date.now() / 30_000) + steps), 6);
      await typeInto(page, 'code', code(0));
      await pressButton(page, 'Turn on');
      await expectHeading(page, 'Save your recovery codes');
      assert.equal(await page.locator('#recovery-codes li').count(), 8);
      await checkA11y(page, 'recovery codes');
      assert.equal(secret.length, 32);
      await page.goto('/staff');
      await signOutByKeyboard(page);

      await signInByKeyboard(page, 'moderator@heard.local', 'demo-password');
      assert.equal(pathOf(page), '/login/second-factor');
      await checkA11y(page, 'security code');
      // Each code works once, so the next one (within the allowed clock drift).
      await typeInto(page, 'code', code(1));
      await pressButton(page, 'Continue');
      assert.equal(pathOf(page), '/staff');
      await checkA11y(page, 'staff home (moderator)');
    } finally {
      await context.close();
    }
  });
});

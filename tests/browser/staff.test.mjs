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

/** The n-th new response (0 first) whose first free-text answer has at least three sentences to choose from. */
async function responseWithSentences(page, n) {
  await page.goto('/moderate?status=new&flagged=no');
  const hrefs = await page.locator('main table a[href^="/moderate/responses/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  let seen = 0;
  for (const href of hrefs.slice(1)) {
    await page.goto(href);
    const sentences = await page.locator('form[data-excerpt-form]').first().locator('input[name="sentence"]').count();
    if (sentences >= 3 && seen++ === n) return href;
  }
  assert.fail('no new response with a three-sentence answer in the demo data');
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

  test('a moderator approves a quote: by keyboard with JavaScript off, and with the "a" key with it on', async () => {
    /** Opens new responses from the queue until one whose respondent agreed to be quoted; returns its path. */
    async function consentedResponse(page, skip = 0) {
      await page.goto('/moderate?status=new&flagged=no');
      const hrefs = await page.locator('main table a[href^="/moderate/responses/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      let seen = 0;
      for (const href of hrefs) {
        await page.goto(href);
        const text = await page.locator('main').innerText();
        if (/Agreed to be quoted anonymously/.test(text) && (await page.locator('select[name="objective"]').count()) > 0 && seen++ >= skip) return href;
      }
      throw new Error('no new response with consent to quote in the first page of the queue');
    }
    const noJs = await newContext(env, { js: false });
    const withJs = await newContext(env, { js: true });
    try {
      const page = await noJs.newPage();
      await signInByKeyboard(page, 'moderator@heard.local', 'demo-password');
      const first = await consentedResponse(page);
      // Tag the whole answer, then approve the excerpt as a quote: focus and Enter, as Tab would reach them.
      await page.locator('select[name="objective"]').first().selectOption({ index: 1 });
      await page.getByRole('button', { name: /^Add tag/ }).first().focus();
      await pressAndWait(page, 'Enter');
      await page.getByRole('button', { name: /^Approve as a quote/ }).first().focus();
      await pressAndWait(page, 'Enter');
      assert.equal(new URL(page.url()).pathname, first);
      assert.match(await page.locator('main').innerText(), /Approved as a quote on \d{4}-\d{2}-\d{2}/);

      const js = await withJs.newPage();
      await signInByKeyboard(js, 'moderator@heard.local', 'demo-password');
      const second = await consentedResponse(js, 1);
      assert.notEqual(second, first);
      // With the island, the whole-answer form's selects become one combobox: type a code, Enter chooses, Enter sends.
      await js.waitForSelector('html.heard-island');
      await js.locator('form[action$="/tags"] [role="combobox"]').first().focus();
      await js.keyboard.type('5.6');
      await js.keyboard.press('Enter');
      await pressAndWait(js, 'Enter');
      await js.waitForSelector('html.heard-island');
      await js.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
      await Promise.all([js.waitForNavigation(), js.keyboard.press('a')]);
      assert.match(await js.locator('main').innerText(), /Approved as a quote on/);
      await checkA11y(js, 'a response with an approved quote');
    } finally {
      await noJs.close();
      await withJs.close();
    }
  });

  test('a moderator takes a suggestion with the key 1, and turns one down by keyboard with JavaScript off; axe on a page of suggestions', async () => {
    /** Opens new responses from the queue until one with suggestions beside an answer; returns its path. */
    async function withSuggestions(page, skip = 0) {
      await page.goto('/moderate?status=new&flagged=no');
      const hrefs = await page.locator('main table a[href^="/moderate/responses/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      let seen = 0;
      for (const href of hrefs) {
        await page.goto(href);
        if ((await page.locator('[data-suggestion="1"]').count()) > 0 && seen++ >= skip) return href;
      }
      throw new Error('no new response with suggestions in the first page of the queue');
    }
    const withJs = await newContext(env, { js: true });
    const noJs = await newContext(env, { js: false });
    try {
      const js = await withJs.newPage();
      await signInByKeyboard(js, 'moderator@heard.local', 'demo-password');
      const path = await withSuggestions(js);
      await js.waitForSelector('html.heard-island');
      await checkA11y(js, 'a response with suggestions');
      const first = (await js.locator('[data-suggestion="1"]').first().innerText()).replace(/^\s*1\s*/, '').replace(/^Tag: /, '').trim();
      const code = first.split(' – ')[0];
      await js.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
      await Promise.all([js.waitForNavigation(), js.keyboard.press('1')]);
      assert.equal(pathOf(js), path);
      const tags = await js.locator('.heard-excerpts strong.govuk-tag').allInnerTexts();
      assert.ok(tags.some((t) => t.startsWith(`${code} – `)), `${code} among ${tags.join(' | ')}`);

      const page = await noJs.newPage();
      await signInByKeyboard(page, 'moderator@heard.local', 'demo-password');
      const other = await withSuggestions(page, 1);
      const turnedDown = (await page.locator('[data-suggestion="1"]').first().innerText()).replace(/^Tag: /, '').trim();
      await page.getByRole('button', { name: /^Not this/ }).first().focus();
      await pressAndWait(page, 'Enter');
      assert.equal(pathOf(page), other);
      assert.ok(!(await page.locator('main').innerText()).includes(`Tag: ${turnedDown}`), 'a turned-down suggestion is not offered again');
    } finally {
      await withJs.close();
      await noJs.close();
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

  test('a moderator tags two sentences of an answer by keyboard with JavaScript off', async () => {
    const context = await newContext(env, { js: false });
    const page = await context.newPage();
    try {
      await signInByKeyboard(page, 'moderator@heard.local', 'demo-password');
      const target = await responseWithSentences(page, 1);
      await page.goto(target);
      // Tab to the first sentence of the first "Tag part of this answer", tick it and the next one.
      await tabTo(page, 'form[data-excerpt-form] input[name="sentence"]', { max: 200 });
      const form = await page.evaluate(() => document.activeElement.form.dataset.excerptForm);
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      const chosen = await page.evaluate(() => [...document.activeElement.form.querySelectorAll('input[name="sentence"]:checked')].map((i) => i.labels[0].innerText.trim()));
      assert.equal(chosen.length, 2, 'two sentences ticked');
      await tabTo(page, `[id="part-objective-${form}"]`);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const code = await page.evaluate(() => document.activeElement.selectedOptions[0].text.split(' – ')[0]);
      assert.ok(code && code !== 'None', 'an objective is chosen with the arrow keys');
      await tabTo(page, 'button', { text: 'Tag the chosen part' });
      await pressAndWait(page, 'Enter');
      assert.equal(pathOf(page), target);
      const quote = await page.locator(`#answer-${form} blockquote.heard-excerpt__text`).allInnerTexts();
      assert.ok(quote.map((q) => q.trim()).includes(`${chosen[0]} ${chosen[1]}`), `the excerpt spans both sentences: ${JSON.stringify(quote)}`);
      assert.ok((await page.locator(`#answer-${form} .heard-excerpt .govuk-tag`).allInnerTexts()).some((t) => t.startsWith(`${code} – `)), 'the excerpt carries the objective');
    } finally {
      await context.close();
    }
  });

  test('with JavaScript on, a moderator selects words by keyboard, picks an objective in the combobox by its code and opens the shortcut help; axe with the island and the overlay', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await signInByKeyboard(page, 'moderator@heard.local', 'demo-password');
      const target = await responseWithSentences(page, 2);
      await page.goto(target);
      await page.waitForSelector('html.heard-island');
      assert.equal(await page.locator('form[data-excerpt-form] [data-sentences]').first().isHidden(), true, 'the sentence checkboxes give way to the selection');
      assert.ok(await page.locator('[data-key-hint]').first().isVisible(), 'key hints show');
      await checkA11y(page, 'a response to moderate, island hydrated');

      // Select the first three words: Space on the first, then Shift+Right twice.
      await tabTo(page, '.heard-words', { max: 200 });
      const form = await page.evaluate(() => document.activeElement.closest('form').dataset.excerptForm);
      await page.keyboard.press('Space');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      const words = await page.evaluate(() => [...document.activeElement.querySelectorAll('[role="option"][aria-selected="true"]')].map((w) => w.textContent));
      assert.equal(words.length, 3);
      const range = await page.evaluate(() => {
        const f = document.activeElement.closest('form');
        return { start: f.querySelector('[name="start"]').value, end: f.querySelector('[name="end"]').value };
      });
      assert.ok(range.start !== '' && Number(range.end) > Number(range.start), `start and end are filled: ${JSON.stringify(range)}`);

      // t opens this form's tag picker; type an objective's code; Enter chooses it; Enter again sends the form.
      const code = await page.evaluate((f) => document.querySelector(`form[data-excerpt-form="${f}"] select[name="objective"] optgroup option`).text.split(' – ')[0], form);
      await page.keyboard.press('t');
      const picker = await page.evaluate(() => ({ role: document.activeElement.getAttribute('role'), controls: document.activeElement.getAttribute('aria-controls') }));
      assert.equal(picker.role, 'combobox');
      await page.keyboard.type(code);
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'true');
      const active = await page.evaluate(() => document.getElementById(document.activeElement.getAttribute('aria-activedescendant'))?.textContent ?? '');
      assert.ok(active.includes(`${code} – `), `the first option is the objective ${code}: ${active}`);
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'false');
      await pressAndWait(page, 'Enter');
      assert.equal(pathOf(page), target);
      await page.waitForSelector('html.heard-island');
      const quote = (await page.locator(`#answer-${form} blockquote.heard-excerpt__text`).allInnerTexts()).map((q) => q.trim());
      assert.ok(quote.includes(words.join(' ')), `the excerpt is the three words: ${JSON.stringify(quote)} vs ${words.join(' ')}`);
      assert.ok((await page.locator(`#answer-${form} .heard-excerpt .govuk-tag`).allInnerTexts()).some((t) => t.startsWith(`${code} – `)), 'the excerpt carries the objective');

      // Keys do nothing while typing in a field.
      await page.locator('#note').focus();
      await page.keyboard.type('j?');
      assert.equal(pathOf(page), target);
      assert.equal(await page.locator('#shortcuts-help[open]').count(), 0);

      // ? opens the help overlay; Escape closes it and focus goes back.
      await page.locator('#previous-response, #next-response').first().focus();
      const before = await page.evaluate(() => document.activeElement.id);
      await page.keyboard.press('?');
      await page.waitForSelector('#shortcuts-help[open]');
      assert.match(await page.locator('#shortcuts-help').innerText(), /Next response[\s\S]*Approve a quote/);
      await checkA11y(page, 'the keyboard shortcuts overlay');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#shortcuts-help[open]').count(), 0);
      assert.equal(await page.evaluate(() => document.activeElement.id), before, 'focus returns where it was');

      // x goes to the reason for excluding; j follows "Next response".
      await page.keyboard.press('x');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'reason');
      const next = await page.locator('#next-response').getAttribute('href');
      if (next) {
        await page.locator('h1').click();
        await pressAndWait(page, 'j');
        assert.equal(pathOf(page), next);
      }
    } finally {
      await context.close();
    }
  });

  for (const [js, nth] of [[false, 1], [true, 2]]) test(`a moderator adds a redaction by keyboard with JavaScript ${js ? 'on' : 'off'}: shows the original words, types the words, chooses the kind, gives a reason; axe on those pages`, async () => {
    const context = await newContext(env, { js });
    const page = await context.newPage();
    const axeContext = await newContext(env, { js: true });
    const axePage = await axeContext.newPage();
    try {
      await signInByKeyboard(page, 'moderator@heard.local', 'demo-password');
      await signInByKeyboard(axePage, 'moderator@heard.local', 'demo-password');
      await page.goto('/moderate?status=new&flagged=no');
      const href = await page.locator('main table a[href^="/moderate/responses/"]').nth(nth).getAttribute('href');
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

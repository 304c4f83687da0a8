// Keyboard-only journeys through both demo forms, with JavaScript off and on, and what a shared
// device keeps afterwards: after sending, after "Exit this page" (link, JavaScript off) and after
// pressing Shift three times (JavaScript on).
// Every action on a page here is a key press (Tab, Shift+Tab, Space, arrows, Enter, typing):
// no click(), fill() or check(). page.goto() stands in for typing an address.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CODE_PATTERN,
  checkA11y,
  chooseRadio,
  expectErrorSummary,
  expectHeading,
  expectNothingStored,
  focused,
  goBack,
  newContext,
  pageShows,
  pressAndWait,
  pressButton,
  tabTo,
  tickCheckbox,
  typeInto,
  useApp,
} from './harness.mjs';

const env = useApp();
const ZEBRA = 'ZEBRA-UNIQUE-TEXT';

/** The rows of "Check your answers" as { question: answer }. */
async function checkAnswerRows(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('.govuk-summary-list__row')].map((row) => [
        row.querySelector('.govuk-summary-list__key').innerText.trim(),
        row.querySelector('.govuk-summary-list__value').innerText.trim(),
      ]),
    ),
  );
}

function pathOf(page) {
  return new URL(page.url()).pathname;
}

/**
 * Every question page has one address and one title, so a shared browser's history shows neither
 * the page nor the branch; `why` says which page the test expects to be on (its heading shows it).
 */
async function expectQuestionPage(page, slug, why) {
  assert.equal(pathOf(page), `/f/${slug}/question`, why);
  assert.match(await page.title(), /^(Error: )?Your answers – /, why);
}

/** Selects all the text in the focused field and types over it. */
async function replaceText(page, text) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

async function startForm(page, slug, title) {
  await page.goto(`/f/${slug}`);
  await expectHeading(page, title);
  // Without JavaScript the start form is a plain POST form.
  assert.equal(await page.locator('form[method="post"]').getAttribute('action'), `/f/${slug}/start`);
  await pressButton(page, 'Start now');
}

async function confirmationCode(page) {
  await expectHeading(page, 'Feedback sent');
  const code = (await page.locator('#withdrawal-code').innerText()).trim();
  assert.match(code, CODE_PATTERN, 'the withdrawal code looks like XXXXX-XXXXX');
  return code;
}

/**
 * The festival form by keyboard. Branches: "Sleeping rough" (rough-sleeping question) or a place
 * to stay (rating and comments); "Never" for listened-to (the follow-up) or "Always" (no follow-up).
 */
async function festivalByKeyboard(page, { rough, never, change, js }) {
  await startForm(page, 'festival-of-feedback', 'Festival of Feedback');

  // Single choice: Continue with nothing chosen shows the error summary, focused.
  await expectQuestionPage(page, 'festival-of-feedback');
  await expectHeading(page, 'Where are you staying at the moment?');
  await pressButton(page, 'Continue');
  await expectErrorSummary(page, 'Select an answer');
  await expectQuestionPage(page, 'festival-of-feedback');
  await chooseRadio(page, 'staying', rough ? 'Sleeping rough' : 'A hostel or supported housing');
  await pressButton(page, 'Continue');

  if (rough) {
    await expectQuestionPage(page, 'festival-of-feedback', 'Sleeping rough leads to the rough-sleeping question');
    await expectHeading(page, 'What would help you move into somewhere to live?');
    await typeInto(page, 'rough-sleeping-help', 'A flat near my support worker.');
    await pressButton(page, 'Continue');
  } else {
    await expectQuestionPage(page, 'festival-of-feedback', 'a place to stay leads to the rating');
    await chooseRadio(page, 'accommodation-rating', 'Good');
    await pressButton(page, 'Continue');
    await expectHeading(page, 'What is it like where you are staying?');
    await typeInto(page, 'accommodation-comments', 'Quiet at night.');
    // Enter in a textarea is a new line, not a submit.
    await page.keyboard.press('Enter');
    await page.keyboard.type('Staff are kind.');
    await pressButton(page, 'Continue');
  }

  await expectHeading(page, 'How well do services support you?');
  await chooseRadio(page, 'support-rating', 'Okay');
  await pressButton(page, 'Continue');

  await expectHeading(page, 'What support has helped you, and what has not?');
  await pressButton(page, 'Continue'); // optional: left empty

  // Multiple choice with an exclusive option. Without JavaScript, ticking it with another is an
  // error and the ticks are kept; with JavaScript, ticking one unticks the other at once.
  await expectHeading(page, 'Have you been able to get help with any of these?');
  const ticked = () => page.evaluate(() => [...document.querySelectorAll('input[name="health"]:checked')].map((i) => i.value));
  await tickCheckbox(page, 'Mental health');
  await tickCheckbox(page, 'None of these');
  if (js) {
    assert.deepEqual(await ticked(), ['none']);
    await tickCheckbox(page, 'Mental health');
    assert.deepEqual(await ticked(), ['mental-health']);
  } else {
    await pressButton(page, 'Continue');
    await expectErrorSummary(page, 'Select "None of these" on its own, or untick it');
    assert.deepEqual(await ticked(), ['mental-health', 'none']);
    // Untick "None of these" with Space, by keyboard.
    await tickCheckboxOff(page, 'None of these');
  }
  await pressButton(page, 'Continue');

  await expectHeading(page, 'Do staff listen to you?');
  await chooseRadio(page, 'listened-to', never ? 'Never' : 'Always');
  await pressButton(page, 'Continue');
  if (never) {
    await expectQuestionPage(page, 'festival-of-feedback', '"Never" leads to the follow-up');
    await expectHeading(page, 'What would make you feel listened to?');
    await typeInto(page, 'listened-comments', 'Ask me first.');
    await pressButton(page, 'Continue');
  }

  // Required long text: the error, then the answer.
  await expectQuestionPage(page, 'festival-of-feedback', never ? 'after the follow-up' : '"Always" skips the follow-up');
  await expectHeading(page, 'What is the one thing that should change?');
  await pressButton(page, 'Continue');
  await expectErrorSummary(page, 'Enter your answer');
  await typeInto(page, 'change', change);
  await pressButton(page, 'Continue');

  await expectHeading(page, 'Can we quote you anonymously?');
  await tickCheckbox(page, 'Yes, you can quote my words anonymously');
  await pressButton(page, 'Continue');

  assert.equal(pathOf(page), '/f/festival-of-feedback/check');
  await expectHeading(page, 'Check your answers before sending them');
}

/** Tabs to a ticked checkbox and unticks it with Space. */
async function tickCheckboxOff(page, label) {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement;
      return a?.matches('input[type="checkbox"]') ? { label: a.labels?.[0]?.innerText.trim() ?? '', checked: a.checked } : null;
    });
    if (el?.label === label) {
      if (el.checked) await page.keyboard.press('Space');
      assert.equal(await page.evaluate(() => document.activeElement.checked), false, `"${label}" should be unticked`);
      return;
    }
  }
  assert.fail(`Could not reach the checkbox "${label}" with Tab`);
}

/** Uses the "Change" link of one row on Check your answers, by keyboard. */
async function followChangeLink(page, question) {
  // A button in a small POST form: the page to change goes in the body, never the address.
  await tabTo(page, 'button', { text: `Change ${question}` });
  await pressAndWait(page, 'Enter');
  assert.equal(new URL(page.url()).search, '');
  assert.match(pathOf(page), /\/question$/);
}

async function serviceByKeyboard(page, { js }) {
  await startForm(page, 'service-feedback', 'Tell us about a service');

  await expectHeading(page, 'Which service is your feedback about?');
  await chooseRadio(page, 'service', 'A day centre');
  await pressButton(page, 'Continue');

  await expectHeading(page, 'Which organisation runs it?');
  await chooseRadio(page, 'provider', 'Homeless Oxfordshire');
  await pressButton(page, 'Continue');

  // Date: a date that does not exist is an error, and what was typed is kept.
  await expectHeading(page, 'When did you last use this service?');
  await typeInto(page, 'last-used-day', '31');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2026');
  await pressAndWait(page, 'Enter'); // Enter in a text box submits the form
  await expectErrorSummary(page, 'Date must be a real date');
  assert.deepEqual(
    await page.evaluate(() => ['day', 'month', 'year'].map((p) => document.getElementById(`last-used-${p}`).value)),
    ['31', '2', '2026'],
    'the typed date is kept after the error',
  );
  await tabTo(page, '#last-used-day');
  await replaceText(page, '14');
  await pressButton(page, 'Continue');

  await expectHeading(page, 'How was it?');
  await chooseRadio(page, 'how-was-it', 'Poor');
  // Shift+Tab back out of the group and Tab in again: the choice stays.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  assert.deepEqual(await focused(page).then((f) => [f.name, f.value, f.checked]), ['how-was-it', '2', true]);
  await pressButton(page, 'Continue');

  await expectHeading(page, 'What worked well?');
  await typeInto(page, 'what-worked', `Hot food. ${js ? 'JS on' : 'JS off'}`);
  await pressButton(page, 'Continue');

  await expectHeading(page, 'What did not work?');
  await pressButton(page, 'Continue');

  await expectHeading(page, 'What is one thing they should change?');
  await typeInto(page, 'one-change', 'Open on Sundays');
  await pressAndWait(page, 'Enter');

  assert.equal(pathOf(page), '/f/service-feedback/check');
  let rows = await checkAnswerRows(page);
  assert.equal(rows['Which service is your feedback about?'], 'A day centre');
  assert.equal(rows['Which organisation runs it?'], 'Homeless Oxfordshire');
  assert.equal(rows['When did you last use this service?'], '14 February 2026');
  assert.equal(rows['How was it?'], 'Poor');
  assert.equal(rows['What did not work?'], 'Not answered');
  assert.equal(rows['What is one thing they should change?'], 'Open on Sundays');

  // Change the date once, by keyboard, and come back to Check your answers.
  await followChangeLink(page, 'When did you last use this service?');
  await expectHeading(page, 'When did you last use this service?');
  await tabTo(page, '#last-used-month');
  assert.equal((await focused(page)).value, '2', 'the saved answer is filled in');
  await replaceText(page, '3');
  await pressButton(page, 'Continue');
  assert.equal(pathOf(page), '/f/service-feedback/check', 'a change goes straight back to Check your answers');
  rows = await checkAnswerRows(page);
  assert.equal(rows['When did you last use this service?'], '14 March 2026');

  await pressButton(page, 'Send feedback');
  return confirmationCode(page);
}

describe('keyboard-only journeys', () => {
  for (const js of [false, true]) {
    const mode = js ? 'JavaScript on' : 'JavaScript off';

    test(`Festival of Feedback by keyboard, ${mode}`, async (t) => {
      const context = await newContext(env, { js });
      const page = await context.newPage();
      try {
        // With JavaScript off: the rough-sleeping branch and the "Never" follow-up.
        // With JavaScript on: the other branches.
        const rough = !js;
        const never = !js;
        await festivalByKeyboard(page, { rough, never, js, change: `More beds. ${ZEBRA}` });

        let rows = await checkAnswerRows(page);
        assert.equal(rows['Where are you staying at the moment?'], rough ? 'Sleeping rough' : 'A hostel or supported housing');
        assert.equal('What would help you move into somewhere to live?' in rows, rough);
        assert.equal('How good is the place where you are staying?' in rows, !rough);
        assert.equal('What would make you feel listened to?' in rows, never);
        assert.equal(rows['Have you been able to get help with any of these?'], 'Mental health');
        assert.equal(rows['What is the one thing that should change?'], `More beds. ${ZEBRA}`);
        if (!rough) assert.equal(rows['What is it like where you are staying?'], 'Quiet at night.\nStaff are kind.');

        // Change one answer once: the saved text is there to edit.
        await followChangeLink(page, 'What is the one thing that should change?');
        await expectHeading(page, 'What is the one thing that should change?');
        await tabTo(page, '#change');
        assert.equal((await focused(page)).value, `More beds. ${ZEBRA}`);
        await page.keyboard.press('End');
        await page.keyboard.type(' And showers.');
        await pressButton(page, 'Continue');
        assert.equal(pathOf(page), '/f/festival-of-feedback/check');
        rows = await checkAnswerRows(page);
        assert.equal(rows['What is the one thing that should change?'], `More beds. ${ZEBRA} And showers.`);

        await pressButton(page, 'Send feedback');
        await confirmationCode(page);

        // A shared device: nothing left behind, and Back does not show the answers.
        assert.deepEqual(await context.cookies(), [], 'no cookies after sending');
        if (js) await expectNothingStored(context, page, env.baseURL, 'after sending');
        t.diagnostic(`Back came from: ${await goBack(page)} (${page.url()})`);
        assert.equal(await pageShows(page, ZEBRA), false, `Back after sending must not show the answers (${page.url()})`);
        assert.equal(await page.locator('.govuk-summary-list').count(), 0, 'Back after sending does not show Check your answers');
      } finally {
        await context.close();
      }
    });

    test(`Tell us about a service by keyboard, ${mode}`, async () => {
      const context = await newContext(env, { js });
      const page = await context.newPage();
      try {
        await serviceByKeyboard(page, { js });
        assert.deepEqual(await context.cookies(), [], 'no cookies after sending');
      } finally {
        await context.close();
      }
    });
  }
});

/** Starts the service form and types ZEBRA into "What worked well?", then comes back to it with the Back link. */
async function answersOnScreen(page) {
  await startForm(page, 'service-feedback', 'Tell us about a service');
  await chooseRadio(page, 'service', 'Street outreach');
  await pressButton(page, 'Continue');
  await pressButton(page, 'Continue'); // which organisation: optional
  await pressButton(page, 'Continue'); // last used: optional
  await chooseRadio(page, 'how-was-it', 'Good');
  await pressButton(page, 'Continue');
  await expectHeading(page, 'What worked well?');
  await typeInto(page, 'what-worked', ZEBRA);
  await pressButton(page, 'Continue');
  await expectHeading(page, 'What did not work?');
  // The Back link (not the browser's Back) shows the saved answer again.
  await tabTo(page, 'button.govuk-back-link');
  await pressAndWait(page, 'Enter');
  await expectHeading(page, 'What worked well?');
  assert.equal(await pageShows(page, ZEBRA), true, 'the answer is on screen before leaving');
}

describe('leaving a shared device clean', () => {
  test('"Exit this page" with JavaScript off: lands on the exit URL, no cookie, Back shows no answers', async (t) => {
    const context = await newContext(env, { js: false });
    const page = await context.newPage();
    try {
      await answersOnScreen(page);
      assert.ok((await context.cookies()).length > 0, 'a draft cookie while answering');
      // The exit link is the first thing after the language links: reach it by keyboard.
      await tabTo(page, 'a.govuk-exit-this-page__button');
      await pressAndWait(page, 'Enter');
      assert.equal(page.url(), env.exitURL);
      await expectHeading(page, 'Weather');
      assert.deepEqual(await context.cookies(), [], 'no cookies after exit');

      t.diagnostic(`Back came from: ${await goBack(page)} (${page.url()})`);
      assert.equal(await pageShows(page, ZEBRA), false, `Back after exit must not show the answers (${page.url()})`);
      assert.equal(pathOf(page), '/f/service-feedback/question');
      await expectHeading(page, 'Your answers were cleared');
      assert.deepEqual(await context.cookies(), [], 'still no cookies');
    } finally {
      await context.close();
    }
  });

  test('Shift three times with JavaScript on: leaves with location.replace, no cookie, no storage, Back shows no answers', async (t) => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await answersOnScreen(page);
      const exitedPath = pathOf(page);
      const lengthBefore = await page.evaluate(() => history.length);
      // Focus is in the text box; Shift pressed three times anywhere leaves.
      await tabTo(page, '#what-worked');
      await Promise.all([
        page.waitForURL(env.exitURL),
        (async () => {
          for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
        })(),
      ]);
      await expectHeading(page, 'Weather');
      assert.equal(await page.evaluate(() => history.length), lengthBefore, 'the exit replaced the page in history instead of adding to it');
      assert.deepEqual(await context.cookies(), [], 'no cookies after exit');

      t.diagnostic(`Back came from: ${await goBack(page)} (${page.url()})`);
      // Every question page shares one address, so Back lands on it again; the draft is gone, so it is cleared.
      assert.equal(pathOf(page), exitedPath, 'Back lands on the one question address');
      await expectHeading(page, 'Your answers were cleared');
      assert.equal(await pageShows(page, ZEBRA), false, `Back after exit must not show the answers (${page.url()})`);
      t.diagnostic(`Back came from: ${await goBack(page)} (${page.url()})`);
      assert.equal(await pageShows(page, ZEBRA), false, `two steps back must not show the answers either (${page.url()})`);

      // Web storage on our origin is empty too.
      await page.goto('/');
      await expectNothingStored(context, page, env.baseURL, 'after exit');
    } finally {
      await context.close();
    }
  });
});

describe('keyboard and hints', () => {
  test('"Exit this page" is a plain link: Enter leaves with JavaScript off, and nothing pretends to be a button', async () => {
    const context = await newContext(env, { js: false });
    const page = await context.newPage();
    try {
      await page.goto('/f/service-feedback/cleared');
      // A link announced as a button would promise Space, which a link cannot keep without a script.
      assert.equal(await page.locator('a[role="button"]').count(), 0);
      await tabTo(page, 'a.govuk-exit-this-page__button');
      await Promise.all([page.waitForURL(env.exitURL, { timeout: 5_000 }), page.keyboard.press('Enter')]);
    } finally {
      await context.close();
    }
  });

  test('the example withdrawal code in the hint has the shape of a real code (XXXXX-XXXXX)', async () => {
    const context = await newContext(env, { js: false });
    const page = await context.newPage();
    try {
      await page.goto('/withdraw');
      const hint = await page.locator('#code-hint').innerText();
      assert.match(hint, /\b[0-9A-Z]{5}-[0-9A-Z]{5}\b/, `hint: ${hint}`);
    } finally {
      await context.close();
    }
  });

  test('with JavaScript, ticking "None of these" unticks the other boxes, and the other way round', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await page.goto('/f/festival-of-feedback');
      await Promise.all([page.waitForURL(/\/question$/), page.locator('button.govuk-button--start').press('Enter')]);
      // Straight to the health page, as "Change" on check answers would (the page goes in the body).
      await page.request.post('/f/festival-of-feedback/change', { form: { heard_page: 'health' }, headers: { origin: env.baseURL }, maxRedirects: 0 });
      await page.goto('/f/festival-of-feedback/question');
      await expectHeading(page, 'Have you been able to get help with any of these?');
      await tabTo(page, '#health-0');
      await page.keyboard.press('Space');
      await tabTo(page, '#health-4');
      await page.keyboard.press('Space');
      assert.deepEqual(await page.$$eval('input[name=health]', (boxes) => boxes.map((b) => b.checked)), [false, false, false, false, true]);
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Space');
      assert.deepEqual(await page.$$eval('input[name=health]', (boxes) => boxes.map((b) => b.checked)), [false, false, true, false, false]);
    } finally {
      await context.close();
    }
  });
});

describe('the timeout warning', () => {
  test('with JavaScript, warns two minutes before the answers are cleared, keeps them on request, then clears them', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      // A fake clock for the page's timers, so 28 minutes pass at once.
      await page.clock.install();
      await page.goto('/f/service-feedback');
      await Promise.all([page.waitForURL(/\/question$/), page.locator('button.govuk-button--start').press('Enter')]);
      const warning = page.locator('.heard-timeout');
      assert.equal(await warning.isVisible(), false, 'no warning at first');

      await page.clock.fastForward('28:01');
      await warning.waitFor({ state: 'visible' });
      assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Keep my answers', 'focus moves to the button');
      await checkA11y(page, 'timeout warning');
      const kept = page.waitForResponse((r) => r.url().endsWith('/f/service-feedback/keep-alive') && r.status() === 204);
      await page.keyboard.press('Enter');
      await kept;
      await warning.waitFor({ state: 'hidden' });

      // Ignored this time: at 30 minutes the page leaves for the "cleared" page, which deletes the draft.
      await page.clock.fastForward('28:01');
      await warning.waitFor({ state: 'visible' });
      await page.clock.fastForward('02:00');
      await page.waitForURL(/\/f\/service-feedback\/cleared$/);
      await expectHeading(page, 'Your answers were cleared');
      assert.deepEqual(await context.cookies(), [], 'the draft cookie is gone');
    } finally {
      await context.close();
    }
  });
});

// axe-core on every kind of page a respondent can meet, in English and Arabic, and right-to-left layout.
// These tests may use mouse-style shortcuts (click, fill, check) to get to each page quickly;
// the keyboard-only journeys are in journeys.test.mjs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, CODE_PATTERN, expectErrorSummary, expectHeading, newContext, useApp } from './harness.mjs';

const env = useApp();

/** Clicks a submit button and waits for the page it leads to. */
async function submit(page, name) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]);
}

async function choose(page, label) {
  await page.getByLabel(label, { exact: true }).check();
}

describe('accessibility (axe-core, WCAG 2.2 AA and best practice)', () => {
  test('home, safety, 404, cleared and withdraw pages', async () => {
    const context = await newContext(env);
    const page = await context.newPage();
    try {
      await page.goto('/');
      await expectHeading(page, 'Have your say');
      await checkA11y(page, 'home');

      await page.goto('/safety');
      await checkA11y(page, 'safety');

      const notFound = await page.goto('/f/no-such-form');
      assert.equal(notFound.status(), 404);
      await expectHeading(page, 'Page not found');
      await checkA11y(page, '404');

      await page.goto('/f/service-feedback/cleared');
      await expectHeading(page, 'Your answers were cleared');
      await checkA11y(page, 'cleared');

      await page.goto('/withdraw');
      await expectHeading(page, 'Take back your feedback');
      await checkA11y(page, 'withdraw (empty)');

      await submit(page, 'Take back my feedback');
      await expectErrorSummary(page, 'Enter your code');
      await checkA11y(page, 'withdraw (error: missing code)');

      await page.getByLabel('Take back your feedback').fill('NOT A CODE');
      await submit(page, 'Take back my feedback');
      await expectErrorSummary(page, 'Enter the code in the right format');
      assert.equal(await page.getByLabel('Take back your feedback').inputValue(), 'NOT A CODE', 'the typed code is kept');
      await checkA11y(page, 'withdraw (error: bad format)');
    } finally {
      await context.close();
    }
  });

  test('every question type in the festival form, errors, check answers, confirmation, then withdraw with the real code', async () => {
    const context = await newContext(env);
    const page = await context.newPage();
    try {
      await page.goto('/f/festival-of-feedback');
      await expectHeading(page, 'Festival of Feedback');
      await checkA11y(page, 'start page');
      await submit(page, 'Start now');

      // Single choice (radios), first with the error summary.
      await expectHeading(page, 'Where are you staying at the moment?');
      await checkA11y(page, 'single choice');
      await submit(page, 'Continue');
      await expectErrorSummary(page, 'Select an answer');
      await checkA11y(page, 'single choice with error summary');
      await choose(page, 'A hostel or supported housing');
      await submit(page, 'Continue');

      // Rating.
      await expectHeading(page, 'How good is the place where you are staying?');
      await checkA11y(page, 'rating');
      await choose(page, 'Good');
      await submit(page, 'Continue');

      // Long text with a hint (optional).
      await expectHeading(page, 'What is it like where you are staying?');
      await checkA11y(page, 'long text');
      await page.locator('textarea').fill('Quiet at night.');
      await submit(page, 'Continue');

      await expectHeading(page, 'How well do services support you?');
      await choose(page, 'Well');
      await submit(page, 'Continue');
      await expectHeading(page, 'What support has helped you');
      await submit(page, 'Continue');

      // Multiple choice with an exclusive "None of these", and its error.
      await expectHeading(page, 'Have you been able to get help with any of these?');
      await checkA11y(page, 'multiple choice (checkboxes with exclusive option)');
      await choose(page, 'Seeing a GP (doctor)');
      // The enhancement script unticks the others when "None" is ticked, so tick it without the
      // change event to reach the server's error, as a person without JavaScript would.
      await page.locator('input[name="health"][value="none"]').evaluate((box) => {
        box.checked = true;
      });
      await submit(page, 'Continue');
      await expectErrorSummary(page, 'Select "None of these" on its own, or untick it');
      assert.equal(await page.getByLabel('Seeing a GP (doctor)', { exact: true }).isChecked(), true, 'ticks are kept after the error');
      await checkA11y(page, 'multiple choice with error summary');
      await page.getByLabel('Seeing a GP (doctor)', { exact: true }).uncheck();
      await submit(page, 'Continue');

      await expectHeading(page, 'Do staff listen to you?');
      await choose(page, 'Always');
      await submit(page, 'Continue');

      // Required long text: its error.
      await expectHeading(page, 'What is the one thing that should change?');
      await submit(page, 'Continue');
      await expectErrorSummary(page, 'Enter your answer');
      await checkA11y(page, 'long text with error summary');
      await page.locator('textarea').fill('More beds.');
      await submit(page, 'Continue');

      // Consent checkbox.
      await expectHeading(page, 'Can we quote you anonymously?');
      await checkA11y(page, 'consent checkbox');
      await choose(page, 'Yes, you can quote my words anonymously');
      await submit(page, 'Continue');

      await expectHeading(page, 'Check your answers');
      await checkA11y(page, 'check answers');
      await submit(page, 'Send feedback');

      await expectHeading(page, 'Feedback sent');
      await checkA11y(page, 'confirmation');
      const code = (await page.locator('#withdrawal-code').innerText()).trim();
      assert.match(code, CODE_PATTERN);

      // Withdraw with the real code; lower case and no dash are accepted.
      await page.goto('/withdraw');
      await page.getByLabel('Take back your feedback').fill(code.toLowerCase().replace('-', ''));
      await submit(page, 'Take back my feedback');
      await expectHeading(page, 'Your feedback has been taken back');
      await checkA11y(page, 'withdraw (success)');

      // The same code again: "already taken back", as an error.
      await page.goto('/withdraw');
      await page.getByLabel('Take back your feedback').fill(code);
      await submit(page, 'Take back my feedback');
      await expectErrorSummary(page, 'already been taken back');
      await checkA11y(page, 'withdraw (error: already withdrawn)');
    } finally {
      await context.close();
    }
  });

  test('date and short text in the service form, with a date error', async () => {
    const context = await newContext(env);
    const page = await context.newPage();
    try {
      await page.goto('/f/service-feedback');
      await checkA11y(page, 'service start page');
      await submit(page, 'Start now');
      await expectHeading(page, 'Which service is your feedback about?');
      await choose(page, 'A day centre');
      await submit(page, 'Continue');

      await expectHeading(page, 'Which organisation runs it?');
      await checkA11y(page, 'the question naming the service');
      await choose(page, 'Homeless Oxfordshire');
      await submit(page, 'Continue');

      await expectHeading(page, 'When did you last use this service?');
      await checkA11y(page, 'date input');
      await page.getByLabel('Day').fill('31');
      await page.getByLabel('Month').fill('2');
      await page.getByLabel('Year').fill('2026');
      await submit(page, 'Continue');
      await expectErrorSummary(page, 'Date must be a real date');
      await checkA11y(page, 'date input with error summary');
      assert.deepEqual(
        [await page.getByLabel('Day').inputValue(), await page.getByLabel('Month').inputValue(), await page.getByLabel('Year').inputValue()],
        ['31', '2', '2026'],
        'the typed date is kept after the error',
      );
      await page.getByLabel('Day').fill('14');
      await submit(page, 'Continue');

      await expectHeading(page, 'How was it?');
      await choose(page, 'Okay');
      await submit(page, 'Continue');
      await submit(page, 'Continue'); // what worked (optional)
      await submit(page, 'Continue'); // what did not (optional)

      await expectHeading(page, 'What is one thing they should change?');
      await checkA11y(page, 'short text');
      await submit(page, 'Continue');
      await expectErrorSummary(page, 'Enter your answer');
      await checkA11y(page, 'short text with error summary');
      await page.locator('input#one-change').fill('Open on Sundays');
      await submit(page, 'Continue');

      await expectHeading(page, 'Check your answers');
      await checkA11y(page, 'service check answers');
    } finally {
      await context.close();
    }
  });

  test('Arabic start page, question page, error, check answers and confirmation', async () => {
    const context = await newContext(env, { locale: 'ar' });
    const page = await context.newPage();
    try {
      await page.goto('/f/festival-of-feedback?lang=ar');
      await expectHeading(page, 'مهرجان الملاحظات');
      await checkA11y(page, 'Arabic start page');
      await submit(page, 'ابدأ الآن');

      await expectHeading(page, 'أين تقيم في الوقت الحالي؟');
      await checkA11y(page, 'Arabic question page (radios)');
      await submit(page, 'متابعة');
      assert.match(await page.title(), /^خطأ: /, 'the Arabic error title starts with "خطأ:"');
      await checkA11y(page, 'Arabic question page with error summary');
      await choose(page, 'أنام في الشارع');
      await submit(page, 'متابعة');

      await expectHeading(page, 'ما الذي قد يساعدك على الانتقال إلى مكان تعيش فيه؟');
      await checkA11y(page, 'Arabic long text');
      await submit(page, 'متابعة');
      await choose(page, 'بشكل مقبول');
      await submit(page, 'متابعة');
      await submit(page, 'متابعة'); // support comments (optional)
      await submit(page, 'متابعة'); // health (optional)
      await choose(page, 'أحيانًا');
      await submit(page, 'متابعة');
      await submit(page, 'متابعة'); // listened comments (optional)
      await page.locator('textarea').fill('مزيد من الأسرّة');
      await submit(page, 'متابعة');
      await submit(page, 'متابعة'); // quote (optional)

      await expectHeading(page, 'راجع إجاباتك قبل إرسالها');
      await checkA11y(page, 'Arabic check answers');
      await submit(page, 'أرسل الملاحظات');
      await expectHeading(page, 'تم إرسال الملاحظات');
      assert.match((await page.locator('#withdrawal-code').innerText()).trim(), CODE_PATTERN);
      await checkA11y(page, 'Arabic confirmation');
    } finally {
      await context.close();
    }
  });
});

describe('right-to-left', () => {
  test('Arabic pages are right-to-left, and the language switch keeps you on the same page', async () => {
    const context = await newContext(env);
    const page = await context.newPage();
    try {
      await page.goto('/f/festival-of-feedback?lang=ar');
      const html = await page.evaluate(() => ({
        lang: document.documentElement.getAttribute('lang'),
        dir: document.documentElement.getAttribute('dir'),
        direction: getComputedStyle(document.body).direction,
      }));
      assert.deepEqual(html, { lang: 'ar', dir: 'rtl', direction: 'rtl' });

      // The switch to English: a link in the language navigation, in English.
      const english = page.locator('nav.govuk-language-navigation a', { hasText: 'English' });
      assert.equal(await english.getAttribute('lang'), 'en');
      await Promise.all([page.waitForEvent('load'), english.click()]);
      const url = new URL(page.url());
      assert.equal(url.pathname, '/f/festival-of-feedback', 'still on the start page of the same form');
      assert.equal(url.searchParams.get('lang'), 'en');
      assert.deepEqual(
        await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction]),
        ['en', 'ltr', 'ltr'],
      );
      await expectHeading(page, 'Festival of Feedback');

      // On a question page the switch keeps the question, and the answer already given.
      await submit(page, 'Start now');
      await choose(page, 'Sleeping rough');
      await submit(page, 'Continue');
      await expectHeading(page, 'What would help you move into somewhere to live?');
      const questionPath = new URL(page.url()).pathname;
      await Promise.all([page.waitForEvent('load'), page.locator('nav.govuk-language-navigation a', { hasText: 'العربية' }).click()]);
      assert.equal(new URL(page.url()).pathname, questionPath, 'Arabic link keeps the same question');
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
      await expectHeading(page, 'ما الذي قد يساعدك على الانتقال إلى مكان تعيش فيه؟');
      // Back to the first question: the answer is kept, and the radios sit on the right.
      await Promise.all([page.waitForEvent('load'), page.locator('button.govuk-back-link').click()]);
      assert.equal(await page.getByLabel('أنام في الشارع', { exact: true }).isChecked(), true, 'the earlier answer is kept across languages');
      const [item, input] = await Promise.all([page.locator('.govuk-radios__item').first().boundingBox(), page.locator('.govuk-radios__input').first().boundingBox()]);
      assert.ok(input.x + input.width / 2 > item.x + item.width / 2, `the radio should be on the right of its label (item ${JSON.stringify(item)}, input ${JSON.stringify(input)})`);
      await Promise.all([page.waitForEvent('load'), page.locator('nav.govuk-language-navigation a', { hasText: 'English' }).click()]);
      assert.equal(new URL(page.url()).pathname, '/f/festival-of-feedback/question');
      await expectHeading(page, 'Where are you staying at the moment?');
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
    } finally {
      await context.close();
    }
  });
});

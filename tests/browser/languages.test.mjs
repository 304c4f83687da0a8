// Languages in Chromium: Arabic laid out right to left (the direction computed, the Back link and the
// radios on the right), a Polish and a Romanian journey through the demo forms with axe-core finding
// nothing on any page, and Easy Read switched on mid-form and kept to check answers, JavaScript off.
// axe runs only where JavaScript is on: it is a script, and its timers do not run in a page without.
// Every action on a page is a key press; page.goto() stands in for typing an address.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CODE_PATTERN, checkA11y, chooseRadio, expectHeading, newContext, pressAndWait, pressButton, tabTo, typeInto, useApp } from './harness.mjs';

const env = useApp();

/** Where the page's Back link and first radio sit, and the page's direction as the browser computes it. */
async function layout(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const back = document.querySelector('.govuk-back-link').getBoundingClientRect();
    const radio = document.querySelector('.govuk-radios__input').getBoundingClientRect();
    const label = document.querySelector('.govuk-radios__label').getBoundingClientRect();
    return {
      dir: document.documentElement.getAttribute('dir'),
      lang: document.documentElement.getAttribute('lang'),
      direction: getComputedStyle(document.querySelector('main')).direction,
      width,
      backLeft: back.left,
      backRight: back.right,
      radioLeft: radio.left,
      labelLeft: label.left,
    };
  });
}

/** Tabs to the Easy Read switch (a plain link) and follows it. */
async function switchEasyRead(page, text) {
  await tabTo(page, '#easy-read-switch', { text });
  await pressAndWait(page);
}

/** The question column of "Check your answers", in order. */
async function checkQuestions(page) {
  return page.locator('.govuk-summary-list__key').allInnerTexts();
}

describe('Arabic runs right to left', () => {
  test('the page, its Back link and its radios are mirrored; English is not', { timeout: 120_000 }, async () => {
    const context = await newContext(env, { js: true, locale: 'ar' });
    const page = await context.newPage();
    await page.goto('/f/festival-of-feedback?lang=ar');
    await checkA11y(page, 'Arabic start page');
    await pressButton(page, 'ابدأ الآن');
    await expectHeading(page, 'أين تقيم في الوقت الحالي؟');
    await checkA11y(page, 'Arabic question page');
    const ar = await layout(page);
    assert.equal(ar.dir, 'rtl');
    assert.equal(ar.lang, 'ar');
    assert.equal(ar.direction, 'rtl');
    // Back sits at the right-hand edge of the column, and each radio to the right of its label.
    assert.ok(ar.backLeft > ar.width / 2, `Back should be on the right in Arabic: ${JSON.stringify(ar)}`);
    assert.ok(ar.radioLeft > ar.labelLeft, `the radio should be right of its label in Arabic: ${JSON.stringify(ar)}`);

    // The same page in English, by the language switch (a link, reached by keyboard).
    await tabTo(page, 'a.govuk-language-navigation__link', { text: 'English' });
    await pressAndWait(page);
    const en = await layout(page);
    assert.equal(en.dir, 'ltr');
    assert.equal(en.direction, 'ltr');
    assert.ok(en.backRight < en.width / 2, `Back should be on the left in English: ${JSON.stringify(en)}`);
    assert.ok(en.radioLeft < en.labelLeft, `the radio should be left of its label in English: ${JSON.stringify(en)}`);
    await context.close();
  });
});

describe('Polish and Romanian journeys', () => {
  test('Polish: the festival form from start to confirmation, axe on every page', { timeout: 240_000 }, async () => {
    const context = await newContext(env, { js: true, locale: 'pl-PL' });
    const page = await context.newPage();
    await page.goto('/f/festival-of-feedback');
    assert.equal(await page.getAttribute('html', 'lang'), 'pl', 'a Polish browser gets Polish');
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    await expectHeading(page, 'Festiwal Opinii');
    await checkA11y(page, 'Polish start page');
    await pressButton(page, 'Zacznij teraz');

    const steps = [
      ['Gdzie teraz mieszkasz lub nocujesz?', () => chooseRadio(page, 'staying', 'Hostel albo mieszkanie ze wsparciem')],
      ['Jak oceniasz miejsce, w którym mieszkasz?', () => chooseRadio(page, 'accommodation-rating', 'Dobre')],
      ['Jak jest w miejscu, w którym mieszkasz?', () => typeInto(page, 'accommodation-comments', 'Czysto, ale głośno w nocy.')],
      ['Jak dobrze wspierają Cię służby i organizacje?', () => chooseRadio(page, 'support-rating', 'Dobrze')],
      ['Jakie wsparcie Ci pomogło, a jakie nie?', async () => {}],
      ['Czy udało Ci się dostać pomoc w którejś z tych spraw?', async () => {}],
      ['Czy pracownicy Cię słuchają?', () => chooseRadio(page, 'listened-to', 'Zawsze')],
      ['Jaka jedna rzecz najbardziej powinna się zmienić?', () => typeInto(page, 'change', 'Więcej miejsc w hostelach zimą.')],
      ['Czy możemy anonimowo zacytować Twoje słowa?', async () => {}],
    ];
    for (const [heading, answer] of steps) {
      await expectHeading(page, heading);
      assert.equal(await page.getAttribute('html', 'lang'), 'pl');
      await checkA11y(page, `Polish: ${heading}`);
      await answer();
      await pressButton(page, 'Dalej');
    }
    await expectHeading(page, 'Sprawdź odpowiedzi, zanim je wyślesz');
    await checkA11y(page, 'Polish check answers');
    const rows = await checkQuestions(page);
    assert.ok(rows.includes('Czy pracownicy Cię słuchają?'), rows.join(' | '));
    await pressButton(page, 'Wyślij opinię');
    await expectHeading(page, 'Opinia wysłana');
    await checkA11y(page, 'Polish confirmation');
    assert.match((await page.locator('#withdrawal-code').innerText()).trim(), CODE_PATTERN);
    await context.close();
  });

  test('Romanian, JavaScript on: the service form with an error, a date and a Romanian check page', { timeout: 240_000 }, async () => {
    const context = await newContext(env, { js: true, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/f/service-feedback?lang=ro');
    assert.equal(await page.getAttribute('html', 'lang'), 'ro');
    await expectHeading(page, 'Spuneți-ne despre un serviciu');
    await checkA11y(page, 'Romanian start page');
    await pressButton(page, 'Începeți acum');

    await expectHeading(page, 'Despre ce serviciu este părerea dumneavoastră?');
    // Continue with nothing chosen: the error is in Romanian, and the page is still accessible.
    await pressButton(page, 'Continuați');
    assert.match(await page.title(), /^Eroare: /);
    assert.ok((await page.locator('.govuk-error-summary').innerText()).includes('Alegeți un răspuns'));
    await checkA11y(page, 'Romanian error page');
    await chooseRadio(page, 'service', 'Un centru de zi');
    await pressButton(page, 'Continuați');

    await expectHeading(page, 'Ce organizație îl conduce?');
    await checkA11y(page, 'Romanian: provider');
    await pressButton(page, 'Continuați');
    await expectHeading(page, 'Când ați folosit ultima dată acest serviciu?');
    await checkA11y(page, 'Romanian: date');
    await typeInto(page, 'last-used-day', '14');
    await typeInto(page, 'last-used-month', '9');
    await typeInto(page, 'last-used-year', '2026');
    await pressButton(page, 'Continuați');
    await expectHeading(page, 'Cum a fost?');
    await checkA11y(page, 'Romanian: rating');
    await chooseRadio(page, 'how-was-it', 'Bine');
    await pressButton(page, 'Continuați');
    await expectHeading(page, 'Ce a mers bine?');
    await typeInto(page, 'what-worked', 'Personalul a fost foarte amabil.');
    await pressButton(page, 'Continuați');
    await expectHeading(page, 'Ce nu a mers?');
    await pressButton(page, 'Continuați');
    await expectHeading(page, 'Care este un lucru pe care ar trebui să-l schimbe?');
    await checkA11y(page, 'Romanian: short text');
    await typeInto(page, 'one-change', 'Program mai lung seara');
    await pressButton(page, 'Continuați');

    await expectHeading(page, 'Verificați răspunsurile înainte să le trimiteți');
    await checkA11y(page, 'Romanian check answers');
    const values = await page.locator('.govuk-summary-list__value').allInnerTexts();
    assert.ok(values.some((v) => v.includes('14 septembrie 2026')), values.join(' | '));
    await pressButton(page, 'Trimiteți părerea');
    await expectHeading(page, 'Părerea a fost trimisă');
    await checkA11y(page, 'Romanian confirmation');
    await context.close();
  });
});

describe('Easy Read', () => {
  test('switched on mid-form with JavaScript off, it stays on for every later page and check answers', { timeout: 180_000 }, async () => {
    const context = await newContext(env, { js: false });
    const page = await context.newPage();
    await page.goto('/f/festival-of-feedback?lang=en');
    await pressButton(page, 'Start now');
    await expectHeading(page, 'Where are you staying at the moment?');
    await chooseRadio(page, 'staying', 'A hostel or supported housing');
    await pressButton(page, 'Continue');

    // On the second question the person asks for Easy Read.
    await expectHeading(page, 'How good is the place where you are staying?');
    await switchEasyRead(page, 'Use Easy Read words');
    await expectHeading(page, 'Is the place you stay good or bad?');
    await chooseRadio(page, 'accommodation-rating', 'Good');
    await pressButton(page, 'Continue');

    // A page with no Easy Read words: the standard ones, said so, and the choice still on.
    await expectHeading(page, 'What is it like where you are staying?');
    assert.ok(await page.getByText('This page has no Easy Read version').isVisible());
    assert.equal((await page.locator('#easy-read-switch').innerText()).trim(), 'Use standard words');
    await pressButton(page, 'Continue');
    await expectHeading(page, 'Do services help you?');
    await chooseRadio(page, 'support-rating', 'Well');
    await pressButton(page, 'Continue');
    await pressButton(page, 'Continue');
    await pressButton(page, 'Continue');
    await chooseRadio(page, 'listened-to', 'Always');
    await pressButton(page, 'Continue');
    await expectHeading(page, 'What should be different?');
    await typeInto(page, 'change', 'More beds in winter');
    await pressButton(page, 'Continue');
    await pressButton(page, 'Continue');

    await expectHeading(page, 'Check your answers before sending them');
    const easy = await checkQuestions(page);
    assert.ok(easy.includes('Where do you sleep now?') && easy.includes('What should be different?'), easy.join(' | '));
    // And switched off again from check answers.
    await switchEasyRead(page, 'Use standard words');
    const standard = await checkQuestions(page);
    assert.ok(standard.includes('Where are you staying at the moment?'), standard.join(' | '));
    await context.close();
  });
});

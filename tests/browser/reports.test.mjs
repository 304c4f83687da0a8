// Reports in Chromium: a commissioner reads the report and freezes a quarter by keyboard with
// JavaScript off; axe-core on every report page; and the printable report printed to PDF.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { checkA11y, expectErrorSummary, expectHeading, newContext, pressButton, tabTo, typeInto, useApp } from './harness.mjs';

const env = useApp();
const pathOf = (page) => new URL(page.url()).pathname;

async function signIn(page, email) {
  await page.goto('/login');
  await typeInto(page, 'email', email);
  await typeInto(page, 'password', 'demo-password');
  await pressButton(page, 'Sign in');
  assert.equal(pathOf(page), '/staff');
}

/** Every page of a PDF as text, through pdf.js. */
async function pdfText(bytes) {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false });
  const doc = await task.promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => item.str).join(' ').replace(/\s+/g, ' '));
  }
  await task.destroy();
  return pages;
}

describe('reports', () => {
  test('a commissioner changes the period and freezes a quarter by keyboard, with JavaScript off', async () => {
    const context = await newContext(env, { js: false });
    const page = await context.newPage();
    try {
      await signIn(page, 'commissioner@heard.local');
      await page.goto('/reports');
      await expectHeading(page, 'Oxfordshire Countywide Homelessness and Rough Sleeping Strategy');
      // The period's start: one quarter later, chosen with the arrow key, then "Show report".
      const before = await page.locator('#from').inputValue();
      await tabTo(page, '#from');
      await page.keyboard.press('ArrowDown');
      const after = await page.locator('#from').inputValue();
      assert.notEqual(after, before, 'the arrow key chose another quarter');
      await pressButton(page, 'Show report');
      assert.equal(new URL(page.url()).searchParams.get('from'), after);
      // An objective's page, from its link, by keyboard.
      await tabTo(page, 'main table a[href^="/reports/objective/"]');
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      assert.match(pathOf(page), /^\/reports\/objective\/oxfordshire-countywide\//);
      await tabTo(page, 'a.govuk-back-link', { text: 'All objectives' });
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      assert.equal(new URL(page.url()).searchParams.get('from'), after, 'back to the same view');
      // Freeze the newest quarter shown (past every objective's link).
      await tabTo(page, '#freeze-quarter', { max: 150 });
      await pressButton(page, 'Freeze this quarter');
      assert.match(pathOf(page), /^\/reports\/snapshots\/[A-Za-z0-9_-]+$/);
      await expectHeading(page, 'Oxfordshire Countywide Homelessness and Rough Sleeping Strategy');
      assert.ok(await page.getByText('This quarter’s figures are now frozen.').isVisible());
    } finally {
      await context.close();
    }
  });

  test('axe-core finds nothing on any report page', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await signIn(page, 'commissioner@heard.local');
      await page.goto('/reports');
      await checkA11y(page, 'report overview');
      const objective = await page.locator('main table a[href^="/reports/objective/"]').first().getAttribute('href');
      await page.goto(objective);
      await checkA11y(page, 'objective page');
      await page.goto('/reports/print');
      await checkA11y(page, 'printable report');
      await page.goto('/reports?from=2026-02-30');
      await expectErrorSummary(page, 'The start date must be a real date');
      await checkA11y(page, 'report with an error');
      // Freezing again (or for the first time, when this test runs alone) shows the frozen report.
      await page.goto('/reports');
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Freeze this quarter' }).click()]);
      await checkA11y(page, 'a quarter just frozen');
      await page.goto('/reports/snapshots');
      await checkA11y(page, 'frozen reports');
      const snapshot = await page.locator('main table a[href^="/reports/snapshots/"]').first().getAttribute('href');
      await page.goto(snapshot);
      await checkA11y(page, 'a frozen report');
      await page.goto(`${snapshot}/compare`);
      await checkA11y(page, 'frozen and now');
      await page.goto('/reports/actions');
      await checkA11y(page, 'actions');
      const action = await page.locator('main a[href^="/reports/actions/"]:not([href$="/new"])').first().getAttribute('href');
      await page.goto(action);
      await checkA11y(page, 'an action');
      await page.goto('/reports/actions/new');
      await checkA11y(page, 'a new action');
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Add action' }).click()]);
      await expectErrorSummary(page, 'Enter what people said, in English');
      await checkA11y(page, 'a new action with errors');
      // Readable at 200% zoom: nothing wider than the window at half the width.
      await page.setViewportSize({ width: 640, height: 900 });
      await page.goto(objective);
      const overflow = await page.evaluate(() => [...document.querySelectorAll('svg')].filter((s) => s.getBoundingClientRect().right > window.innerWidth + 1).length);
      assert.equal(overflow, 0, 'no chart wider than the window');
    } finally {
      await context.close();
    }
  });

  test('the printable report prints to a clean PDF: a cover, then a page per objective', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await signIn(page, 'commissioner@heard.local');
      await page.goto('/reports/print');
      const objectives = await page.locator('section.heard-report-objective h2').allTextContents();
      assert.ok(objectives.length >= 3, 'the demo report has objectives to print');
      await page.emulateMedia({ media: 'print' });
      const pages = await pdfText(await page.pdf({ format: 'A4', printBackground: false }));
      assert.ok(pages.length >= objectives.length + 1, `${pages.length} pages for ${objectives.length} objectives and a cover`);
      const all = pages.join('\n');
      assert.match(pages[0], /Oxfordshire Countywide Homelessness and Rough Sleeping Strategy/);
      assert.match(all, /How this report was made/);
      assert.match(all, /fewer than 5/);
      for (const heading of objectives.slice(0, 5)) assert.ok(all.includes(heading.trim().split(' ').slice(0, 6).join(' ')), `the PDF has "${heading.trim().slice(0, 40)}"`);
      // Each objective starts its own page.
      const first = objectives[0].trim().split(' ').slice(0, 6).join(' ');
      assert.ok(pages.some((p, i) => i > 0 && p.trimStart().slice(0, 400).includes(first)), 'the first objective opens a page');
      // The screen's furniture is not printed.
      assert.doesNotMatch(all, /Sign out|Show report|Back to the report|Skip to main content/);
    } finally {
      await context.close();
    }
  });

  test('the public pages work with JavaScript off, in English and Arabic, and axe finds nothing', async () => {
    const off = await newContext(env, { js: false });
    const on = await newContext(env, { js: true });
    try {
      const plain = await off.newPage();
      const page = await on.newPage();
      for (const path of ['/you-said-we-did', '/you-said-we-did?lang=ar', '/strategy', '/strategy/oxfordshire-countywide', '/strategy/oxfordshire-countywide?lang=ar']) {
        const res = await plain.goto(path);
        assert.equal(res.status(), 200, path);
        assert.equal(await plain.locator('script').count(), 0, `${path} has no script`);
        assert.ok((await plain.locator('main').innerText()).length > 200, `${path} shows its content without JavaScript`);
        await page.goto(path);
        await checkA11y(page, path);
      }
      await page.goto('/you-said-we-did?lang=ar');
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      assert.ok(await page.getByText('قلتم').first().isVisible(), 'the Arabic "you said"');
      await page.goto('/strategy/oxfordshire-countywide');
      assert.ok(await page.getByText('5.6', { exact: false }).first().isVisible());
    } finally {
      await off.close();
      await on.close();
    }
  });
});

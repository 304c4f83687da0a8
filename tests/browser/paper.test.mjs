// Paper in Chromium: the printable form (normal and large print) passes axe and prints to PDF with the
// session code on every page; a facilitator types two sheets in by keyboard alone (no clicks), sees the
// running count go up and a blank sheet each time; a blank sheet is refused; axe on the entry screen.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { checkA11y, expectErrorSummary, focused, newContext, pressButton, typeInto, useApp } from './harness.mjs';
import { enterSheet, SHEETS } from './paper-sheet.mjs';

const env = useApp();
const SESSION = '/sessions/demo-session-festival-of-feedback';
const CODE = 'FEST26';

async function signInAsFacilitator(page) {
  await page.goto('/login');
  await typeInto(page, 'email', 'facilitator@heard.local');
  await typeInto(page, 'password', 'demo-password');
  await pressButton(page, 'Sign in');
  assert.equal(new URL(page.url()).pathname, '/staff');
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

const countText = async (page) => (await page.locator('#paper-count').innerText()).trim();

describe('paper forms', () => {
  test('the paper form in normal and large print: axe finds nothing, and every printed page carries the session code', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await signInAsFacilitator(page);
      await page.goto('/forms/paper');
      await checkA11y(page, 'paper forms list');
      const pageCounts = {};
      for (const [label, query] of [
        ['normal', ''],
        ['large', '?size=large'],
        ['Arabic, large', '?size=large&lang=ar'],
      ]) {
        await page.goto(`${SESSION}/paper${query}`);
        await checkA11y(page, `paper form (${label})`);
        const pages = await pdfText(await page.pdf({ format: 'A4', printBackground: false }));
        assert.ok(pages.length >= 2, `${label}: the form runs over several pages (${pages.length})`);
        pages.forEach((text, i) => assert.ok(text.includes(CODE), `${label}: page ${i + 1} of ${pages.length} shows the code ${CODE}: ${text.slice(0, 200)}`));
        // The screen's instructions and the staff navigation do not print; the questions do.
        assert.ok(!pages.join(' ').includes('Signed in as'), `${label}: the staff navigation does not print`);
        pageCounts[label] = pages.length;
      }
      assert.ok(pageCounts.large > pageCounts.normal, `large print takes more pages (${pageCounts.large} against ${pageCounts.normal})`);
      const normal = await pdfText(await (await page.goto(`${SESSION}/paper`), page).pdf({ format: 'A4' }));
      assert.ok(normal[0].includes('Where are you staying at the moment?'), 'the first page has the first question');
      assert.ok(normal.join(' ').includes('If you ticked “Sleeping rough”, go to question 4.'), 'branching is in words');
    } finally {
      await context.close();
    }
  });

  test('a facilitator types in two sheets by keyboard alone and goes straight back to a blank sheet with the count', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      await signInAsFacilitator(page);
      await page.goto(`${SESSION}/entry`);
      await checkA11y(page, 'entry screen');
      const before = Number((await countText(page)).match(/^\d+/)[0]);
      assert.equal((await focused(page)).id, 'staying-0', 'a blank sheet starts on the first answer');

      // Enter on a blank sheet: refused, said plainly, nothing stored.
      await pressButton(page, 'Save this sheet');
      await expectErrorSummary(page, 'This sheet is blank');
      await checkA11y(page, 'entry screen (blank sheet refused)');
      await page.goto(`${SESSION}/entry`);

      for (const [i, sheet] of SHEETS.entries()) {
        assert.equal((await focused(page)).id, 'staying-0', `sheet ${i + 1} starts on the first answer`);
        await enterSheet(page, sheet);
        const url = new URL(page.url());
        assert.equal(url.pathname, `${SESSION}/entry`);
        assert.equal(url.searchParams.get('entered'), '1');
        assert.ok((await page.locator('.govuk-notification-banner--success').innerText()).includes('Sheet saved'));
        const n = before + i + 1;
        assert.equal(await countText(page), `${n} paper ${n === 1 ? 'form' : 'forms'} entered for this session`);
        // A blank sheet: nothing of the last one, focus back on the first answer.
        assert.equal(await page.locator('input:checked').count(), 0, 'no answer is chosen on the new sheet');
        assert.equal(await page.locator('#change').inputValue(), '');
        assert.equal(await page.locator('#accommodation-comments').inputValue(), '');
      }
      // The second sheet was in Arabic: the next sheet offers Arabic first.
      assert.equal(await page.locator('#sheet-language').inputValue(), 'ar');
      await checkA11y(page, 'entry screen (after saving)');
    } finally {
      await context.close();
    }
  });
});

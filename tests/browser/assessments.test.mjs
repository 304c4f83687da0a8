// Trusted assessments in Chromium: an assessor adds a person and completes the assessment with them
// by keyboard alone over two sittings (signing out between them), with a mistake first that keeps what
// was typed; a reader at the organisation the person consented to reads it, one outside does not find
// it; axe-core finds nothing on every assessment page along the way.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkA11y, chooseRadio, expectErrorSummary, expectHeading, newContext, pageShows, pressAndWait, tabTo, tickCheckbox, typeInto, useApp } from './harness.mjs';

const env = useApp();
const pathOf = (page) => new URL(page.url()).pathname;

async function signIn(page, email) {
  await page.goto('/login');
  await typeInto(page, 'email', email);
  await typeInto(page, 'password', 'demo-password');
  await tabTo(page, 'button', { text: 'Sign in' });
  await pressAndWait(page);
  assert.equal(pathOf(page), '/staff');
}

async function signOut(page) {
  await tabTo(page, 'button', { text: 'Sign out', max: 20 });
  await pressAndWait(page);
}

/** A section page has many fields: tab on (from the top) to its button, however far down it is. */
async function press(page, text) {
  await tabTo(page, 'button', { text, max: 200 });
  await pressAndWait(page);
}

/** Follows a link by keyboard: tab to it, Enter. */
async function follow(page, text) {
  await tabTo(page, 'a', { text, max: 120 });
  await pressAndWait(page);
}

async function typeDate(page, prefix, [day, month, year]) {
  await typeInto(page, `${prefix}-day`, day);
  await page.keyboard.press('Tab');
  await page.keyboard.type(month);
  await page.keyboard.press('Tab');
  await page.keyboard.type(year);
}

async function find(page, name, date) {
  await page.goto('/assess');
  await typeInto(page, 'name', name);
  await typeDate(page, 'birth', date);
  await tabTo(page, 'button', { text: 'Find' });
  await pressAndWait(page);
}

/** Every file under a folder, read whole (the local D1's SQLite file, its WAL, wrangler's metadata). */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('trusted assessments', () => {
  test('Sam Demo’s name and answers are nowhere in the local database files in the clear', () => {
    const files = filesUnder(env.stateDir);
    const all = Buffer.concat(files.map((f) => readFileSync(f)));
    // The demo is there (its reference is in the clear, as every reference is)...
    assert.ok(all.includes('TA-7KQ3-M9XW'), 'the demo assessment is in the local D1');
    // ...but not Sam's name, nor words from their answers.
    for (const secret of ['Sam Demo', 'Biscuit', 'bike workshop']) assert.equal(all.includes(secret), false, `"${secret}" is in the local D1 files`);
  });

  test('an assessor completes an assessment by keyboard over two sittings; a consented reader reads it, an outsider cannot find it; axe on every page', async () => {
    const context = await newContext(env, { js: true });
    const page = await context.newPage();
    try {
      // ---- First sitting
      await signIn(page, 'assessor@heard.local');
      await follow(page, 'Assessments');
      await expectHeading(page, 'Trusted assessments');
      await checkA11y(page, 'assessments home');

      await follow(page, 'Add a person');
      await expectHeading(page, 'Add a person');
      await checkA11y(page, 'add a person');
      // A mistake first: no name. The date of birth typed is kept.
      await typeDate(page, 'birth', ['14', '2', '1991']);
      await press(page, 'Add and start the assessment');
      await expectErrorSummary(page, 'Enter their full name');
      assert.equal(await page.locator('#birth-year').inputValue(), '1991');
      await checkA11y(page, 'add a person (errors)');
      await typeInto(page, 'name', 'Alex Keyboard');
      await press(page, 'Add and start the assessment');
      assert.match(pathOf(page), /^\/assess\/[0-9a-f-]{36}$/);
      await expectHeading(page, 'Alex Keyboard');
      assert.ok(await pageShows(page, 'Person added'));
      await checkA11y(page, 'assessment (new)');
      const assessmentPath = pathOf(page);

      await follow(page, 'Consent and sharing');
      await expectHeading(page, 'Consent and sharing');
      await checkA11y(page, 'consent section');
      await tickCheckbox(page, 'The privacy notice has been explained to me, and I understand what is recorded, why, who can see it and what my rights are.');
      await tickCheckbox(page, 'Connection Support');
      await chooseRadio(page, 'exceptions-explained', 'Yes');
      await press(page, 'Save and continue');
      await expectHeading(page, 'About me');
      await typeInto(page, 'preferred-name', 'Alex');
      // A wrong date is refused and explained, and the name typed is kept.
      await typeDate(page, 'date-of-birth', ['31', '2', '1991']);
      await press(page, 'Save and come back later');
      await expectErrorSummary(page, 'Date must be a real date');
      assert.equal(await page.locator('#preferred-name').inputValue(), 'Alex');
      await checkA11y(page, 'about me (errors)');
      await tabTo(page, '#date-of-birth-day', { max: 60 });
      await page.keyboard.press('Control+A');
      await page.keyboard.type('14');
      await press(page, 'Save and come back later');
      assert.equal(pathOf(page), assessmentPath);
      assert.ok(await pageShows(page, 'Section saved'));
      await signOut(page);

      // ---- Second sitting: sign in again, find them by name and date of birth
      await signIn(page, 'assessor@heard.local');
      await find(page, 'alex keyboard', ['14', '2', '1991']);
      await expectHeading(page, '1 person found');
      await checkA11y(page, 'find results');
      await follow(page, 'Alex Keyboard');
      assert.equal(pathOf(page), assessmentPath);
      assert.ok(await pageShows(page, 'Alex'), 'the first sitting’s answers are there');

      // Completing too early lists what is missing, each a link to its section.
      await press(page, 'Complete the assessment');
      await expectErrorSummary(page, 'What are you good at, and what are you proud of?');
      await checkA11y(page, 'assessment (cannot complete yet)');

      await follow(page, 'Strengths, goals and what matters to me');
      await typeInto(page, 'strengths', 'Fixes bikes for the neighbours; kept going through a hard year.');
      await typeInto(page, 'goals', 'A small flat in Oxford with room for a workbench.');
      await press(page, 'Save and continue');
      await expectHeading(page, 'Assessor and review');
      await typeInto(page, 'assessor-name', 'Asha Assessor');
      await typeDate(page, 'review-date', ['1', '6', '2027']);
      await press(page, 'Save and come back later');
      await press(page, 'Complete the assessment');
      assert.ok(await pageShows(page, 'Assessment completed'));
      assert.ok(await pageShows(page, 'Connection Support'));
      await checkA11y(page, 'assessment (complete)');

      // Tell it once: a reassessment starts from the last answers; the old version stays readable.
      await press(page, 'Start a reassessment');
      assert.ok(await pageShows(page, 'From the last version'));
      await checkA11y(page, 'assessment (reassessment in progress)');
      await follow(page, 'Strengths, goals and what matters to me');
      assert.equal(await page.locator('#goals').inputValue(), 'A small flat in Oxford with room for a workbench.');
      await tabTo(page, '#goals', { max: 60 });
      await page.keyboard.press('Control+A');
      await page.keyboard.type('A flat in Oxford, and a job at the bike workshop.');
      await press(page, 'Save and come back later');
      await follow(page, 'What changed since the last version');
      assert.ok(await pageShows(page, 'A flat in Oxford, and a job at the bike workshop.'));
      await checkA11y(page, 'what changed');
      await page.goto(`${assessmentPath}/versions/1`);
      assert.ok(await pageShows(page, 'A small flat in Oxford with room for a workbench.'));
      await checkA11y(page, 'version 1 (read-only)');
      await signOut(page);

      // ---- A reader at Connection Support finds and reads it; A2Dominion finds nobody
      await signIn(page, 'support@heard.local');
      await find(page, 'Alex Keyboard', ['14', '2', '1991']);
      await follow(page, 'Alex Keyboard');
      assert.ok(await pageShows(page, 'A small flat in Oxford with room for a workbench.'));
      assert.equal(await page.locator('form[action$="/complete"]').count(), 0, 'a reader cannot change it');
      await checkA11y(page, 'assessment (as a consented reader)');
      await signOut(page);

      await signIn(page, 'assessor3@heard.local');
      await find(page, 'Alex Keyboard', ['14', '2', '1991']);
      await expectHeading(page, 'Nobody found');
      const res = await page.goto(assessmentPath);
      assert.equal(res.status(), 404);
    } finally {
      await context.close();
    }
  });

  test('Sam Demo: the person’s copy, a code read at /my-assessment, a flag from Connection Support, the access log, the export and erasure; axe on each', async () => {
    const staff = await newContext(env, { js: true });
    const page = await staff.newPage();
    const person = await newContext(env, { js: true });
    const mine = await person.newPage();
    try {
      await signIn(page, 'assessor@heard.local');
      await page.goto('/assess');
      await follow(page, 'TA-7KQ3-M9XW');
      await expectHeading(page, 'Sam Demo');
      await checkA11y(page, 'Sam Demo’s assessment (with its resolved flag)');
      const samPath = pathOf(page);

      await follow(page, 'Print the person’s copy');
      await checkA11y(page, 'the person’s copy');
      await press(page, 'Give the person a code to read it online');
      const code = (await page.locator('#copy-code-value').innerText()).trim();
      assert.match(code, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await checkA11y(page, 'the code, shown once');

      // The person, on their own phone: the code and their date of birth.
      const now = new Date();
      const born = now.getUTCFullYear() - 34 - (now.getUTCMonth() < 2 || (now.getUTCMonth() === 2 && now.getUTCDate() < 14) ? 1 : 0);
      await mine.goto('/my-assessment');
      await checkA11y(mine, '/my-assessment');
      await typeInto(mine, 'code', code);
      await typeDate(mine, 'birth', ['14', '3', String(born - 1)]);
      await press(mine, 'Read my assessment');
      assert.equal(await mine.locator('.govuk-error-summary').count(), 1, 'a wrong date of birth is refused');
      await checkA11y(mine, '/my-assessment (refused)');
      await tabTo(mine, '#birth-year', { max: 30 });
      await mine.keyboard.press('Control+A');
      await mine.keyboard.type(String(born));
      await press(mine, 'Read my assessment');
      assert.ok(await pageShows(mine, 'Biscuit'), 'Sam reads their own copy');
      await checkA11y(mine, 'the person’s copy, read by code');

      await page.goto(samPath);
      await follow(page, 'Access log');
      assert.ok(await pageShows(page, 'The person, with their code'));
      await checkA11y(page, 'access log');
      await page.goto(samPath);
      await follow(page, 'Subject access export');
      await checkA11y(page, 'subject access export');
      await signOut(page);

      // Connection Support flags something out of date; St Mungo's sees it.
      await signIn(page, 'assessor2@heard.local');
      await page.goto(samPath);
      await typeInto(page, 'reason', 'Sam moved into a room at the Connection Support project last week; the housing section still says sleeping rough.');
      await press(page, 'Flag it to the assessing organisation');
      await checkA11y(page, 'assessment after raising a flag');
      await signOut(page);
      await signIn(page, 'assessor@heard.local');
      await page.goto(samPath);
      assert.ok(await pageShows(page, 'moved into a room at the Connection Support project'));
      await checkA11y(page, 'assessment with an open flag');

      // Erasure: a mistake first (no reference typed), then the tombstone.
      await follow(page, 'Delete this assessment');
      await checkA11y(page, 'delete this assessment');
      await chooseRadio(page, 'reason', 'The person asked (right to erasure)');
      await press(page, 'Delete this assessment');
      await expectErrorSummary(page, 'reference');
      await typeInto(page, 'reference', 'TA-7KQ3-M9XW');
      await press(page, 'Delete this assessment');
      assert.ok(await pageShows(page, 'deleted'));
      assert.equal(await pageShows(page, 'Biscuit'), false);
      await checkA11y(page, 'tombstone');
    } finally {
      await staff.close();
      await person.close();
    }
  });
});

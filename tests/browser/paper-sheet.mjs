// Typing one Festival of Feedback paper sheet into the entry screen by keyboard alone (Tab, the arrow
// keys, Space, typing, Enter), from the first field the blank sheet focuses. Shared by the browser
// test (tests/browser/paper.test.mjs) and the bench (tests/bench/paper-entry.mjs).
import assert from 'node:assert/strict';
import { chooseRadio, pressButton, tabTo, tickCheckbox, typeInto } from './harness.mjs';

async function focusedRadio(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.matches('input[type="radio"]') ? { name: el.name, checked: el.checked, label: el.labels?.[0]?.innerText.trim() ?? '' } : null;
  });
}

/** In the radio group that has focus, chooses `label` with Space and the arrow keys. */
async function chooseHere(page, name, label) {
  let state = await focusedRadio(page);
  assert.equal(state?.name, name, `focus should be in the ${name} answers`);
  if (!state.checked) {
    await page.keyboard.press('Space');
    state = await focusedRadio(page);
  }
  for (let i = 0; i < 12 && state.label !== label; i++) {
    await page.keyboard.press('ArrowDown');
    state = await focusedRadio(page);
  }
  assert.equal(state.label, label, `could not choose "${label}" in ${name} with the arrow keys`);
}

/**
 * A sheet as it reads on paper: the answers' words. The first question is answered where the blank
 * sheet put the focus (autofocus), every later one reached with Tab.
 */
export async function enterSheet(page, sheet) {
  await chooseHere(page, 'staying', sheet.staying);
  if (sheet.accommodationRating) await chooseRadio(page, 'accommodation-rating', sheet.accommodationRating);
  if (sheet.accommodationComments) await typeInto(page, 'accommodation-comments', sheet.accommodationComments);
  if (sheet.roughSleepingHelp) await typeInto(page, 'rough-sleeping-help', sheet.roughSleepingHelp);
  await chooseRadio(page, 'support-rating', sheet.supportRating);
  for (const label of sheet.health ?? []) await tickCheckbox(page, label);
  await chooseRadio(page, 'listened-to', sheet.listenedTo);
  await typeInto(page, 'change', sheet.change);
  if (sheet.language) {
    await tabTo(page, '#sheet-language');
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement.selectedOptions[0]?.textContent)) !== sheet.language; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.selectedOptions[0]?.textContent), sheet.language);
  }
  await pressButton(page, 'Save this sheet');
}

/** Two sheets unlike each other: a hostel resident's in English, and one from someone sleeping rough, in Arabic. */
export const SHEETS = [
  {
    staying: 'Temporary accommodation from the council',
    accommodationRating: 'Poor',
    accommodationComments: 'Damp in the bathroom and nobody comes to fix it.',
    supportRating: 'Well',
    health: ['Seeing a GP (doctor)', 'A dentist'],
    listenedTo: 'Sometimes',
    change: 'Answer the phone when we ring.',
  },
  {
    staying: 'Sleeping rough',
    roughSleepingHelp: 'غرفة قريبة من المدينة',
    supportRating: 'Okay',
    listenedTo: 'Most of the time',
    change: 'مكان للاستحمام',
    language: 'العربية',
  },
];

// The moderation response page's island, loaded only there (a module script from self; no inline
// script). The page works fully without it: it reads what the server rendered (sentences with their
// ranges, the objective and theme selects) and renders richer controls beside them:
// - in each "Tag part of this answer" form, a word-by-word selection that fills the hidden start/end
//   and replaces the sentence checkboxes;
// - in each tagging form, one combobox over objectives and themes that sets the plain selects;
// - keyboard shortcuts with a help overlay.
// Every action is still the form's own POST.
import { render } from 'preact';
import { splitWords } from '../../worker/moderate/excerpts/sentences';
import { announceShortcuts, Shortcuts } from './shortcuts';
import { TagPicker, type Code } from './tag-picker';
import { WordSelection, type Word } from './word-selection';

/** A container inserted before `ref`, for an island to render into. */
function slotBefore(ref: Element): HTMLDivElement {
  const slot = document.createElement('div');
  ref.before(slot);
  return slot;
}

function mountWordSelection(form: HTMLFormElement, n: number) {
  const group = form.querySelector<HTMLElement>('[data-sentences]');
  const start = form.querySelector<HTMLInputElement>('[data-range-start]');
  const end = form.querySelector<HTMLInputElement>('[data-range-end]');
  if (!group || !start || !end) return;
  const words: Word[] = [];
  for (const box of group.querySelectorAll<HTMLInputElement>('input[name="sentence"]')) {
    // Offsets come from the server (data-start): a sentence never holds a line break, so its label's
    // text is exactly the slice, whatever the HTML parser did to line endings elsewhere.
    const from = Number(box.dataset.start);
    const text = box.labels?.[0]?.textContent ?? '';
    splitWords(text).forEach((w, i) => words.push({ start: from + w.start, end: from + w.end, text: w.text, sentenceStart: i === 0 && words.length > 0 }));
  }
  if (words.length === 0) return;
  const lang = group.querySelector<HTMLElement>('[lang]')?.lang;
  // The sentence checkboxes give way to the selection; disabled, they are not posted.
  group.hidden = true;
  group.querySelectorAll<HTMLInputElement>('input').forEach((i) => (i.disabled = true));
  const error = group.querySelector('.govuk-error-message')?.textContent?.replace(/^\s*Error:\s*/, '');
  const slot = slotBefore(group);
  render(
    <>
      {error && (
        <p class="govuk-error-message">
          <span class="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <WordSelection id={`words-${n}`} words={words} lang={lang} startField={start} endField={end} />
    </>,
    slot,
  );
  // The error summary links to the first checkbox; send it to the selection instead.
  const first = group.querySelector<HTMLInputElement>('input[name="sentence"]');
  if (first?.id) document.querySelectorAll<HTMLAnchorElement>(`.govuk-error-summary a[href="#${first.id}"]`).forEach((a) => (a.href = `#words-${n}`));
}

function mountTagPicker(picker: HTMLElement) {
  const selects = [...picker.querySelectorAll<HTMLSelectElement>('select[data-code-kind]')];
  const codes: Code[] = selects.flatMap((select) =>
    [...select.options]
      .filter((o) => o.value)
      .map((o) => ({ kind: select.dataset.codeKind!, value: o.value, label: o.text, group: o.parentElement instanceof HTMLOptGroupElement ? o.parentElement.label : '', select })),
  );
  if (codes.length === 0) return;
  const objective = selects[0]!;
  const error = picker.querySelector('.govuk-error-message')?.textContent?.replace(/^\s*Error:\s*/, '');
  // The combobox takes the objective select's id, so labels and error-summary links lead to it.
  const id = objective.id;
  objective.id = `${id}-select`;
  picker.querySelector(`label[for="${id}"]`)?.setAttribute('for', objective.id);
  for (const g of picker.querySelectorAll<HTMLElement>(':scope > .govuk-form-group')) g.hidden = true;
  render(<TagPicker id={id} codes={codes} error={error} />, slotBefore(picker.firstElementChild!));
}

function mountShortcuts() {
  const main = document.querySelector('main');
  const after = document.querySelector('#next-response, #previous-response')?.parentElement ?? main?.querySelector('h1');
  if (!after) return;
  const slot = document.createElement('div');
  after.after(slot);
  render(<Shortcuts />, slot);
  announceShortcuts();
}

document.querySelectorAll<HTMLFormElement>('form[data-excerpt-form]').forEach(mountWordSelection);
document.querySelectorAll<HTMLElement>('[data-tag-picker]').forEach(mountTagPicker);
mountShortcuts();
// Key hints show only now that the keys work.
document.documentElement.classList.add('heard-island');

// Keyboard shortcuts on the response page, and the help overlay listing them. Each key only moves
// focus, follows a link or presses a button that is on the page anyway: every action stays a plain
// form post. No key fires while someone types in a field.
import { useEffect, useRef } from 'preact/hooks';

export const KEYS: { key: string; what: string }[] = [
  { key: 'j', what: 'Next response' },
  { key: 'k', what: 'Previous response' },
  { key: 't', what: 'Open the tag picker (for the answer you are in, or the first answer)' },
  { key: '1 to 5', what: 'Tag with that suggestion (for the answer you are in, or the first answer)' },
  { key: 'a', what: 'Approve a quote, when the person agreed to be quoted' },
  { key: 'x', what: 'Exclude this response: go to the reason' },
  { key: '?', what: 'Show or hide these shortcuts' },
  { key: 'Escape', what: 'Close this list' },
];

const typing = (el: EventTarget | null) => el instanceof Element && !!el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');

/** The part of the page the moderator is in: the answer section holding focus, if any. */
const sectionOfFocus = () => document.activeElement?.closest<HTMLElement>('section[id^="answer-"]') ?? null;

function openTagPicker() {
  const here = document.activeElement?.closest('form')?.querySelector<HTMLInputElement>('[data-tag-picker-input]');
  const inSection = sectionOfFocus()?.querySelector<HTMLInputElement>('form[data-excerpt-form] [data-tag-picker-input], [data-tag-picker-input]');
  const first = document.querySelector<HTMLInputElement>('form[data-excerpt-form] [data-tag-picker-input]') ?? document.querySelector<HTMLInputElement>('[data-tag-picker-input]');
  const input = here ?? inSection ?? first;
  if (!input) return false;
  input.focus();
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
  return true;
}

/** Presses the n-th suggestion's button in the answer holding focus, or in the first answer with suggestions. */
function takeSuggestion(n: string) {
  const selector = `[data-suggestion="${n}"]`;
  const button = sectionOfFocus()?.querySelector<HTMLButtonElement>(selector) ?? document.querySelector<HTMLButtonElement>(selector);
  if (!button) return false;
  button.click();
  return true;
}

function approveQuote() {
  const button = sectionOfFocus()?.querySelector<HTMLButtonElement>('[data-approve-quote]') ?? document.querySelector<HTMLButtonElement>('[data-approve-quote]');
  if (!button) return false;
  button.click();
  return true;
}

function follow(selector: string) {
  const link = document.querySelector<HTMLAnchorElement>(selector);
  if (!link) return false;
  link.click();
  return true;
}

function focusReason() {
  const reason = document.querySelector<HTMLInputElement>('#reason');
  if (!reason) return false;
  reason.focus();
  reason.scrollIntoView?.({ block: 'center' });
  return true;
}

/** Marks the controls the keys press, for assistive technology (the visible hints are in the markup). */
export function announceShortcuts() {
  const mark = (selector: string, key: string) => document.querySelectorAll(selector).forEach((el) => el.setAttribute('aria-keyshortcuts', key));
  mark('#next-response', 'j');
  mark('#previous-response', 'k');
  mark('[data-approve-quote]', 'a');
  for (const n of ['1', '2', '3', '4', '5']) mark(`[data-suggestion="${n}"]`, n);
  mark('#reason', 'x');
}

export function Shortcuts() {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  const open = () => {
    const d = dialog.current;
    if (!d || d.open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    d.showModal();
  };
  const close = () => dialog.current?.open && dialog.current.close();

  useEffect(() => {
    const d = dialog.current!;
    // Escape closes a modal dialog natively; either way focus goes back where it was.
    const restore = () => returnTo.current?.focus();
    d.addEventListener('close', restore);
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (d.open) {
        if (e.key === '?') {
          e.preventDefault();
          close();
        }
        return;
      }
      const done =
        e.key === '?' ? (open(), true) : e.key === 'j' ? follow('#next-response') : e.key === 'k' ? follow('#previous-response') : e.key === 't' ? openTagPicker() : e.key === 'a' ? approveQuote() : e.key === 'x' ? focusReason() : /^[1-5]$/.test(e.key) ? takeSuggestion(e.key) : false;
      if (done) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      d.removeEventListener('close', restore);
    };
  }, []);

  return (
    <>
      <button type="button" class="govuk-button govuk-button--secondary heard-shortcuts-button" onClick={open} aria-keyshortcuts="?" aria-haspopup="dialog">
        Keyboard shortcuts <kbd class="heard-key" aria-hidden="true">?</kbd>
      </button>
      <dialog ref={dialog} class="heard-dialog" aria-labelledby="shortcuts-title" id="shortcuts-help">
        <h2 class="govuk-heading-m" id="shortcuts-title">
          Keyboard shortcuts
        </h2>
        <p class="govuk-body-s">They work when you are not typing in a field. Every one presses a link or button on this page.</p>
        <dl class="heard-keys">
          {KEYS.map((k) => (
            <div class="heard-keys__row" key={k.key}>
              <dt>
                <kbd class="heard-kbd">{k.key}</kbd>
              </dt>
              <dd>{k.what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" class="govuk-button govuk-!-margin-bottom-0" onClick={close}>
          Close
        </button>
      </dialog>
    </>
  );
}

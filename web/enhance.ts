// Optional enhancement for respondent pages; every page works without it.
// 1. "Exit this page": a click or Shift pressed 3 times hides the page at once and leaves
//    with location.replace, so Back does not return here.
// 2. A page restored from the back/forward cache is reloaded, so the server decides what shows.
// 3. The timeout warning: before the draft expires, offer to keep the answers.
// 4. "None of these" unticks the other boxes, and ticking another box unticks it.

const exitLink = document.querySelector<HTMLAnchorElement>('.govuk-js-exit-this-page-button');

function exitNow() {
  if (!exitLink) return;
  document.body.classList.add('heard-exiting');
  document.title = '.';
  location.replace(exitLink.href);
}

if (exitLink) {
  exitLink.addEventListener('click', (e) => {
    e.preventDefault();
    exitNow();
  });
  let presses = 0;
  let timer = 0;
  document.addEventListener('keyup', (e) => {
    if (e.key !== 'Shift') {
      presses = 0;
      return;
    }
    presses += 1;
    clearTimeout(timer);
    timer = window.setTimeout(() => (presses = 0), 5000);
    if (presses >= 3) exitNow();
  });
}

window.addEventListener('pageshow', (e) => {
  if (e.persisted) location.reload();
});

const warning = document.querySelector<HTMLElement>('.heard-timeout');
const keep = warning?.querySelector('form');
if (warning && keep) {
  const minutes = Number(warning.dataset.minutes);
  let warnAt = 0;
  let clearAt = 0;
  const arm = () => {
    clearTimeout(warnAt);
    clearTimeout(clearAt);
    warnAt = window.setTimeout(() => {
      warning.hidden = false;
      keep.querySelector('button')?.focus();
    }, (minutes - 2) * 60000);
    clearAt = window.setTimeout(() => location.replace(warning.dataset.cleared || '/'), minutes * 60000);
  };
  keep.addEventListener('submit', (e) => {
    e.preventDefault();
    fetch(keep.action, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' }).then((r) => {
      if (r.ok) {
        warning.hidden = true;
        arm();
      }
    });
  });
  arm();
}

document.addEventListener('change', (e) => {
  const box = e.target as HTMLInputElement;
  if (box.type !== 'checkbox' || !box.checked) return;
  const exclusive = box.dataset.behaviour === 'exclusive';
  for (const other of document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${box.name}"]`)) {
    if (other !== box && (exclusive || other.dataset.behaviour === 'exclusive')) other.checked = false;
  }
});

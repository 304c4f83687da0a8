// A kiosk tablet's script (only on pages a kiosk shows). Without it, meta refreshes do the same jobs
// less kindly; with it:
// 1. The confirmation counts down on screen and then returns to the start with location.replace, so
//    Back does not lead to the last person's pages; "Finish now" and "Done" do the same at once.
// 2. On the form's pages, taps and typing keep the tablet awake (and tell the server, so the draft
//    lives on); after the session's idle time less the warning, "Are you still there?" shows with a
//    countdown; at the end the draft is cleared (/k/reset) and the start page shows.
// 3. A page restored from the back/forward cache is fetched again, so the server decides what shows.

const clockText = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
const goTo = (href: string) => location.replace(href);

window.addEventListener('pageshow', (e) => {
  if (e.persisted) location.reload();
});

// 1. The countdown back to the start.
const countdown = document.querySelector<HTMLElement>('[data-kiosk-countdown]');
if (countdown) {
  const href = countdown.dataset.href ?? '/k/next';
  const clock = countdown.querySelector<HTMLElement>('[data-kiosk-left]');
  const endsAt = Date.now() + Number(countdown.dataset.kioskCountdown) * 1000;
  const tick = () => {
    const left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
    if (clock) clock.textContent = clockText(left);
    if (left === 0) {
      clearInterval(timer);
      goTo(href);
    }
  };
  const timer = window.setInterval(tick, 250);
  // Asking for the code (or finishing) stops the clock: the page being left decides what comes next.
  for (const form of document.querySelectorAll<HTMLFormElement>('form')) {
    form.addEventListener('submit', (e) => {
      clearInterval(timer);
      const replace = form.dataset.kioskReplace;
      if (replace) {
        e.preventDefault();
        goTo(replace);
      }
    });
  }
}

// 2. The idle timer and its warning.
const idle = document.querySelector<HTMLElement>('.heard-kiosk-idle');
if (idle) {
  const idleMs = Number(idle.dataset.idle) * 1000;
  const warnMs = Number(idle.dataset.warn) * 1000;
  const reset = idle.dataset.reset ?? '/k/reset';
  const keepAlive = idle.dataset.keepAlive;
  const warning = idle.querySelector<HTMLElement>('.heard-kiosk-warning');
  const clock = warning?.querySelector<HTMLElement>('[data-kiosk-left]');
  const stillHere = warning?.querySelector<HTMLButtonElement>('[data-kiosk-still-here]');
  let lastInput = Date.now();
  let lastPing = Date.now();
  // Where focus was before the warning took it, to give it back.
  let before: HTMLElement | null = null;

  if (Number.isFinite(idleMs) && idleMs > 0 && warning) {
    const ping = () => {
      // The server's copy of the draft lives idle seconds from the last request: typing must renew it.
      if (!keepAlive || Date.now() - lastPing < idleMs / 3) return;
      lastPing = Date.now();
      fetch(keepAlive, { method: 'POST', credentials: 'same-origin', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' }).catch(() => {});
    };
    const active = () => {
      lastInput = Date.now();
      if (!warning.hidden) {
        warning.hidden = true;
        before?.focus();
      }
      ping();
    };
    for (const type of ['keydown', 'pointerdown', 'input', 'wheel', 'touchstart']) document.addEventListener(type, active, { passive: true, capture: true });
    stillHere?.addEventListener('click', () => {
      lastPing = 0;
      active();
    });
    const timer = window.setInterval(() => {
      const quiet = Date.now() - lastInput;
      if (quiet >= idleMs) {
        clearInterval(timer);
        goTo(reset);
        return;
      }
      if (quiet >= idleMs - warnMs) {
        if (clock) clock.textContent = clockText(Math.ceil((idleMs - quiet) / 1000));
        if (warning.hidden) {
          before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
          warning.hidden = false;
          stillHere?.focus();
        }
      }
    }, 250);
  }
}

// On an assessment section page: two minutes before the staff session would end for want of activity,
// says so and offers "Stay signed in" (a plain request that counts as activity). Typing in a form
// sends nothing, so a long answer can outlast the session. Without this, nothing is lost either:
// a save after the session ended is held until the person signs in again (worker/assess/held).
const WARN_BEFORE_MS = 2 * 60_000;

export {}; // a module, so its names stay its own

const box = document.querySelector<HTMLElement>('[data-stay-signed-in]');
if (box) {
  const url = box.dataset.staySignedIn!;
  const message = box.querySelector<HTMLElement>('[data-stay-message]');
  const button = box.querySelector<HTMLButtonElement>('button');
  let timer: number | undefined;

  const schedule = (signedInForMs: number) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(warn, Math.max(0, signedInForMs - WARN_BEFORE_MS));
  };

  function warn() {
    box!.hidden = false;
    if (message) message.textContent = 'You will be signed out in 2 minutes unless you do something. What you have typed is kept either way.';
    button?.focus();
  }

  button?.addEventListener('click', async () => {
    try {
      // Not marked as background: choosing to stay is the person's own activity.
      const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (res.redirected || !(res.headers.get('content-type') ?? '').includes('application/json')) {
        if (message) message.textContent = 'You have been signed out. Save as usual: you will be asked to sign in, and what you typed will be waiting.';
        button.hidden = true;
        return;
      }
      const data = (await res.json()) as { signedInForMs: number };
      box.hidden = true;
      schedule(data.signedInForMs);
    } catch {
      if (message) message.textContent = 'Could not reach Heard just now. Try again, or save what you have.';
    }
  });

  schedule(Number(box.dataset.signedInFor ?? '0'));
}

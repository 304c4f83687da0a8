// The session page's live count: asks for the numbers every 15 seconds while the page is visible and
// writes them into the table the server rendered. Without it, the page's "Count again" link does the same.
const INTERVAL_MS = 15_000;

const box = document.querySelector<HTMLElement>('[data-live-count]');
if (box) {
  const url = box.dataset.liveCount!;
  const status = box.querySelector<HTMLElement>('[data-live-status]');
  document.documentElement.classList.add('heard-js');
  const time = () => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date());
  let last = '';
  async function refresh() {
    if (document.visibilityState !== 'visible') return;
    try {
      // Marked as background: a count nobody is looking at must not keep this screen signed in.
      const res = await fetch(url, { headers: { accept: 'application/json', 'x-heard-background': '1' }, credentials: 'same-origin' });
      // Signed out (idle too long): the sign-in page came back instead of the numbers. Say so and stop.
      if (res.redirected || !(res.headers.get('content-type') ?? '').includes('application/json')) {
        if (status) status.textContent = 'You have been signed out, so the count has stopped. Sign in again to see it.';
        clearInterval(timer);
        return;
      }
      if (!res.ok) throw new Error(String(res.status));
      const data = (await res.json()) as { counts: Record<string, number>; total: number; status: string };
      for (const [channel, n] of Object.entries({ ...data.counts, total: data.total })) {
        const cell = box!.querySelector<HTMLElement>(`[data-channel="${channel}"]`);
        const text = n.toLocaleString('en-GB');
        if (!cell) continue;
        const target = cell.querySelector('strong') ?? cell;
        if (target.textContent !== text) target.textContent = text;
      }
      // Announced only when the total moves, so a screen reader is not told the same thing every 15 seconds.
      const summary = `${data.total.toLocaleString('en-GB')} so far, counted at ${time()}.`;
      if (status && String(data.total) !== last) status.textContent = summary;
      else if (status) status.dataset.checked = time();
      last = String(data.total);
    } catch {
      if (status) status.textContent = `Could not count just now; trying again. Last count stands.`;
    }
  }
  const timer = setInterval(refresh, INTERVAL_MS);
  document.addEventListener('visibilitychange', refresh);
}

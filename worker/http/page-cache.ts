// Public pages that are the same for everyone (start pages, the safety page) are rendered once per
// isolate and reused for a short while, instead of querying D1 and rendering on every request.
// Never use this for a page that shows anyone's answers.

const pages = new Map<string, { html: string; until: number }>();
const MAX_ENTRIES = 500;

export async function sharedPage(key: string, ttlMs: number, render: () => Promise<string>): Promise<string> {
  const now = Date.now();
  const hit = pages.get(key);
  if (hit && hit.until > now) return hit.html;
  const html = await render();
  if (pages.size >= MAX_ENTRIES) pages.clear();
  pages.set(key, { html, until: now + ttlMs });
  return html;
}

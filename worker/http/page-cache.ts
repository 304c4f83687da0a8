// Public pages that are the same for everyone (start pages, the safety page) are rendered once per
// isolate and reused for a short while, instead of querying D1 and rendering on every request.
// Never use this for a page that shows anyone's answers.

// Kept already encoded as UTF-8, so a hit costs no string encoding either.
const pages = new Map<string, { body: Uint8Array<ArrayBuffer>; until: number }>();
const encoder = new TextEncoder();
const MAX_ENTRIES = 500;

export async function sharedPage(key: string, ttlMs: number, render: () => Promise<string>): Promise<Response> {
  const now = Date.now();
  let entry = pages.get(key);
  if (!entry || entry.until <= now) {
    entry = { body: encoder.encode(await render()), until: now + ttlMs };
    if (pages.size >= MAX_ENTRIES) pages.clear();
    pages.set(key, entry);
  }
  return new Response(entry.body, { headers: { 'content-type': 'text/html; charset=UTF-8' } });
}

// The respondent's only cookie: a session cookie holding an opaque draft token, nothing else.
// Clearing this HttpOnly cookie is also what makes Chrome drop no-store pages from its back/forward cache.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

const NAME = 'heard_draft';

export function readDraftToken(c: Context): string | undefined {
  return getCookie(c, NAME);
}

export function setDraftToken(c: Context, token: string) {
  // No Max-Age or Expires: the browser forgets it when it closes.
  setCookie(c, NAME, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:' });
}

export function clearDraftToken(c: Context) {
  if (getCookie(c, NAME) !== undefined) {
    deleteCookie(c, NAME, { path: '/', secure: new URL(c.req.url).protocol === 'https:' });
  }
}

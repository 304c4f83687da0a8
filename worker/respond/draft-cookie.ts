// The respondent's only cookie: a session cookie holding an opaque draft token, nothing else.
// Clearing this HttpOnly cookie is also what makes Chrome drop no-store pages from its back/forward cache.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

// __Host-: Secure, Path=/ and no Domain, so no other subdomain or plain-http page can set or read it.
// Browsers treat http://localhost as secure, so local use and the browser tests keep working.
export const DRAFT_COOKIE = '__Host-heard_draft';
const NAME = DRAFT_COOKIE;

export function readDraftToken(c: Context): string | undefined {
  return getCookie(c, NAME);
}

export function setDraftToken(c: Context, token: string) {
  // No Max-Age or Expires: the browser forgets it when it closes.
  setCookie(c, NAME, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: true });
}

export function clearDraftToken(c: Context) {
  if (getCookie(c, NAME) !== undefined) {
    deleteCookie(c, NAME, { path: '/', secure: true });
  }
}

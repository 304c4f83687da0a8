// The kiosk's two cookies. The device cookie says "this browser is a kiosk for session S until T",
// signed with the key ring's 'kiosk' subkey so nobody can make one or move it to another session.
// The receipt cookie holds, for the few seconds the confirmation shows, the token of the draft just
// sent, so "Show my code" can find its code; it is cleared when the tablet starts again.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { KeyRing } from '../../http/keys';
import { randomToken, sameSecret, TOKEN_PATTERN } from '../../http/tokens';

// __Host-: Secure, Path=/ and no Domain. SameSite=Strict: a link from another site never arrives as
// the kiosk, so nothing outside can drive it (its GETs clear drafts).
export const DEVICE_COOKIE = '__Host-heard_kiosk';
export const RECEIPT_COOKIE = '__Host-heard_kiosk_sent';

/** A kiosk lasts a working day at most; then the tablet is an ordinary browser again. */
export const DEVICE_LIFETIME_MS = 12 * 60 * 60_000;

const payload = z.object({
  /** The session this tablet runs. */
  s: z.string().min(1).max(100),
  /** This tablet, at random: wrong PINs are counted per tablet. */
  d: z.string().regex(TOKEN_PATTERN),
  /** Until when (ms). */
  e: z.number().int(),
  /** Since when (ms): a sign-in that leaves the kiosk must be newer. */
  i: z.number().int(),
});

export interface KioskDevice {
  sessionId: string;
  deviceId: string;
  expiresAt: number;
  issuedAt: number;
}

const toBase64Url = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text: string) => new TextDecoder().decode(Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0)));

const signed = (body: string) => `device:${body}`;

/** A new kiosk for a session, on this device, from now. */
export function newDevice(sessionId: string, now = Date.now()): KioskDevice {
  return { sessionId, deviceId: randomToken(), issuedAt: now, expiresAt: now + DEVICE_LIFETIME_MS };
}

/** The cookie's value: the payload in base64url, a dot, and its keyed hash (which names its key). */
export async function sealDevice(keys: KeyRing, device: KioskDevice): Promise<string> {
  const body = toBase64Url(JSON.stringify({ s: device.sessionId, d: device.deviceId, e: device.expiresAt, i: device.issuedAt }));
  return `${body}.${await keys.hash('kiosk', signed(body))}`;
}

/**
 * What a cookie value says, if its signature is ours (under any key in the ring): 'forged' for
 * anything else. An expired kiosk still opens, so the caller can say the kiosk has ended.
 */
export async function openDevice(keys: KeyRing, value: string): Promise<KioskDevice | 'forged'> {
  const dot = value.indexOf('.');
  if (dot <= 0 || value.length > 1000) return 'forged';
  const body = value.slice(0, dot);
  const mac = value.slice(dot + 1);
  const expected = await keys.hashes('kiosk', signed(body));
  if (!expected.some((h) => sameSecret(h, mac))) return 'forged';
  let parsed;
  try {
    parsed = payload.safeParse(JSON.parse(fromBase64Url(body)));
  } catch {
    return 'forged';
  }
  if (!parsed.success) return 'forged';
  return { sessionId: parsed.data.s, deviceId: parsed.data.d, expiresAt: parsed.data.e, issuedAt: parsed.data.i };
}

export function readDeviceCookie(c: Context): string | undefined {
  return getCookie(c, DEVICE_COOKIE);
}

export async function setDeviceCookie(c: Context, keys: KeyRing, device: KioskDevice) {
  // Persistent for the kiosk's lifetime, so a tablet whose browser restarts is still a kiosk.
  setCookie(c, DEVICE_COOKIE, await sealDevice(keys, device), {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    maxAge: Math.max(0, Math.floor((device.expiresAt - Date.now()) / 1000)),
  });
}

export function clearDeviceCookie(c: Context) {
  if (getCookie(c, DEVICE_COOKIE) !== undefined) deleteCookie(c, DEVICE_COOKIE, { path: '/', secure: true });
}

export function readReceipt(c: Context): string | undefined {
  const token = getCookie(c, RECEIPT_COOKIE);
  return token && TOKEN_PATTERN.test(token) ? token : undefined;
}

export function setReceipt(c: Context, draftToken: string) {
  // A session cookie: it lives as long as the confirmation does, and no longer than the browser.
  setCookie(c, RECEIPT_COOKIE, draftToken, { path: '/', httpOnly: true, secure: true, sameSite: 'Strict' });
}

export function clearReceipt(c: Context) {
  if (getCookie(c, RECEIPT_COOKIE) !== undefined) deleteCookie(c, RECEIPT_COOKIE, { path: '/', secure: true });
}

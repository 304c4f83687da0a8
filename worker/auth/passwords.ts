// Password hashing with PBKDF2-SHA256 through WebCrypto, and the rules a new password must meet.
import { sameSecret } from '../http/tokens';
import common from './common-passwords.json';

/** The most iterations Cloudflare Workers accept in production (local workerd has no cap). */
export const PBKDF2_ITERATIONS = 100_000;
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

const commonLong = new Set(common.long);
const commonBases = new Set(common.bases);

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${b64(salt)}$${b64(hash)}`;
}

// Hashed when there is no account, so "no such account" costs the same time as "wrong password".
const DUMMY = `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${b64(new Uint8Array(16))}$${b64(new Uint8Array(32))}`;

/** Constant-time check of a password against a stored hash (or against nothing, in the same time). */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const [scheme, iterations, salt, expected] = (stored ?? DUMMY).split('$');
  if (scheme !== 'pbkdf2-sha256' || !iterations || !salt || !expected) return false;
  const actual = await derive(password, unb64(salt), Number(iterations));
  const same = sameSecret(actual, unb64(expected));
  return same && stored != null;
}

/** Why a new password will not do, in plain words; undefined when it is fine. */
export function passwordProblem(password: string, email: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters`;
  if ([...password].length > MAX_PASSWORD_LENGTH) return `Enter a password of ${MAX_PASSWORD_LENGTH} characters or fewer`;
  const lower = password.toLowerCase();
  // "password123456" or "qwertyuiop!!" are a common password with padding: refuse those too.
  const base = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (commonLong.has(lower) || commonBases.has(base) || base.length === 0 || /^(.)\1+$/u.test(lower)) {
    return 'This password is too common. Choose a different one, such as three or four random words';
  }
  const name = email.toLowerCase().split('@')[0] ?? '';
  if (name.length >= 4 && lower.includes(name) && lower.length - name.length < 8) {
    return 'Your password must not be based on your email address';
  }
  return undefined;
}

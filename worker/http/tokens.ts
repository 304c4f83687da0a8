// Random tokens and codes, and their hashes for storage: a stolen database holds no usable token.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomToken(bytes = 32): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...buf)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A withdrawal code people can copy by hand: 10 characters, no I, L, O or U, shown as XXXXX-XXXXX. */
export function withdrawalCode(): string {
  const buf = crypto.getRandomValues(new Uint8Array(10));
  const chars = [...buf].map((b) => CROCKFORD[b & 31]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Reads a typed code forgivingly: any case, spaces or dashes, O for 0, I or L for 1. */
export function normaliseWithdrawalCode(input: string): string | undefined {
  const chars = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(chars)) return undefined;
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Compares secrets in constant time (Workers' crypto.subtle.timingSafeEqual); false when lengths differ. */
export function sameSecret(a: Uint8Array | string, b: Uint8Array | string): boolean {
  const enc = new TextEncoder();
  const [x, y] = [typeof a === 'string' ? enc.encode(a) : a, typeof b === 'string' ? enc.encode(b) : b];
  if (x.byteLength !== y.byteLength) return false;
  // preact's JSX types pull in the DOM's SubtleCrypto, which lacks this Workers extension.
  return (crypto.subtle as unknown as { timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean }).timingSafeEqual(x, y);
}

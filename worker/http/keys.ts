// The deployment's secret key ring, from the Worker secret HEARD_KEYS: `id:key,id:key,...` where each
// key is 32 random bytes in base64url and the first is current. Keyed hashes (withdrawal codes,
// sign-in counters) use it now; encryption at rest will take its own keys from the same ring.
// Each use derives its own subkey (HKDF with the purpose as info), so one purpose's values never
// match another's, and a leaked database without the secret cannot be reversed by guessing.
import { z } from 'zod';

export const KEY_RING_PATTERN = /^[a-z0-9]{1,8}:[A-Za-z0-9_-]{43}(,[a-z0-9]{1,8}:[A-Za-z0-9_-]{43})*$/;

export type KeyPurpose = 'withdrawal-code' | 'sign-in' | 'encryption' | 'kiosk';

interface RingKey {
  id: string;
  raw: Uint8Array<ArrayBuffer>;
}

export const keyRingSchema = z
  .string()
  .regex(KEY_RING_PATTERN, 'HEARD_KEYS must be id:key pairs, each key 32 bytes in base64url, separated by commas')
  .transform((value): RingKey[] =>
    value.split(',').map((pair) => {
      const [id = '', key = ''] = pair.split(':');
      return { id, raw: fromBase64Url(key) };
    }),
  );

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const subkeys = new Map<string, Promise<CryptoKey>>();

function hmacKey(key: RingKey, purpose: KeyPurpose): Promise<CryptoKey> {
  const cacheKey = `${key.id}:${hex(key.raw.buffer)}:${purpose}`;
  let found = subkeys.get(cacheKey);
  if (!found) {
    found = (async () => {
      const base = await crypto.subtle.importKey('raw', key.raw, 'HKDF', false, ['deriveKey']);
      return crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode(`heard:${purpose}`) },
        base,
        { name: 'HMAC', hash: 'SHA-256', length: 256 },
        false,
        ['sign'],
      );
    })();
    subkeys.set(cacheKey, found);
  }
  return found;
}

async function hashWith(key: RingKey, purpose: KeyPurpose, value: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(key, purpose), new TextEncoder().encode(value));
  // The key id travels with the hash, so a rotated ring still knows which key made it.
  return `${key.id}.${hex(mac)}`;
}

export class KeyRing {
  constructor(private readonly keys: RingKey[]) {
    if (keys.length === 0) throw new Error('empty key ring');
  }

  static parse(value: string): KeyRing {
    return new KeyRing(keyRingSchema.parse(value));
  }

  /** The keyed hash to store, under the current key. */
  hash(purpose: KeyPurpose, value: string): Promise<string> {
    return hashWith(this.keys[0]!, purpose, value);
  }

  /** Every hash the value may be stored under (one per key in the ring), for lookups after a rotation. */
  hashes(purpose: KeyPurpose, value: string): Promise<string[]> {
    return Promise.all(this.keys.map((k) => hashWith(k, purpose, value)));
  }
}

/** A fresh ring of one key, in the HEARD_KEYS format (what `npm start` writes to .dev.vars). */
export function newKeyRingValue(id = 'k1'): string {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  return `${id}:${btoa(String.fromCharCode(...raw)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

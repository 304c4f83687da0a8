// The deployment's secret key ring, from the Worker secret HEARD_KEYS: `id:key,id:key,...` where each
// key is 32 random bytes in base64url and the first is current. One ring for every secret use:
// keyed hashes (withdrawal codes, sign-in counters, kiosk PINs, the blind index that finds a person)
// and encryption at rest (AES-GCM: assessments, people's names, staff authenticator secrets).
// Each use derives its own subkey (HKDF with the purpose as info), so one purpose's values never
// match another's, and a leaked database without the secret cannot be reversed by guessing.
import { z } from 'zod';

export const KEY_RING_PATTERN = /^[a-z0-9]{1,8}:[A-Za-z0-9_-]{43}(,[a-z0-9]{1,8}:[A-Za-z0-9_-]{43})*$/;

export type KeyPurpose = 'withdrawal-code' | 'sign-in' | 'kiosk' | 'person-index' | 'copy-code' | 'held-save';

/** A sealed value: `v1.<key id>.<iv>.<ciphertext>` (base64url), so the key that sealed it travels with it. */
export const SEALED_PATTERN = /^v1\.([a-z0-9]{1,8})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]+)$/;

/** A sealed value that the ring cannot open: tampered with, moved to another record, or its key removed. */
export class UnreadableSecret extends Error {
  constructor() {
    super('a sealed value could not be opened');
  }
}

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

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
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

const aesKeys = new Map<string, Promise<CryptoKey>>();

function aesKey(key: RingKey): Promise<CryptoKey> {
  const cacheKey = `${key.id}:${hex(key.raw.buffer)}`;
  let found = aesKeys.get(cacheKey);
  if (!found) {
    found = (async () => {
      const base = await crypto.subtle.importKey('raw', key.raw, 'HKDF', false, ['deriveKey']);
      return crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('heard:encryption') },
        base,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      );
    })();
    aesKeys.set(cacheKey, found);
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

  /** The id of the current key: what new hashes and sealed values are made with. */
  get currentId(): string {
    return this.keys[0]!.id;
  }

  /** Every key's id, the current first. */
  get ids(): string[] {
    return this.keys.map((k) => k.id);
  }

  /** Whether this ring still holds the key with this id (a value under a removed key cannot be opened). */
  has(id: string): boolean {
    return this.keys.some((k) => k.id === id);
  }

  /**
   * Encrypts text under the current key. `context` names the record and field it belongs to
   * (`person:<id>:name`): it is authenticated, not stored, so a value copied into another row fails to open.
   */
  async seal(plaintext: string, context: string): Promise<string> {
    const key = this.keys[0]!;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) },
      await aesKey(key),
      new TextEncoder().encode(plaintext),
    );
    return `v1.${key.id}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
  }

  /** Opens a sealed value with whichever key in the ring sealed it; throws UnreadableSecret if it cannot. */
  async open(sealed: string, context: string): Promise<string> {
    const parts = SEALED_PATTERN.exec(sealed);
    const key = parts && this.keys.find((k) => k.id === parts[1]);
    if (!parts || !key) throw new UnreadableSecret();
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64Url(parts[2]!), additionalData: new TextEncoder().encode(context) },
        await aesKey(key),
        fromBase64Url(parts[3]!),
      );
      return new TextDecoder().decode(plain);
    } catch {
      throw new UnreadableSecret();
    }
  }

  /** Every hash the value may be stored under (one per key in the ring), for lookups after a rotation. */
  hashes(purpose: KeyPurpose, value: string): Promise<string[]> {
    return Promise.all(this.keys.map((k) => hashWith(k, purpose, value)));
  }
}

/** A fresh ring of one key, in the HEARD_KEYS format (what `npm start` writes to .dev.vars). */
export function newKeyRingValue(id = 'k1'): string {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  return `${id}:${toBase64Url(raw)}`;
}

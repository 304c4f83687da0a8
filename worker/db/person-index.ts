// The blind indexes that find a person without storing their name or date of birth in the clear:
// keyed hashes (the key ring's `person-index` subkey) of the normalised name with the date of birth,
// and of the date of birth alone. Shared by the assessment area (adding and finding people) and the
// key rotation (which recomputes them under the new key), so both always agree.
import type { KeyRing } from '../http/keys';

const APOSTROPHES_AND_HYPHENS = /['’‘ʼ`´\-‐‑‒–—―]/gu;
const OTHER_PUNCTUATION = /[\p{P}\p{S}]/gu;

/**
 * A name as the index compares it: NFKC, lower case, apostrophes and hyphens folded away (O’Brien and
 * OBrien, Smith-Jones and SmithJones match), other punctuation a space, whitespace collapsed, trimmed.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(APOSTROPHES_AND_HYPHENS, '')
    .replace(OTHER_PUNCTUATION, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Both indexes under the ring's current key; `birthDate` is YYYY-MM-DD. */
export async function personIndexes(ring: KeyRing, name: string, birthDate: string): Promise<{ findIndex: string; birthIndex: string }> {
  const [findIndex, birthIndex] = await Promise.all([ring.hash('person-index', `${normaliseName(name)}|${birthDate}`), ring.hash('person-index', birthDate)]);
  return { findIndex, birthIndex };
}

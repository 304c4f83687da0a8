// The keyed blind index that finds a person again without storing their name or date of birth in
// the clear: an HMAC (key ring purpose `person-index`) of normalised values. Equal inputs give equal
// hashes under one key. Shared by the assessment area (adding and finding people) and the key
// rotation (which recomputes them from the sealed values under the new key), so both always agree.
import type { KeyRing } from '../http/keys';

const APOSTROPHES_AND_HYPHENS = /['’‘ʼ`´\-‐‑‒–—―]/gu;

/**
 * The same name however it was typed: compatibility forms folded (full-width letters), case and
 * accents ignored (Zoë is found as Zoe on a keyboard without them), apostrophes and hyphens folded
 * away (O’Brien and OBrien, Smith-Jones and SmithJones), other punctuation a space.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(APOSTROPHES_AND_HYPHENS, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

export interface PersonIndexes {
  findIndex: string;
  birthIndex: string;
}

export async function personIndexes(ring: KeyRing, name: string, birthDate: string): Promise<PersonIndexes> {
  const [findIndex, birthIndex] = await Promise.all([ring.hash('person-index', `${normaliseName(name)}|${birthDate}`), ring.hash('person-index', `birth|${birthDate}`)]);
  return { findIndex, birthIndex };
}

/** Every index a name and date of birth may be stored under, one per key in the ring (for a find during a rotation). */
export async function personIndexCandidates(ring: KeyRing, name: string, birthDate: string): Promise<{ find: string[]; birth: string[] }> {
  const [find, birth] = await Promise.all([ring.hashes('person-index', `${normaliseName(name)}|${birthDate}`), ring.hashes('person-index', `birth|${birthDate}`)]);
  return { find, birth };
}

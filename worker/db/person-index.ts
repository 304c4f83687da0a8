// The keyed blind index that finds a person again without storing their name or date of birth in
// the clear: an HMAC (key ring purpose `person-index`) of normalised values. Equal inputs give equal
// hashes under one key; a rotation recomputes them from the sealed values.
import type { KeyRing } from '../http/keys';

/** The same name however it was typed: compatibility forms folded, case and accents ignored, punctuation dropped. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`-]/g, '')
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

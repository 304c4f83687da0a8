// The code a person types, with their date of birth, to read their own copy (no account needed).
// 12 characters from the 31 that cannot be misread (no 0/O, 1/I/L), drawn without bias: about 59
// bits, so guessing one is hopeless even before the attempt limits. Shown once, stored only as a keyed hash.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 12;
/** The largest multiple of the alphabet's size below 256: bytes at or above it are redrawn, so every character is equally likely. */
const FAIR = 256 - (256 % ALPHABET.length);

export const COPY_CODE_BITS = LENGTH * Math.log2(ALPHABET.length);

/** A new code as shown: `XXXX-XXXX-XXXX`. */
export function newCopyCode(): string {
  let chars = '';
  while (chars.length < LENGTH) {
    for (const b of crypto.getRandomValues(new Uint8Array(LENGTH * 2))) {
      if (b < FAIR && chars.length < LENGTH) chars += ALPHABET[b % ALPHABET.length];
    }
  }
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** A typed code as hashed (12 characters, no dashes), forgiving case and spacing; undefined when it cannot be one. */
export function normaliseCopyCode(input: string): string | undefined {
  const chars = input.toUpperCase().replace(/[\s\-–—.]/g, '');
  return new RegExp(`^[${ALPHABET}]{${LENGTH}}$`).test(chars) ? chars : undefined;
}

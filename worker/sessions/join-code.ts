// Join codes: six characters a person can read off a poster and type on a cheap phone. The alphabet
// leaves out the characters people mistake for each other (0 and O, 1, I and L), so every code reads
// one way; 31 characters to the power of 6 is about 900 million codes, so a guess almost never lands.
export const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
export const JOIN_CODE_PATTERN = new RegExp(`^[${JOIN_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** A random code, each character uniform over the alphabet (bytes past the last whole multiple are drawn again). */
export function newJoinCode(): string {
  const limit = 256 - (256 % JOIN_ALPHABET.length);
  let out = '';
  while (out.length < JOIN_CODE_LENGTH) {
    for (const b of crypto.getRandomValues(new Uint8Array(JOIN_CODE_LENGTH * 2))) {
      if (b < limit && out.length < JOIN_CODE_LENGTH) out += JOIN_ALPHABET[b % JOIN_ALPHABET.length];
    }
  }
  return out;
}

/** A typed code as the poster shows it (any case, spaces and dashes ignored), or undefined when it cannot be one. */
export function normaliseJoinCode(typed: string): string | undefined {
  // NFKC first: a phone's Japanese or Chinese keyboard types full-width letters (ＦＥＳＴ２６) and spaces.
  const code = typed.normalize('NFKC').toUpperCase().replace(/[\s\p{Pd}]/gu, '');
  return JOIN_CODE_PATTERN.test(code) ? code : undefined;
}

// A person's pseudonymous reference, `TA-XXXX-XXXX`: what staff write in notes and say on the phone
// instead of a name. Letters and digits that cannot be misread (no 0/O, 1/I/L); 40 bits, so two
// people colliding is vanishingly rare, and the unique column refuses it if they ever do.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `TA-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

// A session's kiosk PIN is stored only as a keyed hash, bound to its session so the same PIN elsewhere
// hashes differently. One message format for the session form that sets it, the kiosk that checks
// it and the demo seed.
import type { KeyRing } from '../../http/keys';
import { sameSecret } from '../../http/tokens';

export const kioskPinMessage = (sessionId: string, pin: string) => `pin:${sessionId}:${pin}`;

/** True when `pin` is the session's PIN, under any key in the ring (a rotated ring still knows an older PIN). */
export async function pinMatches(keys: KeyRing, sessionId: string, stored: string | null, pin: string): Promise<boolean> {
  if (!stored) return false;
  const candidates = await keys.hashes('kiosk', kioskPinMessage(sessionId, pin));
  return candidates.some((h) => sameSecret(h, stored));
}

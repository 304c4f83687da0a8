// The demo's Festival of Feedback runs kiosk tablets with a PIN anyone trying the demo can use (printed
// by `npm start`). Stored as the app stores any PIN: keyed by the local key ring in .dev.vars, so the
// seed needs that ring; a deployed database is never given a demo PIN.
import { KeyRing } from '../../worker/http/keys';
import { kioskPinMessage } from '../../worker/sessions/kiosk/pin';
import { lit } from '../index';
import { FESTIVAL_SESSION_ID } from './sessions';

export const DEMO_KIOSK_PIN = '2468';

export async function demoKioskPinStatements(keyRing: string): Promise<string[]> {
  const hash = await KeyRing.parse(keyRing).hash('kiosk', kioskPinMessage(FESTIVAL_SESSION_ID, DEMO_KIOSK_PIN));
  return [`UPDATE feedback_sessions SET kiosk_pin_hash = ${lit(hash)} WHERE id = ${lit(FESTIVAL_SESSION_ID)};`];
}

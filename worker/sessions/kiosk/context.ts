// What a request knows once kioskOnly has recognised a kiosk tablet, and the frame a kiosk page asks for.
import type { SessionDetail } from '../queries';
import type { KioskDevice } from './device-cookie';
import type { KioskFrame } from './frame';

export interface Kiosk {
  device: KioskDevice;
  /** The session it runs: open, with kiosk mode on. */
  session: SessionDetail;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by kioskOnly while this browser is a kiosk tablet for an open session. */
    kiosk: Kiosk | undefined;
    /** Set by a kiosk page for kioskOnly to put on its frame (none: the page goes out as it is). */
    kioskFrame: KioskFrame | undefined;
  }
}

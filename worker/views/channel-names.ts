// How a response came in, in the words staff read on session pages and reports.
import type { Channel } from '../db/schema';

export const CHANNEL_NAMES: Record<Channel, string> = {
  online: 'Online, on their own device',
  kiosk: 'On a tablet at a venue',
  assisted: 'With a facilitator',
  group: 'Group discussion',
  paper: 'Paper form',
};

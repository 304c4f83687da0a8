// Content-hashed asset paths from Vite's manifest (built before the Worker is bundled or tested).
import manifest from '../../dist/client/.vite/manifest.json';

export const assetPaths = {
  css: `/${manifest['styles/main.scss'].file}`,
  staffCss: `/${manifest['styles/staff.scss'].file}`,
  /** The person's copy of their trusted assessment: only on its own pages (staff print and /my-assessment). */
  copyCss: `/${manifest['styles/copy.scss'].file}`,
  script: `/${manifest['enhance.ts'].file}`,
  /** A kiosk tablet's countdowns and idle warning (web/kiosk.ts): only on pages a kiosk shows. */
  kioskScript: `/${manifest['kiosk.ts'].file}`,
  /** The moderation response page's island (web/islands/moderate.tsx): staff only. */
  moderateIsland: `/${manifest['islands/moderate.tsx'].file}`,
  /** The session page's live count (web/islands/live-count.ts): staff only. */
  sessionIsland: `/${manifest['islands/live-count.ts'].file}`,
  /** The warning before a staff session ends, on assessment section pages (web/islands/stay-signed-in.ts). */
  staySignedInIsland: `/${manifest['islands/stay-signed-in.ts'].file}`,
};

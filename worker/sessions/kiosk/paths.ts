// Where a kiosk tablet may go. Everything not named here sends it back to its start page: a person
// at a kiosk reaches the session's form, the pages that form links to, and nothing else.

export type KioskWay =
  /** The kiosk's own pages (/k...). */
  | 'kiosk'
  /** A page of the session's form (question, check, back, change, submit, keep-alive): shown in the kiosk's frame. */
  | 'journey'
  /** A respondent page the form links to (staying safe, taking feedback back): shown in the kiosk's frame. */
  | 'page'
  /** Signing in, only to take the tablet out of kiosk mode (/k/leave offers it). */
  | 'sign-in'
  /** Static files and the health check: passed through as they are. */
  | 'asset'
  /** Leaving the page or the form: the kiosk clears the draft and starts again instead. */
  | 'reset'
  /** Anywhere else: back to the kiosk's start page. */
  | 'start';

const JOURNEY_STEPS = new Set(['question', 'check', 'back', 'change', 'submit', 'keep-alive']);
const PAGES = new Set(['/safety', '/withdraw']);
const SIGN_IN = new Set(['/login', '/login/second-factor', '/account/second-factor', '/logout']);
const ASSETS = new Set(['/favicon.ico', '/robots.txt', '/healthz']);

/** How a kiosk for the form `slug` treats a request for `path`. */
export function kioskWay(path: string, slug: string): KioskWay {
  if (path === '/k' || path.startsWith('/k/')) return 'kiosk';
  if (path.startsWith('/assets/') || ASSETS.has(path)) return 'asset';
  if (PAGES.has(path)) return 'page';
  if (SIGN_IN.has(path)) return 'sign-in';
  if (path === '/exit' || path === `/f/${slug}/cleared`) return 'reset';
  const prefix = `/f/${slug}/`;
  if (path.startsWith(prefix) && JOURNEY_STEPS.has(path.slice(prefix.length))) return 'journey';
  return 'start';
}

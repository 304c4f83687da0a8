// Refusals the app gives in plain words. Handlers throw a Problem; app.onError renders the page.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ProblemKind =
  | 'bad-request'
  | 'not-found'
  | 'too-large'
  | 'unsupported'
  | 'forbidden'
  | 'rate-limited'
  | 'bot'
  | 'server'
  /** A staff action without a signed-in session. */
  | 'signed-out'
  /** Signed in, but the role or organisation does not allow it. */
  | 'not-allowed'
  /** The deployment has no key ring (HEARD_KEYS), so nothing that seals or hashes secrets can run. */
  | 'keys-missing';

const STATUS: Record<ProblemKind, ContentfulStatusCode> = {
  'bad-request': 400,
  'not-found': 404,
  'too-large': 413,
  unsupported: 415,
  forbidden: 403,
  'rate-limited': 429,
  bot: 400,
  server: 500,
  'signed-out': 403,
  'not-allowed': 403,
  'keys-missing': 503,
};

export class Problem extends HTTPException {
  constructor(readonly kind: ProblemKind) {
    super(STATUS[kind], { message: kind });
  }
}

/** What needs the key ring: the page names it, in the words of the people who use it. */
export type KeyedFeature = 'assessments' | 'sign-in' | 'kiosk' | 'feedback';

/** Refused because HEARD_KEYS is not set: a 503 page saying what cannot be used and whom to ask. */
export class KeysMissing extends Problem {
  constructor(readonly feature: KeyedFeature) {
    super('keys-missing');
  }
}

/** Maps any HTTP exception (ours or a hono middleware's) to the kind of page to show. */
export function problemKindOf(err: HTTPException): ProblemKind {
  if (err instanceof Problem) return err.kind;
  switch (err.status) {
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 413:
      return 'too-large';
    case 415:
      return 'unsupported';
    default:
      return err.status < 500 ? 'bad-request' : 'server';
  }
}

export function statusOf(kind: ProblemKind): ContentfulStatusCode {
  return STATUS[kind];
}

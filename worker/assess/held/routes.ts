// /assess/session/keep-alive: what "Stay signed in" asks for (web/islands/stay-signed-in.ts). Passing
// the staff policy is the point: it counts as activity, so the session's idle clock starts again.
import { Hono } from 'hono';
import { allow } from '../../auth/policy';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../auth/sessions';
import type { LoginSession } from '../../db/schema';
import type { AppEnv } from '../../env';

/**
 * How long this session stays signed in if nothing else happens, as of a request that just passed the
 * policy (loadSession moves `last_seen_at` to now when it was over a minute old, without changing the row read).
 */
export function signedInFor(session: LoginSession | undefined, now = Date.now()): number {
  if (!session) return SESSION_IDLE_MS;
  const seen = now - session.lastSeenAt > 60_000 ? now : session.lastSeenAt;
  return Math.max(0, Math.min(seen + SESSION_IDLE_MS, session.createdAt + SESSION_ABSOLUTE_MS) - now);
}

export const keepAlive = new Hono<AppEnv>().get('/assess/session/keep-alive', allow('assessor', 'support-worker'), (c) => c.json({ signedInForMs: signedInFor(c.get('staff').session) }));

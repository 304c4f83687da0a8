// Who may use a route, declared where the route is registered:
//   .get('/admin', allow('admin'), ...)            staff holding one of these roles
//   .get('/staff/organisations/:org', allowInOrganisation('org', ...ROLES), ...)  ...in that organisation
//   .get('/f/:slug', publicRoute, ...)             anyone
//   .get('/k', kioskDevice, ...)                   a device in a mode (deviceRoute: a kiosk tablet)
// Every policy is a middleware remembered in a registry, so a test can walk every route and find it.
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { eq } from 'drizzle-orm';
import { database } from '../db/client';
import { users, type Role } from '../db/schema';
import { config, type AppEnv } from '../env';
import { Problem } from '../http/problems';
import { sameSecret } from '../http/tokens';
import { ACCESS_HEADER, configuredAccessVerifier } from './access';
import { loadSession, sessionToken, setSessionCookie, startSession, type Staff } from './sessions';
import { needsSecondFactor } from './second-factor';

export type Policy =
  | { kind: 'public' }
  /** Mid sign-in: the password is done, the second factor is not. */
  | { kind: 'signing-in' }
  | { kind: 'staff'; roles: readonly Role[]; organisationParam?: string }
  /** Only a device staff have put in a mode (a kiosk tablet); anyone else is sent to the home page. */
  | { kind: 'device'; mode: string };

const policies = new WeakMap<Function, Policy>();

export function policyOf(handler: Function): Policy | undefined {
  return policies.get(handler);
}

function declare<H extends MiddlewareHandler<AppEnv>>(policy: Policy, handler: H): H {
  policies.set(handler, policy);
  return handler;
}

export const publicRoute = declare({ kind: 'public' }, createMiddleware<AppEnv>(async (_c, next) => next()));

/**
 * A route for a device in a mode (`/k` for a kiosk tablet). The mode's own middleware, `guard`, decides
 * which device is in it; it must send anyone else to the home page.
 */
export function deviceRoute(mode: string, guard: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return declare({ kind: 'device', mode }, guard);
}

/** Sent by a staff island's own polling: the request is not the person's activity (sessions.ts, loadSession). */
export const BACKGROUND_HEADER = 'x-heard-background';

/** Identifies the person: by Cloudflare Access when configured, otherwise by their session cookie. */
export async function identify(c: Context<AppEnv>): Promise<Staff | undefined> {
  const db = database(c.env.DB);
  const token = sessionToken(c);
  const current = token ? await loadSession(db, token, Date.now(), c.req.header(BACKGROUND_HEADER) === '1') : undefined;
  const verify = configuredAccessVerifier(config(c.env));
  if (!verify) return current;
  const assertion = c.req.header(ACCESS_HEADER);
  const email = assertion ? await verify(assertion) : undefined;
  if (!email) return undefined;
  if (current && current.user.email === email) return current;
  // A valid Access assertion for a Heard user starts a Heard session, which carries the CSRF token.
  const user = await db.select().from(users).where(eq(users.email, email)).get();
  if (!user || user.status !== 'active') return undefined;
  const fresh = await startSession(db, user.id, true);
  setSessionCookie(c, fresh);
  return loadSession(db, fresh);
}

function toSignIn(c: Context<AppEnv>) {
  if (c.req.method !== 'GET') throw new Problem('signed-out');
  const url = new URL(c.req.url);
  return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
}

/** Refuses a staff form post that lacks this session's token (on top of the Origin check). */
async function checkCsrfToken(c: Context<AppEnv>, staff: Staff) {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return;
  const type = c.req.header('content-type') ?? '';
  let body: Record<string, unknown> = {};
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    body = await c.req.parseBody().catch(() => {
      throw new Problem('bad-request');
    });
  }
  const sent = typeof body.csrf === 'string' ? body.csrf : '';
  const expected = staff.session?.csrfToken ?? '';
  if (!expected || !sameSecret(sent, expected)) throw new Problem('forbidden');
}

function staffPolicy(roles: readonly Role[], organisationParam?: string) {
  const policy: Policy = organisationParam ? { kind: 'staff', roles, organisationParam } : { kind: 'staff', roles };
  return declare(
    policy,
    createMiddleware<AppEnv>(async (c, next) => {
      const staff = await identify(c);
      if (!staff) return toSignIn(c);
      if (!staff.session?.complete) return c.redirect(staff.user.totpSecret ? '/login/second-factor' : '/account/second-factor', 303);
      if (needsSecondFactor(config(c.env), staff)) return c.redirect('/account/second-factor', 303);
      const organisation = organisationParam ? c.req.param(organisationParam) : undefined;
      const allowed = staff.memberships.some((m) => roles.includes(m.role) && (organisation === undefined || m.organisationId === organisation));
      if (!allowed) throw new Problem('not-allowed');
      await checkCsrfToken(c, staff);
      c.set('staff', staff);
      await next();
    }),
  );
}

/** Staff holding any of these roles, in any organisation. */
export function allow(...roles: Role[]) {
  return staffPolicy(roles);
}

/** Staff holding any of these roles in the organisation named by the route parameter. */
export function allowInOrganisation(param: string, ...roles: Role[]) {
  return staffPolicy(roles, param);
}

/** A session that has passed the password but not yet the second factor (or is enrolling one). */
export const signingIn = declare(
  { kind: 'signing-in' },
  createMiddleware<AppEnv>(async (c, next) => {
    const token = sessionToken(c);
    const staff = token ? await loadSession(database(c.env.DB), token) : undefined;
    if (!staff) return toSignIn(c);
    await checkCsrfToken(c, staff);
    c.set('staff', staff);
    await next();
  }),
);


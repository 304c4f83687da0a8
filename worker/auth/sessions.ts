// Staff sessions: an opaque token in a __Host- cookie, stored hashed, 30 minutes idle, 12 hours at most.
import { eq, lt, or } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Database } from '../db/client';
import { loginSessions, memberships, users, type LoginSession, type Role, type User } from '../db/schema';
import { randomToken, sha256, TOKEN_PATTERN } from '../http/tokens';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
const COOKIE = '__Host-heard_session';

export interface Membership {
  organisationId: string;
  role: Role;
}

export interface Staff {
  user: User;
  memberships: Membership[];
  session?: LoginSession;
}

export async function startSession(db: Database, userId: string, complete: boolean, now = Date.now()): Promise<string> {
  const token = randomToken();
  await db.insert(loginSessions).values({ tokenHash: await sha256(token), userId, csrfToken: randomToken(), complete, createdAt: now, lastSeenAt: now });
  return token;
}

export function setSessionCookie(c: Context, token: string) {
  // A session cookie (no Max-Age): closing the browser ends it too.
  setCookie(c, COOKIE, token, { path: '/', httpOnly: true, secure: true, sameSite: 'Lax' });
}

export function clearSessionCookie(c: Context) {
  if (getCookie(c, COOKIE) !== undefined) deleteCookie(c, COOKIE, { path: '/', secure: true });
}

export function sessionToken(c: Context): string | undefined {
  const token = getCookie(c, COOKIE);
  return token && TOKEN_PATTERN.test(token) ? token : undefined;
}

/** A session between the password and the second factor lasts only this long. */
export const SIGN_IN_STEP_MS = 10 * 60_000;

/** Past the idle limit, the absolute limit, or (mid sign-in) the sign-in step's limit. */
export function sessionExpired(s: LoginSession, now: number) {
  return now - s.lastSeenAt > SESSION_IDLE_MS || now - s.createdAt > SESSION_ABSOLUTE_MS || (!s.complete && now - s.createdAt > SIGN_IN_STEP_MS);
}

/**
 * The signed-in person behind a session token, or undefined when it is unknown or has expired. A
 * `background` request (a page polling by itself, like the session's live count) is not activity: it
 * must not keep an unattended screen signed in past the idle limit.
 */
export async function loadSession(db: Database, token: string, now = Date.now(), background = false): Promise<Staff | undefined> {
  const tokenHash = await sha256(token);
  // Not in a db.batch: drizzle maps batched rows by position, and users and login_sessions share
  // column names (created_at), which D1's object rows collapse.
  const row = await db.select({ session: loginSessions, user: users }).from(loginSessions).innerJoin(users, eq(users.id, loginSessions.userId)).where(eq(loginSessions.tokenHash, tokenHash)).get();
  if (!row) return undefined;
  if (sessionExpired(row.session, now) || row.user.status !== 'active') {
    await db.delete(loginSessions).where(eq(loginSessions.tokenHash, tokenHash));
    return undefined;
  }
  // Write at most once a minute: enough for a 30-minute idle limit, cheap on D1.
  if (!background && now - row.session.lastSeenAt > 60_000) {
    await db.update(loginSessions).set({ lastSeenAt: now }).where(eq(loginSessions.tokenHash, tokenHash));
  }
  return { user: row.user, session: row.session, memberships: await membershipsOf(db, row.user.id) };
}

export async function membershipsOf(db: Database, userId: string): Promise<Membership[]> {
  return db.select({ organisationId: memberships.organisationId, role: memberships.role }).from(memberships).where(eq(memberships.userId, userId)).all();
}

export async function completeSession(db: Database, token: string) {
  await db.update(loginSessions).set({ complete: true }).where(eq(loginSessions.tokenHash, await sha256(token)));
}

export async function endSession(db: Database, token: string) {
  await db.delete(loginSessions).where(eq(loginSessions.tokenHash, await sha256(token)));
}

export async function endAllSessions(db: Database, userId: string) {
  await db.delete(loginSessions).where(eq(loginSessions.userId, userId));
}

/** Deletes sessions past either limit; run by the scheduled handler. */
export async function purgeExpiredSessions(db: Database, now = Date.now()) {
  await db.delete(loginSessions).where(or(lt(loginSessions.lastSeenAt, now - SESSION_IDLE_MS), lt(loginSessions.createdAt, now - SESSION_ABSOLUTE_MS)));
}


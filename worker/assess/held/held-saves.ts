// Nothing typed is lost on a timeout. A staff session ends after 30 minutes idle, and a section posted
// after that would be refused ("signed out") with its words gone. Instead, `holdIfSignedOut` keeps the
// posted fields, sealed, behind a random token in a cookie for this browser only, and sends the person
// to sign in; the section page then fills its form from them, for the same person only, once.
import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { configuredAccessVerifier } from '../../auth/access';
import { sessionExpired, sessionToken } from '../../auth/sessions';
import { database, type Database } from '../../db/client';
import { heldSaves, loginSessions } from '../../db/schema';
import { sealContext } from '../../db/sealed';
import { config, type AppEnv } from '../../env';
import type { RawFields } from '../../forms/answers';
import { randomToken, sameSecret, sha256, TOKEN_PATTERN } from '../../http/tokens';
import { formFields } from '../../http/validate';
import { allowSubmission } from '../../http/rate-limit';
import { ring } from '../context';
import { loadAssessment, formVersionDefinition } from '../queries';
import { sectionOf } from '../sections';

export const HELD_COOKIE = '__Secure-heard_held';
export const HELD_FOR_MS = 24 * 60 * 60_000;

function sectionPath(id: string, section: string) {
  return `/assess/${id}/sections/${section}`;
}

function heldToken(c: Context<AppEnv>): string | undefined {
  const token = getCookie(c, HELD_COOKIE);
  return token && TOKEN_PATTERN.test(token) ? token : undefined;
}

function forget(c: Context<AppEnv>) {
  deleteCookie(c, HELD_COOKIE, { path: '/assess', secure: true });
}

/** A section of a draft that exists: only then is anything held (never for a made-up address). */
async function isDraftSection(db: Database, id: string, section: string) {
  const record = await loadAssessment(db, id);
  const draft = record?.versions.at(-1);
  if (!record || record.assessment.status === 'deleted' || draft?.status !== 'draft') return false;
  const definition = await formVersionDefinition(db, draft.formVersionId);
  return !!definition && !!sectionOf(definition, section);
}

/**
 * Before the staff policy on a section's POST: when the browser's session has ended, hold what was
 * posted and send the person to sign in. With a live session, or no session cookie at all (nobody
 * signed in on this browser), it does nothing and the policy decides as ever.
 */
export const holdIfSignedOut = createMiddleware<AppEnv>(async (c, next) => {
  const token = sessionToken(c);
  // Under Cloudflare Access a new session starts from the Access assertion: nothing is lost there.
  if (c.req.method !== 'POST' || !token || configuredAccessVerifier(config(c.env))) return next();
  const db = database(c.env.DB);
  const now = Date.now();
  const tokenHash = await sha256(token);
  const session = await db.select().from(loginSessions).where(eq(loginSessions.tokenHash, tokenHash)).get();
  if (session && !sessionExpired(session, now)) return next();
  const id = c.req.param('id') ?? '';
  const section = c.req.param('section') ?? '';
  // Anyone can send an ended (or made-up) session cookie: holding is limited per address like a submission.
  if (!(await allowSubmission(c, 'held-save'))) return next();
  if (!(await isDraftSection(db, id, section))) return next();
  const body = await c.req.parseBody({ all: true }).catch(() => undefined);
  const parsed = formFields.safeParse(Object.fromEntries(Object.entries(body ?? {}).filter(([, v]) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))));
  if (!parsed.success) return next();
  // The ended session still names its form token: a post that does not carry it came from elsewhere.
  if (session && !sameSecret(typeof parsed.data.csrf === 'string' ? parsed.data.csrf : '', session.csrfToken)) return next();
  const { csrf: _csrf, action: _action, ...fields } = parsed.data;
  const keys = ring(c);
  const previous = heldToken(c);
  const fresh = randomToken();
  const heldId = await keys.hash('held-save', fresh);
  const path = sectionPath(id, section);
  await db.batch([
    db.insert(heldSaves).values({ id: heldId, userId: session?.userId ?? null, path, fieldsSealed: await keys.seal(JSON.stringify(fields), sealContext.heldSave(heldId)), keyId: keys.currentId, createdAt: now, expiresAt: now + HELD_FOR_MS }),
    // One held save a browser: a newer one replaces the last.
    db.delete(heldSaves).where(inArray(heldSaves.id, previous ? await keys.hashes('held-save', previous) : [])),
    // The session has ended: gone now, as the policy would have deleted it.
    db.delete(loginSessions).where(eq(loginSessions.tokenHash, tokenHash)),
  ]);
  setCookie(c, HELD_COOKIE, fresh, { path: '/assess', httpOnly: true, secure: true, sameSite: 'Strict', maxAge: HELD_FOR_MS / 1000 });
  return c.redirect(`/login?next=${encodeURIComponent(path)}`, 303);
});

/**
 * The fields held for this section on this browser, for the signed-in person (who may write the
 * assessment: the caller has checked). Taken once: the held save is deleted as it is shown. One held
 * for someone else is deleted unseen; one held when the ended session no longer said whose it was
 * goes to whoever may write this section, as they could have typed it.
 */
export async function takeHeldSave(c: Context<AppEnv>, id: string, section: string): Promise<RawFields | undefined> {
  const token = heldToken(c);
  if (!token) return undefined;
  const db = database(c.env.DB);
  const keys = ring(c);
  const row = await db
    .select()
    .from(heldSaves)
    .where(inArray(heldSaves.id, await keys.hashes('held-save', token)))
    .get();
  if (!row) {
    forget(c);
    return undefined;
  }
  // Held for another section: left for that section's page.
  if (row.path !== sectionPath(id, section) && row.expiresAt > Date.now()) return undefined;
  await db.delete(heldSaves).where(eq(heldSaves.id, row.id));
  forget(c);
  const userId = c.get('staff').user.id;
  if (row.path !== sectionPath(id, section) || row.expiresAt <= Date.now() || (row.userId !== null && row.userId !== userId)) return undefined;
  const fields = formFields.safeParse(JSON.parse(await keys.open(row.fieldsSealed, sealContext.heldSave(row.id))));
  return fields.success ? fields.data : undefined;
}

/** Deletes held saves past their day; run by the scheduled handler. */
export async function purgeExpiredHeldSaves(db: Database, now = Date.now()) {
  await db.delete(heldSaves).where(lt(heldSaves.expiresAt, now));
}

/** Forgets a held save of this section once the section is saved (a held save never outlives a save). */
export async function dropHeldSave(c: Context<AppEnv>, id: string, section: string) {
  const token = heldToken(c);
  if (!token) return;
  await database(c.env.DB)
    .delete(heldSaves)
    .where(and(inArray(heldSaves.id, await ring(c).hashes('held-save', token)), eq(heldSaves.path, sectionPath(id, section))));
}

// Signing in and out, the second factor, and accepting invite and reset links.
import { and, eq, isNull, ne } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { audit } from '../db/audit';
import { database } from '../db/client';
import { loginSessions, ROLES, users } from '../db/schema';
import { config, keyRing, type AppEnv } from '../env';
import { Problem } from '../http/problems';
import { validate } from '../http/validate';
import { html } from '../views/render';
// The one place sign-in asks the admin area: may the link's issuer still act on this account?
import { issuerStillManages } from '../admin/scope';
import { configuredAccessVerifier } from './access';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { allow, publicRoute, signingIn } from './policy';
import { findUserByEmail, openAccountLink, spendAccountLink } from './queries';
import { issueRecoveryCodes, offerTotpSecret, pendingTotpSecret, roleNeedsSecondFactor, sealUserTotpSecret, totpKeyUri, totpQrSvg, totpStep, userTotpSecret, useRecoveryCode, useTotpCode } from './second-factor';
import { clearSessionCookie, completeSession, endAllSessions, endSession, membershipsOf, sessionToken, setSessionCookie, startSession } from './sessions';
import { beginAttempt, failureKeys } from './sign-in-limits';
import { EnrolSecondFactorPage, LinkUnusablePage, RecoveryCodesPage, SecondFactorPage, SetPasswordPage, SignInPage } from './views';

const WRONG = 'Enter a correct email address and password';
const TOO_MANY = 'Too many attempts to sign in from here. Wait 15 minutes, then try again';

const SAME_SITE = 'https://heard.invalid';

/**
 * Only a path on this site: never follow `next` somewhere else. Resolved as a URL against a dummy
 * origin, then the result must itself be a plain path (one leading slash, no backslash) that resolves
 * to the same origin, because dot segments can collapse into `//host` (`/.//evil`, `/a/../..//evil`,
 * `/%2e%2e//evil`) after the first check. Anything else signs in to the staff home page.
 */
export function sameSitePath(value: string | undefined): string | undefined {
  if (!value || !value.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, SAME_SITE);
  } catch {
    return undefined;
  }
  const path = url.pathname + url.search;
  if (url.origin !== SAME_SITE || !/^\/(?![/\\])/.test(path) || /%5c/i.test(path)) return undefined;
  return new URL(path, SAME_SITE).origin === SAME_SITE ? path : undefined;
}

const safeNext = z.string().max(500).optional().transform(sameSitePath);

const signInBody = z.object({ email: z.string().max(320), password: z.string().max(1000), next: safeNext });
const codeBody = z.object({ csrf: z.string().max(100), code: z.string().max(50) });

const csrfBody = z.object({ csrf: z.string().max(100) });
const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
const passwordBody = z.object({ password: z.string().max(1000), username: z.string().max(320).optional() });

const pause = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

function clientIp(c: Context<AppEnv>) {
  return c.req.header('cf-connecting-ip') ?? 'local';
}

export const auth = new Hono<AppEnv>()
  .get('/login', publicRoute, validate('query', z.object({ next: safeNext })), (c) => {
    const accessMode = configuredAccessVerifier(config(c.env)) !== undefined;
    return c.html(html(<SignInPage next={c.req.valid('query').next} accessMode={accessMode} />));
  })

  .post('/login', publicRoute, validate('form', signInBody), async (c) => {
    const { email, password, next } = c.req.valid('form');
    const db = database(c.env.DB);
    const again = (message: string, status: 401 | 422 | 429) =>
      c.html(html(<SignInPage email={email} next={next} errors={[{ fieldId: email.trim() ? 'password' : 'email', message }]} />), status);
    if (!email.trim() || !password) return again(WRONG, 422);
    const settings = config(c.env);
    const attempt = await beginAttempt(db, await failureKeys(keyRing(c, 'sign-in'), 'password', email, clientIp(c)), settings.SIGN_IN_SLOWDOWN_MS);
    if (attempt.refused) return again(TOO_MANY, 429);
    await pause(attempt.delayMs);
    const user = await findUserByEmail(db, email);
    // The password is always hashed, so an unknown account answers in the same time with the same words.
    const correct = await verifyPassword(password, user?.passwordHash);
    if (!user || !correct || user.status !== 'active') {
      await audit(db, { actor: user?.id ?? 'unknown', action: 'sign-in.failed', targetType: 'user', targetId: user?.id ?? 'unknown' });
      return again(WRONG, 401);
    }
    await attempt.succeeded();
    const memberships = await membershipsOf(db, user.id);
    const needsCode = user.totpSecret !== null || roleNeedsSecondFactor(config(c.env), memberships);
    const token = await startSession(db, user.id, !needsCode);
    setSessionCookie(c, token);
    if (user.totpSecret) return c.redirect(`/login/second-factor${next ? `?next=${encodeURIComponent(next)}` : ''}`, 303);
    if (needsCode) return c.redirect('/account/second-factor', 303);
    await audit(db, { actor: user.id, action: 'sign-in', targetType: 'user', targetId: user.id });
    return c.redirect(next ?? '/staff', 303);
  })

  .get('/login/second-factor', signingIn, validate('query', z.object({ next: safeNext })), (c) => {
    const staff = c.get('staff');
    if (!staff.user.totpSecret) return c.redirect('/account/second-factor', 303);
    return c.html(html(<SecondFactorPage csrf={staff.session!.csrfToken} next={c.req.valid('query').next} />));
  })

  .post('/login/second-factor', signingIn, validate('form', codeBody.extend({ next: safeNext })), async (c) => {
    const staff = c.get('staff');
    const db = database(c.env.DB);
    const { next } = c.req.valid('form');
    const again = (message: string, status: 401 | 429) =>
      c.html(html(<SecondFactorPage csrf={staff.session!.csrfToken} next={next} errors={[{ fieldId: 'code', message }]} />), status);
    const settings = config(c.env);
    const attempt = await beginAttempt(db, await failureKeys(keyRing(c, 'sign-in'), 'code', staff.user.email, clientIp(c)), settings.SIGN_IN_SLOWDOWN_MS);
    if (attempt.refused) return again(TOO_MANY, 429);
    await pause(attempt.delayMs);
    const { code } = c.req.valid('form');
    const secret = staff.user.totpSecret === null ? undefined : await userTotpSecret(keyRing(c, 'sign-in'), staff.user.id, staff.user.totpSecret);
    const ok = secret !== undefined && ((await useTotpCode(db, staff.user.id, secret, code)) || (await useRecoveryCode(db, staff.user.id, code)));
    if (ok) await attempt.succeeded();
    else {
      await audit(db, { actor: staff.user.id, action: 'sign-in.failed', targetType: 'user', targetId: staff.user.id, detail: 'second factor' });
      return again('Enter the code your authenticator app shows now, or a recovery code', 401);
    }
    await completeSession(db, sessionToken(c)!);
    await audit(db, { actor: staff.user.id, action: 'sign-in', targetType: 'user', targetId: staff.user.id });
    return c.redirect(next ?? '/staff', 303);
  })

  .get('/account/second-factor', signingIn, async (c) => {
    const staff = c.get('staff');
    // Replacing an authenticator needs an admin: whoever holds an unlocked session must not swap it.
    if (staff.user.totpSecret) return c.redirect(staff.session?.complete ? '/staff' : '/login/second-factor', 303);
    // The secret is made and kept here; a reload shows the same one, so a code scanned earlier still works.
    const secret = await offerTotpSecret(database(c.env.DB), keyRing(c, 'sign-in'), staff);
    return c.html(html(<EnrolSecondFactorPage csrf={staff.session!.csrfToken} secret={secret} qrSvg={totpQrSvg(totpKeyUri(staff.user.email, secret))} />));
  })

  .post('/account/second-factor', signingIn, validate('form', codeBody), async (c) => {
    const staff = c.get('staff');
    const { code } = c.req.valid('form');
    if (staff.user.totpSecret) throw new Problem('not-allowed');
    // Only the secret this session was offered: never one the browser sends.
    const ring = keyRing(c, 'sign-in');
    const secret = await pendingTotpSecret(ring, staff);
    if (!secret) return c.redirect('/account/second-factor', 303);
    const step = totpStep(secret, code);
    if (step === undefined) {
      const errors = [{ fieldId: 'code', message: 'Enter the 6-digit code your authenticator app shows now' }];
      return c.html(html(<EnrolSecondFactorPage csrf={staff.session!.csrfToken} secret={secret} qrSvg={totpQrSvg(totpKeyUri(staff.user.email, secret))} errors={errors} />), 422);
    }
    const db = database(c.env.DB);
    await db.batch([
      db.update(users).set({ totpSecret: await sealUserTotpSecret(ring, staff.user.id, secret), totpLastStep: step }).where(and(eq(users.id, staff.user.id), isNull(users.totpSecret))),
      db.update(loginSessions).set({ pendingTotpSecret: null }).where(eq(loginSessions.userId, staff.user.id)),
      audit(db, { actor: staff.user.id, action: 'second-factor.enrolled', targetType: 'user', targetId: staff.user.id }),
    ]);
    const codes = await issueRecoveryCodes(db, staff.user.id);
    if (!staff.session?.complete) {
      await completeSession(db, sessionToken(c)!);
      await audit(db, { actor: staff.user.id, action: 'sign-in', targetType: 'user', targetId: staff.user.id });
    }
    return c.html(html(<RecoveryCodesPage codes={codes} />));
  })

  .post('/logout', signingIn, validate('form', csrfBody), async (c) => {
    const staff = c.get('staff');
    const db = database(c.env.DB);
    await endSession(db, sessionToken(c)!);
    await audit(db, { actor: staff.user.id, action: 'sign-out', targetType: 'user', targetId: staff.user.id });
    clearSessionCookie(c);
    return c.redirect('/login', 303);
  })

  .post('/logout-everywhere', allow(...ROLES), validate('form', csrfBody), async (c) => {
    const staff = c.get('staff');
    const db = database(c.env.DB);
    await endAllSessions(db, staff.user.id);
    await audit(db, { actor: staff.user.id, action: 'sign-out.everywhere', targetType: 'user', targetId: staff.user.id });
    clearSessionCookie(c);
    return c.redirect('/login', 303);
  });

/** Invite and reset links: the same page and rules, different wording and audit entry. */
for (const kind of ['invite', 'reset'] as const) {
  auth
    .get(`/${kind}/:token`, publicRoute, validate('param', tokenParam), async (c) => {
      const { token } = c.req.valid('param');
      const db = database(c.env.DB);
      const user = await openAccountLink(db, token, kind);
      if (!user || user.status === 'disabled' || !(await issuerStillManages(db, user.issuedBy, user.id))) return c.html(html(<LinkUnusablePage />), 410);
      return c.html(html(<SetPasswordPage kind={kind} token={token} name={user.name} email={user.email} />));
    })
    .post(`/${kind}/:token`, publicRoute, validate('param', tokenParam), validate('form', passwordBody), async (c) => {
      const { token } = c.req.valid('param');
      const db = database(c.env.DB);
      const user = await openAccountLink(db, token, kind);
      if (!user || user.status === 'disabled' || !(await issuerStillManages(db, user.issuedBy, user.id))) return c.html(html(<LinkUnusablePage />), 410);
      const { password } = c.req.valid('form');
      const problem = passwordProblem(password, user.email);
      if (problem) return c.html(html(<SetPasswordPage kind={kind} token={token} name={user.name} email={user.email} errors={[{ fieldId: 'password', message: problem }]} />), 422);
      const passwordHash = await hashPassword(password);
      if (!(await spendAccountLink(db, token))) return c.html(html(<LinkUnusablePage />), 410);
      await db.batch([
        // Not for an account disabled meanwhile: that stays disabled.
        db
          .update(users)
          .set({ passwordHash, status: 'active' })
          .where(and(eq(users.id, user.id), ne(users.status, 'disabled'))),
        audit(db, { actor: user.id, action: kind === 'invite' ? 'invite.accepted' : 'password.reset', targetType: 'user', targetId: user.id }),
      ]);
      // A new password ends every old session, wherever it was.
      await endAllSessions(db, user.id);
      const memberships = await membershipsOf(db, user.id);
      const needsCode = user.totpSecret !== null || roleNeedsSecondFactor(config(c.env), memberships);
      setSessionCookie(c, await startSession(db, user.id, !needsCode));
      if (user.totpSecret) return c.redirect('/login/second-factor', 303);
      if (needsCode) return c.redirect('/account/second-factor', 303);
      await audit(db, { actor: user.id, action: 'sign-in', targetType: 'user', targetId: user.id });
      return c.redirect('/staff', 303);
    });
}

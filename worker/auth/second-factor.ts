// The second factor: TOTP authenticator apps (RFC 6238) and single-use recovery codes.
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { renderSVG } from 'uqr';
import type { Database } from '../db/client';
import { loginSessions, recoveryCodes, users, type Role } from '../db/schema';
import { sealContext } from '../db/sealed';
import type { Config } from '../env';
import { SEALED_PATTERN, type KeyRing } from '../http/keys';
import { sha256 } from '../http/tokens';
import type { Membership, Staff } from './sessions';

/** Roles that handle personal and health data, and so must sign in with a second factor. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['deployment-admin', 'org-admin', 'moderator', 'assessor', 'support-worker'];

export function roleNeedsSecondFactor(config: Config, memberships: Membership[]): boolean {
  return config.SECOND_FACTOR === 'required' && memberships.some((m) => SECOND_FACTOR_ROLES.includes(m.role));
}

/** True when this person must enrol an authenticator before doing anything else. */
export function needsSecondFactor(config: Config, staff: Staff): boolean {
  return !staff.user.totpSecret && roleNeedsSecondFactor(config, staff.memberships);
}

export function newTotpSecret(): string {
  return encodeBase32NoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

/**
 * Opens an authenticator secret as stored. One stored before secrets were sealed (plain base32, which
 * never looks like `v1.…`) is read as it is, so nobody is locked out; the key rotation seals it.
 */
export function openTotpSecret(ring: KeyRing, stored: string, context: string): Promise<string> {
  return SEALED_PATTERN.test(stored) ? ring.open(stored, context) : Promise.resolve(stored);
}

/** The enrolled secret, sealed to its user's row. */
export const sealUserTotpSecret = (ring: KeyRing, userId: string, secret: string) => ring.seal(secret, sealContext.totpSecret(userId));

/** The enrolled secret of this person, opened. */
export const userTotpSecret = (ring: KeyRing, userId: string, stored: string) => openTotpSecret(ring, stored, sealContext.totpSecret(userId));

/** The secret this session was offered to enrol, opened; undefined when none was offered yet. */
export async function pendingTotpSecret(ring: KeyRing, staff: Staff): Promise<string | undefined> {
  const stored = staff.session?.pendingTotpSecret;
  return stored ? openTotpSecret(ring, stored, sealContext.pendingTotpSecret(staff.session!.tokenHash)) : undefined;
}

/**
 * The secret this signing-in session is offered to enrol, kept sealed on the session row (never trusted
 * from the browser). The first offer sticks, so reloading the page does not change the QR code already scanned.
 */
export async function offerTotpSecret(db: Database, ring: KeyRing, staff: Staff): Promise<string> {
  const pending = await pendingTotpSecret(ring, staff);
  if (pending) return pending;
  const secret = newTotpSecret();
  if (staff.session) {
    const { tokenHash } = staff.session;
    const context = sealContext.pendingTotpSecret(tokenHash);
    await db
      .update(loginSessions)
      .set({ pendingTotpSecret: await ring.seal(secret, context) })
      .where(and(eq(loginSessions.tokenHash, tokenHash), isNull(loginSessions.pendingTotpSecret)));
    // Two loads at once: both read back whichever offer was stored first.
    const row = await db.select({ secret: loginSessions.pendingTotpSecret }).from(loginSessions).where(eq(loginSessions.tokenHash, tokenHash)).get();
    return row?.secret ? openTotpSecret(ring, row.secret, context) : secret;
  }
  return secret;
}

export function totpKeyUri(email: string, secret: string): string {
  return createTOTPKeyURI('Heard', email, decodeBase32IgnorePadding(secret), 30, 6);
}

/** An SVG QR code of the key URI, drawn on the server so enrolment needs no JavaScript. */
export function totpQrSvg(uri: string): string {
  return renderSVG(uri, { border: 2 });
}

const STEP_MS = 30_000;

/** The 30-second step a code belongs to, allowing one step either way for clock drift; undefined if none. */
export function totpStep(secret: string, code: string, now = Date.now()): number | undefined {
  const digits = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(digits)) return undefined;
  const key = decodeBase32IgnorePadding(secret);
  const current = Math.floor(now / STEP_MS);
  return [current, current - 1, current + 1].find((step) => verifyHOTP(key, BigInt(step), 6, digits));
}

/**
 * Accepts a code once: it must be valid and newer than the last code this person used, so a code
 * seen over someone's shoulder cannot be replayed. The update is the check, so two racing uses of
 * one code cannot both succeed.
 */
export async function useTotpCode(db: Database, userId: string, secret: string, code: string, now = Date.now()): Promise<boolean> {
  const step = totpStep(secret, code, now);
  if (step === undefined) return false;
  const result = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .run();
  return (result.meta.changes ?? 0) === 1;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function recoveryCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** New recovery codes, replacing any old ones. Shown once; only their hashes are kept. */
export async function issueRecoveryCodes(db: Database, userId: string, count = 8): Promise<string[]> {
  const codes = Array.from({ length: count }, recoveryCode);
  const hashes = await Promise.all(codes.map((c) => sha256(c)));
  await db.batch([db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)), db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })))]);
  return codes;
}

/** Uses up a recovery code; true when it was valid and unused. */
export async function useRecoveryCode(db: Database, userId: string, typed: string, now = Date.now()): Promise<boolean> {
  const codeHash = await sha256(typed.trim().toLowerCase());
  const result = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .run();
  return (result.meta.changes ?? 0) === 1;
}

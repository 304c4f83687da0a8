// The kiosk's data: the draft a person has just sent (for "Show my code"), the count of wrong PINs
// (the sign-in limiter's table, under the kiosk's own keys) and the audit entries.
import { and, eq, isNotNull } from 'drizzle-orm';
import { audit } from '../../db/audit';
import type { Database } from '../../db/client';
import { drafts } from '../../db/schema';
import type { KeyRing } from '../../http/keys';
import { sha256 } from '../../http/tokens';
import { beginAttempt, network, type Attempt } from '../../auth/sign-in-limits';

/** How long the code of a draft sent at a kiosk stays readable: the confirmation and "Show my code" fit well inside. */
export const SENT_CODE_KEPT_MS = 2 * 60_000;

export interface SentDraft {
  code: string;
  locale: string;
  formVersionId: string;
}

/** The draft behind this token, if it has been sent and still holds its code. */
export async function sentDraft(db: Database, token: string): Promise<SentDraft | undefined> {
  const row = await db
    .select({ code: drafts.withdrawalCode, locale: drafts.locale, formVersionId: drafts.formVersionId })
    .from(drafts)
    .where(and(eq(drafts.tokenHash, await sha256(token)), isNotNull(drafts.submittedAt), isNotNull(drafts.withdrawalCode)))
    .get();
  return row?.code ? { code: row.code, locale: row.locale, formVersionId: row.formVersionId } : undefined;
}

/**
 * Keeps a just-sent draft (and its code) for the confirmation. A kiosk's drafts live only its idle
 * seconds, which can be shorter than the confirmation; the tablet deletes it itself when it starts again.
 */
export async function keepSentDraft(db: Database, token: string, now = Date.now()) {
  await db
    .update(drafts)
    // To the minute, as every draft's expiry: the row never holds the moment someone pressed Send.
    .set({ expiresAt: Math.ceil((now + SENT_CODE_KEPT_MS) / 60_000) * 60_000 })
    .where(and(eq(drafts.tokenHash, await sha256(token)), isNotNull(drafts.submittedAt)));
}

/**
 * Counts a PIN attempt before it is judged, as sign-in counts passwords: per tablet (refused after ten
 * wrong in fifteen minutes, slowed after three) and per address (slowed only: a venue shares one).
 */
export async function beginPinAttempt(db: Database, keys: KeyRing, sessionId: string, deviceId: string, ip: string, slowUnitMs: number): Promise<Attempt> {
  return beginAttempt(
    db,
    {
      pair: await keys.hash('kiosk', `pin-tablet:${sessionId}:${deviceId}`),
      ip: await keys.hash('kiosk', `pin-address:${network(ip)}`),
    },
    slowUnitMs,
  );
}

/** The audit log's record of a tablet becoming a kiosk, or leaving kiosk mode (never a PIN). */
export function auditKiosk(db: Database, actor: string, action: 'kiosk.started' | 'kiosk.left', sessionId: string, detail?: string) {
  return audit(db, { actor, action, targetType: 'session', targetId: sessionId, detail });
}

// Guessing passwords is slowed and then refused per account *and address together*, so nobody can
// lock someone else out: a flood of wrong passwords for an admin's email from one address stops that
// address only, while the right password from an address that has not been failing goes through
// (still followed by the second factor where the account has one). An address that tries many
// accounts is refused as well. Every key is a keyed hash (HMAC under the deployment's key ring), so
// the table holds no e-mail address or IP, nor anything a copy of it could reverse.
// An attempt is written before it is judged and counted with the others, so many attempts sent at once
// cannot all slip under the limit; a refused attempt is then forgotten, so refusals never add up.
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { signInFailures } from '../db/schema';
import type { KeyRing } from '../http/keys';

export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Wrong passwords for one account from one address before that address is refused for it. */
export const MAX_FAILURES_PER_PAIR = 10;
/** Failures from one address across all accounts (password spraying) before it is refused. */
export const MAX_FAILURES_PER_IP = 50;
/** Failures before each further attempt from the same address for the same account waits a little. */
export const SLOW_AFTER = 3;

export interface AttemptKeys {
  pair: string;
  ip: string;
}

export async function failureKeys(keys: KeyRing, email: string, ip: string): Promise<AttemptKeys> {
  const account = email.trim().toLowerCase();
  return { pair: await keys.hash('sign-in', `pair:${account}\n${ip}`), ip: await keys.hash('sign-in', `ip:${ip}`) };
}

/** How long to wait before answering: nothing at first, then growing with this address's failures. */
export function slowdownMs(pairFailuresBefore: number, unitMs: number): number {
  if (pairFailuresBefore < SLOW_AFTER) return 0;
  return Math.min(4, pairFailuresBefore - SLOW_AFTER + 1) * unitMs;
}

export interface Attempt {
  /** True when this attempt is over a limit and must be refused unheard. */
  refused: boolean;
  /** Milliseconds to wait before answering, so guessing from one address is slow. */
  delayMs: number;
  /** Forgets this address's failures for this account: call when the attempt succeeds. */
  succeeded(): Promise<void>;
}

export async function beginAttempt(db: Database, keys: AttemptKeys, slowUnitMs: number, now = Date.now()): Promise<Attempt> {
  const recent = (key: string) =>
    db.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.key, key), gt(signInFailures.at, now - FAILURE_WINDOW_MS)));
  const [inserted, pair, ip] = await db.batch([
    db
      .insert(signInFailures)
      .values([
        { key: keys.pair, at: now },
        { key: keys.ip, at: now },
      ])
      .returning({ id: signInFailures.id }),
    recent(keys.pair),
    recent(keys.ip),
  ]);
  const ids = inserted.map((r) => r.id);
  // This attempt is among those counted, so "over" means more than the limit before it.
  const pairBefore = (pair[0]?.n ?? 1) - 1;
  const ipBefore = (ip[0]?.n ?? 1) - 1;
  const refused = pairBefore >= MAX_FAILURES_PER_PAIR || ipBefore >= MAX_FAILURES_PER_IP;
  if (refused) await db.delete(signInFailures).where(inArray(signInFailures.id, ids));
  return {
    refused,
    delayMs: refused ? 0 : slowdownMs(pairBefore, slowUnitMs),
    succeeded: async () => {
      await db.batch([
        db.delete(signInFailures).where(inArray(signInFailures.id, ids)),
        db.delete(signInFailures).where(eq(signInFailures.key, keys.pair)),
      ]);
    },
  };
}

/** The scheduled handler's sweep: failures older than the window count for nothing. */
export async function purgeOldSignInFailures(db: Database, now = Date.now(), chunk = 1000) {
  for (let round = 0; round < 20; round++) {
    const result = await db.run(
      sql`DELETE FROM sign_in_failures WHERE id IN (SELECT id FROM sign_in_failures WHERE at < ${now - FAILURE_WINDOW_MS} LIMIT ${chunk})`,
    );
    if ((result.meta.changes ?? 0) < chunk) break;
  }
}

// Guessing passwords is slowed and then refused per account *and address together*, so nobody can
// lock someone else out: a flood of wrong passwords for an admin's email from one address stops that
// address only, while the right password from an address that has not been failing goes through
// (still followed by the second factor where the account has one). An address that tries many
// accounts is slowed. Second-factor codes count separately, per address and per account. Every key is a keyed hash (HMAC under the deployment's key ring), so
// the table holds no e-mail address or IP, nor anything a copy of it could reverse.
// An attempt is written before it is judged and counted with the others, so many attempts sent at once
// cannot all slip under the limit; a refused attempt is then forgotten, so refusals never add up.
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { signInFailures } from '../db/schema';
import type { KeyRing } from '../http/keys';

export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Wrong tries for one account from one address (or IPv6 /64) before that address is refused for it. */
export const MAX_FAILURES_PER_PAIR = 10;
/** Failures from one address across all accounts (password spraying) before each try there is slowed. */
export const MAX_FAILURES_PER_IP = 50;
/**
 * Wrong second-factor codes for one account from anywhere before codes are refused for it: only someone
 * who already has the password gets this far, so refusing here locks out nobody who should be let in.
 */
export const MAX_CODE_FAILURES_PER_ACCOUNT = 30;
/** Failures before each further attempt from the same address for the same account waits a little. */
export const SLOW_AFTER = 3;

export type Step = 'password' | 'code';

export interface AttemptKeys {
  pair: string;
  ip: string;
  /** The second-factor step also counts per account, across addresses. */
  account?: string;
}

/**
 * Where a request comes from, for counting: an IPv4 address, or an IPv6 address's /64 (one home or
 * mobile connection is given a whole /64, so each of its addresses must not be a fresh counter).
 */
export function network(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.split('::');
  const left = head.split(':').filter(Boolean);
  const right = tail === undefined ? [] : tail.split(':').filter(Boolean);
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export async function failureKeys(keys: KeyRing, step: Step, email: string, ip: string): Promise<AttemptKeys> {
  const account = email.trim().toLowerCase();
  const from = network(ip);
  return {
    // Each step has its own counter, so a correct password never wipes the count of wrong codes.
    pair: await keys.hash('sign-in', `${step}:${account}\n${from}`),
    ip: await keys.hash('sign-in', `ip:${from}`),
    ...(step === 'code' ? { account: await keys.hash('sign-in', `code-account:${account}`) } : {}),
  };
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
  /** Forgets this address's failures for this account at this step: call when the attempt succeeds. */
  succeeded(): Promise<void>;
}

export async function beginAttempt(db: Database, keys: AttemptKeys, slowUnitMs: number, now = Date.now()): Promise<Attempt> {
  const recent = (key: string) =>
    db.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.key, key), gt(signInFailures.at, now - FAILURE_WINDOW_MS)));
  const counted = [keys.pair, keys.ip, ...(keys.account ? [keys.account] : [])];
  const [inserted, pair, ip, account] = await db.batch([
    db
      .insert(signInFailures)
      .values(counted.map((key) => ({ key, at: now })))
      .returning({ id: signInFailures.id }),
    recent(keys.pair),
    recent(keys.ip),
    recent(keys.account ?? keys.pair),
  ]);
  const ids = inserted.map((r) => r.id);
  // This attempt is among those counted, so "over" means more than the limit before it.
  const pairBefore = (pair[0]?.n ?? 1) - 1;
  const ipBefore = (ip[0]?.n ?? 1) - 1;
  const accountBefore = keys.account ? (account[0]?.n ?? 1) - 1 : 0;
  // An address over its limit is slowed, never refused: offices, hostels and mobile networks share
  // addresses, and refusing would let anyone there lock everyone else out.
  const refused = pairBefore >= MAX_FAILURES_PER_PAIR || accountBefore >= MAX_CODE_FAILURES_PER_ACCOUNT;
  if (refused) await db.delete(signInFailures).where(inArray(signInFailures.id, ids));
  const spraying = ipBefore >= MAX_FAILURES_PER_IP ? 4 * slowUnitMs : 0;
  return {
    refused,
    delayMs: refused ? 0 : Math.max(slowdownMs(pairBefore, slowUnitMs), spraying),
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

// Sign-in attempts are counted per account and per IP address over 15 minutes; both keys are hashed,
// so the table holds no e-mail address or IP. An attempt is written before it is judged and counted
// with the others, so many attempts sent at once cannot all slip under the limit.
import { and, count, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Database } from '../db/client';
import { signInFailures } from '../db/schema';
import { sha256 } from '../http/tokens';

export const FAILURE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_IP = 50;

export interface AttemptKeys {
  account: string;
  ip: string;
}

export async function failureKeys(email: string, ip: string): Promise<AttemptKeys> {
  return { account: `account:${await sha256(email.toLowerCase())}`, ip: `ip:${await sha256(ip)}` };
}

export interface Attempt {
  /** True when this attempt is over either limit and must be refused unheard. */
  refused: boolean;
  /** Forgets the attempt: call when it succeeds, so only failures count. */
  succeeded(): Promise<void>;
}

export async function beginAttempt(db: Database, keys: AttemptKeys, now = Date.now()): Promise<Attempt> {
  const recent = (key: string) =>
    db.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.key, key), gt(signInFailures.at, now - FAILURE_WINDOW_MS)));
  const [inserted, account, ip] = await db.batch([
    db
      .insert(signInFailures)
      .values([
        { key: keys.account, at: now },
        { key: keys.ip, at: now },
      ])
      .returning({ id: signInFailures.id }),
    recent(keys.account),
    recent(keys.ip),
    db.delete(signInFailures).where(lt(signInFailures.at, now - FAILURE_WINDOW_MS)),
  ]);
  // This attempt is among those counted, so "over" means more than the limit before it.
  const refused = (account[0]?.n ?? 0) > MAX_FAILURES_PER_ACCOUNT || (ip[0]?.n ?? 0) > MAX_FAILURES_PER_IP;
  return {
    refused,
    succeeded: async () => {
      await db.delete(signInFailures).where(inArray(signInFailures.id, inserted.map((r) => r.id)));
    },
  };
}

// Failed sign-ins are counted per account and per IP address over 15 minutes; both keys are hashed,
// so the table holds no e-mail address or IP.
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Database } from '../db/client';
import { signInFailures } from '../db/schema';
import { sha256 } from '../http/tokens';

export const FAILURE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_IP = 50;

export async function failureKeys(email: string, ip: string) {
  return { account: `account:${await sha256(email.toLowerCase())}`, ip: `ip:${await sha256(ip)}` };
}

async function recent(db: Database, key: string, now: number): Promise<number> {
  const rows = await db.select({ key: signInFailures.key }).from(signInFailures).where(and(eq(signInFailures.key, key), gt(signInFailures.at, now - FAILURE_WINDOW_MS))).all();
  return rows.length;
}

/** True when either the account or the address has failed too often lately. */
export async function tooManyFailures(db: Database, keys: { account: string; ip: string }, now = Date.now()): Promise<boolean> {
  const [account, ip] = await Promise.all([recent(db, keys.account, now), recent(db, keys.ip, now)]);
  return account >= MAX_FAILURES_PER_ACCOUNT || ip >= MAX_FAILURES_PER_IP;
}

export async function recordFailure(db: Database, keys: { account: string; ip: string }, now = Date.now()) {
  await db.batch([
    db.insert(signInFailures).values([
      { key: keys.account, at: now },
      { key: keys.ip, at: now },
    ]),
    db.delete(signInFailures).where(lt(signInFailures.at, now - FAILURE_WINDOW_MS)),
  ]);
}

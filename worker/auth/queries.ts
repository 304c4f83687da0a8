// Staff accounts: finding people, invite and reset links, passwords and second factors.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { accountLinks, users, type User } from '../db/schema';
import { randomToken, sha256 } from '../http/tokens';

export const LINK_LIFETIME_MS = 7 * 24 * 60 * 60_000;

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  return db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

/** A single-use invite or reset link; only the token's hash is stored. Any older unused link of that kind stops working. */
export async function issueAccountLink(db: Database, userId: string, kind: 'invite' | 'reset', createdBy: string, now = Date.now()): Promise<string> {
  const token = randomToken();
  await db.batch([
    db
      .update(accountLinks)
      .set({ usedAt: now })
      .where(and(eq(accountLinks.userId, userId), eq(accountLinks.kind, kind), isNull(accountLinks.usedAt))),
    db.insert(accountLinks).values({ tokenHash: await sha256(token), userId, kind, createdBy, createdAt: now, expiresAt: now + LINK_LIFETIME_MS }),
  ]);
  return token;
}

/** The person a link is for (and who issued it), if the link is unused and in date. */
export async function openAccountLink(db: Database, token: string, kind: 'invite' | 'reset', now = Date.now()): Promise<(User & { issuedBy: string }) | undefined> {
  const row = await db
    .select({ user: users, issuedBy: accountLinks.createdBy })
    .from(accountLinks)
    .innerJoin(users, eq(users.id, accountLinks.userId))
    .where(and(eq(accountLinks.tokenHash, await sha256(token)), eq(accountLinks.kind, kind), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, now)))
    .get();
  return row && { ...row.user, issuedBy: row.issuedBy };
}

/** Uses a link up; false when someone else used it first. */
export async function spendAccountLink(db: Database, token: string, now = Date.now()): Promise<boolean> {
  const result = await db
    .update(accountLinks)
    .set({ usedAt: now })
    .where(and(eq(accountLinks.tokenHash, await sha256(token)), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, now)))
    .run();
  return (result.meta.changes ?? 0) === 1;
}

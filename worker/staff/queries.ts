// What waits for each role on the staff home page.
import { and, count, eq, gte, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { feedbackSessions, memberships, organisations, responses, users } from '../db/schema';

/** The figures on the home page; open sessions are those of `facilitated` (the organisations this person runs sessions for). */
export async function homeCounts(db: Database, facilitated: string[], now = Date.now()) {
  const quarterStart = startOfQuarter(now);
  const [received, thisQuarter, invited, openSessions] = await db.batch([
    db.select({ n: count() }).from(responses),
    db.select({ n: count() }).from(responses).where(gte(responses.submittedAt, quarterStart)),
    db.select({ n: count() }).from(users).where(eq(users.status, 'invited')),
    db
      .select({ n: count() })
      .from(feedbackSessions)
      .where(and(eq(feedbackSessions.status, 'open'), inArray(feedbackSessions.organisationId, facilitated.length ? facilitated : ['']))),
  ]);
  return { received: received[0]?.n ?? 0, thisQuarter: thisQuarter[0]?.n ?? 0, invited: invited[0]?.n ?? 0, openSessions: openSessions[0]?.n ?? 0 };
}

function startOfQuarter(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
}

export async function organisationWithMembers(db: Database, organisationId: string) {
  const organisation = await db.select().from(organisations).where(eq(organisations.id, organisationId)).get();
  if (!organisation) return undefined;
  const members = await db
    .select({ name: users.name, email: users.email, status: users.status, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(users.name)
    .all();
  return { organisation, members };
}

// What admins read and change: people, their roles, organisations and the audit log.
import { and, count, desc, eq, gte, isNull, like, lt, type SQL } from 'drizzle-orm';
import { audit } from '../db/audit';
import type { Database } from '../db/client';
import { accountLinks, auditLog, loginSessions, memberships, organisations, recoveryCodes, users, type Role, type User } from '../db/schema';

export interface Person {
  user: User;
  roles: { organisationId: string; organisationName: string; role: Role }[];
}

export async function listPeople(db: Database): Promise<Person[]> {
  const [people, roles] = await Promise.all([
    db.select().from(users).orderBy(users.name).all(),
    db
      .select({ userId: memberships.userId, organisationId: memberships.organisationId, organisationName: organisations.name, role: memberships.role })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .all(),
  ]);
  return people.map((user) => ({ user, roles: roles.filter((r) => r.userId === user.id) }));
}

export async function findPerson(db: Database, id: string): Promise<Person | undefined> {
  const user = await db.select().from(users).where(eq(users.id, id)).get();
  if (!user) return undefined;
  const roles = await db
    .select({ organisationId: memberships.organisationId, organisationName: organisations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, id))
    .all();
  return { user, roles };
}

export async function listOrganisations(db: Database) {
  return db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, description: organisations.description, members: count(memberships.userId) })
    .from(organisations)
    .leftJoin(memberships, eq(memberships.organisationId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(organisations.name)
    .all();
}

export async function organisationExists(db: Database, id: string): Promise<boolean> {
  return (await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id)).get()) !== undefined;
}

/** Creates an invited account with its first role. */
export async function createInvitedUser(db: Database, input: { email: string; name: string; organisationId: string; role: Role }, by: string): Promise<string> {
  const id = crypto.randomUUID();
  await db.batch([
    db.insert(users).values({ id, email: input.email, name: input.name, status: 'invited' }),
    db.insert(memberships).values({ userId: id, organisationId: input.organisationId, role: input.role }),
    audit(db, { actor: by, action: 'invite', targetType: 'user', targetId: id, detail: `${input.role} in ${input.organisationId}` }),
  ]);
  return id;
}

/** A role change voids the person's unused links: whoever issued them may no longer manage the account. */
const voidLinks = (db: Database, userId: string, now = Date.now()) =>
  db.update(accountLinks).set({ usedAt: now }).where(and(eq(accountLinks.userId, userId), isNull(accountLinks.usedAt)));

export async function addRole(db: Database, userId: string, organisationId: string, role: Role, by: string) {
  await db.batch([
    voidLinks(db, userId),
    db.insert(memberships).values({ userId, organisationId, role }).onConflictDoNothing(),
    audit(db, { actor: by, action: 'role.added', targetType: 'user', targetId: userId, detail: `${role} in ${organisationId}` }),
  ]);
}

export async function removeRole(db: Database, userId: string, organisationId: string, role: Role, by: string) {
  await db.batch([
    voidLinks(db, userId),
    db.delete(memberships).where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId), eq(memberships.role, role))),
    audit(db, { actor: by, action: 'role.removed', targetType: 'user', targetId: userId, detail: `${role} in ${organisationId}` }),
  ]);
}

/**
 * Disabling ends every session at once. Disabling and re-enabling both void every invite and reset
 * link not yet used, so a link handed out before the account was stopped never works after it restarts.
 */
export async function setDisabled(db: Database, userId: string, disabled: boolean, by: string, now = Date.now()) {
  const person = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
  const status = disabled ? 'disabled' : person?.passwordHash ? 'active' : 'invited';
  await db.batch([
    db.update(users).set({ status }).where(eq(users.id, userId)),
    db.update(accountLinks).set({ usedAt: now }).where(and(eq(accountLinks.userId, userId), isNull(accountLinks.usedAt))),
    db.delete(loginSessions).where(eq(loginSessions.userId, userId)),
    audit(db, { actor: by, action: disabled ? 'user.disabled' : 'user.enabled', targetType: 'user', targetId: userId }),
  ]);
}

export interface AuditFilters {
  who?: string;
  what?: string;
  from?: number;
  to?: number;
}

/** The newest entries first, filtered by who (user id or e-mail), what (action prefix) and when. */
export async function searchAuditLog(db: Database, filters: AuditFilters, limit = 200) {
  const conditions: SQL[] = [];
  if (filters.who) {
    const byEmail = await db.select({ id: users.id }).from(users).where(eq(users.email, filters.who.toLowerCase())).get();
    conditions.push(eq(auditLog.actor, byEmail?.id ?? filters.who));
  }
  if (filters.what) conditions.push(like(auditLog.action, `${filters.what.replace(/[%_]/g, '')}%`));
  if (filters.from !== undefined) conditions.push(gte(auditLog.at, filters.from));
  if (filters.to !== undefined) conditions.push(lt(auditLog.at, filters.to));
  return db
    .select({ id: auditLog.id, at: auditLog.at, actor: auditLog.actor, actorName: users.name, actorEmail: users.email, action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId, detail: auditLog.detail })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actor))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}

export async function auditActions(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action).all();
  return rows.map((r) => r.action);
}

/** For someone who lost their phone and codes: they enrol a new authenticator at next sign-in. */
export async function removeSecondFactor(db: Database, userId: string, by: string) {
  await db.batch([
    db.update(users).set({ totpSecret: null, totpLastStep: null }).where(eq(users.id, userId)),
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    db.delete(loginSessions).where(eq(loginSessions.userId, userId)),
    audit(db, { actor: by, action: 'second-factor.removed', targetType: 'user', targetId: userId }),
  ]);
}

// What an admin may reach. A deployment admin reaches every organisation; an organisation admin
// reaches the people of the organisations they are admin of, and acts on a whole account (reset
// link, disabling, removing an authenticator) only when every role that account holds is inside
// those organisations, so no organisation can take over another's staff. Nobody but a deployment
// admin grants, removes or acts on deployment admin.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { memberships, ROLES, type Role } from '../db/schema';
import type { Staff } from '../auth/sessions';
import type { Person } from './queries';

export interface AdminScope {
  deployment: boolean;
  /** The organisations this person is organisation admin of (all of them for a deployment admin). */
  organisations: ReadonlySet<string>;
}

export function adminScope(staff: Staff): AdminScope {
  const deployment = staff.memberships.some((m) => m.role === 'deployment-admin');
  return { deployment, organisations: new Set(staff.memberships.filter((m) => m.role === 'org-admin').map((m) => m.organisationId)) };
}

export function managesOrganisation(scope: AdminScope, organisationId: string): boolean {
  return scope.deployment || scope.organisations.has(organisationId);
}

/** May see this person at all: they hold a role in one of my organisations. */
export function seesPerson(scope: AdminScope, person: Person): boolean {
  return scope.deployment || person.roles.some((r) => scope.organisations.has(r.organisationId));
}

/** May act on the whole account: every role is in one of my organisations, and none is deployment admin. */
export function managesAccount(scope: AdminScope, person: Person): boolean {
  if (scope.deployment) return true;
  return person.roles.length > 0 && person.roles.every((r) => r.role !== 'deployment-admin' && scope.organisations.has(r.organisationId));
}

/** May add or remove this role in this organisation. */
export function managesRole(scope: AdminScope, organisationId: string, role: Role): boolean {
  if (scope.deployment) return true;
  return role !== 'deployment-admin' && scope.organisations.has(organisationId);
}

export function grantableRoles(scope: AdminScope): Role[] {
  return ROLES.filter((r) => scope.deployment || r !== 'deployment-admin');
}

/**
 * Checked when an invite or reset link is used, not only when it was made: the person who issued it
 * must still be allowed to act on this whole account now. So a link an organisation admin issued stops
 * working if its person has since become a deployment admin, or joined another organisation, and a
 * link from an admin who has lost the role stops too. 'system' is the first admin's invite (the CLI).
 */
export async function issuerStillManages(db: Database, issuerId: string, userId: string): Promise<boolean> {
  if (issuerId === 'system') return true;
  const [issuerRoles, personRoles] = await Promise.all([
    db.select({ organisationId: memberships.organisationId, role: memberships.role }).from(memberships).where(eq(memberships.userId, issuerId)).all(),
    db.select({ organisationId: memberships.organisationId, role: memberships.role }).from(memberships).where(eq(memberships.userId, userId)).all(),
  ]);
  const scope = adminScope({ memberships: issuerRoles } as unknown as Staff);
  if (!scope.deployment && scope.organisations.size === 0) return false;
  return managesAccount(scope, { roles: personRoles.map((r) => ({ ...r, organisationName: '' })) } as unknown as Person);
}

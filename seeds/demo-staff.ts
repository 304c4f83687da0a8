// Demo staff for local use only: one person per role (a deployment admin and LEAF's organisation admin), password "demo-password", no second factor.
// `npm start` loads these; the remote seed never does.
import { hashPassword } from '../worker/auth/passwords';
import type { Role } from '../worker/db/schema';
import { lit } from './index';

export const DEMO_PASSWORD = 'demo-password';

export const demoStaff: { id: string; role: Role; name: string; organisationId: string }[] = [
  { id: '00000000-0000-4000-8000-000000000001', role: 'deployment-admin', name: 'Ada Admin', organisationId: 'oxfordshire-county-council' },
  { id: '00000000-0000-4000-8000-000000000006', role: 'org-admin', name: 'Leo LEAF Admin', organisationId: 'leaf' },
  { id: '00000000-0000-4000-8000-000000000002', role: 'facilitator', name: 'Femi Facilitator', organisationId: 'leaf' },
  { id: '00000000-0000-4000-8000-000000000003', role: 'moderator', name: 'Mo Moderator', organisationId: 'homeless-oxfordshire' },
  // A second moderator, who does the demo's blind second coding (seeds/demo/second-coding.ts).
  { id: '00000000-0000-4000-8000-000000000007', role: 'moderator', name: 'Priya Second-Coder', organisationId: 'leaf' },
  { id: '00000000-0000-4000-8000-000000000004', role: 'assessor', name: 'Asha Assessor', organisationId: 'st-mungos' },
  { id: '00000000-0000-4000-8000-000000000005', role: 'commissioner', name: 'Cai Commissioner', organisationId: 'oxford-city-council' },
];

const EMAILS: Record<Role, string> = {
  'deployment-admin': 'admin@heard.local',
  'org-admin': 'leaf-admin@heard.local',
  facilitator: 'facilitator@heard.local',
  moderator: 'moderator@heard.local',
  assessor: 'assessor@heard.local',
  commissioner: 'commissioner@heard.local',
};
export const demoEmail = (role: Role) => EMAILS[role];
/** A demo person's email: the role's, or for the second moderator moderator2@heard.local. */
export const demoEmailOf = (p: { id: string; role: Role }) => (p.id === SECOND_MODERATOR ? 'moderator2@heard.local' : EMAILS[p.role]);
export const SECOND_MODERATOR = '00000000-0000-4000-8000-000000000007';

/** Upserts for the demo staff; re-running resets their passwords and roles to the demo ones. */
export async function demoStaffStatements(): Promise<string[]> {
  const out: string[] = [];
  for (const p of demoStaff) {
    const hash = await hashPassword(DEMO_PASSWORD);
    out.push(
      `INSERT INTO users (id, email, name, password_hash, status) VALUES (${lit(p.id)}, ${lit(demoEmailOf(p))}, ${lit(p.name)}, ${lit(hash)}, 'active') ` +
        `ON CONFLICT(id) DO UPDATE SET password_hash = excluded.password_hash, status = 'active';`,
      `INSERT OR IGNORE INTO memberships (user_id, organisation_id, role) VALUES (${lit(p.id)}, ${lit(p.organisationId)}, ${lit(p.role)});`,
    );
  }
  return out;
}

// Demo staff for local use only: one person per role (a deployment admin and LEAF's organisation admin), password "demo-password", no second factor.
// `npm start` loads these; the remote seed never does.
import { hashPassword } from '../worker/auth/passwords';
import type { Role } from '../worker/db/schema';
import { lit } from './index';

export const DEMO_PASSWORD = 'demo-password';

export interface DemoPerson {
  id: string;
  role: Role;
  name: string;
  organisationId: string;
  email: string;
}

export const demoStaff: DemoPerson[] = [
  { id: '00000000-0000-4000-8000-000000000001', role: 'deployment-admin', name: 'Ada Admin', organisationId: 'oxfordshire-county-council', email: 'admin@heard.local' },
  { id: '00000000-0000-4000-8000-000000000006', role: 'org-admin', name: 'Leo LEAF Admin', organisationId: 'leaf', email: 'leaf-admin@heard.local' },
  { id: '00000000-0000-4000-8000-000000000002', role: 'facilitator', name: 'Femi Facilitator', organisationId: 'leaf', email: 'facilitator@heard.local' },
  { id: '00000000-0000-4000-8000-000000000003', role: 'moderator', name: 'Mo Moderator', organisationId: 'homeless-oxfordshire', email: 'moderator@heard.local' },
  // A second moderator, who does the demo's blind second coding (seeds/demo/second-coding.ts).
  { id: '00000000-0000-4000-8000-000000000007', role: 'moderator', name: 'Priya Second-Coder', organisationId: 'leaf', email: 'moderator2@heard.local' },
  // The trusted assessment's access rules, to try by hand: Sam Demo's assessment is St Mungo's, shared
  // with Connection Support (whose assessor and support worker read it) and not with A2Dominion.
  { id: '00000000-0000-4000-8000-000000000004', role: 'assessor', name: 'Asha Assessor', organisationId: 'st-mungos', email: 'assessor@heard.local' },
  { id: '00000000-0000-4000-8000-000000000008', role: 'assessor', name: 'Cole Connection', organisationId: 'connection-support', email: 'assessor2@heard.local' },
  { id: '00000000-0000-4000-8000-000000000009', role: 'support-worker', name: 'Sid Support', organisationId: 'connection-support', email: 'support@heard.local' },
  { id: '00000000-0000-4000-8000-00000000000a', role: 'assessor', name: 'Ola Outside', organisationId: 'a2dominion', email: 'assessor3@heard.local' },
  { id: '00000000-0000-4000-8000-000000000005', role: 'commissioner', name: 'Cai Commissioner', organisationId: 'oxford-city-council', email: 'commissioner@heard.local' },
];

/** The first demo person with this role's email (`moderator@heard.local` for moderators). */
export const demoEmail = (role: Role) => demoStaff.find((p) => p.role === role)!.email;
export const SECOND_MODERATOR = '00000000-0000-4000-8000-000000000007';

/** Upserts for the demo staff; re-running resets their passwords and roles to the demo ones. */
export async function demoStaffStatements(): Promise<string[]> {
  const out: string[] = [];
  for (const p of demoStaff) {
    const hash = await hashPassword(DEMO_PASSWORD);
    out.push(
      `INSERT INTO users (id, email, name, password_hash, status) VALUES (${lit(p.id)}, ${lit(p.email)}, ${lit(p.name)}, ${lit(hash)}, 'active') ` +
        `ON CONFLICT(id) DO UPDATE SET password_hash = excluded.password_hash, status = 'active';`,
      `INSERT OR IGNORE INTO memberships (user_id, organisation_id, role) VALUES (${lit(p.id)}, ${lit(p.organisationId)}, ${lit(p.role)});`,
    );
  }
  return out;
}

// Staff for tests: real accounts in the test D1, signed in over HTTP like a person would.
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { hashPassword } from '../../worker/auth/passwords';
import { newTotpSecret, SECOND_FACTOR_ROLES } from '../../worker/auth/second-factor';
import type { Role } from '../../worker/db/schema';
import { sealContext } from '../../worker/db/sealed';
import { KeyRing } from '../../worker/http/keys';
import { sha256 } from '../../worker/http/tokens';
import { Visitor } from './visitor';

export const PASSWORD = 'correct horse battery staple';

let n = 0;

export interface TestStaff {
  id: string;
  email: string;
  role: Role;
  organisationId: string;
  totpSecret: string | null;
}

/** An active account with one role; roles that need a second factor get an authenticator secret, stored sealed as enrolment stores it. */
export async function createStaff(role: Role, organisationId = 'homeless-oxfordshire', options: { totp?: boolean } = {}): Promise<TestStaff> {
  n += 1;
  const id = crypto.randomUUID();
  const email = `${role}${n}@example.org`;
  const totp = options.totp ?? SECOND_FACTOR_ROLES.includes(role);
  const totpSecret = totp ? newTotpSecret() : null;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO users (id, email, name, password_hash, status, totp_secret) VALUES (?, ?, ?, ?, 'active', ?)").bind(id, email, `Test ${role} ${n}`, await hashPassword(PASSWORD), totpSecret && (await KeyRing.parse(env.HEARD_KEYS).seal(totpSecret, sealContext.totpSecret(id)))),
    env.DB.prepare('INSERT INTO memberships (user_id, organisation_id, role) VALUES (?, ?, ?)').bind(id, organisationId, role),
  ]);
  return { id, email, role, organisationId, totpSecret };
}

/** The code an authenticator app shows now, or `steps` 30-second steps later (codes are single-use). */
export function totpNow(secret: string, steps = 0): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000) + steps), 6);
}

/** Signs in by password (and the code, if the account has a second factor); returns the visitor. */
export async function signIn(staff: TestStaff, visitor = new Visitor({ 'cf-connecting-ip': `10.9.0.${++n % 250}` })): Promise<Visitor> {
  const res = await visitor.post('/login', { email: staff.email, password: PASSWORD });
  expect(res.status, 'password accepted').toBe(303);
  if (staff.totpSecret) {
    expect(Visitor.location(res)).toBe('/login/second-factor');
    const code = await visitor.post('/login/second-factor', { csrf: await csrfOf(visitor), code: totpNow(staff.totpSecret) });
    expect(code.status, 'code accepted').toBe(303);
  }
  return visitor;
}

/** The form token of the visitor's session, as its pages carry it. */
export async function csrfOf(visitor: Visitor): Promise<string> {
  const token = visitor.cookies.get('__Host-heard_session');
  if (!token) throw new Error('not signed in');
  const row = await env.DB.prepare('SELECT csrf_token AS t FROM login_sessions WHERE token_hash = ?').bind(await sha256(token)).first<{ t: string }>();
  if (!row) throw new Error('no session row');
  return row.t;
}

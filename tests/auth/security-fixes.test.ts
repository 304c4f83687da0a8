// The sign-in and admin attacks an outside probe found (issue 7, points 1 to 7 and the sign-in part
// of 13), each written as the attack: it succeeded on the old code and must fail now.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyOf } from '../../worker/auth/policy';
import { sameSitePath } from '../../worker/auth/routes';
import { buildApp } from '../../worker/app';
import { sha256 } from '../../worker/http/tokens';
import worker from '../../worker/index';
import { newTotpSecret } from '../../worker/auth/second-factor';
import { createStaff, csrfOf, PASSWORD, signIn, totpNow, type TestStaff } from '../helpers/staff';
import { ORIGIN, Visitor } from '../helpers/visitor';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

const ip = (() => {
  let n = 0;
  return () => `10.30.${Math.floor(++n / 250)}.${n % 250}`;
})();

const count = async (sql: string, ...binds: unknown[]) => (await env.DB.prepare(sql).bind(...binds).first<{ n: number }>())!.n;

function linkIn(html: string): string {
  const m = /id="account-link">([^<]+)</.exec(html);
  if (!m?.[1]) throw new Error('no link on the page');
  return m[1].trim();
}

/** Adds a role to an existing test account. */
async function addMembership(person: TestStaff, organisationId: string, role: string) {
  await env.DB.prepare('INSERT INTO memberships (user_id, organisation_id, role) VALUES (?, ?, ?)').bind(person.id, organisationId, role).run();
}

// Every way a probe or we could think of to turn `next` into another host.
const HOSTILE_NEXTS = [
  '/.//evil.example/x',
  '/..//evil.example',
  '/%2e%2e//evil.example',
  '/%2E%2E//evil.example',
  '/a/../..//evil.example',
  '/././/evil.example',
  '//evil.example/x',
  '///evil.example',
  '/\\evil.example',
  '/%5cevil.example',
  '/%5Cevil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r//evil.example',
  '/ /evil.example',
  'https://evil.example/',
  'HTTPS://evil.example',
  'javascript:alert(1)',
  '/%2f%2fevil.example',
  '/.%2e//evil.example',
  '/\u3002/evil.example',
  '\\\\evil.example',
];

/** True when a browser following this Location stays on our own site. */
function staysHome(location: string) {
  return new URL(location, ORIGIN).origin === ORIGIN && !/^\/[/\\]/.test(location);
}

describe('1. sign-in never lands anywhere but this site', () => {
  it('keeps every hostile `next` out of the redirect after a password', async () => {
    const person = await createStaff('facilitator', 'leaf');
    for (const next of HOSTILE_NEXTS) {
      const res = await new Visitor({ 'cf-connecting-ip': ip() }).post('/login', { email: person.email, password: PASSWORD, next });
      expect(res.status, JSON.stringify(next)).toBe(303);
      const location = res.headers.get('location')!;
      expect(staysHome(location), `${JSON.stringify(next)} went to ${location}`).toBe(true);
    }
  });

  it('keeps them out of the sign-in page, the second-factor page and the redirect after the code', async () => {
    for (const next of HOSTILE_NEXTS) {
      // A code is accepted once per account, so each round signs in someone new.
      const mod = await createStaff('moderator', 'homeless-oxfordshire');
      const page = await (await new Visitor().get(`/login?next=${encodeURIComponent(next)}`)).text();
      const hidden = /name="next" value="([^"]*)"/.exec(page)?.[1];
      if (hidden !== undefined) expect(staysHome(hidden.replace(/&amp;/g, '&')), `${JSON.stringify(next)} in the form: ${hidden}`).toBe(true);

      const v = new Visitor({ 'cf-connecting-ip': ip() });
      const pw = await v.post('/login', { email: mod.email, password: PASSWORD, next });
      expect(staysHome(pw.headers.get('location')!)).toBe(true);
      const codePage = await (await v.get(`/login/second-factor?next=${encodeURIComponent(next)}`)).text();
      const carried = /name="next" value="([^"]*)"/.exec(codePage)?.[1];
      if (carried !== undefined) expect(staysHome(carried), `${JSON.stringify(next)} in the code form: ${carried}`).toBe(true);
      const done = await v.post('/login/second-factor', { csrf: await csrfOf(v), code: totpNow(mod.totpSecret!), next });
      expect(done.status, JSON.stringify(next)).toBe(303);
      expect(staysHome(done.headers.get('location')!), `${JSON.stringify(next)} after the code went to ${done.headers.get('location')}`).toBe(true);
    }
  });

  it('still takes a person back to the page they wanted', () => {
    expect(sameSitePath('/staff/organisations/leaf')).toBe('/staff/organisations/leaf');
    expect(sameSitePath('/admin/audit?who=a%40b.org&what=sign-in')).toBe('/admin/audit?who=a%40b.org&what=sign-in');
    expect(sameSitePath('/a/./b/../c')).toBe('/a/c');
  });

  it('gives a same-site path or nothing, whatever the input', () => {
    const pieces = fc.constantFrom('/', '//', '\\', '.', '..', '%2e', '%2f', '%5c', 'evil.example', '\t', '\n', ' ', 'a', '?', '#', '@', ':', 'http:', '%00', '\u3002');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 10 }), (parts) => {
        const out = sameSitePath(parts.join(''));
        if (out === undefined) return true;
        return /^\/(?![/\\])/.test(out) && new URL(out, 'https://heard.invalid').origin === 'https://heard.invalid';
      }),
      { numRuns: 3000 },
    );
  });
});

describe('2. nobody can lock someone else out', () => {
  it('lets the right password through from an address that has not been failing, after a flood of failures elsewhere', async () => {
    const admin = await createStaff('deployment-admin', 'oxfordshire-county-council');
    const attacker = ip();
    const tries = [];
    for (let i = 0; i < 15; i++) tries.push((await new Visitor({ 'cf-connecting-ip': attacker }).post('/login', { email: admin.email, password: `guess ${i}` })).status);
    expect(tries.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(tries.slice(10).every((s) => s === 429)).toBe(true);
    // From many addresses too, a few guesses each.
    for (let a = 0; a < 10; a++) {
      const address = ip();
      for (let i = 0; i < 3; i++) await new Visitor({ 'cf-connecting-ip': address }).post('/login', { email: admin.email, password: `spread guess ${a} ${i}` });
    }
    // The attacker's address stays refused, even with the right password...
    expect((await new Visitor({ 'cf-connecting-ip': attacker }).post('/login', { email: admin.email, password: PASSWORD })).status).toBe(429);
    // ...while the admin, from their own address, signs in, still through the second factor.
    const own = new Visitor({ 'cf-connecting-ip': ip() });
    const pw = await own.post('/login', { email: admin.email, password: PASSWORD });
    expect(pw.status).toBe(303);
    expect(Visitor.location(pw)).toBe('/login/second-factor');
    expect(Visitor.location(await own.post('/login/second-factor', { csrf: await csrfOf(own), code: totpNow(admin.totpSecret!) }))).toBe('/staff');
  });

  it('does not count refused attempts, so a refusal ends with the window', async () => {
    const person = await createStaff('facilitator', 'leaf');
    const address = ip();
    for (let i = 0; i < 10; i++) await new Visitor({ 'cf-connecting-ip': address }).post('/login', { email: person.email, password: `guess ${i}` });
    const before = await count('SELECT count(*) AS n FROM sign_in_failures');
    for (let i = 0; i < 20; i++) expect((await new Visitor({ 'cf-connecting-ip': address }).post('/login', { email: person.email, password: `more ${i}` })).status).toBe(429);
    expect(await count('SELECT count(*) AS n FROM sign_in_failures')).toBe(before);
    // Fifteen minutes later (moved back in time here), the address may try again.
    await env.DB.prepare('UPDATE sign_in_failures SET at = at - ?').bind(16 * 60_000).run();
    expect((await new Visitor({ 'cf-connecting-ip': address }).post('/login', { email: person.email, password: PASSWORD })).status).toBe(303);
  });

  it('keeps keyed hashes only, which the scheduled handler purges', async () => {
    const person = await createStaff('facilitator', 'leaf');
    const address = '203.0.113.99';
    await new Visitor({ 'cf-connecting-ip': address }).post('/login', { email: person.email, password: 'a wrong one' });
    const keys = (await env.DB.prepare('SELECT key FROM sign_in_failures').all<{ key: string }>()).results.map((r) => r.key);
    const plain = [await sha256(person.email), await sha256(address), `account:${await sha256(person.email)}`, `ip:${await sha256(address)}`];
    for (const key of keys) {
      expect(plain).not.toContain(key);
      expect(key).not.toContain(person.email);
      expect(key).toMatch(/^k2\.[0-9a-f]{64}$/);
    }
    await env.DB.prepare('UPDATE sign_in_failures SET at = at - ?').bind(16 * 60_000).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await count('SELECT count(*) AS n FROM sign_in_failures')).toBe(0);
  });
});

describe('3. an organisation admin manages their own organisation only', () => {
  it('declares which admin level each admin route is for', () => {
    const wanted: Record<string, string[]> = {
      'GET /admin/organisations': ['deployment-admin'],
      'GET /admin/audit': ['deployment-admin'],
      'GET /admin': ['deployment-admin', 'org-admin'],
      'POST /admin/invite': ['deployment-admin', 'org-admin'],
      'POST /admin/users/:id/reset-link': ['deployment-admin', 'org-admin'],
      'POST /admin/users/:id/disable': ['deployment-admin', 'org-admin'],
    };
    const found: Record<string, string[]> = {};
    for (const r of buildApp().routes) {
      const policy = policyOf(r.handler);
      if (policy?.kind === 'staff' && r.path.startsWith('/admin')) found[`${r.method} ${r.path}`] = [...policy.roles];
    }
    for (const [route, roles] of Object.entries(wanted)) expect(found[route], route).toEqual(roles);
    // No admin route is open to anyone but admins.
    for (const [route, roles] of Object.entries(found)) expect(roles.every((r) => r === 'deployment-admin' || r === 'org-admin'), route).toBe(true);
  });

  it('cannot see, reset, disable, unlock or re-role anyone outside it, nor grant deployment admin', async () => {
    const leafAdmin = await createStaff('org-admin', 'leaf');
    const v = await signIn(leafAdmin);
    const csrf = await csrfOf(v);
    const leafFacilitator = await createStaff('facilitator', 'leaf');
    const mungosAssessor = await createStaff('assessor', 'st-mungos');
    const both = await createStaff('facilitator', 'leaf');
    await addMembership(both, 'st-mungos', 'moderator');
    const deploymentAdmin = await createStaff('deployment-admin', 'leaf');

    const people = await (await v.get('/admin')).text();
    expect(people).toContain(leafFacilitator.email);
    expect(people).not.toContain(mungosAssessor.email);

    // Outside: as if the account did not exist.
    expect((await v.get(`/admin/users/${mungosAssessor.id}`)).status).toBe(404);
    for (const action of ['reset-link', 'disable', 'enable', 'second-factor/remove']) {
      expect((await v.post(`/admin/users/${mungosAssessor.id}/${action}`, { csrf })).status, action).toBe(404);
    }
    expect((await v.post(`/admin/users/${mungosAssessor.id}/roles`, { csrf, organisation: 'leaf', role: 'facilitator' })).status).toBe(404);
    expect(await count("SELECT count(*) AS n FROM account_links WHERE user_id = ?", mungosAssessor.id)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM users WHERE id = ? AND status = 'active' AND totp_secret IS NOT NULL", mungosAssessor.id)).toBe(1);

    // Someone who also works elsewhere, or a deployment admin: visible, but the account is not theirs to take over.
    for (const other of [both, deploymentAdmin]) {
      expect((await v.get(`/admin/users/${other.id}`)).status).toBe(200);
      for (const action of ['reset-link', 'disable', 'second-factor/remove']) {
        expect((await v.post(`/admin/users/${other.id}/${action}`, { csrf })).status, `${action} on ${other.role}`).toBe(403);
      }
    }
    expect((await v.post(`/admin/users/${both.id}/roles/remove`, { csrf, organisation: 'st-mungos', role: 'moderator' })).status).toBe(403);
    expect((await v.post(`/admin/users/${deploymentAdmin.id}/roles/remove`, { csrf, organisation: 'leaf', role: 'deployment-admin' })).status).toBe(403);
    const page = await (await v.get(`/admin/users/${both.id}`)).text();
    expect(page).not.toContain('Create a password reset link');
    expect(page).toContain('also holds roles outside the organisations you manage');

    // No deployment admin, and no other organisation, for anyone.
    const grant = await v.post(`/admin/users/${leafFacilitator.id}/roles`, { csrf, organisation: 'leaf', role: 'deployment-admin' });
    expect(grant.status).toBe(422);
    expect(await grant.text()).toContain('Choose a role');
    const elsewhere = await v.post(`/admin/users/${leafFacilitator.id}/roles`, { csrf, organisation: 'st-mungos', role: 'moderator' });
    expect(elsewhere.status).toBe(422);
    expect(await elsewhere.text()).toContain('Choose an organisation');
    const invite = await v.post('/admin/invite', { csrf, name: 'Sneaky', email: 'sneaky@example.org', organisation: 'st-mungos', role: 'deployment-admin' });
    expect(invite.status).toBe(422);
    expect(await count("SELECT count(*) AS n FROM users WHERE email = 'sneaky@example.org'")).toBe(0);
    const form = await (await v.get('/admin/invite')).text();
    expect(form).not.toContain('value="deployment-admin"');
    expect(form).not.toContain('value="st-mungos"');
    expect(await count("SELECT count(*) AS n FROM memberships WHERE role = 'deployment-admin' AND user_id = ?", leafFacilitator.id)).toBe(0);

    // The deployment's own pages are for deployment admins.
    expect((await v.get('/admin/organisations')).status).toBe(403);
    expect((await v.get('/admin/audit')).status).toBe(403);
  });

  it('does all of it inside its own organisation', async () => {
    const v = await signIn(await createStaff('org-admin', 'leaf'));
    const csrf = await csrfOf(v);
    const person = await createStaff('facilitator', 'leaf', { totp: true });
    expect((await v.post(`/admin/users/${person.id}/roles`, { csrf, organisation: 'leaf', role: 'moderator' })).status).toBe(303);
    expect((await v.post(`/admin/users/${person.id}/roles/remove`, { csrf, organisation: 'leaf', role: 'moderator' })).status).toBe(303);
    expect((await v.post(`/admin/users/${person.id}/second-factor/remove`, { csrf })).status).toBe(303);
    expect(linkIn(await (await v.post(`/admin/users/${person.id}/reset-link`, { csrf })).text())).toMatch(/^https:\/\/heard\.example\.org\/reset\//);
    expect((await v.post(`/admin/users/${person.id}/disable`, { csrf })).status).toBe(303);
    expect((await v.post(`/admin/users/${person.id}/enable`, { csrf })).status).toBe(303);
    const invited = await v.post('/admin/invite', { csrf, name: 'Nadia Peer', email: 'nadia@example.org', organisation: 'leaf', role: 'facilitator' });
    expect(invited.status).toBe(200);
  });

  it('leaves a deployment admin reaching every organisation', async () => {
    const v = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
    const csrf = await csrfOf(v);
    const elsewhere = await createStaff('assessor', 'st-mungos');
    expect((await v.get(`/admin/users/${elsewhere.id}`)).status).toBe(200);
    expect((await v.post(`/admin/users/${elsewhere.id}/roles`, { csrf, organisation: 'leaf', role: 'org-admin' })).status).toBe(303);
    expect((await v.get('/admin/organisations')).status).toBe(200);
  });
});

describe('4. disabling voids outstanding links', () => {
  it('kills a reset link issued before the account was disabled, even after it is re-enabled', async () => {
    const admin = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
    const csrf = await csrfOf(admin);
    const person = await createStaff('facilitator', 'leaf');
    const reset = new URL(linkIn(await (await admin.post(`/admin/users/${person.id}/reset-link`, { csrf })).text())).pathname;
    await admin.post(`/admin/users/${person.id}/disable`, { csrf });
    await admin.post(`/admin/users/${person.id}/enable`, { csrf });
    expect((await new Visitor().get(reset)).status).toBe(410);
    expect((await new Visitor().post(reset, { password: 'a takeover passphrase' })).status).toBe(410);

    const invite = await admin.post('/admin/invite', { csrf, name: 'Ivy Invited', email: 'ivy@example.org', organisation: 'leaf', role: 'facilitator' });
    const link = new URL(linkIn(await invite.text())).pathname;
    const id = (await env.DB.prepare("SELECT id FROM users WHERE email = 'ivy@example.org'").first<{ id: string }>())!.id;
    await admin.post(`/admin/users/${id}/disable`, { csrf });
    await admin.post(`/admin/users/${id}/enable`, { csrf });
    expect((await new Visitor().get(link)).status).toBe(410);
  });
});

describe('5. the authenticator secret comes from the server', () => {
  it('refuses a secret of the browser’s choosing and enrols only the one it offered', async () => {
    const mod = await createStaff('moderator', 'homeless-oxfordshire', { totp: false });
    const v = new Visitor({ 'cf-connecting-ip': ip() });
    expect(Visitor.location(await v.post('/login', { email: mod.email, password: PASSWORD }))).toBe('/account/second-factor');
    const page = await (await v.get('/account/second-factor')).text();
    expect(page).not.toContain('name="secret"');
    const offered = /Key: <code class="heard-code-s">([A-Z2-7 ]+)</.exec(page)![1]!.replace(/ /g, '');
    // A reload offers the same secret, so a QR code already scanned still works.
    expect(await (await v.get('/account/second-factor')).text()).toContain(offered.slice(0, 4));

    const chosen = newTotpSecret();
    const chosenCode = generateHOTP(decodeBase32IgnorePadding(chosen), BigInt(Math.floor(Date.now() / 30_000)), 6);
    const forced = await v.post('/account/second-factor', { csrf: await csrfOf(v), secret: chosen, code: chosenCode });
    expect(forced.status).toBe(422);
    expect(await count('SELECT count(*) AS n FROM users WHERE id = ? AND totp_secret IS NULL', mod.id)).toBe(1);

    expect((await v.post('/account/second-factor', { csrf: await csrfOf(v), code: totpNow(offered) })).status).toBe(200);
    const row = await env.DB.prepare('SELECT totp_secret AS s FROM users WHERE id = ?').bind(mod.id).first<{ s: string }>();
    expect(row!.s).toBe(offered);
    expect(await count('SELECT count(*) AS n FROM login_sessions WHERE user_id = ? AND pending_totp_secret IS NOT NULL', mod.id)).toBe(0);
  });
});

describe('6. links are built from PUBLIC_URL, never the Host header', () => {
  it('puts the configured address in an invite, whatever Host the request names', async () => {
    const admin = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
    const csrf = await csrfOf(admin);
    const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const body = new URLSearchParams({ csrf, name: 'Hal Host', email: 'hal@example.org', organisation: 'leaf', role: 'facilitator' });
    const res = await exports.default.fetch(
      new Request('http://evil.example/admin/invite', { method: 'POST', body, headers: { cookie, origin: 'http://evil.example', host: 'evil.example', 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' }),
    );
    expect(res.status).toBe(200);
    expect(linkIn(await res.text())).toMatch(/^https:\/\/heard\.example\.org\/invite\/[A-Za-z0-9_-]{43}$/);
  });

  it('falls back to the request only on localhost, and otherwise makes no link', async () => {
    const { PUBLIC_URL: _unset, ...withoutUrl } = env as unknown as Record<string, unknown>;
    const app = buildApp();
    const person = await createStaff('facilitator', 'leaf');
    const post = async (origin: string, email: string) => {
      const admin = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
      const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const body = new URLSearchParams({ csrf: await csrfOf(admin) });
      return app.fetch(
        new Request(`${origin}/admin/users/${person.id}/reset-link`, { method: 'POST', body, headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' } }),
        withoutUrl as unknown as Env,
        createExecutionContext(),
      );
    };
    const local = await post('http://localhost:8787', 'x');
    expect(local.status).toBe(200);
    expect(linkIn(await local.text())).toMatch(/^http:\/\/localhost:8787\/reset\//);
    const remote = await post('https://heard.example.com', 'y');
    expect(remote.status).toBe(503);
    expect(await remote.text()).toContain('PUBLIC_URL');
  });
});

describe('7. smaller points', () => {
  it('answers 404 and writes nothing when removing a role not held, or from nobody', async () => {
    const admin = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
    const csrf = await csrfOf(admin);
    const person = await createStaff('facilitator', 'leaf');
    const before = await count("SELECT count(*) AS n FROM audit_log WHERE action = 'role.removed'");
    expect((await admin.post(`/admin/users/${person.id}/roles/remove`, { csrf, organisation: 'leaf', role: 'moderator' })).status).toBe(404);
    expect((await admin.post(`/admin/users/${person.id}/roles/remove`, { csrf, organisation: 'st-mungos', role: 'facilitator' })).status).toBe(404);
    expect((await admin.post(`/admin/users/${crypto.randomUUID()}/roles/remove`, { csrf, organisation: 'leaf', role: 'facilitator' })).status).toBe(404);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'role.removed'")).toBe(before);
  });

  it('shows each actor’s email in the audit log, so two people with one name are told apart', async () => {
    const a = await createStaff('facilitator', 'leaf');
    const b = await createStaff('facilitator', 'leaf');
    await env.DB.prepare("UPDATE users SET name = 'Sam Smith' WHERE id IN (?, ?)").bind(a.id, b.id).run();
    await signIn(a);
    await signIn(b);
    const admin = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
    const log = await (await admin.get('/admin/audit?what=sign-in')).text();
    expect(log).toContain(a.email);
    expect(log).toContain(b.email);
  });
});

// Admin pages under attack (issue 7, points 3, 4, 6 and 7): organisation admins reach only their own
// organisation, disabling voids links, links come from PUBLIC_URL, and the smaller points. Each test
// is written as the attack: it succeeded on the old code and must fail now.
import { createExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { policyOf } from '../../worker/auth/policy';
import { buildApp } from '../../worker/app';
import { createStaff, csrfOf, signIn, type TestStaff } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';

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

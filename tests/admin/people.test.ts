// Admin pages for people and the deployment: roles, disabling and re-enabling, reset links, the audit
// log and the organisations list, all through real HTTP and real D1.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createStaff, csrfOf, PASSWORD, signIn } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';

const ip = (() => {
  let n = 0;
  return () => `10.40.${Math.floor(++n / 250)}.${n % 250}`;
})();

async function auditCount(action: string, targetId?: string) {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = ?${targetId ? ' AND target_id = ?' : ''}`)
    .bind(...(targetId ? [action, targetId] : [action]))
    .first<{ n: number }>();
  return row!.n;
}

function linkIn(html: string): string {
  const m = /id="account-link">https?:\/\/[^/]+(\/(?:invite|reset)\/[A-Za-z0-9_-]{43})</.exec(html);
  if (!m?.[1]) throw new Error('no link on the page');
  return m[1];
}

describe('admin actions', () => {
  it('changes roles, disables and re-enables accounts, and issues reset links, all in the audit log', async () => {
    const adminStaff = await createStaff('deployment-admin', 'oxfordshire-county-council');
    const admin = await signIn(adminStaff);
    const person = await createStaff('facilitator', 'leaf');
    const theirs = await signIn(person);
    const csrf = await csrfOf(admin);

    expect((await admin.post(`/admin/users/${person.id}/roles`, { csrf, organisation: 'oxford-city-council', role: 'commissioner' })).status).toBe(303);
    expect(await (await admin.get(`/admin/users/${person.id}`)).text()).toContain('Commissioner, Oxford City Council');
    expect((await admin.post(`/admin/users/${person.id}/roles/remove`, { csrf, organisation: 'oxford-city-council', role: 'commissioner' })).status).toBe(303);
    expect(await auditCount('role.added', person.id)).toBe(1);
    expect(await auditCount('role.removed', person.id)).toBe(1);

    await admin.post(`/admin/users/${person.id}/disable`, { csrf });
    expect(Visitor.location(await theirs.get('/staff'))).toMatch(/^\/login/);
    expect((await new Visitor({ 'cf-connecting-ip': ip() }).post('/login', { email: person.email, password: PASSWORD })).status).toBe(401);
    await admin.post(`/admin/users/${person.id}/enable`, { csrf });
    expect((await new Visitor({ 'cf-connecting-ip': ip() }).post('/login', { email: person.email, password: PASSWORD })).status).toBe(303);
    expect(await auditCount('user.disabled', person.id)).toBe(1);
    expect(await auditCount('user.enabled', person.id)).toBe(1);

    const reset = linkIn(await (await admin.post(`/admin/users/${person.id}/reset-link`, { csrf })).text());
    const stillIn = await signIn(person);
    const changed = await new Visitor({ 'cf-connecting-ip': ip() }).post(reset, { password: 'a brand new passphrase' });
    expect(Visitor.location(changed)).toBe('/staff');
    expect(Visitor.location(await stillIn.get('/staff'))).toMatch(/^\/login/);
    expect(await auditCount('password.reset', person.id)).toBe(1);

    // An admin can neither disable themselves nor take away their own admin role.
    expect((await admin.post(`/admin/users/${adminStaff.id}/disable`, { csrf })).status).toBe(403);
    expect((await admin.post(`/admin/users/${adminStaff.id}/roles/remove`, { csrf, organisation: adminStaff.organisationId, role: 'deployment-admin' })).status).toBe(403);
  });

  it('lists the audit log with filters for who, what and when', async () => {
    const adminStaff = await createStaff('deployment-admin', 'oxfordshire-county-council');
    const admin = await signIn(adminStaff);
    const mine = await (await admin.get(`/admin/audit?who=${encodeURIComponent(adminStaff.email)}&what=sign-in`)).text();
    expect(mine).toContain('<td class="govuk-table__cell">sign-in</td>');
    expect(mine).not.toContain('<td class="govuk-table__cell">role.added</td>');
    const today = new Date().toISOString().slice(0, 10);
    expect(await (await admin.get(`/admin/audit?from=${today}&to=${today}`)).text()).toContain('sign-in');
    expect(await (await admin.get('/admin/audit?from=2001-01-01&to=2001-01-02')).text()).toContain('0 entries');
    expect((await admin.get('/admin/audit?from=yesterday')).status).toBe(400);
  });

  it('lists organisations', async () => {
    const admin = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
    const html = await (await admin.get('/admin/organisations')).text();
    expect(html).toContain('Homeless Oxfordshire');
    expect(html).toContain('Cherwell District Council');
  });
});


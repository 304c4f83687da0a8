// Staff accounts over HTTP: invites, passwords, the second factor, sessions, limits, CSRF, audit.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, PBKDF2_ITERATIONS, verifyPassword } from '../../worker/auth/passwords';
import { sealContext } from '../../worker/db/sealed';
import { KeyRing } from '../../worker/http/keys';
import { sha256 } from '../../worker/http/tokens';
import { createStaff, csrfOf, PASSWORD, signIn, totpNow } from '../helpers/staff';
import { ORIGIN, Visitor } from '../helpers/visitor';

const ip = (() => {
  let n = 0;
  return () => `10.20.${Math.floor(++n / 250)}.${n % 250}`;
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

describe('passwords', () => {
  it('uses PBKDF2-SHA256 at the most iterations Workers allow, with a salt per hash', async () => {
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    const [a, b] = [await hashPassword('a long enough password'), await hashPassword('a long enough password')];
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('a long enough password', a)).toBe(true);
    expect(await verifyPassword('a long enough passworD', a)).toBe(false);
    expect(await verifyPassword('anything at all here', null)).toBe(false);
  });

  it('asks for 12 characters or more and refuses common passwords, padded or not', () => {
    expect(passwordProblem('short one', 'sam@example.org')).toBe('Enter a password of at least 12 characters');
    expect(passwordProblem('qwertyuiopasdfgh', 'sam@example.org')).toBeUndefined();
    expect(passwordProblem('1qaz2wsx3edc', 'sam@example.org')).toMatch(/too common/);
    expect(passwordProblem('password12345678', 'sam@example.org')).toMatch(/too common/);
    expect(passwordProblem('aaaaaaaaaaaaaaa', 'sam@example.org')).toMatch(/too common/);
    expect(passwordProblem('zebedeezeb12345', 'zebedeezeb@example.org')).toMatch(/email address/);
    expect(passwordProblem('tea kettle on the windowsill', 'sam@example.org')).toBeUndefined();
  });
});

describe('invites', () => {
  it('lets an admin invite a colleague, who sets a password through a single-use link and lands on /staff', async () => {
    const admin = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
    const page = await admin.post('/admin/invite', { csrf: await csrfOf(admin), name: 'Priya Patel', email: 'Priya@Example.org', organisation: 'leaf', role: 'facilitator' });
    expect(page.status).toBe(200);
    const link = linkIn(await page.text());
    const user = await env.DB.prepare("SELECT id, status FROM users WHERE email = 'priya@example.org'").first<{ id: string; status: string }>();
    expect(user!.status).toBe('invited');
    // Stored hashed: the token itself is nowhere in the database.
    const token = link.split('/').pop()!;
    expect(await env.DB.prepare('SELECT count(*) AS n FROM account_links WHERE token_hash = ?').bind(await sha256(token)).first<{ n: number }>()).toEqual({ n: 1 });
    expect(JSON.stringify(await env.DB.prepare('SELECT * FROM account_links').all())).not.toContain(token);
    expect(await auditCount('invite', user!.id)).toBe(1);

    const priya = new Visitor({ 'cf-connecting-ip': ip() });
    const form = await priya.get(link);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('autocomplete="new-password"');
    expect(formHtml).not.toMatch(/onpaste|maxlength/i);
    const weak = await priya.post(link, { password: 'password1234' });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('This password is too common');
    const done = await priya.post(link, { password: 'three random words here' });
    expect(done.status).toBe(303);
    expect(Visitor.location(done)).toBe('/staff');
    expect(await (await priya.get('/staff')).text()).toContain('Hello, Priya Patel');
    expect(await auditCount('invite.accepted', user!.id)).toBe(1);

    // Used once: the same link no longer works.
    const reused = await new Visitor().get(link);
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain('This link cannot be used');
  });

  it('refuses an invite link after 7 days', async () => {
    const admin = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
    const link = linkIn(await (await admin.post('/admin/invite', { csrf: await csrfOf(admin), name: 'Late Larry', email: 'larry@example.org', organisation: 'leaf', role: 'facilitator' })).text());
    await env.DB.prepare('UPDATE account_links SET expires_at = ? WHERE token_hash = ?').bind(Date.now() - 1, await sha256(link.split('/').pop()!)).run();
    expect((await new Visitor().get(link)).status).toBe(410);
    expect((await new Visitor().post(link, { password: 'three random words here' })).status).toBe(410);
  });

  it('explains what is wrong with an invite, keeping what was typed', async () => {
    const admin = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
    const res = await admin.post('/admin/invite', { csrf: await csrfOf(admin), name: 'Kim', email: 'not-an-email', organisation: 'nowhere' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Enter an email address in the correct format');
    expect(html).toContain('Choose an organisation');
    expect(html).toContain('Choose a role');
    expect(html).toContain('value="Kim"');
  });
});

describe('signing in', () => {
  it('gives the same answer whether or not the account exists, and logs the failure', async () => {
    const someone = await createStaff('facilitator', 'leaf');
    const wrong = await new Visitor({ 'cf-connecting-ip': ip() }).post('/login', { email: someone.email, password: 'not the password at all' });
    const unknown = await new Visitor({ 'cf-connecting-ip': ip() }).post('/login', { email: 'nobody@example.org', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (html: string) => html.replace(/value="[^"]*@example\.org"/g, '');
    expect(strip(await wrong.text())).toBe(strip(await unknown.text()));
    expect(await auditCount('sign-in.failed', someone.id)).toBe(1);
    const log = JSON.stringify((await env.DB.prepare('SELECT * FROM audit_log').all()).results);
    expect(log).not.toContain('not the password at all');
  });

  it('sets an opaque __Host- session cookie, and signs out', async () => {
    const person = await createStaff('facilitator', 'leaf');
    const v = new Visitor({ 'cf-connecting-ip': ip() });
    const res = await v.post('/login', { email: person.email, password: PASSWORD, next: '/staff/organisations/leaf' });
    expect(Visitor.location(res)).toBe('/staff/organisations/leaf');
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-heard_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(await auditCount('sign-in', person.id)).toBe(1);
    const out = await v.post('/logout', { csrf: await csrfOf(v) });
    expect(Visitor.location(out)).toBe('/login');
    expect(v.cookies.size).toBe(0);
    expect(await auditCount('sign-out', person.id)).toBe(1);
    expect((await v.get('/staff')).status).toBe(303);
  });

  it('never follows a sign-in "next" to another site', async () => {
    const person = await createStaff('facilitator', 'leaf');
    for (const next of ['//evil.example/x', '/\\evil.example', '/\t/evil.example', '/\n', 'https://evil.example/']) {
      const res = await new Visitor({ 'cf-connecting-ip': ip() }).post('/login', { email: person.email, password: PASSWORD, next });
      expect(res.status, JSON.stringify(next)).toBe(303);
      expect(Visitor.location(res), JSON.stringify(next)).toBe('/staff');
    }
  });

  it('counts sign-in attempts sent all at once against the limit', async () => {
    const person = await createStaff('facilitator', 'leaf');
    const address = ip();
    const tries = await Promise.all(
      Array.from({ length: 20 }, (_, i) => new Visitor({ 'cf-connecting-ip': address }).post('/login', { email: person.email, password: `wrong guess number ${i}` })),
    );
    expect(tries.filter((r) => r.status === 401).length).toBeLessThanOrEqual(10);
    expect(tries.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(10);
  });

  it('lets a browser that sends "Origin: null" and no Sec-Fetch-Site post, but not another site', async () => {
    const person = await createStaff('facilitator', 'leaf');
    const old = await new Visitor({ 'cf-connecting-ip': ip() }).post('/login', { email: person.email, password: PASSWORD }, { origin: 'null' });
    expect(old.status).toBe(303);
    const framed = await new Visitor({ 'cf-connecting-ip': ip() }).post('/login', { email: person.email, password: PASSWORD }, { origin: 'null', 'sec-fetch-site': 'cross-site' });
    expect(framed.status).toBe(403);
  });

  it('ends a session after 30 minutes idle and after 12 hours in all', async () => {
    const person = await createStaff('commissioner', 'oxford-city-council');
    const idle = await signIn(person);
    await env.DB.prepare('UPDATE login_sessions SET last_seen_at = ? WHERE user_id = ?').bind(Date.now() - 31 * 60_000, person.id).run();
    expect(Visitor.location(await idle.get('/staff'))).toBe('/login?next=%2Fstaff');

    const long = await signIn(person);
    await env.DB.prepare('UPDATE login_sessions SET created_at = ?, last_seen_at = ? WHERE user_id = ?').bind(Date.now() - 12 * 3_600_000 - 1000, Date.now(), person.id).run();
    expect(Visitor.location(await long.get('/staff'))).toBe('/login?next=%2Fstaff');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM login_sessions WHERE user_id = ?').bind(person.id).first<{ n: number }>()).toEqual({ n: 0 });
  });

  it('signs out everywhere', async () => {
    const person = await createStaff('commissioner', 'oxford-city-council');
    const [phone, laptop] = [await signIn(person), await signIn(person)];
    await laptop.post('/logout-everywhere', { csrf: await csrfOf(laptop) });
    expect((await phone.get('/staff')).status).toBe(303);
    expect(await auditCount('sign-out.everywhere', person.id)).toBe(1);
  });

  it('limits failed sign-ins per account and address, with a plain message, even for the right password', async () => {
    const person = await createStaff('facilitator', 'leaf');
    const address = ip();
    for (let i = 0; i < 10; i++) {
      expect((await new Visitor({ 'cf-connecting-ip': address }).post('/login', { email: person.email, password: `wrong password ${i}` })).status).toBe(401);
    }
    const blocked = await new Visitor({ 'cf-connecting-ip': address }).post('/login', { email: person.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('Too many attempts to sign in from here. Wait 15 minutes');
  });

  it('slows, but never locks out, an address that tries many accounts', async () => {
    const address = '198.51.100.7';
    for (let i = 0; i < 50; i++) {
      await new Visitor({ 'cf-connecting-ip': address }).post('/login', { email: `guess${i}@example.org`, password: 'guessing passwords' });
    }
    // A colleague on the same office address still gets in (issue 7 review, R4).
    const person = await createStaff('facilitator', 'leaf');
    expect((await new Visitor({ 'cf-connecting-ip': address }).post('/login', { email: person.email, password: PASSWORD })).status).toBe(303);
  });

  it('counts an IPv6 /64 as one address', async () => {
    const { network } = await import('../../worker/auth/sign-in-limits');
    expect(network('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(network('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(network('fe80::1:2:3:4:5')).toBe('fe80:0:0:1::/64');
    expect(network('203.0.113.9')).toBe('203.0.113.9');
  });
});

describe('the second factor', () => {
  it('makes a moderator enrol an authenticator app before anything else, then asks for a code each time', async () => {
    const admin = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
    const link = linkIn(await (await admin.post('/admin/invite', { csrf: await csrfOf(admin), name: 'Mona', email: 'mona@example.org', organisation: 'homeless-oxfordshire', role: 'moderator' })).text());
    const mona = new Visitor({ 'cf-connecting-ip': ip() });
    const set = await mona.post(link, { password: 'three random words here' });
    expect(Visitor.location(set)).toBe('/account/second-factor');
    // Until enrolled, staff pages send her back to enrolment.
    expect(Visitor.location(await mona.get('/staff'))).toBe('/account/second-factor');

    const enrol = await (await mona.get('/account/second-factor')).text();
    expect(enrol).toContain('<svg');
    const secret = /Key: <code class="heard-code-s">([A-Z2-7 ]{39})</.exec(enrol)![1]!.replace(/ /g, '');
    const wrong = await mona.post('/account/second-factor', { csrf: await csrfOf(mona), code: '000000' === totpNow(secret) ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    const ok = await mona.post('/account/second-factor', { csrf: await csrfOf(mona), code: totpNow(secret) });
    expect(ok.status).toBe(200);
    const codes = [...(await ok.text()).matchAll(/<li>([a-z2-9]{5}-[a-z2-9]{5})<\/li>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(8);
    expect((await mona.get('/staff')).status).toBe(200);

    // Next time: password, then a code; a recovery code works once.
    const again = new Visitor({ 'cf-connecting-ip': ip() });
    const pw = await again.post('/login', { email: 'mona@example.org', password: 'three random words here', next: '/staff/organisations/homeless-oxfordshire' });
    expect(Visitor.location(pw)).toBe('/login/second-factor?next=%2Fstaff%2Forganisations%2Fhomeless-oxfordshire');
    expect(await (await again.get('/login/second-factor?next=%2Fstaff%2Forganisations%2Fhomeless-oxfordshire')).text()).toContain('name="next" value="/staff/organisations/homeless-oxfordshire"');
    expect(Visitor.location(await again.get('/staff'))).toBe('/login/second-factor');
    const recovered = await again.post('/login/second-factor', { csrf: await csrfOf(again), code: codes[0]!, next: '/staff/organisations/homeless-oxfordshire' });
    expect(Visitor.location(recovered)).toBe('/staff/organisations/homeless-oxfordshire');
    const third = new Visitor({ 'cf-connecting-ip': ip() });
    await third.post('/login', { email: 'mona@example.org', password: 'three random words here' });
    expect((await third.post('/login/second-factor', { csrf: await csrfOf(third), code: codes[0]! })).status).toBe(401);
    // The code used to enrol cannot be used again; the next one can, once.
    expect((await third.post('/login/second-factor', { csrf: await csrfOf(third), code: totpNow(secret) })).status).toBe(401);
    expect(Visitor.location(await third.post('/login/second-factor', { csrf: await csrfOf(third), code: totpNow(secret, 1) }))).toBe('/staff');
    const fourth = new Visitor({ 'cf-connecting-ip': ip() });
    await fourth.post('/login', { email: 'mona@example.org', password: 'three random words here' });
    expect((await fourth.post('/login/second-factor', { csrf: await csrfOf(fourth), code: totpNow(secret, 1) })).status).toBe(401);
  });
});

describe('the second factor, guarded', () => {
  it('does not let a signed-in session replace an authenticator already set up', async () => {
    const mod = await createStaff('moderator', 'homeless-oxfordshire');
    const v = await signIn(mod);
    expect(Visitor.location(await v.get('/account/second-factor'))).toBe('/staff');
    const swap = await v.post('/account/second-factor', { csrf: await csrfOf(v), secret: 'A'.repeat(32), code: '123456' });
    expect(swap.status).toBe(403);
    const row = await env.DB.prepare('SELECT totp_secret AS s FROM users WHERE id = ?').bind(mod.id).first<{ s: string }>();
    expect(await KeyRing.parse(env.HEARD_KEYS).open(row!.s, sealContext.totpSecret(mod.id))).toBe(mod.totpSecret);
  });

  it('lets an admin remove a lost authenticator, so the person sets up a new one at next sign-in', async () => {
    const admin = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
    const mod = await createStaff('moderator', 'homeless-oxfordshire');
    const theirs = await signIn(mod);
    expect((await admin.post(`/admin/users/${mod.id}/second-factor/remove`, { csrf: await csrfOf(admin) })).status).toBe(303);
    expect(Visitor.location(await theirs.get('/staff'))).toMatch(/^\/login/);
    const again = new Visitor({ 'cf-connecting-ip': ip() });
    expect(Visitor.location(await again.post('/login', { email: mod.email, password: PASSWORD }))).toBe('/account/second-factor');
    expect(await auditCount('second-factor.removed', mod.id)).toBe(1);
  });

  it('gives the step between password and code ten minutes', async () => {
    const mod = await createStaff('moderator', 'homeless-oxfordshire');
    const v = new Visitor({ 'cf-connecting-ip': ip() });
    await v.post('/login', { email: mod.email, password: PASSWORD });
    const csrf = await csrfOf(v);
    await env.DB.prepare('UPDATE login_sessions SET created_at = ?, last_seen_at = ? WHERE user_id = ?').bind(Date.now() - 11 * 60_000, Date.now(), mod.id).run();
    const late = await v.post('/login/second-factor', { csrf, code: totpNow(mod.totpSecret!) });
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('You are signed out');
  });
});

describe('protection', () => {
  it('refuses a staff form without the session token, and a post from another site', async () => {
    const admin = await signIn(await createStaff('deployment-admin', 'oxfordshire-county-council'));
    const person = await createStaff('facilitator', 'leaf');
    const noToken = await admin.post(`/admin/users/${person.id}/disable`, { csrf: 'forged' });
    expect(noToken.status).toBe(403);
    const crossSite = await admin.post(`/admin/users/${person.id}/disable`, { csrf: await csrfOf(admin) }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await env.DB.prepare("SELECT status FROM users WHERE id = ?").bind(person.id).first<{ status: string }>()).toEqual({ status: 'active' });
  });

  it("keeps one organisation's page from another organisation's staff", async () => {
    const leaf = await signIn(await createStaff('facilitator', 'leaf'));
    expect((await leaf.get('/staff/organisations/leaf')).status).toBe(200);
    const other = await leaf.get('/staff/organisations/st-mungos');
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('You do not have access to this page');
  });

  it('sends HSTS over https only, and the other security headers always', async () => {
    const { exports } = await import('cloudflare:workers');
    const secure = await exports.default.fetch(new Request('https://heard.test/login'));
    expect(secure.headers.get('strict-transport-security')).toContain('max-age=');
    const plain = await new Visitor().get('/login');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    for (const h of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'x-frame-options']) {
      expect(plain.headers.get(h), h).not.toBeNull();
    }
    expect(plain.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(ORIGIN).toBe('http://heard.test');
  });
});

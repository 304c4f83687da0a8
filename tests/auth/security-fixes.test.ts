// The sign-in attacks an outside probe found (issue 7, points 1, 2, 5 and the sign-in part of 13;
// the admin points are in tests/admin/), each written as the attack: it succeeded on the old code and must fail now.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameSitePath } from '../../worker/auth/routes';
import { sealContext } from '../../worker/db/sealed';
import { KeyRing } from '../../worker/http/keys';
import { sha256 } from '../../worker/http/tokens';
import worker from '../../worker/index';
import { newTotpSecret } from '../../worker/auth/second-factor';
import { createStaff, csrfOf, PASSWORD, signIn, totpNow } from '../helpers/staff';
import { ORIGIN, Visitor } from '../helpers/visitor';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

const ip = (() => {
  let n = 0;
  return () => `10.30.${Math.floor(++n / 250)}.${n % 250}`;
})();

const count = async (sql: string, ...binds: unknown[]) => (await env.DB.prepare(sql).bind(...binds).first<{ n: number }>())!.n;

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
    expect(row!.s).not.toContain(offered);
    expect(await KeyRing.parse(env.HEARD_KEYS).open(row!.s, sealContext.totpSecret(mod.id))).toBe(offered);
    expect(await count('SELECT count(*) AS n FROM login_sessions WHERE user_id = ? AND pending_totp_secret IS NOT NULL', mod.id)).toBe(0);
  });
});


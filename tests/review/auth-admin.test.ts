// An outside review of the issue 7 fixes, sign-in and admin side: each test is an attack that worked
// when the review was made (R1 to R5), written to pass only once it no longer does. They all pass now.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createStaff, csrfOf, PASSWORD, signIn, totpNow } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

let n = 0;
const ip = () => `10.77.${Math.floor(++n / 250)}.${n % 250}`;

/** A six-digit code that is not valid for this secret right now (nor one step either side). */
function wrongCode(secret: string): string {
  const key = decodeBase32IgnorePadding(secret);
  const step = Math.floor(Date.now() / 30_000);
  const valid = new Set([-1, 0, 1].map((d) => generateHOTP(key, BigInt(step + d), 6)));
  for (let i = 0; ; i++) {
    const c = String(123456 + i).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

function linkIn(html: string): string {
  const m = /id="account-link">([^<]+)</.exec(html);
  if (!m?.[1]) throw new Error('no link on the page');
  return m[1].trim();
}

describe('review 7: second-factor guessing', () => {
  it('R1 the per-account-and-address limit on codes is wiped each time the password is entered again', async () => {
    // Someone who has the password (phished, reused) guesses the authenticator code from ONE address.
    const victim = await createStaff('moderator', 'leaf');
    const attacker = new Visitor({ 'cf-connecting-ip': ip() });
    const wrong = wrongCode(victim.totpSecret!);
    let guesses = 0;
    let refused = 0;
    for (let round = 0; round < 3; round++) {
      const login = await attacker.post('/login', { email: victim.email, password: PASSWORD });
      expect(login.status, `password, round ${round}`).toBe(303);
      for (let i = 0; i < 9; i++) {
        const res = await attacker.post('/login/second-factor', { csrf: await csrfOf(attacker), code: wrong });
        if (res.status === 429) refused++;
        else guesses++;
      }
    }
    // MAX_FAILURES_PER_PAIR is 10, yet 27 codes were checked from one address with no refusal.
    expect(refused, `${guesses} codes checked from one address, ${refused} refused`).toBeGreaterThan(0);
    expect(guesses).toBeLessThanOrEqual(10);
  });

  it('R2 nothing limits code guesses for one account across many addresses', async () => {
    const victim = await createStaff('moderator', 'leaf');
    const wrong = wrongCode(victim.totpSecret!);
    let refused = 0;
    for (let i = 0; i < 60; i++) {
      const v = new Visitor({ 'cf-connecting-ip': ip() });
      expect((await v.post('/login', { email: victim.email, password: PASSWORD })).status).toBe(303);
      const res = await v.post('/login/second-factor', { csrf: await csrfOf(v), code: wrong });
      if (res.status === 429) refused++;
    }
    // 60 wrong codes for one account; an account-wide cap on second-factor failures would refuse most.
    expect(refused).toBeGreaterThan(0);
  });

  it('R3 password guessing from one IPv6 /64 is never refused: each address of the block is a fresh counter', async () => {
    const victim = await createStaff('facilitator', 'leaf', { totp: false });
    let refused = 0;
    for (let i = 1; i <= 40; i++) {
      const v = new Visitor({ 'cf-connecting-ip': `2001:db8:1:2::${i.toString(16)}` });
      for (let j = 0; j < 2; j++) {
        const res = await v.post('/login', { email: victim.email, password: `wrong-guess-${i}-${j}` });
        if (res.status === 429) refused++;
      }
    }
    // 80 guesses at one account from one /64 (one home connection's worth of addresses).
    expect(refused).toBeGreaterThan(0);
  });
});

describe('review 7: lock-out through the address limit', () => {
  it('R4 fifty bad sign-ins from a shared office address lock every colleague there out, right password or not', async () => {
    const office = ip();
    const colleague = await createStaff('facilitator', 'leaf', { totp: false });
    // Anyone on the office network (a guest, a script, a kiosk) tries made-up accounts.
    for (let i = 0; i < 50; i++) {
      const res = await new Visitor({ 'cf-connecting-ip': office }).post('/login', { email: `nobody${i}@example.org`, password: 'whatever-wrong' });
      expect(res.status).toBe(401);
    }
    const res = await new Visitor({ 'cf-connecting-ip': office }).post('/login', { email: colleague.email, password: PASSWORD });
    expect(res.status, 'the right password from the office address').toBe(303);
  });
});

describe('review 7: organisation admin scope over time', () => {
  it('R5 a reset link an organisation admin issued keeps working after the person becomes a deployment admin: full takeover', async () => {
    const leafAdmin = await createStaff('org-admin', 'leaf');
    const admin = await signIn(leafAdmin);
    // A LEAF facilitator (no second factor needed for that role), entirely inside LEAF: in scope.
    const target = await createStaff('facilitator', 'leaf', { totp: false });
    const issued = await admin.post(`/admin/users/${target.id}/reset-link`, { csrf: await csrfOf(admin) });
    expect(issued.status).toBe(200);
    const link = new URL(linkIn(await issued.text()));

    // Days later a deployment admin promotes them. The LEAF admin no longer manages this account...
    await env.DB.prepare("INSERT INTO memberships (user_id, organisation_id, role) VALUES (?, 'leaf', 'deployment-admin')").bind(target.id).run();
    const now = await admin.post(`/admin/users/${target.id}/reset-link`, { csrf: await csrfOf(admin) });
    expect(now.status, 'the LEAF admin may no longer issue a link').toBe(403);

    // ...but still holds the old link.
    const attacker = new Visitor({ 'cf-connecting-ip': ip() });
    const open = await attacker.get(link.pathname);
    const set = await attacker.post(link.pathname, { password: 'attacker owns this now 42' });
    // Then enrols the attacker's own authenticator, which the promoted account now needs.
    let deploymentAdminPage = 0;
    if (set.status === 303 && Visitor.location(set) === '/account/second-factor') {
      const enrol = await attacker.get('/account/second-factor');
      const secret = /heard-code-s">([A-Z2-7 ]+)</.exec(await enrol.text())?.[1]?.replace(/ /g, '');
      if (secret) {
        const done = await attacker.post('/account/second-factor', { csrf: await csrfOf(attacker), code: totpNow(secret) });
        expect(done.status).toBe(200);
        deploymentAdminPage = (await attacker.get('/admin/organisations')).status; // 200: the attacker is a deployment admin
      }
    }
    expect({ open: open.status, set: set.status, deploymentAdminPage }).toEqual({ open: 410, set: 410, deploymentAdminPage: 0 });
  });
});

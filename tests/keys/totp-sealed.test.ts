// Staff authenticator secrets are sealed in D1: a copy of the database shows no secret anyone could
// load into an authenticator app, and a secret stored in the clear before this still signs in.
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { newTotpSecret } from '../../worker/auth/second-factor';
import { sealContext } from '../../worker/db/sealed';
import { KeyRing, SEALED_PATTERN } from '../../worker/http/keys';
import { resealBatch } from '../../worker/db/rotation';
import { createStaff, csrfOf, PASSWORD, signIn, totpNow } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';

const ring = () => KeyRing.parse(env.HEARD_KEYS);
let n = 0;
const ip = () => ({ 'cf-connecting-ip': `10.61.0.${++n}` });
const raw = (sql: string, ...values: unknown[]) => env.DB.prepare(sql).bind(...values).first<{ s: string | null }>();

describe('enrolling an authenticator', () => {
  it('keeps the offered and the enrolled secret sealed, never as the base32 the page shows', async () => {
    const mod = await createStaff('moderator', 'homeless-oxfordshire', { totp: false });
    const v = new Visitor(ip());
    expect(Visitor.location(await v.post('/login', { email: mod.email, password: PASSWORD }))).toBe('/account/second-factor');
    const page = await (await v.get('/account/second-factor')).text();
    const offered = /Key: <code class="heard-code-s">([A-Z2-7 ]+)</.exec(page)![1]!.replace(/ /g, '');

    const pending = (await raw('SELECT pending_totp_secret AS s FROM login_sessions WHERE user_id = ?', mod.id))!.s!;
    expect(pending).toMatch(SEALED_PATTERN);
    expect(pending).not.toContain(offered);
    // A reload shows the same key, opened from the session row.
    expect(await (await v.get('/account/second-factor')).text()).toContain(offered.slice(0, 4));

    expect((await v.post('/account/second-factor', { csrf: await csrfOf(v), code: totpNow(offered) })).status).toBe(200);
    const stored = (await raw('SELECT totp_secret AS s FROM users WHERE id = ?', mod.id))!.s!;
    expect(stored).toMatch(new RegExp(`^v1\\.${ring().currentId}\\.`));
    expect(stored).not.toMatch(/[A-Z2-7]{32}/);
    expect(await ring().open(stored, sealContext.totpSecret(mod.id))).toBe(offered);

    // The next sign-in opens it to check the code.
    const later = new Visitor(ip());
    await later.post('/login', { email: mod.email, password: PASSWORD });
    expect(Visitor.location(await later.post('/login/second-factor', { csrf: await csrfOf(later), code: totpNow(offered, 1) }))).toBe('/staff');
  });

  it('will not open a sealed secret copied onto another person’s row', async () => {
    const [a, b] = [await createStaff('moderator'), await createStaff('moderator')];
    const sealedA = (await raw('SELECT totp_secret AS s FROM users WHERE id = ?', a.id))!.s;
    await env.DB.prepare('UPDATE users SET totp_secret = ? WHERE id = ?').bind(sealedA, b.id).run();
    const v = new Visitor(ip());
    await v.post('/login', { email: b.email, password: PASSWORD });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await v.post('/login/second-factor', { csrf: await csrfOf(v), code: totpNow(a.totpSecret!) });
    expect(res.status).toBe(500);
    expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining('"kind":"UnreadableSecret"')]);
    logged.mockRestore();
  });
});

describe('a secret stored in the clear before secrets were sealed', () => {
  it('still signs its owner in, and the rotation seals it', async () => {
    const mod = await createStaff('moderator');
    const plain = newTotpSecret();
    await env.DB.prepare('UPDATE users SET totp_secret = ? WHERE id = ?').bind(plain, mod.id).run();
    await signIn({ ...mod, totpSecret: plain });

    const outcome = await resealBatch(env.DB, ring(), 50);
    expect(outcome.byTable.users).toBeGreaterThanOrEqual(1);
    const stored = (await raw('SELECT totp_secret AS s FROM users WHERE id = ?', mod.id))!.s!;
    expect(stored).toMatch(SEALED_PATTERN);
    expect(await ring().open(stored, sealContext.totpSecret(mod.id))).toBe(plain);
    const v = new Visitor(ip());
    await v.post('/login', { email: mod.email, password: PASSWORD });
    expect(Visitor.location(await v.post('/login/second-factor', { csrf: await csrfOf(v), code: totpNow(plain, 1) }))).toBe('/staff');
  });
});

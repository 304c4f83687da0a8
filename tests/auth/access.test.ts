// Cloudflare Access mode: staff are identified by a signed Access assertion, checked against keys
// the test generates (passed in as a pinned key set), never by the e-mail header alone.
import { env } from 'cloudflare:workers';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../worker/app';
import { createStaff } from '../helpers/staff';

const TEAM = 'https://heard-test.cloudflareaccess.com';
const AUD = 'a1b2c3d4e5f6';

async function keySet() {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  return { privateKey, jwks: JSON.stringify({ keys: [jwk] }) };
}

function assertion(privateKey: CryptoKey, claims: { email: string; aud?: string; iss?: string; exp?: number }) {
  return new SignJWT({ email: claims.email })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(claims.iss ?? TEAM)
    .setAudience(claims.aud ?? AUD)
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 300)
    .sign(privateKey);
}

describe('Cloudflare Access mode', () => {
  it('lets in a Heard user with a valid assertion and refuses forged, expired, wrong-audience or unknown ones', async () => {
    const { privateKey, jwks } = await keySet();
    const other = await keySet();
    const app = buildApp();
    const accessEnv = { ...env, ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD, ACCESS_JWKS: jwks };
    const staff = await createStaff('commissioner', 'oxford-city-council', { totp: false });
    const get = async (path: string, jwt?: string, extra: Record<string, string> = {}) =>
      app.fetch(new Request(`https://heard.test${path}`, { headers: { ...(jwt ? { 'cf-access-jwt-assertion': jwt } : {}), ...extra } }), accessEnv);

    const ok = await get('/staff', await assertion(privateKey, { email: staff.email.toUpperCase() }));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain(`Hello, Test commissioner`);
    // A Heard session (with its form token) is started for the Access identity.
    expect(ok.headers.get('set-cookie')).toMatch(/^__Host-heard_session=/);

    const refused = async (jwt: string | undefined, extra: Record<string, string> = {}) => {
      const res = await get('/staff', jwt, extra);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/login/);
    };
    await refused(undefined, { 'cf-access-authenticated-user-email': staff.email });
    await refused(await assertion(other.privateKey, { email: staff.email }));
    await refused(await assertion(privateKey, { email: staff.email, aud: 'someone-else' }));
    await refused(await assertion(privateKey, { email: staff.email, iss: 'https://evil.cloudflareaccess.com' }));
    await refused(await assertion(privateKey, { email: staff.email, exp: Math.floor(Date.now() / 1000) - 60 }));
    await refused(await assertion(privateKey, { email: 'stranger@example.org' }));

    // The sign-in page says where to go instead of asking for a password.
    const login = await get('/login');
    expect(await login.text()).toContain('signs staff in through Cloudflare Access');
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM login_sessions WHERE user_id = ?').bind(staff.id).first<{ n: number }>();
    expect(rows!.n).toBe(1);
  });
});

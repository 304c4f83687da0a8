// Cloudflare Access: verify the signed assertion Access adds to each request, never the e-mail header alone.
// The key set is a parameter, so tests pass keys they generate instead of reaching the network.
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../env';

export const ACCESS_HEADER = 'cf-access-jwt-assertion';

export type AccessVerifier = (assertion: string) => Promise<string | undefined>;

/** Returns the verified, lower-cased e-mail address in an Access assertion, or undefined. */
export function accessVerifier(teamDomain: string, audience: string, keys: JWTVerifyGetKey): AccessVerifier {
  return async (assertion) => {
    try {
      const { payload } = await jwtVerify(assertion, keys, { issuer: teamDomain, audience, algorithms: ['RS256'] });
      return typeof payload.email === 'string' ? payload.email.toLowerCase() : undefined;
    } catch {
      return undefined;
    }
  };
}

// One verifier per configuration per isolate, so the team's keys are fetched once and cached by jose.
const verifiers = new Map<string, AccessVerifier>();

export function configuredAccessVerifier(config: Config): AccessVerifier | undefined {
  const { ACCESS_TEAM_DOMAIN: team, ACCESS_AUD: aud, ACCESS_JWKS: jwks } = config;
  if (!team || !aud) return undefined;
  const cacheKey = `${team}|${aud}|${jwks ?? ''}`;
  let verifier = verifiers.get(cacheKey);
  if (!verifier) {
    const keys = jwks ? createLocalJWKSet(JSON.parse(jwks)) : createRemoteJWKSet(new URL('/cdn-cgi/access/certs', team));
    verifier = accessVerifier(team.replace(/\/$/, ''), aud, keys);
    verifiers.set(cacheKey, verifier);
  }
  return verifier;
}

// The Worker's environment, validated once per isolate: bad configuration fails loudly at the first request.
import { z } from 'zod';
import type { Staff } from './auth/sessions';
import { KeyRing, keyRingSchema } from './http/keys';
import { KeysMissing, type KeyedFeature } from './http/problems';

export const configSchema = z.object({
  /** Where "Exit this page" sends people: a neutral site that gives nothing away. */
  EXIT_URL: z.url({ protocol: /^https?$/ }).default('https://www.bbc.co.uk/weather'),
  /** Minutes without activity after which a respondent's draft answers are deleted. */
  DRAFT_IDLE_MINUTES: z.coerce.number().int().min(1).max(240).default(30),
  /** Days after moderation is done (or the response excluded) before the original words of its answers are deleted, keeping the redacted text. */
  ORIGINAL_TEXT_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  /** Months without activity (the person's contact, not staff reading) after which a trusted assessment's content is deleted, keeping a tombstone. */
  ASSESSMENT_RETENTION_MONTHS: z.coerce.number().int().min(1).default(24),
  /** Submissions a minute from one IP address; 0 turns the limit off (the load benchmark does). */
  HEARD_SUBMIT_RATE_LIMIT: z.coerce.number().int().min(0).default(120),
  /** Withdrawal attempts a minute across all addresses together (each address also has the limit above); 0 turns it off. */
  HEARD_WITHDRAW_OVERALL_LIMIT: z.coerce.number().int().min(0).default(300),
  /** "binding" uses Cloudflare's Rate Limiting binding; "memory" an in-isolate counter for local use. */
  RATE_LIMITER: z.enum(['binding', 'memory']).default('binding'),
  /** "off" only for the local demo (`npm start`): admins, moderators and assessors then need no second factor. */
  SECOND_FACTOR: z.enum(['required', 'off']).default('required'),
  /** Each wrong password from one address for one account, past the third, waits this much longer (ms). */
  SIGN_IN_SLOWDOWN_MS: z.coerce.number().int().min(0).max(5000).default(500),
  /** Cloudflare Access: when both are set, staff are identified by Access instead of passwords. */
  ACCESS_TEAM_DOMAIN: z.url({ protocol: /^https$/ }).optional(),
  ACCESS_AUD: z.string().min(1).optional(),
  /** A pinned Access key set (JSON Web Key Set); without it the team's published keys are fetched. */
  ACCESS_JWKS: z.string().optional(),
  /**
   * The address people reach Heard at (`https://heard.example.org`): invite and reset links are built
   * from it, never from the request's Host. Unset, links are only made for a request to localhost.
   */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Report counts below this show as "fewer than N" (never below 5: the floor DESIGN.md sets). */
  REPORT_MIN_COUNT: z.coerce.number().int().min(5).max(100).default(5),
  /**
   * The secret key ring (a Worker secret; `npm start` writes a local one to .dev.vars). Optional so a
   * deployment without it still serves the pages that need no secret; `keyRing(c)` refuses the rest.
   */
  HEARD_KEYS: keyRingSchema.transform((keys) => new KeyRing(keys)).optional(),
});
export type Config = z.infer<typeof configSchema>;

const parsed = new WeakMap<object, Config>();

export function config(env: Env): Config {
  let c = parsed.get(env);
  if (!c) {
    c = configSchema.parse(env);
    parsed.set(env, c);
  }
  return c;
}

/**
 * The key ring, or a plain-words 503 page (`KeysMissing`) naming the feature that cannot run without it.
 * Every use of HEARD_KEYS goes through here, so a missing secret is never a 500.
 */
export function keyRing(c: { env: Env }, feature: KeyedFeature = 'assessments'): KeyRing {
  const ring = config(c.env).HEARD_KEYS;
  if (!ring) throw new KeysMissing(feature);
  return ring;
}

export type AppEnv = {
  Bindings: Env;
  /** requestId: random, per request; the only link between a 500 page a person reports and a log line. */
  /**
   * draftIdleMs: how long a draft lives between requests, when not DRAFT_IDLE_MINUTES: a kiosk tablet
   * sets its session's idle seconds, so a draft left there is cleared on the server that soon too.
   */
  Variables: { config: Config; staff: Staff; requestId: string; draftIdleMs?: number };
};

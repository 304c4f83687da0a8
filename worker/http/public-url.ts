// The address links in messages point at. Built from the configured PUBLIC_URL, never from the
// request's Host header, which anyone can set: a forged Host would otherwise put an attacker's site
// in an invite or reset link. Only a request to this machine itself (local development) may fall back.
import type { Context } from 'hono';
import { config, type AppEnv } from '../env';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The origin to build links on, or undefined when PUBLIC_URL is unset and this is not local development. */
export function publicOrigin(c: Context<AppEnv>): string | undefined {
  const configured = config(c.env).PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const url = new URL(c.req.url);
  return LOCAL_HOSTS.has(url.hostname) ? url.origin : undefined;
}

// Limits on submissions, withdrawals and opening a person's copy by code: per IP (at a venue everyone
// may share one, so generous), and for the codes also one overall limit across every address.
import type { Context } from 'hono';
import { config, type AppEnv } from '../env';

// Local fallback: a fixed one-minute window per key, kept in this isolate's memory.
const windows = new Map<string, { start: number; count: number }>();

function allowInMemory(key: string, limit: number, now: number): boolean {
  const w = windows.get(key);
  if (!w || now - w.start >= 60_000) {
    if (windows.size > 10_000) windows.clear();
    windows.set(key, { start: now, count: 1 });
    return true;
  }
  w.count += 1;
  return w.count <= limit;
}

/** True when this request may go ahead. The IP is used as a key only, never stored or logged. */
export async function allowSubmission(c: Context<AppEnv>, scope: string): Promise<boolean> {
  const { HEARD_SUBMIT_RATE_LIMIT: limit, RATE_LIMITER: limiter } = config(c.env);
  if (limit === 0) return true;
  const key = `${scope}:${c.req.header('cf-connecting-ip') ?? 'local'}`;
  if (limiter === 'binding' && c.env.SUBMIT_LIMIT) {
    const { success } = await c.env.SUBMIT_LIMIT.limit({ key });
    return success;
  }
  return allowInMemory(key, limit, Date.now());
}

/**
 * After a withdrawal code turned out unknown: one limit across all addresses, since someone guessing
 * codes from many addresses would pass any per-address limit. Only unknown codes count and only they
 * are refused, so nobody can use the limit up to stop a person taking their own feedback back. It has
 * its own binding, WITHDRAW_LIMIT, when deployed (counted per location, so approximate).
 */
export function allowUnknownWithdrawalCode(c: Context<AppEnv>): Promise<boolean> {
  return allowOverall(c, 'withdraw:unknown-codes');
}

/**
 * After a failed try to open a person's copy (a wrong code or date of birth, assess/copy): the same
 * overall limit, counted under its own key, so guessing copies and guessing withdrawals do not share a count.
 */
export function allowFailedCopyAttempt(c: Context<AppEnv>): Promise<boolean> {
  return allowOverall(c, 'copy:failed-attempts');
}

async function allowOverall(c: Context<AppEnv>, key: string): Promise<boolean> {
  const { HEARD_WITHDRAW_OVERALL_LIMIT: limit, RATE_LIMITER: limiter } = config(c.env);
  if (limit === 0) return true;
  if (limiter === 'binding' && c.env.WITHDRAW_LIMIT) {
    const { success } = await c.env.WITHDRAW_LIMIT.limit({ key });
    return success;
  }
  return allowInMemory(key, limit, Date.now());
}

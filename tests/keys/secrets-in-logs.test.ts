// When writing a sealed value fails, the logs get one line naming the error's class: never the
// secret, nor the sealed value (a failed query's message carries its bound values).
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resealBatch } from '../../worker/db/rotation';
import { sealContext } from '../../worker/db/sealed';
import { KeyRing, newKeyRingValue } from '../../worker/http/keys';
import worker from '../../worker/index';
import { createStaff, csrfOf, PASSWORD, totpNow } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';

const CONSOLE = ['log', 'info', 'warn', 'error', 'debug'] as const;
let printed: string[] = [];

beforeEach(async () => {
  printed = [];
  for (const method of CONSOLE) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
  // The database refuses to store any authenticator secret from here on.
  await env.DB.prepare("CREATE TRIGGER refuse_totp BEFORE UPDATE OF totp_secret ON users BEGIN SELECT RAISE(ABORT, 'refused'); END").run();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await env.DB.prepare('DROP TRIGGER refuse_totp').run();
});

/** Nothing printed holds a secret, a sealed value, or anything that looks like one. */
function expectNothingSecret(...secrets: string[]) {
  const all = printed.join('\n');
  for (const secret of secrets) expect(all).not.toContain(secret);
  expect(all).not.toMatch(/v1\.[a-z0-9]+\./);
  expect(all).not.toMatch(/[A-Z2-7]{32}/);
}

describe('a failed re-seal', () => {
  it('fails as a whole, and the scheduled run logs only the error’s class', async () => {
    const staff = await createStaff('moderator');
    const sealed = (await env.DB.prepare('SELECT totp_secret AS s FROM users WHERE id = ?').bind(staff.id).first<{ s: string }>())!.s;
    const rotated = `${newKeyRingValue('k4')},${env.HEARD_KEYS}`;
    await expect(resealBatch(env.DB, KeyRing.parse(rotated), 50)).rejects.toThrow();

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), { ...env, HEARD_KEYS: rotated }, ctx);
    await waitOnExecutionContext(ctx);
    expect(printed).toEqual([expect.stringMatching(/^\{"event":"unhandled_error","kind":"\w+","route":"scheduled\.reseal","method":"CRON","requestId":"[0-9a-f-]+"\}$/)]);
    expectNothingSecret(staff.totpSecret!, sealed, rotated.split(',')[0]!.slice(3));
    expect(await env.DB.prepare('SELECT totp_secret AS s FROM users WHERE id = ?').bind(staff.id).first('s')).toBe(sealed);
  });
});

describe('a failed enrolment', () => {
  it('shows the 500 page and logs one line, without the offered secret', async () => {
    const mod = await createStaff('moderator', 'homeless-oxfordshire', { totp: false });
    const v = new Visitor({ 'cf-connecting-ip': '10.63.0.1' });
    await v.post('/login', { email: mod.email, password: PASSWORD });
    const page = await (await v.get('/account/second-factor')).text();
    const offered = /Key: <code class="heard-code-s">([A-Z2-7 ]+)</.exec(page)![1]!.replace(/ /g, '');
    const pending = (await env.DB.prepare('SELECT pending_totp_secret AS s FROM login_sessions WHERE user_id = ?').bind(mod.id).first<{ s: string }>())!.s;
    const res = await v.post('/account/second-factor', { csrf: await csrfOf(v), code: totpNow(offered) });
    expect(res.status).toBe(500);
    expect(printed).toEqual([expect.stringContaining('"route":"/account/second-factor"')]);
    expectNothingSecret(offered, pending, sealContext.totpSecret(mod.id));
    expect(await env.DB.prepare('SELECT totp_secret AS s FROM users WHERE id = ?').bind(mod.id).first('s')).toBeNull();
  });
});

// Nothing typed is lost on a timeout: a section posted after the staff session ended is held (sealed,
// for that browser and person), and shown again once they sign in, with a banner, exactly once.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredHeldSaves } from '../../worker/assess/held/held-saves';
import { database } from '../../worker/db/client';
import { sha256 } from '../../worker/http/tokens';
import { addPerson, saveSection } from '../helpers/assess';
import { createStaff, csrfOf, PASSWORD, signIn, totpNow, type TestStaff } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';

const OWN = 'st-mungos';
const BANNER = 'You were signed out before this was saved. Check it and save.';
const TYPED = 'Fixes bikes at the Broken Spoke workshop on Saturdays; proud of the cargo bike rebuild.';

let id: string;

beforeAll(async () => {
  id = await addPerson(await signIn(await createStaff('assessor', OWN)), 'Alex Timeout', '1991-09-19');
});

// A fresh account for each sign-in: authenticator codes are single-use, so one account signs in once a step.
const assessor = () => createStaff('assessor', OWN);

/** Signs in again on the same browser (codes are single-use, so a later step's code). */
async function signInAgain(staff: TestStaff, v: Visitor, step: number) {
  const res = await v.post('/login', { email: staff.email, password: PASSWORD });
  expect(res.status).toBe(303);
  const code = await v.post('/login/second-factor', { csrf: await csrfOf(v), code: totpNow(staff.totpSecret!, step) });
  expect(code.status, 'code accepted').toBe(303);
}

/** Ends the visitor's session as 31 idle minutes would. */
async function idle(v: Visitor) {
  const token = v.cookies.get('__Host-heard_session')!;
  await env.DB.prepare('UPDATE login_sessions SET last_seen_at = ? WHERE token_hash = ?')
    .bind(Date.now() - 31 * 60_000, await sha256(token))
    .run();
}

async function heldRows() {
  return (await env.DB.prepare('SELECT * FROM held_saves').all<Record<string, unknown>>()).results;
}

async function postAfterTimeout(v: Visitor, csrf: string, strengths = TYPED) {
  return v.post(`/assess/${id}/sections/strengths`, { csrf, action: 'later', strengths, goals: 'A flat of my own, with room for the dog.' });
}

describe('a section posted after the session ended', () => {
  it('is held sealed, sends the person to sign in, and comes back in the form with a banner, once', async () => {
    const me = await assessor();
    const v = await signIn(me);
    const csrf = await csrfOf(v);
    await idle(v);

    const res = await postAfterTimeout(v, csrf);
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe(`/login?next=${encodeURIComponent(`/assess/${id}/sections/strengths`)}`);
    const cookie = res.headers.getSetCookie().find((l) => l.startsWith('__Secure-heard_held='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/assess/i);

    const rows = await heldRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: me.id, path: `/assess/${id}/sections/strengths` });
    expect(rows[0]!.fields_sealed).toMatch(/^v1\.k2\./);
    expect(JSON.stringify(rows)).not.toContain('Broken Spoke');
    expect(JSON.stringify(rows)).not.toContain(v.cookies.get('__Secure-heard_held'));
    // Nothing was saved into the assessment, and the ended session is gone.
    expect((await env.DB.prepare("SELECT count(*) AS n FROM assessment_sections WHERE assessment_id = ? AND section_id = 'strengths'").bind(id).first<{ n: number }>())!.n).toBe(0);

    await signInAgain(me, v, 1);
    const page = await v.get(`/assess/${id}/sections/strengths`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(BANNER);
    expect(html).toContain('Broken Spoke workshop');
    expect(html).toContain('room for the dog');
    expect(await heldRows()).toEqual([]);
    expect(v.cookies.has('__Secure-heard_held')).toBe(false);

    // Shown once: the next visit is the saved answers (none yet), then saving keeps the words.
    const again = await (await v.get(`/assess/${id}/sections/strengths`)).text();
    expect(again).not.toContain(BANNER);
    expect(again).not.toContain('Broken Spoke');
    expect((await saveSection(v, id, 'strengths', { strengths: TYPED })).status).toBe(303);
    expect(await (await v.get(`/assess/${id}/sections/strengths`)).text()).toContain('Broken Spoke workshop');
  });

  it('is never shown to someone else who signs in on that browser', async () => {
    const v = await signIn(await assessor());
    const csrf = await csrfOf(v);
    await idle(v);
    expect((await postAfterTimeout(v, csrf, 'Someone else’s words, never to be shown to another.')).status).toBe(303);
    expect(await heldRows()).toHaveLength(1);

    await signIn(await assessor(), v);
    const html = await (await v.get(`/assess/${id}/sections/strengths`)).text();
    expect(html).not.toContain(BANNER);
    expect(html).not.toContain('never to be shown');
    // Discarded, not kept for later.
    expect(await heldRows()).toEqual([]);
  });

  it('when the ended session no longer says whose it was, shows it only to someone who may write that section', async () => {
    const v = await signIn(await assessor());
    const csrf = await csrfOf(v);
    // The session row already gone (another tab's request, or the scheduled purge, deleted it).
    await env.DB.prepare('DELETE FROM login_sessions WHERE token_hash = ?').bind(await sha256(v.cookies.get('__Host-heard_session')!)).run();
    expect((await postAfterTimeout(v, csrf, 'Words held with nobody named.')).status).toBe(303);
    expect(await heldRows()).toMatchObject([{ user_id: null }]);

    // Someone outside the assessment opens nothing, and the held save waits.
    const outsider = await createStaff('assessor', 'a2dominion');
    await signIn(outsider, v);
    expect((await v.get(`/assess/${id}/sections/strengths`)).status).toBe(404);
    expect(await heldRows()).toHaveLength(1);

    await signIn(await assessor(), v);
    const html = await (await v.get(`/assess/${id}/sections/strengths`)).text();
    expect(html).toContain(BANNER);
    expect(html).toContain('Words held with nobody named.');
    expect(await heldRows()).toEqual([]);
  });

  it('does not hold a post from a live session, a forged form token, or a made-up section', async () => {
    const v = await signIn(await assessor());
    const ok = await postAfterTimeout(v, await csrfOf(v));
    expect(ok.status).toBe(303);
    expect(Visitor.location(ok)).toBe(`/assess/${id}?done=saved&section=strengths`);

    const csrf = await csrfOf(v);
    await idle(v);
    const forged = await postAfterTimeout(v, 'x'.repeat(csrf.length));
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('You are signed out');

    const w = await signIn(await assessor());
    const wCsrf = await csrfOf(w);
    await idle(w);
    const madeUp = await w.post(`/assess/${id}/sections/no-such-section`, { csrf: wCsrf, strengths: TYPED });
    expect(madeUp.status).toBe(403);
    expect(await heldRows()).toEqual([]);
  });

  it('is purged by the scheduled handler after a day', async () => {
    await env.DB.prepare("INSERT INTO held_saves (id, user_id, path, fields_sealed, key_id, created_at, expires_at) VALUES ('old', NULL, '/assess/x/sections/y', 'v1.k2.x.y', 'k2', 0, ?)")
      .bind(Date.now() - 1000)
      .run();
    await purgeExpiredHeldSaves(database(env.DB));
    expect(await heldRows()).toEqual([]);
  });

  it('warns before the session ends, with JavaScript, and "Stay signed in" counts as activity', async () => {
    const v = await signIn(await assessor());
    const html = await (await v.get(`/assess/${id}/sections/strengths`)).text();
    // Hidden until the island shows it; the island's script is on the page.
    expect(html).toMatch(/data-stay-signed-in="\/assess\/session\/keep-alive" data-signed-in-for="(\d+)" hidden/);
    const left = Number(/data-signed-in-for="(\d+)"/.exec(html)![1]);
    expect(left).toBeGreaterThan(29 * 60_000);
    expect(left).toBeLessThanOrEqual(30 * 60_000);
    expect(html).toMatch(/<script type="module" src="\/assets\/stay-signed-in-[^"]+\.js"/);

    const hash = await sha256(v.cookies.get('__Host-heard_session')!);
    await env.DB.prepare('UPDATE login_sessions SET last_seen_at = ? WHERE token_hash = ?').bind(Date.now() - 28 * 60_000, hash).run();
    const res = await v.get('/assess/session/keep-alive');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { signedInForMs: number }).signedInForMs).toBeGreaterThan(29 * 60_000);
    const seen = await env.DB.prepare('SELECT last_seen_at AS t FROM login_sessions WHERE token_hash = ?').bind(hash).first<{ t: number }>();
    expect(Date.now() - seen!.t).toBeLessThan(60_000);

    // Signed out: the sign-in page, not the numbers, which the island reads as "signed out".
    await idle(v);
    const out = await v.get('/assess/session/keep-alive');
    expect(out.status).toBe(303);
    expect(Visitor.location(out)).toMatch(/^\/login/);
  });
});

describe('holding is limited per address', () => {
  it('holds no more from one address than the submission limit allows a minute, then refuses as signed out', async () => {
    // A made-up session cookie on a known draft section: without the limit, each post would store a row.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const v = new Visitor({ 'cf-connecting-ip': '10.77.0.9' });
      v.cookies.set('__Host-heard_session', `made-up-session-token-${i}`.padEnd(43, 'x'));
      const res = await v.post(`/assess/${id}/sections/strengths`, { csrf: 'x', action: 'later', strengths: `guess ${i}` });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    // The tests' limit is 5 a minute (vitest.config.ts): the rest meet the policy's "signed out" page.
    expect(statuses.slice(0, 5)).toEqual([303, 303, 303, 303, 303]);
    expect(statuses.slice(5)).toEqual([403, 403]);
  });
});

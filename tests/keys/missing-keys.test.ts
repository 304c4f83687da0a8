// A deployment without HEARD_KEYS still serves what needs no secret, and refuses what does with a
// plain-words 503 naming it, never a 500.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../worker/app';
import { answerServiceFeedback, SERVICE } from '../helpers/respondent';
import { createStaff, csrfOf, PASSWORD, signIn } from '../helpers/staff';
import { formBody, ORIGIN, Visitor, type Fields } from '../helpers/visitor';

const withoutKeys = { ...env, HEARD_KEYS: undefined } as unknown as Env;

// The app as a deployment without the secret runs it.
const app = buildApp();

async function fetchWithoutKeys(path: string, init: { fields?: Fields; cookie?: string; lang?: string } = {}) {
  const headers = new Headers({ 'cf-connecting-ip': '10.62.0.1' });
  if (init.cookie) headers.set('cookie', init.cookie);
  if (init.lang) headers.set('accept-language', init.lang);
  if (init.fields) headers.set('origin', ORIGIN);
  const request = new Request(new URL(path, ORIGIN), { method: init.fields ? 'POST' : 'GET', headers, body: init.fields ? formBody(init.fields) : undefined, redirect: 'manual' });
  const ctx = createExecutionContext();
  const res = await app.fetch(request, withoutKeys, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, text: await res.text() };
}

const KEY_SENTENCE = 'cannot be used until the deployment’s encryption key (HEARD_KEYS) is set. Ask your deployment admin.';

describe('a deployment without HEARD_KEYS', () => {
  it('still serves pages that need no secret', async () => {
    expect((await fetchWithoutKeys('/healthz')).status).toBe(200);
    expect((await fetchWithoutKeys(`/f/${SERVICE}`)).status).toBe(200);
    expect((await fetchWithoutKeys('/login')).status).toBe(200);
  });

  it('refuses to start trusted assessments, saying what to do', async () => {
    // Signed in while the key was there (a key removed from a running deployment), then without it.
    const assessor = await createStaff('assessor', 'st-mungos');
    const v = await signIn(assessor);
    const cookie = [...v.cookies].map(([k, val]) => `${k}=${val}`).join('; ');
    const res = await fetchWithoutKeys('/assess/people', { cookie, fields: { csrf: await csrfOf(v), name: 'No Key', 'birth-day': '1', 'birth-month': '1', 'birth-year': '1990', language: 'en' } });
    expect(res.status).toBe(503);
    expect(res.text).toContain(`Trusted assessments ${KEY_SENTENCE}`);
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM assessments WHERE created_by = ?").bind(assessor.id).first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });

  it('refuses staff sign-in, and kiosk mode, with the same page', async () => {
    const staff = await createStaff('moderator');
    const signIn = await fetchWithoutKeys('/login', { fields: { email: staff.email, password: PASSWORD } });
    expect(signIn.status).toBe(503);
    expect(signIn.text).toContain(`Staff sign-in ${KEY_SENTENCE}`);
    const kiosk = await fetchWithoutKeys('/k', { cookie: '__Host-heard_kiosk=anything' });
    expect(kiosk.status).toBe(503);
    expect(kiosk.text).toContain(`Kiosk mode ${KEY_SENTENCE}`);
  });

  it('tells a respondent, in their language, that feedback cannot be sent or taken back yet, and keeps their answers', async () => {
    const v = new Visitor({ 'cf-connecting-ip': '10.62.0.2' });
    const key = await answerServiceFeedback(v, 'The hostel staff listened');
    const cookie = [...v.cookies].map(([k, val]) => `${k}=${val}`).join('; ');
    const sent = await fetchWithoutKeys(`/f/${SERVICE}/submit`, { fields: { idempotency_key: key }, cookie });
    expect(sent.status).toBe(503);
    expect(sent.text).toContain('Feedback cannot be sent or taken back here');
    expect(sent.text).not.toContain('HEARD_KEYS');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM drafts WHERE idempotency_key = ? AND submitted_at IS NULL').bind(key).first('n')).toBe(1);

    const withdraw = await fetchWithoutKeys('/withdraw', { fields: { code: 'ABCDE-FGHJK' }, lang: 'pl' });
    expect(withdraw.status).toBe(503);
    expect(withdraw.text).toContain('Nie można tu wysyłać ani wycofywać opinii');
  });
});

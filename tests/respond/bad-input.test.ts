// Whatever arrives, the answer is a clear page and a 4xx, never a 500.
import fc from 'fast-check';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { answerPage, ORIGIN, Visitor } from '../helpers/visitor';

const PAGES = ['service', 'last-used', 'how-was-it', 'what-worked', 'what-did-not', 'one-change'];

function expectPlainRefusal(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('text/html');
}

describe('refusing bad requests in plain words', () => {
  it('says a form or page does not exist', async () => {
    const v = new Visitor();
    expectPlainRefusal(await v.get('/f/no-such-form'), 404);
    expect(await (await v.get('/f/no-such-form')).text()).toContain('Page not found');
    expectPlainRefusal(await v.get('/nowhere'), 404);
    await v.post('/f/service-feedback/start', {});
    expectPlainRefusal(await v.get('/f/service-feedback/q/no-such-page'), 404);
    // Back and Change name their page in the body; a malformed one is a plain 400.
    expectPlainRefusal(await v.post('/f/service-feedback/back', { heard_page: '<script>' }), 400);
    expectPlainRefusal(await v.post('/f/service-feedback/change', {}), 400);
  });

  it('refuses malformed slugs and query strings', async () => {
    const v = new Visitor();
    expectPlainRefusal(await v.get('/f/NOT_A_SLUG'), 400);
    expectPlainRefusal(await v.get('/f/service-feedback?lang=xx'), 400);
    expectPlainRefusal(await v.get('/f/service-feedback?lang=en&lang=ar'), 400);
  });

  it('refuses a post from another site', async () => {
    const v = new Visitor();
    const res = await v.post('/f/service-feedback/start', {}, { origin: 'https://evil.example' });
    expectPlainRefusal(res, 403);
    expect(await res.text()).toContain('did not come from one of our pages');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a body that is too large', async () => {
    const v = new Visitor();
    await v.post('/f/service-feedback/start', {});
    const res = await answerPage(v, 'service-feedback', 'one-change', { 'one-change': 'x'.repeat(70 * 1024) });
    expectPlainRefusal(res, 413);
    expect(await res.text()).toContain('too large');
  });

  it('refuses content it cannot read', async () => {
    const v = new Visitor();
    await v.post('/f/service-feedback/start', {});
    const json = await v.request('/f/service-feedback/question', {
      method: 'POST',
      body: JSON.stringify({ service: 'outreach' }),
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
    });
    expectPlainRefusal(json, 415);
    const file = new FormData();
    file.append('service', new File(['x'], 'x.txt'));
    const upload = await v.request('/f/service-feedback/question', { method: 'POST', body: file, headers: { origin: ORIGIN } });
    expectPlainRefusal(upload, 400);
  });

  it('refuses a submit with a forged key', async () => {
    const v = new Visitor();
    expectPlainRefusal(await v.post('/f/service-feedback/submit', { idempotency_key: 'not a key' }), 400);
    expectPlainRefusal(await v.post('/f/service-feedback/submit', { idempotency_key: 'A'.repeat(22) }), 410);
  });

  it('never answers 5xx, whatever fields, values, content types and cookies arrive', async () => {
    const field = fc.oneof(fc.constantFrom('heard_page', 'service', 'how-was-it', 'one-change', 'last-used-day', 'last-used-month', 'last-used-year', 'idempotency_key', 'website', 'code', 'lang'), fc.string({ maxLength: 20 }));
    const value = fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom(...PAGES, 'check', 'outreach', '4', '', '31', 'ar', 'en'), fc.string({ unit: 'grapheme', maxLength: 50 }));
    const body = fc.array(fc.tuple(field, value), { maxLength: 12 });
    const path = fc.oneof(
      fc.constantFrom('/f/service-feedback/start', '/f/service-feedback/submit', '/withdraw', '/f/service-feedback/keep-alive', '/f/service-feedback/check', '/f/service-feedback/question', '/f/service-feedback/back', '/f/service-feedback/change'),
      fc.string({ maxLength: 30 }).map((s) => `/f/${encodeURIComponent(s)}`),
    );
    const contentType = fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz', 'text/plain', 'application/json', 'application/x-www-form-urlencoded; charset=utf-8');
    const cookie = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 60 }).map((s) => `__Host-heard_draft=${encodeURIComponent(s)}`));
    const method = fc.constantFrom('GET', 'POST');

    // One real draft, so some requests land on a live journey rather than only on refusals.
    const real = new Visitor();
    await real.post('/f/service-feedback/start', {});
    const realCookie = `__Host-heard_draft=${real.cookies.get('__Host-heard_draft')}`;

    await fc.assert(
      fc.asyncProperty(method, path, body, contentType, fc.oneof(cookie, fc.constant(realCookie)), async (m, p, pairs, type, c) => {
        const encoded = new URLSearchParams(pairs).toString();
        const headers: Record<string, string> = { origin: ORIGIN, 'content-type': type };
        if (c) headers.cookie = c;
        const res = await new Visitor().request(p, m === 'GET' ? { headers: c ? { cookie: c } : {} } : { method: m, body: encoded, headers });
        expect(res.status, `${m} ${p} ${type} ${encoded}`).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { numRuns: 250 },
    );
    // Afterwards the service still works for the next person.
    const next = new Visitor();
    expect((await next.post('/f/service-feedback/start', {})).status).toBe(303);
    expect((await next.get('/f/service-feedback/question')).status).toBe(200);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM drafts').first<{ n: number }>())!.n).toBeGreaterThan(0);
  });
});

// A respondent's journey over HTTP through the real Worker and a real local D1.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { seedData, seedStatements } from '../../seeds/index';
import worker from '../../worker/index';
import { answerPage, currentPageOf, hiddenValue, Visitor, withdrawalCodeIn, type Fields } from '../helpers/visitor';

const DAY = 86_400_000;
let nextIp = 1;
/** Each person gets their own IP unless a test says otherwise, so rate limits stay out of the way. */
function person(headers: Record<string, string> = {}) {
  return new Visitor({ 'cf-connecting-ip': `10.0.0.${nextIp++}`, ...headers });
}

/** The response a check page's idempotency key was sent as (the sent draft remembers its response id). */
async function responseIdFor(key: string): Promise<string | undefined> {
  const row = await env.DB.prepare('SELECT response_id AS id FROM drafts WHERE idempotency_key = ? AND submitted_at IS NOT NULL').bind(key).first<{ id: string }>();
  return row?.id;
}

async function count(sql: string, ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Answers the short service-feedback form's required questions and returns the check page. */
async function answerServiceFeedback(v: Visitor, change = 'More evening opening') {
  const start = await v.post('/f/service-feedback/start', { lang: 'en' });
  expect(start.status).toBe(303);
  const steps: [string, Fields][] = [
    ['service', { service: 'outreach' }],
    ['last-used', {}],
    ['how-was-it', { 'how-was-it': '4' }],
    ['what-worked', { 'what-worked': 'Friendly staff' }],
    ['what-did-not', {}],
    ['one-change', { 'one-change': change }],
  ];
  for (const [page, fields] of steps) {
    const res = await answerPage(v, 'service-feedback', page, fields);
    expect(res.status, `page ${page}`).toBe(303);
  }
  const check = await v.get('/f/service-feedback/check');
  expect(check.status).toBe(200);
  return check.text();
}

describe('starting a form', () => {
  it('shows what the form is for and how answers are used, sets no cookie, and stores nothing', async () => {
    const res = await person().get('/f/festival-of-feedback');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('What this is for');
    expect(html).toContain('How your answers are used');
    expect(html).toContain('href="/safety?lang=en"');
    expect(html).toContain('href="/exit"');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('gives a session cookie holding only an opaque token, with no expiry', async () => {
    const v = person();
    const res = await v.post('/f/festival-of-feedback/start', { lang: 'en' });
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe('/f/festival-of-feedback/question');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-heard_draft=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(cookie).not.toMatch(/expires|max-age/i);
  });

  it('offers Arabic right to left, and keeps the choice from page to page', async () => {
    const v = person();
    const start = await (await v.get('/f/festival-of-feedback?lang=ar')).text();
    expect(start).toContain('<html lang="ar" dir="rtl"');
    expect(start).toContain('مهرجان الملاحظات');
    await v.post('/f/festival-of-feedback/start', { lang: 'ar' });
    const page = await (await v.get('/f/festival-of-feedback/question')).text();
    expect(page).toContain('<html lang="ar" dir="rtl"');
    expect(page).toContain('أين تقيم في الوقت الحالي؟');
    const english = await (await v.get('/f/festival-of-feedback/question?lang=en')).text();
    expect(english).toContain('<html lang="en" dir="ltr"');
    expect(await (await v.get('/f/festival-of-feedback/question')).text()).toContain('<html lang="en"');
  });

  it('offers Easy Read wording where a question has it', async () => {
    const v = person();
    await v.post('/f/festival-of-feedback/start', { lang: 'en' });
    const standard = await (await v.get('/f/festival-of-feedback/question')).text();
    expect(standard).toContain('Where are you staying at the moment?');
    const easy = await (await v.get('/f/festival-of-feedback/question?read=easy')).text();
    expect(easy).toContain('Where do you sleep now?');
    expect(easy).toContain('Use standard words');
  });
});

describe('answering one question a page', () => {
  it('follows the branches of the festival form, checks answers, and stores only what is in play', async () => {
    const v = person();
    const slug = 'festival-of-feedback';
    const answer = (page: string, fields: Fields = {}) => answerPage(v, slug, page, fields);
    await v.post(`/f/${slug}/start`, { lang: 'en' });
    let res = await answer('staying', { staying: 'hostel' });
    expect(Visitor.location(res)).toBe(`/f/${slug}/question`);
    expect(await currentPageOf(v, slug)).toBe('accommodation-rating');
    await answer('accommodation-rating', { 'accommodation-rating': '2' });
    await answer('accommodation-comments', { 'accommodation-comments': 'Noisy at night' });
    // Change of mind: sleeping rough now. The accommodation answers fall out of play.
    res = await answer('staying', { staying: 'rough' });
    expect(Visitor.location(res)).toBe(`/f/${slug}/question`);
    const page = await (await v.get(`/f/${slug}/question`)).text();
    expect(page).toContain('action="/f/festival-of-feedback/back"');
    // Back is a post: the server goes to the page before, and the address stays the same.
    res = await v.post(`/f/${slug}/back`, { heard_page: 'rough-sleeping-help' });
    expect(Visitor.location(res)).toBe(`/f/${slug}/question`);
    expect(await currentPageOf(v, slug)).toBe('staying');
    await answer('staying', { staying: 'rough' });
    expect(await currentPageOf(v, slug)).toBe('rough-sleeping-help');
    await answer('rough-sleeping-help', { 'rough-sleeping-help': 'A bed that is mine' });
    await answer('support-rating', { 'support-rating': '3' });
    await answer('support-comments', {});
    await answer('health', { health: ['gp', 'dentist'] });
    res = await answer('listened-to', { 'listened-to': '1' });
    expect(await currentPageOf(v, slug)).toBe('listened-comments');
    await answer('listened-comments', { 'listened-comments': 'Call me back' });
    await answer('change', { change: 'More beds' });
    res = await answer('quote', { quote: 'yes' });
    expect(Visitor.location(res)).toBe(`/f/${slug}/check`);

    const check = await (await v.get(`/f/${slug}/check`)).text();
    expect(check).toContain('Check your answers before sending them');
    expect(check).toContain('A bed that is mine');
    expect(check).not.toContain('Noisy at night');
    // Change is a post naming the page in the body: no page id ever reaches an address.
    expect(check).toContain('action="/f/festival-of-feedback/change"');
    expect(check).toContain('name="heard_page" value="change"');
    expect(check).not.toContain('href="/f/festival-of-feedback/q/');

    // A Change button goes to the question and comes straight back to check answers.
    res = await v.post(`/f/${slug}/change`, { heard_page: 'change' });
    expect(Visitor.location(res)).toBe(`/f/${slug}/question`);
    const changePage = await (await v.get(`/f/${slug}/question`)).text();
    expect(changePage).toContain('>More beds</textarea>');
    res = await answer('change', { change: 'More beds, fewer rules' });
    expect(Visitor.location(res)).toBe(`/f/${slug}/check`);
    // Back from a change returns to check answers too.
    await v.post(`/f/${slug}/change`, { heard_page: 'quote' });
    expect(Visitor.location(await v.post(`/f/${slug}/back`, { heard_page: 'quote' }))).toBe(`/f/${slug}/check`);

    const key = hiddenValue(await (await v.get('/f/festival-of-feedback/check')).text(), 'idempotency_key');
    const sent = await v.post('/f/festival-of-feedback/submit', { idempotency_key: key });
    expect(sent.status).toBe(200);
    const code = withdrawalCodeIn(await sent.text());
    expect(v.cookies.size).toBe(0);

    const response = await env.DB.prepare('SELECT id, channel, locale FROM responses WHERE id = ?').bind(await responseIdFor(key)).first<{ id: string; channel: string; locale: string }>();
    expect(response).toMatchObject({ channel: 'online', locale: 'en' });
    const stored = await env.DB.prepare('SELECT question_id, value FROM answers WHERE response_id = ? ORDER BY question_id').bind(response!.id).all<{ question_id: string; value: string }>();
    expect(Object.fromEntries(stored.results.map((r) => [r.question_id, JSON.parse(r.value)]))).toEqual({
      staying: 'rough',
      'rough-sleeping-help': 'A bed that is mine',
      'support-rating': '3',
      health: ['gp', 'dentist'],
      'listened-to': '1',
      'listened-comments': 'Call me back',
      change: 'More beds, fewer rules',
      quote: 'yes',
    });
    // The draft holds no answers once sent; the code is not stored in the clear on the response.
    expect(await count("SELECT count(*) AS n FROM drafts WHERE idempotency_key = ? AND answers = '{}'", key)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM responses WHERE withdrawal_key = ?', code)).toBe(0);
  });

  it('keeps what was typed when an answer has a problem, and says what to do', async () => {
    const v = person();
    await v.post('/f/service-feedback/start', { lang: 'en' });
    await answerPage(v, 'service-feedback', 'service', { service: 'day-centre' });
    const res = await answerPage(v, 'service-feedback', 'last-used', { 'last-used-day': '31', 'last-used-month': '2', 'last-used-year': '2025' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<title>Error: ');
    expect(html).toContain('class="govuk-error-summary"');
    expect(html).toContain('<a href="#last-used-day">Date must be a real date</a>');
    expect(html).toContain('value="31"');
    expect(html).toContain('value="2025"');
    expect(res.headers.get('cache-control')).toBe('no-store');

    const long = 'ش'.repeat(201);
    const tooLong = await answerPage(v, 'service-feedback', 'one-change', { 'one-change': long });
    expect(tooLong.status).toBe(422);
    expect(await tooLong.text()).toContain(`value="${long}"`);
  });

  it('does not take answers for a page the branches do not show', async () => {
    const v = person();
    await v.post('/f/festival-of-feedback/start', { lang: 'en' });
    await answerPage(v, 'festival-of-feedback', 'staying', { staying: 'hostel' });
    const res = await answerPage(v, 'festival-of-feedback', 'rough-sleeping-help', { 'rough-sleeping-help': 'Sneaked in' });
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe('/f/festival-of-feedback/question');
    expect(await currentPageOf(v, 'festival-of-feedback')).toBe('accommodation-rating');
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM drafts WHERE answers LIKE '%Sneaked in%'").first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });

  it('does not let anyone skip ahead to check answers with required questions unanswered', async () => {
    const v = person();
    await v.post('/f/service-feedback/start', { lang: 'en' });
    const res = await v.get('/f/service-feedback/check');
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe('/f/service-feedback/question');
    expect(await currentPageOf(v, 'service-feedback')).toBe('service');
  });
});

describe('sending', () => {
  it('stores one response however often the final button is pressed, and shows the same confirmation', async () => {
    const v = person();
    const key = hiddenValue(await answerServiceFeedback(v), 'idempotency_key');
    const cookies = new Map(v.cookies);
    // A double tap on a slow connection: both requests carry the cookie and the key.
    const [a, b] = await Promise.all([v.post('/f/service-feedback/submit', { idempotency_key: key }), v.post('/f/service-feedback/submit', { idempotency_key: key })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [codeA, codeB] = [withdrawalCodeIn(await a.text()), withdrawalCodeIn(await b.text())];
    expect(codeA).toBe(codeB);
    // Pressed again later, from the same page, after the cookie was cleared (or by the next person at
    // a kiosk going back through history): stored once, and the code is not shown to them.
    const again = await v.post('/f/service-feedback/submit', { idempotency_key: key });
    expect(again.status).toBe(200);
    const againHtml = await again.text();
    expect(againHtml).toContain('This feedback has already been sent');
    expect(againHtml).not.toContain(codeA);
    expect(await count('SELECT count(*) AS n FROM responses WHERE id = ?', await responseIdFor(key))).toBe(1);
    expect(cookies.size).toBe(1);
    expect(v.cookies.size).toBe(0);
  });

  it('refuses a bot that fills in the hidden field, without storing anything', async () => {
    const v = person();
    const key = hiddenValue(await answerServiceFeedback(v), 'idempotency_key');
    const res = await v.post('/f/service-feedback/submit', { idempotency_key: key, website: 'http://spam.example' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Sorry, we could not accept this');
    expect(await count('SELECT count(*) AS n FROM responses r JOIN drafts d ON d.response_id = r.id WHERE d.idempotency_key = ?', key)).toBe(0);
  });

  it('limits submissions per IP, and keeps the answers of the person who is told to wait', async () => {
    // The test environment allows 5 a minute from one address.
    const venue = '192.0.2.50';
    for (let i = 0; i < 5; i++) {
      const v = new Visitor({ 'cf-connecting-ip': venue });
      const key = hiddenValue(await answerServiceFeedback(v), 'idempotency_key');
      expect((await v.post('/f/service-feedback/submit', { idempotency_key: key })).status).toBe(200);
    }
    const sixth = new Visitor({ 'cf-connecting-ip': venue });
    const key = hiddenValue(await answerServiceFeedback(sixth, 'Sixth person'), 'idempotency_key');
    const limited = await sixth.post('/f/service-feedback/submit', { idempotency_key: key });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('Wait one minute');
    expect(await (await sixth.get('/f/service-feedback/check')).text()).toContain('Sixth person');
  });
});

describe('drafts that expire or were never ours', () => {
  it('clears answers after the idle time and says so kindly', async () => {
    const v = person();
    await v.post('/f/service-feedback/start', { lang: 'en' });
    await answerPage(v, 'service-feedback', 'service', { service: 'outreach' });
    await env.DB.prepare('UPDATE drafts SET expires_at = ? WHERE submitted_at IS NULL').bind(Date.now() - 1000).run();
    const res = await v.get('/f/service-feedback/question');
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('Your answers were cleared');
    expect(v.cookies.size).toBe(0);
  });

  it('keeps the answers for another idle period when the person asks to (the timeout warning)', async () => {
    const v = person();
    await v.post('/f/service-feedback/start', { lang: 'en' });
    const page = await (await v.get('/f/service-feedback/question')).text();
    expect(page).toContain('data-minutes="30"');
    expect(page).toContain('action="/f/service-feedback/keep-alive"');
    await env.DB.prepare('UPDATE drafts SET expires_at = ? WHERE submitted_at IS NULL').bind(Date.now() + 60_000).run();
    const res = await v.post('/f/service-feedback/keep-alive', {});
    expect(res.status).toBe(204);
    const row = await env.DB.prepare('SELECT max(expires_at) AS at FROM drafts WHERE submitted_at IS NULL').first<{ at: number }>();
    expect(row!.at).toBeGreaterThan(Date.now() + 29 * 60_000);
  });

  it('treats a forged token like an expired one, and a malformed one as a bad request', async () => {
    const forged = person({ cookie: `__Host-heard_draft=${'A'.repeat(43)}` });
    expect((await forged.get('/f/service-feedback/question')).status).toBe(410);
    const malformed = person({ cookie: '__Host-heard_draft=<script>' });
    const res = await malformed.get('/f/service-feedback/question');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Sorry, we could not use that');
  });

  it('does not let a draft for one form answer another form', async () => {
    const v = person();
    await v.post('/f/service-feedback/start', { lang: 'en' });
    expect((await v.get('/f/festival-of-feedback/question')).status).toBe(410);
  });

  it('purges expired drafts on the schedule', async () => {
    await env.DB.prepare('UPDATE drafts SET expires_at = ?').bind(Date.now() - 1000).run();
    expect(await count('SELECT count(*) AS n FROM drafts')).toBeGreaterThan(0);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await count('SELECT count(*) AS n FROM drafts')).toBe(0);
  });
});

describe('leaving and taking feedback back', () => {
  it('exits to a neutral site, deleting the draft and the cookie', async () => {
    const v = person();
    await v.post('/f/service-feedback/start', { lang: 'en' });
    await answerPage(v, 'service-feedback', 'service', { service: 'outreach' });
    const before = await count('SELECT count(*) AS n FROM drafts');
    const res = await v.get('/exit');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://exit.example/weather');
    expect(res.headers.get('clear-site-data')).toBe('"cache", "cookies", "storage"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(v.cookies.size).toBe(0);
    expect(await count('SELECT count(*) AS n FROM drafts')).toBe(before - 1);
  });

  it('takes feedback back with the code, once, and logs it without the answers', async () => {
    const v = person();
    const key = hiddenValue(await answerServiceFeedback(v, 'Withdraw me'), 'idempotency_key');
    const code = withdrawalCodeIn(await (await v.post('/f/service-feedback/submit', { idempotency_key: key })).text());
    const id = (await responseIdFor(key))!;
    expect(await count('SELECT count(*) AS n FROM answers WHERE response_id = ?', id)).toBeGreaterThan(0);

    // Typed loosely: lower case, spaces, O for zero.
    const typed = code.toLowerCase().replace('-', ' ').replace(/0/g, 'o');
    const res = await person().post('/withdraw', { code: typed });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Your feedback has been taken back');
    expect(await count('SELECT count(*) AS n FROM answers WHERE response_id = ?', id)).toBe(0);
    // Withdrawal deletes the response itself; the audit entry does not name it.
    expect(await count('SELECT count(*) AS n FROM responses WHERE id = ?', id)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE target_id = ?", id)).toBe(0);
    // Audited once the day is over, as a count for the day (here: the day moved back, then the schedule).
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'response.withdrawn'")).toBe(0);
    await env.DB.prepare('UPDATE withdrawals SET day = day - ?').bind(DAY).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const log = await env.DB.prepare("SELECT * FROM audit_log WHERE action = 'response.withdrawn'").all();
    expect(log.results).toHaveLength(1);
    expect(JSON.stringify(log.results)).toMatch(/"detail":"1 on \d{4}-\d{2}-\d{2}"/);
    expect(JSON.stringify(log.results)).not.toContain('Withdraw me');
    await env.DB.prepare('UPDATE withdrawals SET day = day + ?').bind(DAY).run();

    const again = await person().post('/withdraw', { code });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('already been taken back');
  });

  it('explains a missing, malformed, unknown or too-old code, keeping what was typed', async () => {
    const empty = await person().post('/withdraw', { code: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Enter your code');
    const malformed = await person().post('/withdraw', { code: 'abc' });
    expect(await malformed.text()).toContain('value="abc"');
    const unknown = await person().post('/withdraw', { code: 'ZZZZZ-ZZZZZ' });
    expect(await unknown.text()).toContain('We could not find feedback with that code');

    const v = person();
    const key = hiddenValue(await answerServiceFeedback(v), 'idempotency_key');
    const code = withdrawalCodeIn(await (await v.post('/f/service-feedback/submit', { idempotency_key: key })).text());
    await env.DB.prepare('UPDATE responses SET submitted_at = ? WHERE id = ?').bind(Date.now() - 29 * 86_400_000, await responseIdFor(key)).run();
    const late = await person().post('/withdraw', { code });
    expect(late.status).toBe(422);
    expect(await late.text()).toContain('more than 28 days ago');
  });

  it('keeps the audit log append-only', async () => {
    await env.DB.prepare("INSERT INTO audit_log (at, actor, action, target_type, target_id) VALUES (1, 'system', 'test', 'test', 'test')").run();
    await expect(env.DB.prepare('DELETE FROM audit_log').run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("UPDATE audit_log SET actor = 'x'").run()).rejects.toThrow(/append-only/);
  });
});

describe('form versions', () => {
  it('a new version of a form changes neither old responses nor a draft in progress', async () => {
    const before = person();
    const key = hiddenValue(await answerServiceFeedback(before), 'idempotency_key');
    await before.post('/f/service-feedback/submit', { idempotency_key: key });
    const responseId = await responseIdFor(key);
    const oldVersion = (await env.DB.prepare('SELECT form_version_id AS v FROM responses WHERE id = ?').bind(responseId).first<{ v: string }>())!.v;

    const midway = person();
    await midway.post('/f/service-feedback/start', { lang: 'en' });

    // Publish a new version with a reworded first question, as re-seeding would.
    const edited = structuredClone(seedData);
    const form = edited.forms.find((f) => f.slug === 'service-feedback')!;
    form.definition.pages[0]!.questions[0]!.label = { en: 'Which service was it?', ar: 'أي خدمة كانت؟', pl: 'Jaka to była usługa?', ro: 'Ce serviciu a fost?' };
    await env.DB.batch((await seedStatements(edited)).map((s) => env.DB.prepare(s)));
    const versions = await env.DB.prepare("SELECT id, version FROM form_versions WHERE form_id = 'service-feedback' ORDER BY version").all<{ id: string; version: number }>();
    expect(versions.results.map((r) => r.version)).toEqual([1, 2]);

    expect((await env.DB.prepare('SELECT form_version_id AS v FROM responses WHERE id = ?').bind(responseId).first<{ v: string }>())!.v).toBe(oldVersion);
    expect(await (await midway.get('/f/service-feedback/question')).text()).toContain('Which service is your feedback about?');
    expect(await (await person().get('/f/service-feedback')).text()).toContain('Tell us about a service');
    const fresh = person();
    await fresh.post('/f/service-feedback/start', { lang: 'en' });
    expect(await (await fresh.get('/f/service-feedback/question')).text()).toContain('Which service was it?');

    // Seeding the same data again adds nothing.
    await env.DB.batch((await seedStatements(edited)).map((s) => env.DB.prepare(s)));
    expect(await count("SELECT count(*) AS n FROM form_versions WHERE form_id = 'service-feedback'")).toBe(2);
  });
});

describe('the rest of the public site', () => {
  it('answers /healthz, lists forms, explains staying safe, and publishes the form schema', async () => {
    expect(await (await person().get('/healthz')).text()).toBe('ok');
    const home = await (await person().get('/')).text();
    expect(home).toContain('href="/f/festival-of-feedback?lang=en"');
    const safety = await (await person().get('/safety')).text();
    expect(safety).toContain('It does not delete your browser history');
    const schema = await person().get('/forms/schema.json');
    expect(schema.headers.get('content-type')).toContain('application/json');
    expect(((await schema.json()) as { type: string }).type).toBe('object');
  });
});

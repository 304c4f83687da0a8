// Kiosk mode (issue 11, point 3): a facilitator turns their device into a kiosk tablet for a session;
// the tablet reaches only that session's form, takes one person after another, hides each person's
// withdrawal code until they ask, clears itself when left, and leaves kiosk mode only with the
// session's PIN or a facilitator's sign-in. All over real HTTP against the real Worker and D1.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { KeyRing } from '../../worker/http/keys';
import { DEVICE_COOKIE, newDevice, openDevice, RECEIPT_COOKIE, sealDevice } from '../../worker/sessions/kiosk/device-cookie';
import { kioskWay } from '../../worker/sessions/kiosk/paths';
import { answerServiceFeedback, SERVICE } from '../helpers/respondent';
import { createStaff, csrfOf, PASSWORD, signIn, type TestStaff } from '../helpers/staff';
import { answerPage, Visitor, withdrawalCodeIn } from '../helpers/visitor';

const keys = () => KeyRing.parse(env.HEARD_KEYS);
/** A device cookie's payload, as someone forging one would write it. */
const payloadOf = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
let ip = 0;
/** Each tablet on its own address, so the per-address submission limit of the tests (5 a minute) is never what answers. */
const address = () => ({ 'cf-connecting-ip': `10.77.${Math.floor(++ip / 250)}.${ip % 250}` });

async function facilitator(organisationId = 'leaf') {
  const staff = await createStaff('facilitator', organisationId);
  const v = await signIn(staff, new Visitor(address()));
  return { staff, v, csrf: await csrfOf(v) };
}

const sessionFields = (csrf: string, extra: Record<string, string | string[]> = {}) => ({
  csrf,
  name: 'Festival stand',
  place: 'Town Hall, Oxford',
  'held-day': '14',
  'held-month': '3',
  'held-year': '2027',
  organisation: 'leaf',
  form: SERVICE,
  languages: ['en', 'ar'],
  kiosk: 'yes',
  'kiosk-idle': '0.5',
  'kiosk-pin': '2468',
  'next-steps': '',
  ...extra,
});

async function newSession(v: Visitor, csrf: string, extra: Record<string, string | string[]> = {}) {
  const res = await v.post('/sessions', sessionFields(csrf, extra));
  expect(res.status).toBe(303);
  return Visitor.location(res).match(/^\/sessions\/([0-9a-f-]{36})\?done=created$/)![1]!;
}

/** A facilitator's own device, turned into a kiosk for a new session; returns the tablet and the session. */
async function kioskTablet(extra: Record<string, string | string[]> = {}) {
  const owner = await facilitator();
  const id = await newSession(owner.v, owner.csrf, extra);
  // The facilitator's other device, still signed in, to close or edit the session later.
  const other = await signIn(owner.staff, new Visitor(address()));
  const tablet = await signIn(owner.staff, new Visitor(address()));
  const started = await tablet.post(`/sessions/${id}/kiosk`, { csrf: await csrfOf(tablet) });
  expect(started.status, await started.clone().text().then((t) => t.slice(0, 300))).toBe(303);
  expect(Visitor.location(started)).toBe('/k');
  return { id, tablet, owner: { ...owner, other, otherCsrf: await csrfOf(other) }, started };
}

const draftCount = async (sessionId: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM drafts WHERE session_id = ?').bind(sessionId).first<{ n: number }>())!.n;

/** Every form and field on the page says autocomplete="off". */
function everyFieldOff(page: string) {
  const tags = page.match(/<(form|input|textarea|select)\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, tag).toMatch(/autocomplete="off"/);
}

describe('starting kiosk mode', () => {
  it('turns this device into a kiosk for the session: a signed __Host- cookie for 12 hours, the facilitator signed out, audited', async () => {
    const { id, tablet, owner, started } = await kioskTablet();
    const line = started.headers.getSetCookie().find((l) => l.startsWith(`${DEVICE_COOKIE}=`))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/Secure/i);
    expect(line).toMatch(/SameSite=Strict/i);
    expect(line).toMatch(/Path=\//);
    expect(line).not.toMatch(/Domain=/i);
    expect(Number(/Max-Age=(\d+)/i.exec(line)![1])).toBeGreaterThan(12 * 3600 - 60);
    expect(Number(/Max-Age=(\d+)/i.exec(line)![1])).toBeLessThanOrEqual(12 * 3600);
    // The cookie carries this session, and only our key ring could have made it.
    const device = await openDevice(keys(), decodeURIComponent(tablet.cookies.get(DEVICE_COOKIE)!));
    expect(device).toMatchObject({ sessionId: id });
    // Signed out on this device: no session cookie, and the session row is gone.
    expect(tablet.cookies.has('__Host-heard_session')).toBe(false);
    const sessions = await env.DB.prepare('SELECT count(*) AS n FROM login_sessions WHERE user_id = ?').bind(owner.staff.id).first<{ n: number }>();
    expect(sessions!.n).toBe(2); // the facilitator's own device and the other one, not the tablet
    const audited = await env.DB.prepare("SELECT actor FROM audit_log WHERE action = 'kiosk.started' AND target_id = ?").bind(id).first<{ actor: string }>();
    expect(audited?.actor).toBe(owner.staff.id);

    const start = await tablet.get('/k');
    expect(start.status).toBe(200);
    const text = await start.text();
    expect(text).toContain('You are taking part in: Festival stand');
    expect(text).toContain('action="/k/start"');
    expect(text).toContain('href="/k?lang=ar"');
    expect(text).toContain('href="/k/leave"');
    expect(text).toMatch(/<script src="\/assets\/kiosk-[^"]+\.js" defer><\/script>/);
    everyFieldOff(text);
  });

  it('is a button on the session page while the session is open with kiosk tablets on', async () => {
    const { v, csrf } = await facilitator();
    const on = await newSession(v, csrf);
    expect(await (await v.get(`/sessions/${on}`)).text()).toContain(`action="/sessions/${on}/kiosk"`);
    const off = await newSession(v, csrf, { kiosk: 'no' });
    const page = await (await v.get(`/sessions/${off}`)).text();
    expect(page).not.toContain(`action="/sessions/${off}/kiosk"`);
    expect(page).toContain('Kiosk tablets are off for this session');
  });

  it('is refused in plain words, with a 4xx, for a closed session or one without kiosk tablets; the device stays signed in', async () => {
    const { v, csrf } = await facilitator();
    const off = await newSession(v, csrf, { kiosk: 'no' });
    const refused = await v.post(`/sessions/${off}/kiosk`, { csrf });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Kiosk tablets are off for this session');
    const closed = await newSession(v, csrf);
    await v.post(`/sessions/${closed}/close`, { csrf });
    const again = await v.post(`/sessions/${closed}/kiosk`, { csrf });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('This session is closed');
    expect(v.cookies.has(DEVICE_COOKIE)).toBe(false);
    expect(v.cookies.has('__Host-heard_session')).toBe(true);
    expect((await v.get('/sessions')).status).toBe(200);
  });

  it('is only for facilitators of the session’s organisation', async () => {
    const { v, csrf } = await facilitator();
    const id = await newSession(v, csrf);
    const elsewhere = await facilitator('homeless-oxfordshire');
    expect((await elsewhere.v.post(`/sessions/${id}/kiosk`, { csrf: elsewhere.csrf })).status).toBe(404);
    const moderator = await signIn(await createStaff('moderator', 'leaf'), new Visitor(address()));
    expect((await moderator.post(`/sessions/${id}/kiosk`, { csrf: await csrfOf(moderator) })).status).toBe(403);
    const anonymous = new Visitor(address());
    expect((await anonymous.post(`/sessions/${id}/kiosk`, { csrf: 'x' })).status).toBe(403);
    // Without the session's form token: refused, nothing set.
    const noToken = await v.post(`/sessions/${id}/kiosk`, { csrf: 'wrong' });
    expect(noToken.status).toBe(403);
    expect(v.cookies.has(DEVICE_COOKIE)).toBe(false);
  });
});

describe('the device cookie', () => {
  it('opens only with our keys, under any key in the ring, and refuses any change', async () => {
    const ring = keys();
    const device = newDevice('session-1', 1_000);
    const value = await sealDevice(ring, device);
    expect(await openDevice(ring, value)).toEqual(device);
    const [body, ...mac] = value.split('.');
    // Another session's id under the same signature.
    const moved = payloadOf({ s: 'session-2', d: device.deviceId, e: device.expiresAt, i: device.issuedAt });
    expect(await openDevice(ring, `${moved}.${mac.join('.')}`)).toBe('forged');
    // A later expiry under the same signature.
    const longer = payloadOf({ s: 'session-1', d: device.deviceId, e: device.expiresAt + 1, i: device.issuedAt });
    expect(await openDevice(ring, `${longer}.${mac.join('.')}`)).toBe('forged');
    // A changed signature, none at all, or nonsense.
    const lastChar = value.at(-1) === '0' ? '1' : '0';
    expect(await openDevice(ring, value.slice(0, -1) + lastChar)).toBe('forged');
    expect(await openDevice(ring, body!)).toBe('forged');
    expect(await openDevice(ring, 'nonsense')).toBe('forged');
    // Signed by a key this deployment does not have.
    const stranger = KeyRing.parse(`zz:${'A'.repeat(42)}E`);
    expect(await openDevice(ring, await sealDevice(stranger, device))).toBe('forged');
    // The older key of a rotated ring still opens what it signed.
    const older = KeyRing.parse(env.HEARD_KEYS.split(',')[1]!);
    expect(await openDevice(ring, await sealDevice(older, device))).toEqual(device);
  });

  it('a tampered cookie makes no kiosk: the browser is an ordinary one and the cookie is dropped', async () => {
    const { id, tablet } = await kioskTablet();
    const value = decodeURIComponent(tablet.cookies.get(DEVICE_COOKIE)!);
    const [, ...mac] = value.split('.');
    const other = await facilitator();
    const otherId = await newSession(other.v, other.csrf);
    const device = (await openDevice(keys(), value)) as Exclude<Awaited<ReturnType<typeof openDevice>>, 'forged'>;
    const moved = payloadOf({ s: otherId, d: device.deviceId, e: device.expiresAt, i: device.issuedAt });
    const forger = new Visitor(address());
    forger.cookies.set(DEVICE_COOKIE, encodeURIComponent(`${moved}.${mac.join('.')}`));
    const res = await forger.get('/k');
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe('/');
    expect(forger.cookies.has(DEVICE_COOKIE)).toBe(false);
    // The real one still works for its own session.
    expect(await (await tablet.get('/k')).text()).toContain('Festival stand');
    expect(id).not.toBe(otherId);
  });

  it('a kiosk past its 12 hours ends with the friendly page', async () => {
    const { v, csrf } = await facilitator();
    const id = await newSession(v, csrf);
    const old = newDevice(id, Date.now() - 13 * 3600_000);
    const tablet = new Visitor(address());
    tablet.cookies.set(DEVICE_COOKIE, encodeURIComponent(await sealDevice(keys(), old)));
    const res = await tablet.get('/k');
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('This session has ended');
    expect(tablet.cookies.has(DEVICE_COOKIE)).toBe(false);
  });
});

describe('kioskOnly: a kiosk reaches its form and nothing else', () => {
  it('knows each way a path goes', () => {
    expect(kioskWay('/k', SERVICE)).toBe('kiosk');
    expect(kioskWay('/k/leave', SERVICE)).toBe('kiosk');
    expect(kioskWay(`/f/${SERVICE}/question`, SERVICE)).toBe('journey');
    expect(kioskWay(`/f/${SERVICE}/submit`, SERVICE)).toBe('journey');
    expect(kioskWay(`/f/${SERVICE}`, SERVICE)).toBe('start');
    expect(kioskWay(`/f/${SERVICE}/start`, SERVICE)).toBe('start');
    expect(kioskWay('/f/festival-of-feedback/question', SERVICE)).toBe('start');
    expect(kioskWay(`/f/${SERVICE}/cleared`, SERVICE)).toBe('reset');
    expect(kioskWay('/exit', SERVICE)).toBe('reset');
    expect(kioskWay('/safety', SERVICE)).toBe('page');
    expect(kioskWay('/login', SERVICE)).toBe('sign-in');
    expect(kioskWay('/assets/main-abc.css', SERVICE)).toBe('asset');
    expect(kioskWay('/staff', SERVICE)).toBe('start');
    expect(kioskWay('/kiosk', SERVICE)).toBe('start');
  });

  it('sends every other address back to the kiosk start, staff pages included', async () => {
    const { id, tablet } = await kioskTablet();
    for (const path of ['/', '/staff', '/sessions', `/sessions/${id}`, '/moderate', '/admin', '/reports', '/j', '/j/FEST26', `/f/${SERVICE}`, '/f/festival-of-feedback', '/you-said-we-did', '/nowhere']) {
      const res = await tablet.get(path);
      expect(res.status, path).toBe(303);
      expect(Visitor.location(res), path).toBe('/k');
    }
    for (const path of [`/sessions/${id}/close`, '/f/festival-of-feedback/start', `/f/${SERVICE}/start`, '/logout-everywhere']) {
      const res = await tablet.post(path, { csrf: 'x' });
      expect(res.status, path).toBe(303);
      expect(Visitor.location(res), path).toBe('/k');
    }
    // The session is still open: nothing above reached it.
    expect((await env.DB.prepare('SELECT status FROM feedback_sessions WHERE id = ?').bind(id).first<{ status: string }>())!.status).toBe('open');
    // Exit this page starts again here, instead of leaving the kiosk for another site.
    const exit = await tablet.get('/exit');
    expect(Visitor.location(exit)).toBe('/k/reset');
    // The pages the form links to, and signing in (to leave), are open, in the kiosk's frame.
    const safety = await tablet.get('/safety');
    expect(safety.status).toBe(200);
    const safe = await safety.text();
    expect(safe).toContain('href="/k/leave"');
    expect(safe).toContain('<noscript><meta http-equiv="refresh" content="30;url=/k/reset"></noscript>');
    expect((await tablet.get('/withdraw')).status).toBe(200);
    expect((await tablet.get('/login')).status).toBe(200);
    expect((await tablet.get('/healthz')).status).toBe(200);
  });

  it('its routes answer only a kiosk: another browser goes to the home page', async () => {
    const person = new Visitor(address());
    for (const path of ['/k', '/k/sent', '/k/reset', '/k/leave']) {
      const res = await person.get(path);
      expect(res.status, path).toBe(303);
      expect(Visitor.location(res), path).toBe('/');
    }
    const res = await person.post('/k/leave', { pin: '2468' });
    expect(Visitor.location(res)).toBe('/');
  });
});

describe('one person after another', () => {
  it('each person gets a fresh kiosk draft; the confirmation hides the code until they ask; the next person sees nothing of them', async () => {
    const { id, tablet } = await kioskTablet();
    const words = 'The breakfast club saved my week, thank you to Sam.';
    const key = await answerServiceFeedback(tablet, words, '/k/start', { lang: 'en' });
    const draft = await env.DB.prepare('SELECT channel, session_id, entered_by, response_id FROM drafts WHERE idempotency_key = ?').bind(key).first<Record<string, string | null>>();
    expect(draft).toMatchObject({ channel: 'kiosk', session_id: id, entered_by: null });

    // The form's pages wear the kiosk's frame: no 30-minute warning, the kiosk's idle time instead, no autofill.
    const check = await (await tablet.get(`/f/${SERVICE}/check`)).text();
    expect(check).not.toContain('class="heard-timeout"');
    expect(check).toContain('data-idle="30" data-warn="15" data-reset="/k/reset" data-keep-alive="/f/service-feedback/keep-alive"');
    expect(check).toContain('If this tablet is left for 30 seconds, it clears the answers and starts again for the next person.');
    everyFieldOff(check);

    const sent = await tablet.post(`/f/${SERVICE}/submit`, { idempotency_key: key });
    expect(sent.status).toBe(303);
    expect(Visitor.location(sent)).toBe('/k/sent');
    expect(await sent.text()).not.toMatch(/[0-9A-Z]{5}-[0-9A-Z]{5}/);
    expect(tablet.cookies.has('__Host-heard_draft')).toBe(false);
    expect(tablet.cookies.has(RECEIPT_COOKIE)).toBe(true);
    const response = await env.DB.prepare('SELECT channel, session_id, organisation_id, entered_by FROM responses WHERE id = ?').bind(draft!.response_id).first();
    expect(response).toEqual({ channel: 'kiosk', session_id: id, organisation_id: 'leaf', entered_by: null });

    const confirmation = await tablet.get('/k/sent');
    const page = await confirmation.text();
    expect(page).toContain('Feedback sent');
    expect(page).not.toMatch(/[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}/);
    expect(page).not.toContain('id="withdrawal-code"');
    expect(page).toContain('Show my code to take back my feedback');
    expect(page).toContain('data-kiosk-countdown="10"');
    expect(page).toContain('<noscript><meta http-equiv="refresh" content="10;url=/k/next"></noscript>');
    expect(page).toContain('Finish now');

    const shown = await tablet.post('/k/sent/code', {});
    expect(shown.status).toBe(200);
    const withCode = await shown.text();
    const code = withdrawalCodeIn(withCode);
    expect(withCode).toContain('data-kiosk-countdown="60"');
    expect(withCode).toContain('>Done<');
    // The code shown is the response's own.
    const stored = await env.DB.prepare('SELECT withdrawal_key AS k FROM responses WHERE id = ?').bind(draft!.response_id).first<{ k: string }>();
    expect(await keys().hashes('withdrawal-code', code)).toContain(stored!.k);

    const next = await tablet.post('/k/next', {});
    expect(Visitor.location(next)).toBe('/k');
    expect(tablet.cookies.has(RECEIPT_COOKIE)).toBe(false);
    expect(await draftCount(id)).toBe(0);

    // The next person: no way back to the last one's code, pages or answers.
    expect(Visitor.location(await tablet.get('/k/sent'))).toBe('/k');
    expect(Visitor.location(await tablet.post('/k/sent/code', {}))).toBe('/k');
    for (const path of [`/f/${SERVICE}/check`, `/f/${SERVICE}/question`]) {
      const res = await tablet.get(path);
      expect(res.status, path).toBe(303);
      expect(Visitor.location(res), path).toBe('/k');
    }
    const repeat = await tablet.post(`/f/${SERVICE}/submit`, { idempotency_key: key });
    expect(repeat.status).toBe(303);
    expect(Visitor.location(repeat)).toBe('/k');
    expect(await repeat.text()).not.toContain(code);
    const start = await (await tablet.get('/k')).text();
    expect(start).not.toContain(words);

    // Person B starts fresh: an empty draft of their own.
    await tablet.post('/k/start', { lang: 'ar' });
    const b = await tablet.get(`/f/${SERVICE}/question`);
    const bPage = await b.text();
    expect(bPage).toContain('lang="ar"');
    expect(bPage).not.toContain('checked');
    everyFieldOff(bPage);
    expect(await draftCount(id)).toBe(1);
  });

  it('a person who asks nothing has their code deleted when the tablet starts again by itself', async () => {
    const { id, tablet } = await kioskTablet();
    const key = await answerServiceFeedback(tablet, 'Quiet please.', '/k/start', { lang: 'en' });
    await tablet.post(`/f/${SERVICE}/submit`, { idempotency_key: key });
    expect(await draftCount(id)).toBe(1); // the sent draft, holding the code for the confirmation
    // Where the countdown (or the meta refresh) goes: a GET.
    const next = await tablet.get('/k/next');
    expect(Visitor.location(next)).toBe('/k');
    expect(await draftCount(id)).toBe(0);
  });

  it('a draft left alone is cleared: on the server after the idle time, and at once by the reset', async () => {
    const { id, tablet } = await kioskTablet();
    await tablet.post('/k/start', { lang: 'en' });
    const question = await (await tablet.get(`/f/${SERVICE}/question`)).text();
    expect(question).toContain('<noscript><meta http-equiv="refresh" content="30;url=/k/reset"></noscript>');
    expect(question).not.toContain('we clear your answers if you do nothing for 30 minutes');
    // The server keeps it the session's idle time (to the minute), not the 30 minutes of a person's own device.
    const row = await env.DB.prepare('SELECT expires_at AS e, token_hash AS t FROM drafts WHERE session_id = ?').bind(id).first<{ e: number; t: string }>();
    expect(row!.e).toBeGreaterThanOrEqual(Date.now() + 29_000);
    expect(row!.e).toBeLessThanOrEqual(Date.now() + 30_000 + 60_000);

    // Answered, then left past its time: the next request finds nothing and goes to the start.
    expect((await answerPage(tablet, SERVICE, 'service', { service: 'outreach' })).status).toBe(303);
    await env.DB.prepare('UPDATE drafts SET expires_at = ? WHERE session_id = ?').bind(Date.now() - 1000, id).run();
    const late = await tablet.get(`/f/${SERVICE}/question`);
    expect(Visitor.location(late)).toBe('/k');
    expect(await draftCount(id)).toBe(0);

    // The reset (where the idle timer and the meta refresh go) clears a live draft at once.
    await tablet.post('/k/start', { lang: 'en' });
    expect(await draftCount(id)).toBe(1);
    expect(tablet.cookies.has('__Host-heard_draft')).toBe(true);
    const reset = await tablet.get('/k/reset');
    expect(Visitor.location(reset)).toBe('/k');
    expect(await draftCount(id)).toBe(0);
    expect(tablet.cookies.has('__Host-heard_draft')).toBe(false);

    // Keeping it alive (what the script does while someone types) renews the server's time.
    await tablet.post('/k/start', { lang: 'en' });
    await env.DB.prepare('UPDATE drafts SET expires_at = ? WHERE session_id = ?').bind(Date.now() + 5_000, id).run();
    expect((await tablet.post(`/f/${SERVICE}/keep-alive`, {})).status).toBe(204);
    const renewed = await env.DB.prepare('SELECT expires_at AS e FROM drafts WHERE session_id = ?').bind(id).first<{ e: number }>();
    expect(renewed!.e).toBeGreaterThanOrEqual(Date.now() + 29_000);
  });

  it('closing the session ends kiosk mode at the next request, with a friendly page, the cookie and the draft gone', async () => {
    const { id, tablet, owner } = await kioskTablet();
    await tablet.post('/k/start', { lang: 'en' });
    expect(await draftCount(id)).toBe(1);
    expect((await owner.other.post(`/sessions/${id}/close`, { csrf: owner.otherCsrf })).status).toBe(303);
    const res = await tablet.get(`/f/${SERVICE}/question`);
    expect(res.status).toBe(410);
    const text = await res.text();
    expect(text).toContain('This session has ended');
    expect(text).toContain('Festival stand');
    expect(tablet.cookies.has(DEVICE_COOKIE)).toBe(false);
    expect(tablet.cookies.has('__Host-heard_draft')).toBe(false);
    expect(await draftCount(id)).toBe(0);
    // An ordinary browser again: the kiosk's routes are closed to it.
    expect(Visitor.location(await tablet.get('/k'))).toBe('/');
  });

  it('turning kiosk tablets off for the session ends kiosk mode too', async () => {
    const { id, tablet, owner } = await kioskTablet();
    expect((await owner.other.post(`/sessions/${id}`, sessionFields(owner.otherCsrf, { kiosk: 'no', 'kiosk-pin': '' }))).status).toBe(303);
    const res = await tablet.get('/k');
    expect(res.status).toBe(410);
    expect(tablet.cookies.has(DEVICE_COOKIE)).toBe(false);
  });
});

describe('leaving kiosk mode', () => {
  it('with the session’s PIN: wrong is a plain 401, empty a 422, right ends it; the PIN is never stored or logged', async () => {
    const { id, tablet } = await kioskTablet();
    const page = await tablet.get('/k/leave');
    expect(page.status).toBe(200);
    const leave = await page.text();
    expect(leave).toContain('Leave kiosk mode');
    expect(leave).not.toContain('href="/k/leave"'); // no link to itself
    everyFieldOff(leave);

    const empty = await tablet.post('/k/leave', { pin: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Enter the session’s PIN');
    const wrong = await tablet.post('/k/leave', { pin: '1111' });
    expect(wrong.status).toBe(401);
    const wrongText = await wrong.text();
    expect(wrongText).toContain('That is not the session’s PIN');
    expect(wrongText).not.toContain('1111');
    expect(tablet.cookies.has(DEVICE_COOKIE)).toBe(true);

    const right = await tablet.post('/k/leave', { pin: '2468' });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('Kiosk mode is off');
    expect(tablet.cookies.has(DEVICE_COOKIE)).toBe(false);
    expect(Visitor.location(await tablet.get('/k'))).toBe('/');
    expect((await tablet.get('/j')).status).toBe(200);

    const audit = await env.DB.prepare("SELECT actor, detail FROM audit_log WHERE action = 'kiosk.left' AND target_id = ?").bind(id).all<{ actor: string; detail: string }>();
    expect(audit.results).toEqual([{ actor: 'kiosk', detail: 'with the session PIN' }]);
    const everywhere = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE detail LIKE '%2468%' OR detail LIKE '%1111%'").first<{ n: number }>();
    expect(everywhere!.n).toBe(0);
  });

  it('refuses the eleventh PIN from a tablet in fifteen minutes, even the right one; another tablet is not held up', async () => {
    const { id, tablet } = await kioskTablet();
    for (let i = 0; i < 10; i++) expect((await tablet.post('/k/leave', { pin: String(1000 + i) })).status).toBe(401);
    const refused = await tablet.post('/k/leave', { pin: '2468' });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Too many wrong PINs on this tablet');
    expect(tablet.cookies.has(DEVICE_COOKIE)).toBe(true);
    // Counted under keyed hashes: no PIN, tablet or address in the table.
    const rows = await env.DB.prepare('SELECT key FROM sign_in_failures').all<{ key: string }>();
    for (const r of rows.results) expect(r.key).toMatch(/^k2\.[0-9a-f]{64}$/);

    // A second tablet for the same session, at another address.
    const owner = await facilitator();
    const second = await signIn(owner.staff, new Visitor(address()));
    // Another facilitator of LEAF may run the same session's kiosk too.
    expect((await second.post(`/sessions/${id}/kiosk`, { csrf: await csrfOf(second) })).status).toBe(303);
    expect((await second.post('/k/leave', { pin: '2468' })).status).toBe(200);
  });

  it('with no PIN set, says a facilitator signs in', async () => {
    const { tablet } = await kioskTablet({ 'kiosk-pin': '' });
    const page = await (await tablet.get('/k/leave')).text();
    expect(page).toContain('This session has no PIN');
    expect(page).not.toContain('name="pin"');
    const res = await tablet.post('/k/leave', { pin: '2468' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('This session has no PIN');
  });

  it('by signing in as a facilitator of the session’s organisation; anyone else is signed out again and the tablet stays a kiosk', async () => {
    const { id, tablet, owner } = await kioskTablet();
    const leave = await (await tablet.get('/k/leave')).text();
    expect(leave).toContain('href="/login?next=%2Fk%2Fleave%2Fsigned-in"');

    // A facilitator of another organisation signs in: refused, signed out, still a kiosk.
    const stranger = await createStaff('facilitator', 'homeless-oxfordshire');
    await signInFor(tablet, stranger);
    const refused = await tablet.get('/k/leave/signed-in');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Only a facilitator of Lived Experience Advisory Forum (LEAF) can take this tablet out of kiosk mode');
    expect(tablet.cookies.has('__Host-heard_session')).toBe(false);
    expect(tablet.cookies.has(DEVICE_COOKIE)).toBe(true);
    // Signed in but still a kiosk: the staff pages stay out of reach.
    await signInFor(tablet, stranger);
    expect(Visitor.location(await tablet.get('/staff'))).toBe('/k');

    // Not signed in at all: back to the leave page.
    const fresh = new Visitor(address());
    fresh.cookies.set(DEVICE_COOKIE, tablet.cookies.get(DEVICE_COOKIE)!);
    expect(Visitor.location(await fresh.get('/k/leave/signed-in'))).toBe('/k/leave');

    // The session's own facilitator signs in: kiosk mode ends and the session page shows.
    await signInFor(tablet, owner.staff);
    const left = await tablet.get('/k/leave/signed-in');
    expect(left.status).toBe(303);
    expect(Visitor.location(left)).toBe(`/sessions/${id}?done=kiosk-left`);
    expect(tablet.cookies.has(DEVICE_COOKIE)).toBe(false);
    const page = await tablet.get(`/sessions/${id}?done=kiosk-left`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('This device is no longer a kiosk');
    const audited = await env.DB.prepare("SELECT actor, detail FROM audit_log WHERE action = 'kiosk.left' AND target_id = ?").bind(id).first<{ actor: string; detail: string }>();
    expect(audited).toEqual({ actor: owner.staff.id, detail: 'by signing in' });
  });
});

/** Signs in on the tablet's sign-in page, asking to come back to the kiosk's leave route. */
async function signInFor(tablet: Visitor, staff: TestStaff) {
  const res = await tablet.post('/login', { email: staff.email, password: PASSWORD, next: '/k/leave/signed-in' });
  expect(res.status).toBe(303);
  expect(Visitor.location(res)).toBe('/k/leave/signed-in');
}

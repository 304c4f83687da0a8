// Kiosk mode: a facilitator turns the device in their hands into a kiosk tablet for a session
// (POST /sessions/:id/kiosk); the tablet then runs /k: the session's start page, a fresh draft for
// each person (channel kiosk), the kiosk's own confirmation, the idle reset, and leaving kiosk mode.
// Everything else it might ask for is decided by kioskOnly (middleware.tsx).
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { deviceRoute, identify } from '../../auth/policy';
import { needsSecondFactor } from '../../auth/second-factor';
import { clearSessionCookie, endSession, sessionToken } from '../../auth/sessions';
import { staffSummary } from '../../auth/staff-summary';
import { database } from '../../db/client';
import { config, keyRing, type AppEnv } from '../../env';
import { LOCALES, t } from '../../forms/definition';
import { Problem } from '../../http/problems';
import { validate } from '../../http/validate';
import { fromAcceptLanguage, pickLocale } from '../../i18n/locale';
import { beginDraft, startEasyRead } from '../../respond/routes';
import { findLiveForm, formVersionDefinition, offeredLocales } from '../../respond/queries';
import { HONEYPOT_FIELD } from '../../respond/views/honeypot';
import { StartPage } from '../../respond/views/start';
import type { LanguageLink } from '../../views/layout';
import { html } from '../../views/render';
import { facilitatorsSession, facilitators } from '../routes';
import type { SessionDetail } from '../queries';
import type { Kiosk } from './context';
import { clearDeviceCookie, clearReceipt, newDevice, readReceipt, setDeviceCookie } from './device-cookie';
import { idleFrame } from './frame';
import { clearTablet } from './middleware';
import { pinMatches } from './pin';
import { auditKiosk, beginPinAttempt, sentDraft } from './queries';
import { KioskRefusedPage } from './views/refused';
import { LeavePage, LeftPage, type LeavePageProps } from './views/leave';
import { KioskSentPage } from './views/sent';

/** How long the confirmation shows before the tablet starts again by itself. */
export const CONFIRMATION_SECONDS = 10;
/** How long the withdrawal code stays once asked for (or until "Done"). */
export const CODE_SECONDS = 60;
const SIGNED_IN_PATH = '/k/leave/signed-in';

/** The kiosk's routes answer only a kiosk tablet; any other browser goes to the home page. */
export const kioskDevice = deviceRoute(
  'kiosk',
  createMiddleware<AppEnv>(async (c, next) => {
    if (!c.get('kiosk')) return c.redirect('/', 303);
    await next();
  }),
);

const idParam = z.object({ id: z.string().max(100) });
const csrfBody = z.object({ csrf: z.string().max(100) });
const readChoice = z.enum(['easy', 'standard']).optional();
const langQuery = z.object({ lang: z.enum(LOCALES).optional(), read: readChoice });
// Lenient: a language the session does not offer falls back, it is not a 400.
const startBody = z.object({ lang: z.string().max(10).optional(), read: readChoice, [HONEYPOT_FIELD]: z.string().max(500).optional() });
const pinBody = z.object({ pin: z.string().max(100).optional().default('') });

const browserLocale = (c: Context<AppEnv>) => fromAcceptLanguage(c.req.header('accept-language'));
const kioskOf = (c: Context<AppEnv>): Kiosk => c.get('kiosk')!;
const clientIp = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip') ?? 'local';
const pause = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

async function sessionForm(c: Context<AppEnv>, session: SessionDetail) {
  const form = await findLiveForm(database(c.env.DB), session.formSlug);
  // The form closed under a running session: nothing to fill in, so the kiosk has nothing to show.
  if (!form) throw new Problem('not-found');
  return { form, offered: offeredLocales(form.definition, session.languages) };
}

function leavePage(c: Context<AppEnv>, status: 200 | 401 | 403 | 422 | 429, error?: LeavePageProps['error']) {
  const { session } = kioskOf(c);
  c.set('kioskFrame', { ...idleFrame(session.kioskIdleSeconds), leaveLink: false });
  return c.html(
    html(<LeavePage sessionName={session.name} hasPin={!!session.kioskPinHash} signInHref={`/login?next=${encodeURIComponent(SIGNED_IN_PATH)}`} error={error} />),
    status,
  );
}

/** The confirmation, with the code or without: only for the browser holding the sent draft's receipt. */
async function sentPage(c: Context<AppEnv>, withCode: boolean) {
  const db = database(c.env.DB);
  const token = readReceipt(c);
  const sent = token ? await sentDraft(db, token) : undefined;
  const definition = sent && (await formVersionDefinition(db, sent.formVersionId));
  if (!sent || !definition) {
    clearReceipt(c);
    return c.redirect('/k', 303);
  }
  const locale = pickLocale(LOCALES, sent.locale);
  const seconds = withCode ? CODE_SECONDS : CONFIRMATION_SECONDS;
  c.set('kioskFrame', { refresh: { seconds, url: '/k/next' }, leaveLink: true });
  return c.html(html(<KioskSentPage locale={locale} formTitle={t(definition.title, locale)} seconds={seconds} code={withCode ? sent.code : undefined} />));
}

/** The next person: what the last one left is deleted, and the start page shows. */
async function nextPerson(c: Context<AppEnv>) {
  await clearTablet(c);
  return c.redirect('/k', 303);
}

export const kiosk = new Hono<AppEnv>()
  // On the facilitator's own device, from the session page.
  .post('/sessions/:id/kiosk', facilitators, validate('param', idParam), validate('form', csrfBody), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    const me = staffSummary(c.get('staff'));
    const refuse = (message: string) => c.html(html(<KioskRefusedPage me={me} session={session} message={message} />), 422);
    if (session.status !== 'open') return refuse('This session is closed. Open it again to run a kiosk for it.');
    if (!session.kiosk) return refuse('Kiosk tablets are off for this session. Edit the session to turn them on, then start kiosk mode.');
    const db = database(c.env.DB);
    if (!(await findLiveForm(db, session.formSlug))) return refuse('The session’s form is not open for feedback any more, so a kiosk would have nothing to show.');
    await setDeviceCookie(c, keyRing(c, 'kiosk'), newDevice(session.id));
    // Signed out here, so nobody at the kiosk can reach the staff pages with the facilitator's session.
    const token = sessionToken(c);
    if (token) await endSession(db, token);
    clearSessionCookie(c);
    await clearTablet(c);
    await auditKiosk(db, c.get('staff').user.id, 'kiosk.started', session.id);
    return c.redirect('/k', 303);
  })

  .get('/k', kioskDevice, validate('query', langQuery), async (c) => {
    const { session } = kioskOf(c);
    // The start is where each person begins: nothing of the last one is kept.
    await clearTablet(c);
    const { form, offered } = await sessionForm(c, session);
    const { lang, read } = c.req.valid('query');
    const locale = pickLocale(offered, lang, browserLocale(c));
    const languages: LanguageLink[] = offered.map((l) => ({ locale: l, href: `/k?lang=${l}${read === 'easy' ? '&read=easy' : ''}` }));
    c.set('kioskFrame', { leaveLink: true });
    return c.html(
      html(<StartPage slug={form.slug} form={form.definition} locale={locale} languages={languages} easyRead={startEasyRead('/k', locale, read === 'easy')} session={{ name: session.name, action: '/k/start' }} />),
    );
  })

  .post('/k/start', kioskDevice, validate('form', startBody), async (c) => {
    const body = c.req.valid('form');
    if (body[HONEYPOT_FIELD]) throw new Problem('bot');
    const { session } = kioskOf(c);
    const { form, offered } = await sessionForm(c, session);
    const locale = pickLocale(offered, body.lang, browserLocale(c));
    await clearTablet(c);
    return c.redirect(await beginDraft(c, form, locale, { sessionId: session.id, channel: 'kiosk', easyRead: body.read === 'easy' }), 303);
  })

  // Where the idle timer (or, without JavaScript, the meta refresh) sends a tablet nobody is using.
  .get('/k/reset', kioskDevice, nextPerson)

  .get('/k/sent', kioskDevice, (c) => sentPage(c, false))
  .post('/k/sent/code', kioskDevice, (c) => sentPage(c, true))
  // The countdown's end (a GET, through location.replace) and "Finish now" or "Done" (a POST without JavaScript).
  .get('/k/next', kioskDevice, nextPerson)
  .post('/k/next', kioskDevice, nextPerson)

  .get('/k/leave', kioskDevice, (c) => leavePage(c, 200))

  .post('/k/leave', kioskDevice, validate('form', pinBody), async (c) => {
    const { session, device } = kioskOf(c);
    if (!session.kioskPinHash) return leavePage(c, 422, { field: 'sign-in', message: 'This session has no PIN. Sign in as a facilitator to leave kiosk mode' });
    const pin = c.req.valid('form').pin.trim();
    if (!pin) return leavePage(c, 422, { field: 'pin', message: 'Enter the session’s PIN' });
    const settings = config(c.env);
    const db = database(c.env.DB);
    const attempt = await beginPinAttempt(db, keyRing(c, 'kiosk'), session.id, device.deviceId, clientIp(c), settings.SIGN_IN_SLOWDOWN_MS);
    if (attempt.refused) return leavePage(c, 429, { field: 'pin', message: 'Too many wrong PINs on this tablet. Wait 15 minutes, or sign in as a facilitator' });
    await pause(attempt.delayMs);
    if (!(await pinMatches(keyRing(c, 'kiosk'), session.id, session.kioskPinHash, pin))) return leavePage(c, 401, { field: 'pin', message: 'That is not the session’s PIN. Try again, or sign in as a facilitator' });
    await attempt.succeeded();
    await clearTablet(c);
    clearDeviceCookie(c);
    await auditKiosk(db, 'kiosk', 'kiosk.left', session.id, 'with the session PIN');
    return c.html(html(<LeftPage sessionName={session.name} />));
  })

  // Where signing in from the leave page comes back to: a facilitator of the session's organisation,
  // signed in since the tablet became a kiosk, ends kiosk mode; anyone else is signed out again.
  .get(SIGNED_IN_PATH, kioskDevice, async (c) => {
    const { session, device } = kioskOf(c);
    const staff = await identify(c);
    if (!staff || !staff.session?.complete || needsSecondFactor(config(c.env), staff)) return c.redirect('/k/leave', 303);
    const db = database(c.env.DB);
    const facilitates = staff.memberships.some((m) => m.role === 'facilitator' && m.organisationId === session.organisationId);
    // A sign-in from before the kiosk began would be the one it ended; only a fresh one counts.
    const fresh = (staff.session?.createdAt ?? 0) >= device.issuedAt;
    if (!facilitates || !fresh) {
      const token = sessionToken(c);
      if (token) await endSession(db, token);
      clearSessionCookie(c);
      return leavePage(c, 403, { field: 'sign-in', message: `Only a facilitator of ${session.organisationName} can take this tablet out of kiosk mode. You have been signed out on it` });
    }
    await clearTablet(c);
    clearDeviceCookie(c);
    await auditKiosk(db, staff.user.id, 'kiosk.left', session.id, 'by signing in');
    return c.redirect(`/sessions/${session.id}?done=kiosk-left`, 303);
  });

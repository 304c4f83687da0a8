// kioskOnly: while this browser holds a valid kiosk cookie, it is a kiosk tablet for one session and
// can reach only what a person at the kiosk needs (paths.ts); everything else goes back to the
// kiosk's start. Every page it shows gets the kiosk's frame (frame.ts). When the session closes, or
// kiosk mode is turned off for it, or the kiosk's day is over, the next request ends kiosk mode.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { database } from '../../db/client';
import { config, keyRing, type AppEnv } from '../../env';
import { LOCALES, type Locale } from '../../forms/definition';
import { TOKEN_PATTERN } from '../../http/tokens';
import { fromAcceptLanguage, pickLocale } from '../../i18n/locale';
import { clearDraftToken, readDraftToken } from '../../respond/draft-cookie';
import { deleteDraft } from '../../respond/queries';
import { html } from '../../views/render';
import { loadSession, type SessionDetail } from '../queries';
import { SessionEndedPage } from '../views/join';
import './context';
import { clearDeviceCookie, clearReceipt, openDevice, readDeviceCookie, readReceipt, setReceipt } from './device-cookie';
import { idleFrame, putOnFrame, type KioskFrame } from './frame';
import { kioskWay } from './paths';
import { keepSentDraft, sentDraft } from './queries';

/** Replaces the response with a redirect, keeping the cookies it set (a cleared draft stays cleared). */
function redirectInstead(c: Context<AppEnv>, to: string) {
  c.res = new Response(null, { status: 303, headers: { location: to } });
}

function frame(c: Context<AppEnv>, chosen: KioskFrame | undefined) {
  if (!chosen || !(c.res.headers.get('content-type') ?? '').startsWith('text/html')) return;
  c.res = putOnFrame(c.res, chosen);
  // The frame changes the length; the old response's length (if it gave one) must not be copied across.
  c.header('content-length', undefined);
}

/** Deletes whatever a person left on the tablet: their draft, and the draft just sent with its code. */
export async function clearTablet(c: Context<AppEnv>) {
  const db = database(c.env.DB);
  for (const token of [readDraftToken(c), readReceipt(c)]) {
    if (token && TOKEN_PATTERN.test(token)) await deleteDraft(db, token);
  }
  clearDraftToken(c);
  clearReceipt(c);
}

async function endKiosk(c: Context<AppEnv>, session: SessionDetail | undefined) {
  await clearTablet(c);
  clearDeviceCookie(c);
  const offered = (session?.languages ?? []).filter((l): l is Locale => (LOCALES as readonly string[]).includes(l));
  const locale = pickLocale(offered.length ? offered : LOCALES, c.req.query('lang'), fromAcceptLanguage(c.req.header('accept-language')));
  return c.html(html(<SessionEndedPage locale={locale} name={session?.name ?? ''} languages={[]} />), 410);
}

export const kioskOnly = createMiddleware<AppEnv>(async (c, next) => {
  const value = readDeviceCookie(c);
  if (value === undefined) return next();
  const device = await openDevice(keyRing(c, 'kiosk'), value);
  if (device === 'forged') {
    // Not ours: this browser is not a kiosk. Forget the cookie and carry on as any browser.
    await next();
    clearDeviceCookie(c);
    return;
  }
  const session = await loadSession(database(c.env.DB), device.sessionId);
  if (!session || session.status !== 'open' || !session.kiosk || device.expiresAt <= Date.now()) {
    if (kioskWay(c.req.path, session?.formSlug ?? '') === 'asset') return next();
    return endKiosk(c, session);
  }

  c.set('kiosk', { device, session });
  // A draft on a kiosk lasts its idle time between requests, on the server as on the screen.
  c.set('draftIdleMs', session.kioskIdleSeconds * 1000);
  const way = kioskWay(c.req.path, session.formSlug);
  switch (way) {
    case 'asset':
    case 'sign-in':
      return next();
    case 'start':
      return c.redirect('/k', 303);
    case 'reset':
      return c.redirect('/k/reset', 303);
    case 'kiosk':
      await next();
      return frame(c, c.get('kioskFrame'));
    case 'page':
      await next();
      return frame(c, idleFrame(session.kioskIdleSeconds));
    case 'journey': {
      const sending = c.req.method === 'POST' && c.req.path.endsWith('/submit');
      const token = readDraftToken(c);
      await next();
      // No draft (cleared, sent, expired, or the last person's page from history): the start, not "answers were cleared".
      if (c.res.status === 410) return redirectInstead(c, '/k');
      if (sending && c.res.status === 200 && token && TOKEN_PATTERN.test(token)) {
        const db = database(c.env.DB);
        if (await sentDraft(db, token)) {
          // The confirmation with the code is never shown here: the kiosk's own, without it, is.
          await keepSentDraft(db, token);
          redirectInstead(c, '/k/sent');
          setReceipt(c, token);
          return;
        }
      }
      return frame(c, idleFrame(session.kioskIdleSeconds, `/f/${session.formSlug}/keep-alive`));
    }
  }
});

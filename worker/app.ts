// Builds the Hono app: shared middleware first, then each area's routes, then the error pages.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env';
import { LOCALES } from './forms/definition';
import { hstsOverHttps, noStore, securityHeaders } from './http/security-headers';
import { KeysMissing, problemKindOf, statusOf, type KeyedFeature, type ProblemKind } from './http/problems';
import { fromAcceptLanguage, pickLocale } from './i18n/locale';
import { clearedPage, DraftCleared, respond } from './respond/routes';
import { ProblemPage } from './views/problem-page';
import { html } from './views/render';
import { admin } from './admin/routes';
import { auth } from './auth/routes';
import { health } from './health';
import { staffHome } from './staff/routes';
import { moderate } from './moderate/routes';
import { redaction } from './moderate/redaction/routes';
import { codebook } from './moderate/codebook/routes';
import { secondCoding } from './moderate/second-coding/routes';
import { emerging } from './moderate/emerging/routes';
import { moderationSettings } from './moderate/settings/routes';
import { actions } from './reports/actions/routes';
import { publicPages } from './reports/public/routes';
import { reports } from './reports/routes';
import { join } from './sessions/join-routes';
import { sessions } from './sessions/routes';
import { summaries } from './sessions/summary/routes';
import { groups } from './sessions/group/routes';
import { kiosk } from './sessions/kiosk/routes';
import { kioskOnly } from './sessions/kiosk/middleware';
import { paper } from './sessions/paper/routes';
import { assess } from './assess/routes';
import { versions } from './assess/versions/routes';
import { rights } from './assess/rights/routes';
import { personCopy } from './assess/copy/routes';
import { disputes } from './assess/disputes/routes';
import { keepAlive } from './assess/held/routes';

function problemResponse(c: Context<AppEnv>, kind: ProblemKind, reference?: string, feature?: KeyedFeature) {
  const locale = pickLocale(LOCALES, c.req.query('lang'), fromAcceptLanguage(c.req.header('accept-language')));
  return c.html(html(ProblemPage({ kind, locale, reference, feature })), statusOf(kind));
}

/**
 * The one line an unexpected error leaves in the logs. Never the message or the stack: a failed
 * query's message carries its bound values (someone's answers, a code's hash), and a stack line can
 * quote them too. The error's class, the route pattern (a path can hold a secret, like an invite
 * token) and the request id are enough to find the code and match a person's report.
 */
export function unexpectedErrorLine(err: unknown, route: string, method: string, requestId: string): string {
  const kind = err instanceof Error ? err.constructor.name : typeof err;
  return JSON.stringify({ event: 'unhandled_error', kind, route, method, requestId });
}

export function buildApp() {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('requestId', crypto.randomUUID());
    await next();
  });
  app.use(securityHeaders, hstsOverHttps, noStore);
  // A state-changing request must come from one of our own pages (Sec-Fetch-Site or Origin check).
  // Under Referrer-Policy: no-referrer, browsers send "Origin: null" on form posts; one too old to
  // send Sec-Fetch-Site then has nothing else to show, so it is let through. Modern browsers always
  // say "cross-site" for another site's form, and every staff form also carries a session token.
  app.use(
    csrf({
      origin: (origin, c) => origin === new URL(c.req.url).origin || (origin === 'null' && c.req.header('sec-fetch-site') === undefined),
    }),
  );
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', bodyLimit({ maxSize: 64 * 1024 }));
  // A kiosk tablet reaches only its session's form and its own pages, before any route runs.
  app.use(kioskOnly);

  app.route('/', health);
  app.route('/', respond);
  app.route('/', auth);
  app.route('/', staffHome);
  app.route('/', admin);
  app.route('/', moderate);
  app.route('/', redaction);
  app.route('/', codebook);
  app.route('/', secondCoding);
  app.route('/', emerging);
  app.route('/', moderationSettings);
  app.route('/', actions);
  app.route('/', publicPages);
  app.route('/', reports);
  app.route('/', sessions);
  app.route('/', summaries);
  app.route('/', groups);
  app.route('/', paper);
  app.route('/', join);
  app.route('/', kiosk);
  app.route('/', assess);
  app.route('/', versions);
  app.route('/', rights);
  app.route('/', personCopy);
  app.route('/', disputes);
  app.route('/', keepAlive);

  app.notFound((c) => problemResponse(c, 'not-found'));
  app.onError((err, c) => {
    if (err instanceof DraftCleared) {
      return clearedPage(c, err.slug, pickLocale(LOCALES, c.req.query('lang'), fromAcceptLanguage(c.req.header('accept-language'))));
    }
    if (err instanceof KeysMissing) return problemResponse(c, err.kind, undefined, err.feature);
    if (err instanceof HTTPException) return problemResponse(c, problemKindOf(err));
    // An error before the first middleware ran has no id yet: make one, so the page and log still match.
    const requestId = c.get('requestId') ?? crypto.randomUUID();
    console.error(unexpectedErrorLine(err, c.req.routePath, c.req.method, requestId));
    return problemResponse(c, 'server', requestId);
  });
  return app;
}

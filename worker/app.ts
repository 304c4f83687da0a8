// Builds the Hono app: shared middleware first, then each area's routes, then the error pages.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env';
import { LOCALES } from './forms/definition';
import { hstsOverHttps, noStore, securityHeaders } from './http/security-headers';
import { problemKindOf, statusOf, type ProblemKind } from './http/problems';
import { fromAcceptLanguage, pickLocale } from './i18n/locale';
import { clearedPage, DraftCleared, respond } from './respond/routes';
import { ProblemPage } from './views/problem-page';
import { html } from './views/render';
import { admin } from './admin/routes';
import { auth } from './auth/routes';
import { health } from './health';
import { staffHome } from './staff/routes';

function problemResponse(c: Context<AppEnv>, kind: ProblemKind) {
  const locale = pickLocale(LOCALES, c.req.query('lang'), fromAcceptLanguage(c.req.header('accept-language')));
  return c.html(html(ProblemPage({ kind, locale })), statusOf(kind));
}

export function buildApp() {
  const app = new Hono<AppEnv>();
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

  app.route('/', health);
  app.route('/', respond);
  app.route('/', auth);
  app.route('/', staffHome);
  app.route('/', admin);

  app.notFound((c) => problemResponse(c, 'not-found'));
  app.onError((err, c) => {
    if (err instanceof DraftCleared) {
      return clearedPage(c, err.slug, pickLocale(LOCALES, c.req.query('lang'), fromAcceptLanguage(c.req.header('accept-language'))));
    }
    if (err instanceof HTTPException) return problemResponse(c, problemKindOf(err));
    // Log what failed and where, never the request body or error text: they may hold someone's answers.
    // The route pattern, not the path: a path can hold a secret (an invite token).
    console.error(JSON.stringify({ event: 'unhandled_error', route: c.req.routePath, method: c.req.method, error: err instanceof Error ? err.name : 'unknown', at: err instanceof Error ? err.stack?.split('\n').slice(1, 4).map((l) => l.trim()) : undefined }));
    return problemResponse(c, 'server');
  });
  return app;
}

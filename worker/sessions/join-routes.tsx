// Joining a session: /j (type the code), /j/CODE (what a QR code opens: the session's start page) and
// starting its form, so the response records the session. An unknown code is a friendly 404 with the
// box to try again; a closed session's code, a friendly 410.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { publicRoute } from '../auth/policy';
import type { AppEnv } from '../env';
import { database } from '../db/client';
import { LOCALES, type Locale } from '../forms/definition';
import { fromAcceptLanguage, pickLocale } from '../i18n/locale';
import { messages } from '../i18n/messages';
import { Problem } from '../http/problems';
import { validate } from '../http/validate';
import { beginDraft, startEasyRead } from '../respond/routes';
import { findLiveForm, offeredLocales, type LiveForm } from '../respond/queries';
import { StartPage } from '../respond/views/start';
import { HONEYPOT_FIELD } from '../respond/views/honeypot';
import type { LanguageLink } from '../views/layout';
import { html } from '../views/render';
import { normaliseJoinCode } from './join-code';
import { sessionByJoinCode, type SessionDetail } from './queries';
import { JoinPage, SessionEndedPage } from './views/join';

const langQuery = z.object({ lang: z.enum(LOCALES).optional() });
// Lenient about length (whatever a person pastes or a poster's damaged QR holds is the page's own
// 422 or 404, not a bare 400): a code that long is never a real one, so only its start is kept to show back.
const typedCode = z.string().transform((s) => s.slice(0, 200));
const joinQuery = langQuery.extend({ code: typedCode.optional() });
const codeParam = z.object({ code: typedCode });
const readChoice = z.enum(['easy', 'standard']).optional();
const startQuery = langQuery.extend({ read: readChoice });
const startBody = z.object({ lang: z.enum(LOCALES).optional(), read: readChoice, [HONEYPOT_FIELD]: z.string().max(500).optional() });

const links = (path: string, locales: readonly Locale[], extra = ''): LanguageLink[] => locales.map((locale) => ({ locale, href: `${path}?lang=${locale}${extra}` }));
const browser = (c: Context<AppEnv>) => fromAcceptLanguage(c.req.header('accept-language'));

/** The open session's form, as it is live now; undefined when the form has since closed. */
async function sessionForm(c: Context<AppEnv>, session: SessionDetail): Promise<LiveForm | undefined> {
  return findLiveForm(database(c.env.DB), session.formSlug);
}

export const join = new Hono<AppEnv>()
  .get('/j', publicRoute, validate('query', joinQuery), async (c) => {
    const { lang, code: typed } = c.req.valid('query');
    const locale = pickLocale(LOCALES, lang, browser(c));
    const msg = messages(locale);
    const page = (status: 200 | 404 | 422, error?: string) => c.html(html(<JoinPage locale={locale} code={typed ?? ''} error={error} languages={links('/j', LOCALES)} />), status);
    if (typed === undefined) return page(200);
    if (typed.trim() === '') return page(422, msg.joinMissing);
    const code = normaliseJoinCode(typed);
    if (!code) return page(422, msg.joinBadFormat);
    const session = await sessionByJoinCode(database(c.env.DB), code);
    if (!session) return page(404, msg.joinUnknown);
    return c.redirect(`/j/${code}${lang ? `?lang=${lang}` : ''}`, 303);
  })

  .get('/j/:code', publicRoute, validate('param', codeParam), validate('query', startQuery), async (c) => {
    const { code: typed } = c.req.valid('param');
    const { lang, read } = c.req.valid('query');
    const code = normaliseJoinCode(typed);
    // A code written in small letters or with a space still works: send it to its one address.
    if (code && code !== typed) return c.redirect(`/j/${code}${lang ? `?lang=${lang}` : ''}`, 301);
    const session = code ? await sessionByJoinCode(database(c.env.DB), code) : undefined;
    if (!session) {
      const locale = pickLocale(LOCALES, lang, browser(c));
      return c.html(html(<JoinPage locale={locale} code={typed} error={messages(locale).joinUnknown} languages={links(`/j/${typed}`, LOCALES)} />), 404);
    }
    const form = session.status === 'open' ? await sessionForm(c, session) : undefined;
    if (!form) {
      const locales = session.languages.filter((l): l is Locale => (LOCALES as readonly string[]).includes(l));
      const locale = pickLocale(locales.length ? locales : LOCALES, lang, browser(c));
      return c.html(html(<SessionEndedPage locale={locale} name={session.name} languages={links(`/j/${session.joinCode}`, locales)} />), 410);
    }
    const offered = offeredLocales(form.definition, session.languages);
    const locale = pickLocale(offered, lang, browser(c));
    return c.html(
      html(
        <StartPage
          slug={form.slug}
          form={form.definition}
          locale={locale}
          languages={links(`/j/${code}`, offered, read === 'easy' ? '&read=easy' : '')}
          easyRead={startEasyRead(`/j/${code}`, locale, read === 'easy')}
          session={{ name: session.name, action: `/j/${code}/start` }}
        />,
      ),
    );
  })

  .post('/j/:code/start', publicRoute, validate('param', codeParam), validate('form', startBody), async (c) => {
    const body = c.req.valid('form');
    if (body[HONEYPOT_FIELD]) throw new Problem('bot');
    const code = normaliseJoinCode(c.req.valid('param').code);
    const session = code ? await sessionByJoinCode(database(c.env.DB), code) : undefined;
    // Gone between the start page and the button: the same pages as a GET would show.
    if (!session || session.status !== 'open') return c.redirect(`/j/${code ?? ''}`, 303);
    const form = await sessionForm(c, session);
    if (!form) return c.redirect(`/j/${code}`, 303);
    const locale = pickLocale(offeredLocales(form.definition, session.languages), body.lang, browser(c));
    return c.redirect(await beginDraft(c, form, locale, { sessionId: session.id, channel: 'online', easyRead: body.read === 'easy' }), 303);
  });

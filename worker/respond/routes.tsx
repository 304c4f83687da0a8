// The respondent's journey: start, one question a page, check answers, send, withdraw, exit.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { publicRoute } from '../auth/policy';
import { database } from '../db/client';
import { config, type AppEnv } from '../env';
import { answerToFields, describeAnswer, firstFieldId, readPage, type RawFields } from '../forms/answers';
import { answersInPlay, firstUnansweredPage, pageAfter, pageBefore, pageNumber, visiblePages, visibleQuestions, type Answers } from '../forms/branching';
import { formDefinitionJsonSchema, isAnswerable, LOCALES, t, type FormDefinition, type Locale } from '../forms/definition';
import { fromAcceptLanguage, pickLocale } from '../i18n/locale';
import { messages } from '../i18n/messages';
import { sharedPage } from '../http/page-cache';
import { allowSubmission } from '../http/rate-limit';
import { Problem } from '../http/problems';
import { normaliseWithdrawalCode, sha256, TOKEN_PATTERN } from '../http/tokens';
import { formFields, validate } from '../http/validate';
import type { LanguageLink } from '../views/layout';
import { html } from '../views/render';
import { clearDraftToken, readDraftToken, setDraftToken } from './draft-cookie';
import {
  deleteDraft,
  findDraft,
  findDraftByIdempotencyKey,
  findLiveForm,
  formVersionDefinition,
  listLiveForms,
  saveDraft,
  startDraft,
  submitDraft,
  withdrawResponse,
  type DraftWithForm,
} from './queries';
import { CheckAnswersPage, type CheckRow } from './views/check';
import { AlreadySentPage, ClearedPage, ConfirmationPage } from './views/done';
import { HONEYPOT_FIELD } from './views/honeypot';
import { HomePage } from './views/home';
import { QuestionPage } from './views/question';
import { SafetyPage } from './views/safety';
import { StartPage } from './views/start';
import { WithdrawnPage, WithdrawPage } from './views/withdraw';

const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,64}$/) });
const pageParam = slugParam.extend({ pageId: z.string().regex(/^[a-z0-9-]{1,64}$/) });
const langQuery = z.object({ lang: z.enum(LOCALES).optional() });
const questionQuery = langQuery.extend({ read: z.enum(['easy', 'standard']).optional(), change: z.literal('1').optional() });
const startBody = z.object({ lang: z.enum(LOCALES).optional(), [HONEYPOT_FIELD]: z.string().max(500).optional() });
const submitBody = z.object({ idempotency_key: z.string().regex(/^[A-Za-z0-9_-]{22}$/), [HONEYPOT_FIELD]: z.string().max(500).optional() });
const withdrawBody = z.object({ code: z.string().max(100) });

const SHARED_PAGE_TTL_MS = 60_000;

/** Links to the same page in each language the form offers. */
function languageLinks(path: string, locales: readonly Locale[], extra = ''): LanguageLink[] {
  return locales.map((locale) => ({ locale, href: `${path}?lang=${locale}${extra}` }));
}

function browserLocale(c: Context<AppEnv>) {
  return fromAcceptLanguage(c.req.header('accept-language'));
}

function idleMs(c: Context<AppEnv>) {
  return config(c.env).DRAFT_IDLE_MINUTES * 60_000;
}

/** Thrown when the person's draft is missing, forged or expired: the "answers were cleared" page. */
export class DraftCleared extends Error {
  constructor(readonly slug: string) {
    super('draft cleared');
  }
}

export function clearedPage(c: Context<AppEnv>, slug: string, locale: Locale) {
  clearDraftToken(c);
  const startHref = `/f/${slug}?lang=${locale}`;
  return c.html(html(<ClearedPage locale={locale} minutes={config(c.env).DRAFT_IDLE_MINUTES} startHref={startHref} languages={languageLinks(`/f/${slug}/cleared`, LOCALES)} />), 410);
}

interface ActiveDraft extends DraftWithForm {
  definition: FormDefinition;
  token: string;
}

/** The draft behind this request's cookie, for this form, still within its idle time. */
async function activeDraft(c: Context<AppEnv>, slug: string): Promise<ActiveDraft> {
  const token = readDraftToken(c);
  if (token === undefined) throw new DraftCleared(slug);
  if (!TOKEN_PATTERN.test(token)) throw new Problem('bad-request');
  const db = database(c.env.DB);
  const found = await findDraft(db, token);
  if (!found || found.slug !== slug || found.draft.submittedAt !== null) throw new DraftCleared(slug);
  if (found.draft.expiresAt < Date.now()) {
    await deleteDraft(db, token);
    throw new DraftCleared(slug);
  }
  const definition = await formVersionDefinition(db, found.draft.formVersionId);
  if (!definition) throw new DraftCleared(slug);
  return { ...found, definition, token };
}

/** Applies ?lang= and ?read= to the draft, so the choice follows the person from page to page. */
async function applyPreferences(c: Context<AppEnv>, active: ActiveDraft, query: { lang?: Locale; read?: 'easy' | 'standard' }) {
  const locale = pickLocale(active.definition.locales, query.lang, active.draft.locale, browserLocale(c));
  const easyRead = query.read ? query.read === 'easy' : active.draft.easyRead;
  if (locale !== active.draft.locale || easyRead !== active.draft.easyRead) {
    await saveDraft(database(c.env.DB), active.draft, { locale, easyRead });
  }
  return { locale, easyRead };
}

export const respond = new Hono<AppEnv>()
  .get('/', publicRoute, validate('query', langQuery), async (c) => {
    const locale = pickLocale(LOCALES, c.req.valid('query').lang, browserLocale(c));
    return sharedPage(`home:${locale}`, SHARED_PAGE_TTL_MS, async () => {
      const forms = await listLiveForms(database(c.env.DB));
      return html(<HomePage forms={forms} locale={locale} languages={languageLinks('/', LOCALES)} />);
    });
  })

  .get('/forms/schema.json', publicRoute, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(formDefinitionJsonSchema());
  })

  .get('/safety', publicRoute, validate('query', langQuery), async (c) => {
    const locale = pickLocale(LOCALES, c.req.valid('query').lang, browserLocale(c));
    return sharedPage(`safety:${locale}`, SHARED_PAGE_TTL_MS, async () => html(<SafetyPage locale={locale} languages={languageLinks('/safety', LOCALES)} />));
  })

  .get('/f/:slug', publicRoute, validate('param', slugParam), validate('query', langQuery), async (c) => {
    const { slug } = c.req.valid('param');
    const wanted = c.req.valid('query').lang ?? browserLocale(c) ?? 'default';
    // The start page is the same for everyone: a new version or a closed form shows within a minute.
    return sharedPage(`start:${slug}:${wanted}`, SHARED_PAGE_TTL_MS, async () => {
      const form = await findLiveForm(database(c.env.DB), slug);
      if (!form) throw new Problem('not-found');
      const locale = pickLocale(form.definition.locales, wanted);
      return html(<StartPage slug={slug} form={form.definition} locale={locale} languages={languageLinks(`/f/${slug}`, form.definition.locales)} />);
    });
  })

  .post('/f/:slug/start', publicRoute, validate('param', slugParam), validate('form', startBody), async (c) => {
    const { slug } = c.req.valid('param');
    const body = c.req.valid('form');
    if (body[HONEYPOT_FIELD]) throw new Problem('bot');
    const db = database(c.env.DB);
    const form = await findLiveForm(db, slug);
    if (!form) throw new Problem('not-found');
    const old = readDraftToken(c);
    if (old && TOKEN_PATTERN.test(old)) await deleteDraft(db, old);
    const locale = pickLocale(form.definition.locales, body.lang, browserLocale(c));
    const token = await startDraft(db, form.versionId, locale, Date.now() + idleMs(c));
    setDraftToken(c, token);
    const first = visiblePages(form.definition, {})[0]!;
    return c.redirect(`/f/${slug}/q/${first.id}`, 303);
  })

  .get('/f/:slug/q/:pageId', publicRoute, validate('param', pageParam), validate('query', questionQuery), async (c) => {
    const { slug, pageId } = c.req.valid('param');
    const query = c.req.valid('query');
    const active = await activeDraft(c, slug);
    const { locale, easyRead } = await applyPreferences(c, active, query);
    const answers = active.draft.answers as Answers;
    const page = active.definition.pages.find((p) => p.id === pageId);
    if (!page) throw new Problem('not-found');
    if (!visiblePages(active.definition, answers).includes(page)) {
      const next = firstUnansweredPage(active.definition, answers);
      return c.redirect(next ? `/f/${slug}/q/${next.id}` : `/f/${slug}/check`, 303);
    }
    await saveDraft(database(c.env.DB), active.draft, { expiresAt: Date.now() + idleMs(c) });
    const questions = visibleQuestions(page, answersInPlay(active.definition, answers));
    const fields: RawFields = Object.assign({}, ...questions.map((q) => answerToFields(q, answers[q.id])));
    return c.html(html(questionPage(c, active, page.id, questions, fields, [], locale, easyRead, query.change === '1')));
  })

  .post('/f/:slug/q/:pageId', publicRoute, validate('param', pageParam), validate('query', questionQuery), validate('form', formFields), async (c) => {
    const { slug, pageId } = c.req.valid('param');
    const fromCheck = c.req.valid('query').change === '1';
    const active = await activeDraft(c, slug);
    const { locale, easyRead } = { locale: active.draft.locale as Locale, easyRead: active.draft.easyRead };
    const answers = { ...(active.draft.answers as Answers) };
    const page = active.definition.pages.find((p) => p.id === pageId);
    if (!page) throw new Problem('not-found');
    // Answers for a page the branches do not show are not taken: back to where the person should be.
    if (!visiblePages(active.definition, answers).includes(page)) {
      const next = firstUnansweredPage(active.definition, answers);
      return c.redirect(next ? `/f/${slug}/q/${next.id}` : `/f/${slug}/check`, 303);
    }
    const questions = visibleQuestions(page, answersInPlay(active.definition, answers));
    const fields = c.req.valid('form');
    const reading = readPage(questions, fields, messages(locale), locale);
    if (reading.errors.length > 0) {
      // What was typed goes straight back into the fields: an error never loses words.
      return c.html(html(questionPage(c, active, page.id, questions, fields, reading.errors, locale, easyRead, fromCheck)), 422);
    }
    for (const [id, value] of Object.entries(reading.values)) {
      if (value === null) delete answers[id];
      else answers[id] = value;
    }
    await saveDraft(database(c.env.DB), active.draft, { answers, expiresAt: Date.now() + idleMs(c) });
    const next = fromCheck ? firstUnansweredPage(active.definition, answers) : pageAfter(active.definition, page.id, answers);
    return c.redirect(next ? `/f/${slug}/q/${next.id}${fromCheck ? '?change=1' : ''}` : `/f/${slug}/check`, 303);
  })

  .get('/f/:slug/check', publicRoute, validate('param', slugParam), validate('query', langQuery), async (c) => {
    const { slug } = c.req.valid('param');
    const active = await activeDraft(c, slug);
    const { locale } = await applyPreferences(c, active, c.req.valid('query'));
    const answers = active.draft.answers as Answers;
    const missing = firstUnansweredPage(active.definition, answers);
    if (missing) return c.redirect(`/f/${slug}/q/${missing.id}`, 303);
    await saveDraft(database(c.env.DB), active.draft, { expiresAt: Date.now() + idleMs(c) });
    const msg = messages(locale);
    const pages = visiblePages(active.definition, answers);
    const inPlay = answersInPlay(active.definition, answers);
    const rows: CheckRow[] = pages.flatMap((p) =>
      visibleQuestions(p, inPlay)
        .filter(isAnswerable)
        .map((q) => ({
          question: t(q.label, locale),
          answer: describeAnswer(q, answers[q.id], msg, locale),
          changeHref: `/f/${slug}/q/${p.id}?change=1#${firstFieldId(q)}`,
        })),
    );
    const last = pages.at(-1)!;
    return c.html(
      html(
        <CheckAnswersPage
          slug={slug}
          formTitle={t(active.definition.title, locale)}
          rows={rows}
          idempotencyKey={active.draft.idempotencyKey}
          locale={locale}
          languages={languageLinks(`/f/${slug}/check`, active.definition.locales)}
          backHref={`/f/${slug}/q/${last.id}`}
          minutes={config(c.env).DRAFT_IDLE_MINUTES}
        />,
      ),
    );
  })

  .post('/f/:slug/submit', publicRoute, validate('param', slugParam), validate('form', submitBody), async (c) => {
    const { slug } = c.req.valid('param');
    const body = c.req.valid('form');
    if (body[HONEYPOT_FIELD]) throw new Problem('bot');
    const db = database(c.env.DB);
    // Found by the key in the page, not the cookie: a repeat after the cookie was cleared still matches.
    const found = await findDraftByIdempotencyKey(db, body.idempotency_key);
    const fallbackLocale = pickLocale(LOCALES, browserLocale(c));
    if (!found || found.slug !== slug) return clearedPage(c, slug, fallbackLocale);
    const { draft } = found;
    const locale = draft.locale as Locale;
    const definition = await formVersionDefinition(db, draft.formVersionId);
    if (!definition) return clearedPage(c, slug, locale);
    const token = readDraftToken(c);
    const ownDraft = token !== undefined && TOKEN_PATTERN.test(token) && (await sha256(token)) === draft.tokenHash;
    // A sent draft lives two minutes for a repeat; past its expiry it shows nothing again.
    if (draft.expiresAt < Date.now()) return clearedPage(c, slug, locale);
    let code = draft.withdrawalCode;
    if (draft.submittedAt === null) {
      if (!ownDraft) return clearedPage(c, slug, locale);
      const missing = firstUnansweredPage(definition, draft.answers as Answers);
      if (missing) return c.redirect(`/f/${slug}/q/${missing.id}`, 303);
      if (!(await allowSubmission(c, 'submit'))) throw new Problem('rate-limited');
      code = await submitDraft(db, config(c.env).HEARD_KEYS, draft, definition, 'online', Date.now());
    }
    clearDraftToken(c);
    // The code goes only to the browser holding this draft's cookie (a double tap sends it twice).
    // Anyone else repeating the post, say the next person on a shared kiosk, learns only that it was sent.
    if (!ownDraft || !code) return c.html(html(<AlreadySentPage locale={locale} />));
    return c.html(html(<ConfirmationPage code={code} locale={locale} formTitle={t(definition.title, locale)} />));
  })

  .post('/f/:slug/keep-alive', publicRoute, validate('param', slugParam), async (c) => {
    const { slug } = c.req.valid('param');
    const active = await activeDraft(c, slug);
    await saveDraft(database(c.env.DB), active.draft, { expiresAt: Date.now() + idleMs(c) });
    return c.body(null, 204);
  })

  .get('/f/:slug/cleared', publicRoute, validate('param', slugParam), validate('query', langQuery), async (c) => {
    const { slug } = c.req.valid('param');
    const token = readDraftToken(c);
    if (token && TOKEN_PATTERN.test(token)) await deleteDraft(database(c.env.DB), token);
    const locale = pickLocale(LOCALES, c.req.valid('query').lang, browserLocale(c));
    clearDraftToken(c);
    const startHref = `/f/${slug}?lang=${locale}`;
    return c.html(html(<ClearedPage locale={locale} minutes={config(c.env).DRAFT_IDLE_MINUTES} startHref={startHref} languages={languageLinks(`/f/${slug}/cleared`, LOCALES)} />));
  })

  .get('/withdraw', publicRoute, validate('query', langQuery), (c) => {
    const locale = pickLocale(LOCALES, c.req.valid('query').lang, browserLocale(c));
    return c.html(html(<WithdrawPage locale={locale} code="" languages={languageLinks('/withdraw', LOCALES)} />));
  })

  .post('/withdraw', publicRoute, validate('query', langQuery), validate('form', withdrawBody), async (c) => {
    const locale = pickLocale(LOCALES, c.req.valid('query').lang, browserLocale(c));
    const msg = messages(locale);
    const typed = c.req.valid('form').code;
    const again = (error: string) =>
      c.html(html(<WithdrawPage locale={locale} code={typed} error={error} languages={languageLinks('/withdraw', LOCALES)} />), 422);
    if (typed.trim() === '') return again(msg.withdrawMissing);
    const code = normaliseWithdrawalCode(typed);
    if (!code) return again(msg.withdrawBadFormat);
    if (!(await allowSubmission(c, 'withdraw'))) throw new Problem('rate-limited');
    const outcome = await withdrawResponse(database(c.env.DB), config(c.env).HEARD_KEYS, code, Date.now());
    switch (outcome) {
      case 'withdrawn':
        return c.html(html(<WithdrawnPage locale={locale} />));
      case 'unknown':
        return again(msg.withdrawUnknown);
      case 'too-late':
        return again(msg.withdrawTooLate);
      case 'already':
        return again(msg.withdrawAlready);
    }
  })

  .get('/exit', publicRoute, async (c) => {
    const token = readDraftToken(c);
    if (token && TOKEN_PATTERN.test(token)) await deleteDraft(database(c.env.DB), token);
    clearDraftToken(c);
    // Honoured over https only; the cookie is cleared above either way.
    c.header('Clear-Site-Data', '"cache", "cookies", "storage"');
    return c.redirect(config(c.env).EXIT_URL, 303);
  });

function questionPage(
  c: Context<AppEnv>,
  active: ActiveDraft,
  pageId: string,
  questions: FormDefinition['pages'][number]['questions'],
  fields: RawFields,
  errors: ReturnType<typeof readPage>['errors'],
  locale: Locale,
  easyRead: boolean,
  fromCheck: boolean,
) {
  const { definition } = active;
  const answers = active.draft.answers as Answers;
  const slug = active.slug;
  const path = `/f/${slug}/q/${pageId}`;
  const change = fromCheck ? '&change=1' : '';
  const previous = pageBefore(definition, pageId, answers);
  return (
    <QuestionPage
      slug={slug}
      formTitle={t(definition.title, locale)}
      pageId={pageId}
      questions={questions}
      fields={fields}
      errors={errors}
      locale={locale}
      languages={languageLinks(path, definition.locales, change)}
      easyRead={{
        on: easyRead,
        available: questions.some((q) => 'easyRead' in q && q.easyRead),
        toggleHref: `${path}?read=${easyRead ? 'standard' : 'easy'}${change}`,
      }}
      backHref={fromCheck ? `/f/${slug}/check` : previous ? `/f/${slug}/q/${previous.id}` : `/f/${slug}`}
      progress={pageNumber(definition, pageId, answers)}
      fromCheck={fromCheck}
      minutes={config(c.env).DRAFT_IDLE_MINUTES}
    />
  );
}

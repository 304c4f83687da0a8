// The respondent's journey: start, one question a page, check answers, send, withdraw, exit.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { publicRoute } from '../auth/policy';
import { database } from '../db/client';
import { config, keyRing, type AppEnv } from '../env';
import { answerToFields, describeAnswer, readPage, type RawFields } from '../forms/answers';
import { answersInPlay, firstUnansweredPage, pageAfter, pageBefore, pageNumber, visiblePages, visibleQuestions, type Answers } from '../forms/branching';
import { formDefinitionJsonSchema, isAnswerable, LOCALES, t, type FormDefinition, type Locale, type Page } from '../forms/definition';
import { fromAcceptLanguage, pickLocale } from '../i18n/locale';
import { messages } from '../i18n/messages';
import { offerParam, readOffer } from '../i18n/offered';
import { sharedPage } from '../http/page-cache';
import { allowSubmission, allowUnknownWithdrawalCode } from '../http/rate-limit';
import { Problem } from '../http/problems';
import { normaliseWithdrawalCode, sha256, TOKEN_PATTERN } from '../http/tokens';
import { formFields, validate } from '../http/validate';
import type { LanguageLink } from '../views/layout';
import { html } from '../views/render';
import type { Draft } from '../db/schema';
import { arrivalStatements } from '../moderate/arrival';
import { moderationLists } from '../moderate/lists';
import { clearDraftToken, readDraftToken, setDraftToken } from './draft-cookie';
import {
  deleteDraft,
  findDraft,
  findDraftByIdempotencyKey,
  findLiveForm,
  formVersionDefinition,
  listLiveForms,
  offeredLocales,
  saveDraft,
  startDraft,
  submitDraft,
  withdrawResponse,
  type DraftOrigin,
  type DraftWithForm,
  type LiveForm,
} from './queries';
import { CheckAnswersPage, type CheckRow } from './views/check';
import type { EasyReadState } from './views/easy-read-switch';
import { AlreadySentPage, ClearedPage, ConfirmationPage } from './views/done';
import { HONEYPOT_FIELD } from './views/honeypot';
import { PAGE_FIELD } from './views/post-buttons';
import { HomePage } from './views/home';
import { QuestionPage } from './views/question';
import { SafetyPage } from './views/safety';
import { StartPage } from './views/start';
import { WithdrawnPage, WithdrawPage } from './views/withdraw';

const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,64}$/) });
const langQuery = z.object({ lang: z.enum(LOCALES).optional() });
const readChoice = z.enum(['easy', 'standard']).optional();
const questionQuery = langQuery.extend({ read: readChoice });
/** Pages a journey links to carry its languages (?offer=en,pl), so their switch offers only those. */
const offerQuery = langQuery.extend({ offer: z.string().max(40).optional() });
/** Back from check answers says "check"; otherwise a page id. */
const CHECK_PAGE = 'check';
const pageBody = z.object({ [PAGE_FIELD]: z.string().regex(/^[a-z0-9-]{1,64}$/) });
const startBody = z.object({ lang: z.enum(LOCALES).optional(), read: readChoice, [HONEYPOT_FIELD]: z.string().max(500).optional() });
const submitBody = z.object({ idempotency_key: z.string().regex(/^[A-Za-z0-9_-]{22}$/), [HONEYPOT_FIELD]: z.string().max(500).optional() });
const withdrawBody = z.object({ code: z.string().max(100) });

const SHARED_PAGE_TTL_MS = 60_000;

/** Links to the same page in each language the form offers. */
function languageLinks(path: string, locales: readonly Locale[], extra = ''): LanguageLink[] {
  return locales.map((locale) => ({ locale, href: `${path}?lang=${locale}${extra}` }));
}

/** The start page's Easy Read switch: before a draft exists the choice lives in the address and the start post. */
export function startEasyRead(path: string, locale: Locale, on: boolean): EasyReadState {
  return { on, toggleHref: `${path}?lang=${locale}${on ? '' : '&read=easy'}` };
}

/** Back from the first question: the start page the person came from (a session's, when they joined one), keeping their choices. */
function startAddress(active: ActiveDraft): string {
  const { draft, sessionJoinCode, slug } = active;
  const path = sessionJoinCode && draft.channel === 'online' ? `/j/${sessionJoinCode}` : `/f/${slug}`;
  return `${path}?lang=${draft.locale}${draft.easyRead ? '&read=easy' : ''}`;
}

/** True unless the browser says the request came from another site (Sec-Fetch-Site). */
function fromOurOwnPages(c: Context<AppEnv>) {
  const site = c.req.header('sec-fetch-site');
  return site === undefined || site === 'same-origin' || site === 'none';
}

function browserLocale(c: Context<AppEnv>) {
  return fromAcceptLanguage(c.req.header('accept-language'));
}

function idleMs(c: Context<AppEnv>) {
  return c.get('draftIdleMs') ?? config(c.env).DRAFT_IDLE_MINUTES * 60_000;
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
  /** The languages its pages offer (the form's, narrowed by its session's). */
  locales: Locale[];
}

/**
 * Starts a new draft of a live form in this browser, replacing any draft it had, and returns where to
 * go next. Joining a session, a kiosk and a facilitator's entry start theirs through this too.
 */
export async function beginDraft(c: Context<AppEnv>, form: LiveForm, locale: Locale, origin: DraftOrigin = {}): Promise<string> {
  const db = database(c.env.DB);
  const old = readDraftToken(c);
  if (old && TOKEN_PATTERN.test(old)) await deleteDraft(db, old);
  const first = visiblePages(form.definition, {})[0]!;
  const token = await startDraft(db, form.versionId, locale, first.id, Date.now() + idleMs(c), origin);
  setDraftToken(c, token);
  return `/f/${form.slug}/question`;
}

/** The draft behind this request's cookie, for this form, still within its idle time. */
async function activeDraft(c: Context<AppEnv>, slug: string): Promise<ActiveDraft> {
  // Another site's link into the middle of a form is never a person's own journey, and answering it
  // could clear their draft (a draft of another form is cleared): refuse it and touch nothing.
  if (c.req.header('sec-fetch-site') === 'cross-site') throw new Problem('forbidden');
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
  return { ...found, definition, token, locales: offeredLocales(definition, found.sessionLanguages) };
}

/** Reads ?lang= and ?read= against the draft, so the choice follows the person from page to page; the caller saves the changes. */
function preferences(c: Context<AppEnv>, active: ActiveDraft, query: { lang?: Locale; read?: 'easy' | 'standard' }) {
  const locale = pickLocale(active.locales, query.lang, active.draft.locale, browserLocale(c));
  const easyRead = query.read ? query.read === 'easy' : active.draft.easyRead;
  const changes: Partial<Pick<Draft, 'locale' | 'easyRead'>> = {};
  if (locale !== active.draft.locale) changes.locale = locale;
  if (easyRead !== active.draft.easyRead) changes.easyRead = easyRead;
  return { locale, easyRead, changes };
}

/**
 * The page the person is on: the one the draft remembers while the branches still show it, else the
 * first page still waiting for an answer. None means every required answer is in: check answers.
 */
function currentPage(active: ActiveDraft): Page | undefined {
  const answers = active.draft.answers as Answers;
  const remembered = visiblePages(active.definition, answers).find((p) => p.id === active.draft.currentPage);
  return remembered ?? firstUnansweredPage(active.definition, answers);
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

  .get('/safety', publicRoute, validate('query', offerQuery), async (c) => {
    const query = c.req.valid('query');
    const offered = readOffer(query.offer);
    const locale = pickLocale(offered, query.lang, browserLocale(c));
    return sharedPage(`safety:${locale}:${offered.join(',')}`, SHARED_PAGE_TTL_MS, async () =>
      html(<SafetyPage locale={locale} languages={languageLinks('/safety', offered, offerParam(offered))} />),
    );
  })

  .get('/f/:slug', publicRoute, validate('param', slugParam), validate('query', questionQuery), async (c) => {
    const { slug } = c.req.valid('param');
    const query = c.req.valid('query');
    const wanted = query.lang ?? browserLocale(c) ?? 'default';
    const easy = query.read === 'easy';
    // The start page is the same for everyone: a new version or a closed form shows within a minute.
    return sharedPage(`start:${slug}:${wanted}:${easy ? 'easy' : 'standard'}`, SHARED_PAGE_TTL_MS, async () => {
      const form = await findLiveForm(database(c.env.DB), slug);
      if (!form) throw new Problem('not-found');
      const locale = pickLocale(form.definition.locales, wanted);
      const path = `/f/${slug}`;
      return html(
        <StartPage
          slug={slug}
          form={form.definition}
          locale={locale}
          languages={languageLinks(path, form.definition.locales, easy ? '&read=easy' : '')}
          easyRead={startEasyRead(path, locale, easy)}
        />,
      );
    });
  })

  .post('/f/:slug/start', publicRoute, validate('param', slugParam), validate('form', startBody), async (c) => {
    const { slug } = c.req.valid('param');
    const body = c.req.valid('form');
    if (body[HONEYPOT_FIELD]) throw new Problem('bot');
    const form = await findLiveForm(database(c.env.DB), slug);
    if (!form) throw new Problem('not-found');
    const locale = pickLocale(form.definition.locales, body.lang, browserLocale(c));
    return c.redirect(await beginDraft(c, form, locale, { easyRead: body.read === 'easy' }), 303);
  })

  // Every question page has this one address and one title; which page shows is kept on the server
  // (drafts.current_page), so a shared browser's history cannot tell which branch someone took.
  .get('/f/:slug/question', publicRoute, validate('param', slugParam), validate('query', questionQuery), async (c) => {
    const { slug } = c.req.valid('param');
    const active = await activeDraft(c, slug);
    const { locale, easyRead, changes } = preferences(c, active, c.req.valid('query'));
    const page = currentPage(active);
    if (!page) {
      if (Object.keys(changes).length > 0) await saveDraft(database(c.env.DB), active.draft, changes);
      return c.redirect(`/f/${slug}/check`, 303);
    }
    await saveDraft(database(c.env.DB), active.draft, { ...changes, currentPage: page.id, expiresAt: Date.now() + idleMs(c) });
    const answers = active.draft.answers as Answers;
    const questions = visibleQuestions(page, answersInPlay(active.definition, answers));
    const fields: RawFields = Object.assign({}, ...questions.map((q) => answerToFields(q, answers[q.id])));
    return c.html(html(questionPage(c, active, page.id, questions, fields, [], locale, easyRead)));
  })

  .post('/f/:slug/question', publicRoute, validate('param', slugParam), validate('form', formFields), async (c) => {
    const { slug } = c.req.valid('param');
    const active = await activeDraft(c, slug);
    const { locale, easyRead } = { locale: active.draft.locale as Locale, easyRead: active.draft.easyRead };
    const answers = { ...(active.draft.answers as Answers) };
    const fields = c.req.valid('form');
    // The form names its page in the body. Normally that is the current page; a form left open in an
    // older tab names its own. Answers for a page the branches do not show are not taken.
    const posted = fields[PAGE_FIELD];
    const page = visiblePages(active.definition, answers).find((p) => p.id === posted);
    if (!page) return c.redirect(`/f/${slug}/question`, 303);
    const questions = visibleQuestions(page, answersInPlay(active.definition, answers));
    const reading = readPage(questions, fields, messages(locale), locale);
    if (reading.errors.length > 0) {
      // What was typed goes straight back into the fields: an error never loses words.
      return c.html(html(questionPage(c, active, page.id, questions, fields, reading.errors, locale, easyRead)), 422);
    }
    for (const [id, value] of Object.entries(reading.values)) {
      if (value === null) delete answers[id];
      else answers[id] = value;
    }
    // A change from check answers goes back there, by way of any page the change has made necessary.
    const changing = active.draft.changing;
    const next = changing ? firstUnansweredPage(active.definition, answers) : pageAfter(active.definition, page.id, answers);
    await saveDraft(database(c.env.DB), active.draft, {
      answers,
      currentPage: next?.id ?? page.id,
      changing: changing && next !== undefined,
      expiresAt: Date.now() + idleMs(c),
    });
    return c.redirect(next ? `/f/${slug}/question` : `/f/${slug}/check`, 303);
  })

  // Back on a question page or check answers: a post, so the page it leads to stays off the address bar.
  .post('/f/:slug/back', publicRoute, validate('param', slugParam), validate('form', pageBody), async (c) => {
    const { slug } = c.req.valid('param');
    const from = c.req.valid('form')[PAGE_FIELD];
    const active = await activeDraft(c, slug);
    const db = database(c.env.DB);
    const answers = active.draft.answers as Answers;
    const pages = visiblePages(active.definition, answers);
    const expiresAt = Date.now() + idleMs(c);
    if (from === CHECK_PAGE) {
      await saveDraft(db, active.draft, { currentPage: pages.at(-1)!.id, changing: false, expiresAt });
      return c.redirect(`/f/${slug}/question`, 303);
    }
    if (active.draft.changing) {
      await saveDraft(db, active.draft, { changing: false, expiresAt });
      return c.redirect(`/f/${slug}/check`, 303);
    }
    const page = pages.find((p) => p.id === from) ?? currentPage(active);
    const previous = page && pageBefore(active.definition, page.id, answers);
    if (!previous) return c.redirect(startAddress(active), 303);
    await saveDraft(db, active.draft, { currentPage: previous.id, expiresAt });
    return c.redirect(`/f/${slug}/question`, 303);
  })

  // "Change" on check answers: the page to change comes in the body, and Continue returns to check.
  .post('/f/:slug/change', publicRoute, validate('param', slugParam), validate('form', pageBody), async (c) => {
    const { slug } = c.req.valid('param');
    const wanted = c.req.valid('form')[PAGE_FIELD];
    const active = await activeDraft(c, slug);
    const page = visiblePages(active.definition, active.draft.answers as Answers).find((p) => p.id === wanted);
    if (!page) return c.redirect(`/f/${slug}/check`, 303);
    await saveDraft(database(c.env.DB), active.draft, { currentPage: page.id, changing: true, expiresAt: Date.now() + idleMs(c) });
    return c.redirect(`/f/${slug}/question`, 303);
  })

  .get('/f/:slug/check', publicRoute, validate('param', slugParam), validate('query', questionQuery), async (c) => {
    const { slug } = c.req.valid('param');
    const active = await activeDraft(c, slug);
    const { locale, easyRead, changes } = preferences(c, active, c.req.valid('query'));
    const answers = active.draft.answers as Answers;
    const db = database(c.env.DB);
    const missing = firstUnansweredPage(active.definition, answers);
    if (missing) {
      await saveDraft(db, active.draft, { ...changes, currentPage: missing.id, changing: false });
      return c.redirect(`/f/${slug}/question`, 303);
    }
    await saveDraft(db, active.draft, { ...changes, changing: false, expiresAt: Date.now() + idleMs(c) });
    const msg = messages(locale);
    const pages = visiblePages(active.definition, answers);
    const inPlay = answersInPlay(active.definition, answers);
    const rows: CheckRow[] = pages.flatMap((p) =>
      visibleQuestions(p, inPlay)
        .filter(isAnswerable)
        .map((q) => ({
          question: easyRead && 'easyRead' in q && q.easyRead ? t(q.easyRead, locale) : t(q.label, locale),
          answer: describeAnswer(q, answers[q.id], msg, locale),
          pageId: p.id,
          questionId: q.id,
        })),
    );
    return c.html(
      html(
        <CheckAnswersPage
          slug={slug}
          formTitle={t(active.definition.title, locale)}
          rows={rows}
          idempotencyKey={active.draft.idempotencyKey}
          locale={locale}
          languages={languageLinks(`/f/${slug}/check`, active.locales)}
          easyRead={{
            on: easyRead,
            toggleHref: `/f/${slug}/check?read=${easyRead ? 'standard' : 'easy'}`,
            here: pages.some((p) => visibleQuestions(p, inPlay).some((q) => 'easyRead' in q && q.easyRead)),
          }}
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
      if (missing) {
        await saveDraft(db, draft, { currentPage: missing.id, changing: false });
        return c.redirect(`/f/${slug}/question`, 303);
      }
      if (!(await allowSubmission(c, 'submit'))) throw new Problem('rate-limited');
      // Moderation's arrival work (triage, redaction proposals, the queue row) lands in the same batch.
      const lists = await moderationLists(db);
      code = await submitDraft(db, keyRing(c, 'feedback'), draft, definition, Date.now(), (response) =>
        arrivalStatements(db, { responseId: response.id, submittedAt: response.submittedAt, definition, answers: response.answers }, lists),
      );
    }
    clearDraftToken(c);
    // The code goes only to the browser holding this draft's cookie (a double tap sends it twice).
    // Anyone else repeating the post, say the next person on a shared kiosk, learns only that it was sent.
    if (!ownDraft || !code) return c.html(html(<AlreadySentPage locale={locale} />));
    return c.html(html(<ConfirmationPage code={code} locale={locale} formTitle={t(definition.title, locale)} offered={offeredLocales(definition, found.sessionLanguages)} />));
  })

  .post('/f/:slug/keep-alive', publicRoute, validate('param', slugParam), async (c) => {
    const { slug } = c.req.valid('param');
    const active = await activeDraft(c, slug);
    await saveDraft(database(c.env.DB), active.draft, { expiresAt: Date.now() + idleMs(c) });
    return c.body(null, 204);
  })

  .get('/f/:slug/cleared', publicRoute, validate('param', slugParam), validate('query', langQuery), async (c) => {
    const { slug } = c.req.valid('param');
    // This GET deletes a draft (the timeout warning sends the page here), so another site must not be
    // able to make a browser open it: a link or image elsewhere would wipe someone's answers. /exit
    // stays open to every site, since leaving fast from anywhere is its whole point.
    if (!fromOurOwnPages(c)) throw new Problem('forbidden');
    const token = readDraftToken(c);
    if (token && TOKEN_PATTERN.test(token)) await deleteDraft(database(c.env.DB), token);
    const locale = pickLocale(LOCALES, c.req.valid('query').lang, browserLocale(c));
    clearDraftToken(c);
    const startHref = `/f/${slug}?lang=${locale}`;
    return c.html(html(<ClearedPage locale={locale} minutes={config(c.env).DRAFT_IDLE_MINUTES} startHref={startHref} languages={languageLinks(`/f/${slug}/cleared`, LOCALES)} />));
  })

  .get('/withdraw', publicRoute, validate('query', offerQuery), (c) => {
    const query = c.req.valid('query');
    const offered = readOffer(query.offer);
    const locale = pickLocale(offered, query.lang, browserLocale(c));
    return c.html(html(<WithdrawPage locale={locale} code="" languages={languageLinks('/withdraw', offered, offerParam(offered))} />));
  })

  .post('/withdraw', publicRoute, validate('query', offerQuery), validate('form', withdrawBody), async (c) => {
    const query = c.req.valid('query');
    const offered = readOffer(query.offer);
    const locale = pickLocale(offered, query.lang, browserLocale(c));
    const msg = messages(locale);
    const typed = c.req.valid('form').code;
    const again = (error: string) =>
      c.html(html(<WithdrawPage locale={locale} code={typed} error={error} languages={languageLinks('/withdraw', offered, offerParam(offered))} />), 422);
    if (typed.trim() === '') return again(msg.withdrawMissing);
    const code = normaliseWithdrawalCode(typed);
    if (!code) return again(msg.withdrawBadFormat);
    if (!(await allowSubmission(c, 'withdraw'))) throw new Problem('rate-limited');
    const outcome = await withdrawResponse(database(c.env.DB), keyRing(c, 'feedback'), code, Date.now());
    if (outcome === 'unknown' && !(await allowUnknownWithdrawalCode(c))) throw new Problem('rate-limited');
    switch (outcome) {
      case 'withdrawn':
        return c.html(html(<WithdrawnPage locale={locale} offered={offered} />));
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
) {
  const { definition } = active;
  const answers = active.draft.answers as Answers;
  const slug = active.slug;
  const path = `/f/${slug}/question`;
  return (
    <QuestionPage
      slug={slug}
      formTitle={t(definition.title, locale)}
      pageId={pageId}
      questions={questions}
      fields={fields}
      errors={errors}
      locale={locale}
      languages={languageLinks(path, active.locales)}
      easyRead={{
        on: easyRead,
        toggleHref: `${path}?read=${easyRead ? 'standard' : 'easy'}`,
        here: questions.some((q) => 'easyRead' in q && q.easyRead),
      }}
      backAction={`/f/${slug}/back`}
      progress={pageNumber(definition, pageId, answers)}
      minutes={config(c.env).DRAFT_IDLE_MINUTES}
    />
  );
}

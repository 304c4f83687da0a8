// /sessions: facilitators create, edit, open and close feedback sessions, and run them on the day
// (the code and QR, the poster, the live count). A facilitator sees the sessions of the organisations
// they facilitate for; anyone else's is "not found".
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../auth/policy';
import type { Staff } from '../auth/sessions';
import { staffSummary } from '../auth/staff-summary';
import { database, type Database } from '../db/client';
import { dayFields } from '../forms/day-input';
import { t, type Locale } from '../forms/definition';
import { config, keyRing, type AppEnv } from '../env';
import { Problem } from '../http/problems';
import { publicOrigin } from '../http/public-url';
import { validate } from '../http/validate';
import { pickLocale } from '../i18n/locale';
import { beginDraft } from '../respond/routes';
import { findLiveForm, formVersionDefinition, offeredLocales } from '../respond/queries';
import { assetPaths } from '../views/assets';
import { html } from '../views/render';
import { checkSession, first, sessionBody, type FormError, type SessionBody, type SessionChoices } from './form';
import { kioskPinMessage } from './kiosk/pin';
import { joinQrSvg } from './qr';
import {
  closeSession,
  countsByChannel,
  createSession,
  currentVersionOf,
  LIST_LIMIT,
  listSessions,
  liveFeedbackForms,
  loadSession,
  organisationsNamed,
  reopenSession,
  responseCount,
  updateSession,
  type SessionDetail,
} from './queries';
import { SessionFormPage } from './views/form';
import { SessionsListPage } from './views/list';
import { PosterPage } from './views/poster';
import { SessionPage, type SessionPageProps } from './views/session-page';

export const facilitators = allow('facilitator');

const idParam = z.object({ id: z.string().max(100) });
const assistedBody = z.object({ csrf: z.string().max(100), lang: z.string().max(10).optional() });
const doneQuery = z.object({ done: z.enum(['created', 'saved', 'closed', 'reopened', 'kiosk-left']).optional() });

/** The organisations this person runs sessions for. */
export function facilitatedOrganisations(staff: Staff): string[] {
  return [...new Set(staff.memberships.filter((m) => m.role === 'facilitator').map((m) => m.organisationId))];
}

/** The session named in the path, if it belongs to one of this facilitator's organisations; "not found" otherwise. */
export async function facilitatorsSession(c: Context<AppEnv>, id: string): Promise<SessionDetail> {
  const session = await loadSession(database(c.env.DB), id);
  if (!session || !facilitatedOrganisations(c.get('staff')).includes(session.organisationId)) throw new Problem('not-found');
  return session;
}

/** Where people join, and the session's own address for its QR code; none when the public address is unknown. */
export function joinAddress(c: Context<AppEnv>, code: string): { base: string; url: string } | undefined {
  const origin = publicOrigin(c);
  return origin ? { base: `${origin}/j`, url: `${origin}/j/${code}` } : undefined;
}

async function choicesFor(db: Database, staff: Staff): Promise<SessionChoices> {
  const [organisations, forms] = await Promise.all([organisationsNamed(db, facilitatedOrganisations(staff)), liveFeedbackForms(db)]);
  const withDefinitions = await Promise.all(forms.map(async (f) => ({ f, definition: await formVersionDefinition(db, f.versionId) })));
  return {
    organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
    forms: withDefinitions.filter((x) => x.definition).map(({ f, definition }) => ({ value: f.id, label: t(definition!.title, 'en'), locales: [...definition!.locales] })),
  };
}

const asValues = (b: SessionBody): Record<string, string | string[]> => {
  const { csrf: _csrf, 'kiosk-pin': _pin, ...rest } = b;
  return rest;
};

function valuesOf(s: SessionDetail): Record<string, string | string[]> {
  const held = dayFields(s.heldOn);
  return {
    name: s.name,
    place: s.place,
    'held-day': held.day,
    'held-month': held.month,
    'held-year': held.year,
    organisation: s.organisationId,
    form: s.formId,
    languages: s.languages,
    kiosk: s.kiosk ? 'yes' : 'no',
    'kiosk-idle': String(Math.round(s.kioskIdleSeconds / 30) / 2),
    'next-steps': s.nextSteps ?? '',
  };
}

/** Why a session's form can no longer change, or undefined while it has no responses. */
export function formFixedReason(responses: number): string | undefined {
  if (responses === 0) return undefined;
  const had = responses === 1 ? '1 response has' : `${responses.toLocaleString('en-GB')} responses have`;
  return `It cannot be changed: ${had} come in, answering this form’s questions. To use another form, create a new session.`;
}

function formPage(c: Context<AppEnv>, choices: SessionChoices, values: Record<string, string | string[]>, errors: FormError[] = [], session?: SessionDetail, formFixed?: string) {
  const page = <SessionFormPage me={staffSummary(c.get('staff'))} choices={choices} values={values} errors={errors} sessionId={session?.id} hasPin={!!session?.kioskPinHash} formFixed={formFixed && session ? { value: session.formId, reason: formFixed } : undefined} />;
  return c.html(html(page), errors.length > 0 ? 422 : 200);
}

/** The choices, plus the session's own form if it has since closed: it stays valid for the session already using it. */
async function choicesForSession(db: Database, staff: Staff, session: SessionDetail): Promise<SessionChoices> {
  const choices = await choicesFor(db, staff);
  if (!choices.forms.some((f) => f.value === session.formId)) {
    const definition = await formVersionDefinition(db, (await currentVersionOf(db, session.formId)) ?? '');
    if (definition) choices.forms.push({ value: session.formId, label: t(definition.title, 'en'), locales: [...definition.locales] });
  }
  return choices;
}

/** A PIN's keyed hash, bound to its session so the same PIN elsewhere hashes differently. */
export const kioskPinHash = (c: Context<AppEnv>, sessionId: string, pin: string) => keyRing(c, 'kiosk').hash('kiosk', kioskPinMessage(sessionId, pin));

export const sessions = new Hono<AppEnv>()
  .get('/sessions', facilitators, async (c) => {
    const list = await listSessions(database(c.env.DB), facilitatedOrganisations(c.get('staff')));
    return c.html(html(<SessionsListPage me={staffSummary(c.get('staff'))} sessions={list} truncated={list.length >= LIST_LIMIT} />));
  })

  .get('/sessions/new', facilitators, async (c) => {
    const choices = await choicesFor(database(c.env.DB), c.get('staff'));
    const today = dayFields(Date.now());
    const values = {
      'held-day': today.day,
      'held-month': today.month,
      'held-year': today.year,
      organisation: choices.organisations.length === 1 ? choices.organisations[0]!.value : '',
      form: choices.forms.length === 1 ? choices.forms[0]!.value : '',
      languages: ['en'],
      kiosk: 'no',
    };
    return formPage(c, choices, values);
  })

  .post('/sessions', facilitators, validate('form', sessionBody), async (c) => {
    const body = c.req.valid('form');
    const db = database(c.env.DB);
    const choices = await choicesFor(db, c.get('staff'));
    const checked = checkSession(body, choices);
    if (checked.errors) return formPage(c, choices, asValues(body), checked.errors);
    const id = crypto.randomUUID();
    const { fields, pin } = checked.ok;
    await createSession(db, id, { ...fields, kioskPinHash: pin ? await kioskPinHash(c, id, pin) : null }, c.get('staff').user.id);
    return c.redirect(`/sessions/${id}?done=created`, 303);
  })

  .get('/sessions/:id', facilitators, validate('param', idParam), validate('query', doneQuery), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    return c.html(html(<SessionPage {...(await sessionPageProps(c, session))} done={c.req.valid('query').done} />));
  })

  // The live count, for the session page's island: numbers only.
  .get('/sessions/:id/count', facilitators, validate('param', idParam), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    const counts = await countsByChannel(database(c.env.DB), session.id);
    return c.json({ status: session.status, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) });
  })

  .get('/sessions/:id/edit', facilitators, validate('param', idParam), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    const db = database(c.env.DB);
    const [choices, responses] = await Promise.all([choicesForSession(db, c.get('staff'), session), responseCount(db, session.id)]);
    return formPage(c, choices, valuesOf(session), [], session, formFixedReason(responses));
  })

  .post('/sessions/:id', facilitators, validate('param', idParam), validate('form', sessionBody), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    const body = c.req.valid('form');
    const db = database(c.env.DB);
    const [choices, responses] = await Promise.all([choicesForSession(db, c.get('staff'), session), responseCount(db, session.id)]);
    const fixed = formFixedReason(responses);
    const refuseForm = (reason: string) => formPage(c, choices, asValues(body), [{ fieldId: 'form', message: 'The form cannot be changed once responses have come in' }], session, reason);
    if (fixed && first(body.form).trim() !== session.formId) return refuseForm(fixed);
    const checked = checkSession(body, choices);
    if (checked.errors) return formPage(c, choices, asValues(body), checked.errors, session, fixed);
    const { fields, pin } = checked.ok;
    const kioskPin = pin === undefined ? undefined : pin === '' ? null : await kioskPinHash(c, session.id, pin);
    const saved = await updateSession(db, session.id, { ...fields, kioskPinHash: kioskPin }, c.get('staff').user.id);
    // A response came in while the page was open.
    if (saved === 'form-fixed') return refuseForm(formFixedReason(Math.max(1, await responseCount(db, session.id)))!);
    return c.redirect(`/sessions/${session.id}?done=saved`, 303);
  })

  .post('/sessions/:id/close', facilitators, validate('param', idParam), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    await closeSession(database(c.env.DB), session.id, c.get('staff').user.id);
    return c.redirect(`/sessions/${session.id}?done=closed`, 303);
  })

  .post('/sessions/:id/reopen', facilitators, validate('param', idParam), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    if (session.status === 'closed') await reopenSession(database(c.env.DB), session, c.get('staff').user.id);
    return c.redirect(`/sessions/${session.id}?done=reopened`, 303);
  })

  // Assisted entry: the facilitator fills the form in with (or for) someone, on this device. The
  // response is marked assisted and records which facilitator; the person is never recorded.
  .post('/sessions/:id/assisted', facilitators, validate('param', idParam), validate('form', assistedBody), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    if (session.status !== 'open') return c.html(html(<SessionPage {...(await sessionPageProps(c, session))} error="This session is closed. Open it again to fill in the form with someone." />), 422);
    const db = database(c.env.DB);
    const form = await findLiveForm(db, session.formSlug);
    if (!form) return c.html(html(<SessionPage {...(await sessionPageProps(c, session))} error="The session's form is not open for feedback any more." />), 422);
    const offered = offeredLocales(form.definition, session.languages);
    const locale = pickLocale(offered, c.req.valid('form').lang);
    return c.redirect(await beginDraft(c, form, locale, { sessionId: session.id, channel: 'assisted', enteredBy: c.get('staff').user.id }), 303);
  })

  .get('/sessions/:id/poster', facilitators, validate('param', idParam), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    const db = database(c.env.DB);
    const definition = await formVersionDefinition(db, (await currentVersionOf(db, session.formId)) ?? '');
    if (!definition) throw new Problem('not-found');
    const address = session.joinCode ? joinAddress(c, session.joinCode) : undefined;
    const locales = definition.locales.filter((l) => session.languages.includes(l));
    return c.html(
      html(
        <PosterPage
          me={staffSummary(c.get('staff'))}
          session={session}
          form={definition}
          locales={locales.length > 0 ? locales : (['en'] as Locale[])}
          join={address && { base: address.base, qrSvg: joinQrSvg(address.url) }}
        />,
      ),
    );
  });

async function sessionPageProps(c: Context<AppEnv>, session: SessionDetail): Promise<Omit<SessionPageProps, 'done'>> {
  const db = database(c.env.DB);
  const [counts, versionId] = await Promise.all([countsByChannel(db, session.id), currentVersionOf(db, session.formId)]);
  const definition = versionId ? await formVersionDefinition(db, versionId) : undefined;
  const address = session.joinCode ? joinAddress(c, session.joinCode) : undefined;
  return {
    me: staffSummary(c.get('staff')),
    session,
    formTitle: definition ? t(definition.title, 'en') : session.formSlug,
    counts,
    join: address && { url: address.url, qrSvg: joinQrSvg(address.url) },
    scripts: session.status === 'open' ? [assetPaths.sessionIsland] : [],
  };
}

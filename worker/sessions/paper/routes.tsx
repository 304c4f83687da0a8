// Paper: a printable version of any form (/forms/:slug/paper) and of a session's form with its join
// code on every page (/sessions/:id/paper), and the fast entry screen that types the sheets back in
// (/sessions/:id/entry), each sheet a response of channel `paper` entered by the facilitator.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../../auth/policy';
import { staffSummary } from '../../auth/staff-summary';
import { database } from '../../db/client';
import type { AppEnv } from '../../env';
import { firstFieldId, type FieldError, type RawFields } from '../../forms/answers';
import { isAnswerable, type FormDefinition, type Locale } from '../../forms/definition';
import { Problem } from '../../http/problems';
import { formFields, validate } from '../../http/validate';
import { findLiveForm, listLiveForms, offeredLocales } from '../../respond/queries';
import { html } from '../../views/render';
import type { SessionDetail } from '../queries';
import { facilitators, facilitatorsSession } from '../routes';
import { sessionForm } from '../session-form';
import { AlreadySavedPage } from '../views/already-saved';
import { paperCount, storePaper } from './queries';
import { LANGUAGE_FIELD, readSheet, SHEET_FIELD } from './sheet';
import { EntryPage } from './views/entry';
import { PaperFormsPage } from './views/forms-list';
import { PaperFormPage, type PaperSize } from './views/paper-form';

/** Staff who hand out or handle forms: facilitators print them, moderators and admins check what people were asked. */
export const formReaders = allow('facilitator', 'moderator', 'org-admin', 'deployment-admin');

const idParam = z.object({ id: z.string().max(100) });
const slugParam = z.object({ slug: z.string().max(100) });
// Lenient: an unknown size or language prints the normal sheet in the first language, never a 400.
const paperQuery = z.object({ size: z.string().max(20).optional(), lang: z.string().max(10).optional() });
const entryQuery = z.object({ entered: z.string().max(5).optional(), lang: z.string().max(10).optional() });

function paperChoices(query: z.infer<typeof paperQuery>, locales: Locale[]): { size: PaperSize; locale: Locale } {
  const locale = locales.find((l) => l === query.lang) ?? locales[0] ?? 'en';
  return { size: query.size === 'large' ? 'large' : 'normal', locale };
}

async function entryPage(
  c: Context<AppEnv>,
  session: SessionDetail,
  definition: FormDefinition,
  view: { locale?: string; sheetId?: string; fields?: RawFields; errors?: FieldError[]; entered?: boolean },
) {
  const locales = offeredLocales(definition, session.languages);
  const count = await paperCount(database(c.env.DB), session.id);
  const errors = view.errors ?? [];
  return c.html(
    html(
      <EntryPage
        me={staffSummary(c.get('staff'))}
        session={session}
        definition={definition}
        locales={locales}
        locale={locales.find((l) => l === view.locale) ?? locales[0] ?? 'en'}
        sheetId={view.sheetId ?? crypto.randomUUID()}
        fields={view.fields ?? {}}
        errors={errors}
        count={count}
        entered={view.entered ?? false}
      />,
    ),
    errors.length > 0 ? 422 : 200,
  );
}

export const paper = new Hono<AppEnv>()
  .get('/forms/paper', formReaders, async (c) => {
    const forms = await listLiveForms(database(c.env.DB));
    return c.html(html(<PaperFormsPage me={staffSummary(c.get('staff'))} forms={forms} />));
  })

  .get('/forms/:slug/paper', formReaders, validate('param', slugParam), validate('query', paperQuery), async (c) => {
    const form = await findLiveForm(database(c.env.DB), c.req.valid('param').slug);
    if (!form) throw new Problem('not-found');
    const locales = [...form.definition.locales];
    const { size, locale } = paperChoices(c.req.valid('query'), locales);
    return c.html(
      html(<PaperFormPage me={staffSummary(c.get('staff'))} definition={form.definition} locale={locale} locales={locales} size={size} path={`/forms/${form.slug}/paper`} back={{ href: '/forms/paper', text: 'All paper forms' }} />),
    );
  })

  .get('/sessions/:id/paper', facilitators, validate('param', idParam), validate('query', paperQuery), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    const { definition } = await sessionForm(database(c.env.DB), session);
    const locales = offeredLocales(definition, session.languages);
    const { size, locale } = paperChoices(c.req.valid('query'), locales);
    return c.html(
      html(
        <PaperFormPage
          me={staffSummary(c.get('staff'))}
          definition={definition}
          locale={locale}
          locales={locales}
          size={size}
          path={`/sessions/${session.id}/paper`}
          back={{ href: `/sessions/${session.id}`, text: 'Back to the session' }}
          session={{ name: session.name, joinCode: session.joinCode }}
        />,
      ),
    );
  })

  // Typing sheets in is allowed after the session has closed too: a pile of paper is often typed up the next day.
  .get('/sessions/:id/entry', facilitators, validate('param', idParam), validate('query', entryQuery), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    const { definition } = await sessionForm(database(c.env.DB), session);
    const query = c.req.valid('query');
    return entryPage(c, session, definition, { locale: query.lang, entered: query.entered === '1' });
  })

  .post('/sessions/:id/entry', facilitators, validate('param', idParam), validate('form', formFields), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    const db = database(c.env.DB);
    const form = await sessionForm(db, session);
    const { csrf: _csrf, ...fields } = c.req.valid('form');
    const sheet = typeof fields[SHEET_FIELD] === 'string' ? fields[SHEET_FIELD] : undefined;
    const language = typeof fields[LANGUAGE_FIELD] === 'string' ? fields[LANGUAGE_FIELD] : undefined;
    const reading = readSheet(form.definition, offeredLocales(form.definition, session.languages), fields);
    if (reading.kind === 'errors') return entryPage(c, session, form.definition, { locale: language, sheetId: sheet, fields, errors: reading.errors });
    if (reading.kind === 'blank') {
      const first = form.definition.pages.flatMap((p) => p.questions).find(isAnswerable);
      const blank: FieldError = { questionId: '', fieldId: first ? firstFieldId(first) : 'paper-count', message: 'This sheet is blank: type in at least one answer from the paper, or go on to the next sheet' };
      return entryPage(c, session, form.definition, { locale: language, sheetId: sheet, fields, errors: [blank] });
    }
    const stored = await storePaper(db, session, form, reading, c.get('staff').user.id);
    if (stored === 'repeat') {
      const page = (
        <AlreadySavedPage
          me={staffSummary(c.get('staff'))}
          title="This sheet is already saved"
          body="It was sent twice (a double click, or Back and send again), and is stored once. Nothing more is needed."
          next={{ href: `/sessions/${session.id}/entry?lang=${reading.locale}`, text: 'Type in the next sheet' }}
        />
      );
      return c.html(html(page), 409);
    }
    return c.redirect(`/sessions/${session.id}/entry?entered=1&lang=${reading.locale}`, 303);
  });

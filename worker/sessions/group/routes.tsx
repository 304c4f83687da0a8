// /sessions/:id/group: a facilitator records what a group said, as a response of channel `group`.
// Allowed after the session has closed too: notes are often written up the next day.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { staffSummary } from '../../auth/staff-summary';
import { database } from '../../db/client';
import type { AppEnv } from '../../env';
import { Problem } from '../../http/problems';
import { validate } from '../../http/validate';
import { findLiveForm, formVersionDefinition, offeredLocales } from '../../respond/queries';
import { html } from '../../views/render';
import { currentVersionOf, type SessionDetail } from '../queries';
import { facilitators, facilitatorsSession } from '../routes';
import { checkGroup, groupBody, type FormError } from './form';
import { groupsSoFar, storeGroup } from './queries';
import { GroupPage } from './views';

const idParam = z.object({ id: z.string().max(100) });
const savedQuery = z.object({ saved: z.literal('1').optional() });

/** The session's form as it is now: live, or its current version once closed. */
async function sessionForm(c: Context<AppEnv>, session: SessionDetail) {
  const db = database(c.env.DB);
  const live = await findLiveForm(db, session.formSlug);
  if (live) return { versionId: live.versionId, definition: live.definition };
  const versionId = await currentVersionOf(db, session.formId);
  const definition = versionId ? await formVersionDefinition(db, versionId) : undefined;
  if (!versionId || !definition) throw new Problem('not-found');
  return { versionId, definition };
}

async function page(c: Context<AppEnv>, session: SessionDetail, values: Record<string, string>, errors: FormError[] = [], saved = false) {
  const form = await sessionForm(c, session);
  const soFar = await groupsSoFar(database(c.env.DB), session.id);
  const responseId = errors.length > 0 && values.response ? values.response : crypto.randomUUID();
  return c.html(
    html(
      <GroupPage
        me={staffSummary(c.get('staff'))}
        session={session}
        definition={form.definition}
        locales={offeredLocales(form.definition, session.languages)}
        values={values}
        errors={errors}
        responseId={responseId}
        soFar={soFar}
        saved={saved}
      />,
    ),
    errors.length > 0 ? 422 : 200,
  );
}

export const groups = new Hono<AppEnv>()
  .get('/sessions/:id/group', facilitators, validate('param', idParam), validate('query', savedQuery), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    return page(c, session, {}, [], c.req.valid('query').saved === '1');
  })

  .post('/sessions/:id/group', facilitators, validate('param', idParam), validate('form', groupBody), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    const body = c.req.valid('form');
    const form = await sessionForm(c, session);
    const checked = checkGroup(body, form.definition, offeredLocales(form.definition, session.languages));
    if (checked.errors) return page(c, session, body, checked.errors);
    await storeGroup(database(c.env.DB), session, form, checked.record, c.get('staff').user.id);
    return c.redirect(`/sessions/${session.id}/group?saved=1`, 303);
  });

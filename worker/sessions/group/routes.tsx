// /sessions/:id/group: a facilitator records what a group said, as a response of channel `group`.
// Allowed after the session has closed too: notes are often written up the next day.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { staffSummary } from '../../auth/staff-summary';
import { database } from '../../db/client';
import type { AppEnv } from '../../env';
import { validate } from '../../http/validate';
import { offeredLocales } from '../../respond/queries';
import { html } from '../../views/render';
import type { SessionDetail } from '../queries';
import { sessionForm as sharedSessionForm } from '../session-form';
import { facilitators, facilitatorsSession } from '../routes';
import { checkGroup, groupBody, typedValues, type FormError } from './form';
import { groupsSoFar, storeGroup } from './queries';
import { GroupPage } from './views';
import { AlreadySavedPage } from '../views/already-saved';

const idParam = z.object({ id: z.string().max(100) });
const savedQuery = z.object({ saved: z.literal('1').optional() });

const sessionForm = (c: Context<AppEnv>, session: SessionDetail) => sharedSessionForm(database(c.env.DB), session);

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
    if (checked.errors) return page(c, session, typedValues(body), checked.errors);
    const stored = await storeGroup(database(c.env.DB), session, form, checked.record, c.get('staff').user.id);
    if (stored === 'already') {
      const page = <AlreadySavedPage me={staffSummary(c.get('staff'))} title="This group discussion is already saved" body="It was sent twice (a double click, or Back and send again), and is stored once. Nothing more is needed." next={{ href: `/sessions/${session.id}/group`, text: 'Record another group discussion' }} />;
      return c.html(html(page), 409);
    }
    return c.redirect(`/sessions/${session.id}/group?saved=1`, 303);
  });

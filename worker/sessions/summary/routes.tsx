// The session summary: the facilitator's printable page, sharing it, and the shared page itself
// (/summary/:id, public once shared: the id is a random UUID, and the page holds only suppressed figures).
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { publicRoute } from '../../auth/policy';
import { staffSummary } from '../../auth/staff-summary';
import { audit } from '../../db/audit';
import { database } from '../../db/client';
import { feedbackSessions } from '../../db/schema';
import { config, type AppEnv } from '../../env';
import { Problem } from '../../http/problems';
import { publicOrigin } from '../../http/public-url';
import { validate } from '../../http/validate';
import { html } from '../../views/render';
import { loadSession } from '../queries';
import { facilitators, facilitatorsSession } from '../routes';
import { summaryFigures } from './figures';
import { SharedSummaryPage, SummaryPage } from './views';

const idParam = z.object({ id: z.string().max(100) });
// Lenient: anything but "yes" stops sharing, so a stray value can never publish the page.
const shareBody = z.object({ csrf: z.string().max(100), share: z.string().max(10).optional() });

export const summaries = new Hono<AppEnv>()
  .get('/sessions/:id/summary', facilitators, validate('param', idParam), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    const figures = await summaryFigures(database(c.env.DB), session, config(c.env).REPORT_MIN_COUNT);
    const origin = publicOrigin(c);
    const sharedUrl = session.summarySharedAt ? `${origin ?? ''}/summary/${session.id}` : undefined;
    return c.html(html(<SummaryPage me={staffSummary(c.get('staff'))} session={session} figures={figures} sharedUrl={sharedUrl} />));
  })

  .post('/sessions/:id/summary/share', facilitators, validate('param', idParam), validate('form', shareBody), async (c) => {
    const session = await facilitatorsSession(c, c.req.valid('param').id);
    const share = c.req.valid('form').share === 'yes';
    const db = database(c.env.DB);
    const staffId = c.get('staff').user.id;
    await db.batch([
      db.update(feedbackSessions).set({ summarySharedAt: share ? Date.now() : null }).where(eq(feedbackSessions.id, session.id)),
      audit(db, { actor: staffId, action: share ? 'session.summary-shared' : 'session.summary-unshared', targetType: 'session', targetId: session.id }),
    ]);
    return c.redirect(`/sessions/${session.id}/summary`, 303);
  })

  .get('/summary/:id', publicRoute, validate('param', idParam), async (c) => {
    const db = database(c.env.DB);
    const session = await loadSession(db, c.req.valid('param').id);
    if (!session || !session.summarySharedAt) throw new Problem('not-found');
    const figures = await summaryFigures(db, session, config(c.env).REPORT_MIN_COUNT);
    return c.html(html(<SharedSummaryPage session={session} figures={figures} />));
  });

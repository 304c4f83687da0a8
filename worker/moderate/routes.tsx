// The moderation workspace (moderators only): the queue at /moderate and one response at a time.
// Every change is a plain form POST carrying the version it was rendered with, then a redirect.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../auth/policy';
import { staffSummary } from '../auth/staff-summary';
import { database } from '../db/client';
import { CHANNELS, MODERATION_STATUSES } from '../db/schema';
import type { AppEnv } from '../env';
import { Problem } from '../http/problems';
import { validate } from '../http/validate';
import { loadAnswerForRedaction, rebuildStatements } from './redaction/queries';
import { excerptTagStatements } from './excerpts/queries';
import { pageSuggestions } from './suggest/queries';
import { html } from '../views/render';
import {
  auditOriginalViewed,
  bulkSetStatus,
  changeAtVersion,
  choicesFor,
  loadQueue,
  loadResponse,
  noteStatements,
  quoteStatements,
  safeguardingStatements,
  StaleVersion,
  statusStatements,
  takeSoftLock,
  untagStatements,
  type Codebook,
  type ResponseInContext,
} from './queries';
import { excerptBody, planExcerpt, type ExcerptBody } from './excerpts/plan';
import { MessagePage, QueuePage } from './views/queue';
import { ResponsePage, type PageError } from './views/response';

const moderators = allow('moderator');

const empty = z.literal('').transform(() => undefined);
const opt = <T extends z.ZodType>(s: T) => s.optional().or(empty);
const dayString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
const filters = z.object({
  form: opt(z.string().max(100)),
  session: opt(z.string().max(100)),
  channel: opt(z.enum(CHANNELS)),
  from: opt(dayString),
  to: opt(dayString),
  status: opt(z.enum(MODERATION_STATUSES)),
  flagged: opt(z.enum(['yes', 'no'])),
  tagged: opt(z.enum(['yes', 'no'])),
  objective: opt(z.string().max(200)),
  theme: opt(z.string().max(200)),
  q: opt(z.string().max(200)),
});
const queueQuery = filters.extend({ page: opt(z.coerce.number().int().min(1).max(10_000)), changed: opt(z.coerce.number().int().min(0)) });
// The new status has its own name: `to` is the filters' date range, carried in the same form.
const bulkBody = filters.extend({ new_status: z.enum(MODERATION_STATUSES), reason: z.string().max(500).optional(), expected: z.coerce.number().int().min(0) });
const idParam = z.object({ id: z.string().min(1).max(100) });
const version = z.coerce.number().int().min(0);

const statusBody = z.object({ version, status: z.enum(MODERATION_STATUSES), reason: z.string().max(500).optional() });
const noteBody = z.object({ version, note: z.string().max(5000) });
const redactionBody = z.object({ version, redaction: z.coerce.number().int(), decision: z.enum(['accepted', 'rejected']) });
const safeguardingBody = z.object({ version, flag: z.coerce.number().int(), outcome: z.enum(['escalated', 'no-action']).optional(), to: z.string().max(200).optional(), on: z.string().max(20).optional(), why: z.string().max(1000).optional() });
const tagBody = z.object({ version, question: z.string().max(100), objective: z.string().max(200).optional(), theme: z.string().max(200).optional(), source: z.enum(['manual', 'suggestion']).optional() });
const rejectBody = tagBody.omit({ source: true });
const untagBody = z.object({ version, tag: z.coerce.number().int() });
const quoteBody = z.object({ version, excerpt: z.coerce.number().int() });

const me = (c: Context<AppEnv>) => staffSummary(c.get('staff'));

/** The posted objective and theme that are in the codebook (anything else is dropped). */
function codesIn(codebook: Codebook, body: { objective?: string; theme?: string }) {
  return {
    objectiveId: body.objective && codebook.objectives.some((o) => o.value === body.objective) ? body.objective : undefined,
    themeId: body.theme && codebook.themes.some((t) => t.value === body.theme) ? body.theme : undefined,
  };
}

/** A whole answer as an excerpt's range. */
const wholeOf = (redacted: string) => ({ start: 0, end: redacted.length });

async function responseOr404(c: Context<AppEnv>, id: string): Promise<ResponseInContext> {
  const r = await loadResponse(database(c.env.DB), id);
  if (!r) throw new Problem('not-found');
  return r;
}

async function renderResponse(c: Context<AppEnv>, r: ResponseInContext, options: { status?: 200 | 409 | 422; showOriginal?: boolean; conflict?: boolean; errors?: PageError[]; noteText?: string; posted?: unknown } = {}) {
  const [codebook, suggestions] = await Promise.all([choicesFor(database(c.env.DB)), pageSuggestions(c.env.DB, r.id, r.texts, c.req.query('framework'))]);
  return c.html(html(<ResponsePage me={me(c)} r={r} codebook={codebook} suggestions={suggestions} {...options} />), options.status ?? 200);
}

/** The posted fields of a response's form, checked only after the response is known to exist (so an unknown one is a 404). */
async function bodyOf<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.output<S> | undefined> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') throw new Problem('unsupported');
  // all: a repeated field (several ticked sentences) arrives as an array, not as its last value.
  const parsed = schema.safeParse(await c.req.parseBody({ all: true }));
  return parsed.success ? parsed.data : undefined;
}

interface Who {
  db: ReturnType<typeof database>;
  user: string;
}
type Change = (who: Who, r: ResponseInContext, body: any) => Promise<{ statements: D1PreparedStatement[]; action: string; detail?: string } | PageError[]>;

/**
 * One change to a response: 404 for an unknown one, 422 for a form that does not fit, 409 (the page as
 * it is now, keeping a typed note) when the version moved on, else applied with its audit entry and redirected.
 */
function changeRoute<S extends z.ZodObject<{ version: typeof version }>>(schema: S, change: Change) {
  return async (c: Context<AppEnv>) => {
    const id = c.req.param('id')!;
    const r = await responseOr404(c, id);
    const body = await bodyOf(c, schema);
    if (!body) return renderResponse(c, r, { status: 422, errors: [{ fieldId: 'main-content', message: 'That form could not be read. Try again.' }] });
    const noteText = typeof (body as { note?: unknown }).note === 'string' ? (body as { note: string }).note : undefined;
    if (body.version !== r.version) return renderResponse(c, r, { status: 409, conflict: true, noteText });
    const planned = await change({ db: database(c.env.DB), user: c.get('staff').user.id }, r, body);
    if (Array.isArray(planned)) return renderResponse(c, r, { status: 422, errors: planned, noteText, posted: body });
    try {
      await changeAtVersion(database(c.env.DB), id, body.version, planned.statements, { actor: c.get('staff').user.id, action: planned.action, detail: planned.detail });
    } catch (err) {
      if (!(err instanceof StaleVersion)) throw err;
      return renderResponse(c, (await loadResponse(database(c.env.DB), id)) ?? r, { status: 409, conflict: true, noteText });
    }
    return c.redirect(`/moderate/responses/${id}`, 303);
  };
}

export const moderate = new Hono<AppEnv>()
  .get('/moderate', moderators, validate('query', queueQuery), async (c) => {
    const { page, changed, ...f } = c.req.valid('query');
    const queue = await loadQueue(database(c.env.DB), f, page ?? 1, c.get('staff').user.id);
    return c.html(html(<QueuePage me={me(c)} filters={f} page={page ?? 1} changed={changed} {...queue} />));
  })

  .post('/moderate/bulk-status', moderators, async (c) => {
    const parsed = bulkBody.safeParse(await c.req.parseBody());
    if (!parsed.success) return c.html(html(<MessagePage me={me(c)} title="Choose a status" message="Choose the status to give these responses, and try again." back="/moderate" />), 422);
    const { new_status: to, reason, expected, ...f } = parsed.data;
    if (to === 'excluded' && !reason?.trim()) return c.html(html(<MessagePage me={me(c)} title="Give a reason" message="Say why these responses are excluded, and try again." back="/moderate" />), 422);
    const changed = await bulkSetStatus(database(c.env.DB), f, to, reason?.trim() ?? null, c.get('staff').user.id, expected);
    if (changed === 'stale') {
      const back = new URLSearchParams(Object.entries(f).filter(([, v]) => v).map(([k, v]) => [k, String(v)]));
      return c.html(html(<MessagePage me={me(c)} title="The queue changed" message="Responses matching these filters came in or changed since you looked, so nothing was changed. Look at the queue again, then try once more." back={`/moderate?${back}`} />), 409);
    }
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) p.set(k, String(v));
    p.set('changed', String(changed));
    return c.redirect(`/moderate?${p}`, 303);
  })

  .get('/moderate/responses/:id', moderators, validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param');
    const db = database(c.env.DB);
    const before = await responseOr404(c, id);
    await takeSoftLock(db, id, c.get('staff').user.id);
    // The lock may have gone to someone else a moment ago: show what is true now.
    return renderResponse(c, before.lockedBy && before.lockedBy !== c.get('staff').user.id ? ((await loadResponse(db, id)) ?? before) : before);
  })

  .post('/moderate/responses/:id/original', moderators, validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param');
    const r = await responseOr404(c, id);
    // Every view of the original words is recorded, never the words themselves.
    await auditOriginalViewed(database(c.env.DB), id, c.get('staff').user.id);
    return renderResponse(c, r, { showOriginal: true });
  })

  .post(
    '/moderate/responses/:id/status',
    moderators,
    validate('param', idParam),
    changeRoute(statusBody, async (w, r, body: z.infer<typeof statusBody>) => {
      const reason = body.reason?.trim() ?? '';
      if (body.status === 'excluded' && !reason) return [{ fieldId: 'reason', message: 'Say why this response is excluded' }];
      return { statements: statusStatements(w.db, r.id, body.status, reason || null), action: 'moderation.status', detail: `status=${body.status}` };
    }),
  )

  .post(
    '/moderate/responses/:id/notes',
    moderators,
    validate('param', idParam),
    changeRoute(noteBody, async (w, r, body: z.infer<typeof noteBody>) => {
      const note = body.note.trim();
      if (!note) return [{ fieldId: 'note', message: 'Write the note' }];
      return { statements: noteStatements(w.db, r.id, note, w.user), action: 'moderation.note-added' };
    }),
  )

  .post(
    '/moderate/responses/:id/redactions',
    moderators,
    validate('param', idParam),
    changeRoute(redactionBody, async (w, r, body: z.infer<typeof redactionBody>) => {
      const target = r.redactions.find((x) => x.id === body.redaction);
      if (!target) throw new Problem('not-found');
      if (r.texts[target.questionId]?.purged) return [{ fieldId: `answer-${target.questionId}`, message: 'The original words have been deleted, so this redaction can no longer change' }];
      // Rebuilt like a moderator's own redaction: every excerpt of the answer (quotes too) moves onto the new text.
      const answer = await loadAnswerForRedaction(w.db, r.id, target.questionId);
      if (!answer) throw new Problem('not-found');
      const after = answer.redactions.filter((x) => (x.id === body.redaction ? body.decision : x.state) !== 'rejected');
      const decided = w.db.$client.prepare('UPDATE redactions SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND response_id = ?').bind(body.decision, w.user, Date.now(), body.redaction, r.id);
      return {
        statements: [decided, ...rebuildStatements(w.db, r.id, target.questionId, answer, after)],
        action: 'moderation.redaction-decided',
        detail: `redaction=${body.redaction} kind=${target.kind} decision=${body.decision}`,
      };
    }),
  )

  .post(
    '/moderate/responses/:id/safeguarding',
    moderators,
    validate('param', idParam),
    changeRoute(safeguardingBody, async (w, r, body: z.infer<typeof safeguardingBody>) => {
      const flag = r.flags.find((f) => f.id === body.flag && f.outcome === 'open');
      if (!flag) throw new Problem('not-found');
      const field = `outcome-${flag.id}`;
      if (body.outcome === 'escalated') {
        const to = body.to?.trim() ?? '';
        const on = body.on?.trim() ?? '';
        const at = /^\d{4}-\d{2}-\d{2}$/.test(on) ? Date.parse(`${on}T00:00:00Z`) : Number.NaN;
        if (!to || Number.isNaN(at)) return [{ fieldId: field, message: 'Say who it was escalated to, and the date as YYYY-MM-DD' }];
        return { statements: safeguardingStatements(w.db, r.id, flag.id, { kind: 'escalated', to, on: at }, w.user), action: 'safeguarding.recorded', detail: `flag=${flag.id} outcome=escalated` };
      }
      if (body.outcome === 'no-action') {
        const why = body.why?.trim() ?? '';
        if (!why) return [{ fieldId: field, message: 'Say why no action was needed' }];
        return { statements: safeguardingStatements(w.db, r.id, flag.id, { kind: 'no-action', why }, w.user), action: 'safeguarding.recorded', detail: `flag=${flag.id} outcome=no-action` };
      }
      return [{ fieldId: field, message: 'Choose what was done' }];
    }),
  )

  .post(
    '/moderate/responses/:id/tags',
    moderators,
    validate('param', idParam),
    changeRoute(tagBody, async (w, r, body: z.infer<typeof tagBody>) => {
      const text = r.texts[body.question];
      if (!text) throw new Problem('not-found');
      const { objectiveId, themeId } = codesIn(await choicesFor(w.db), body);
      if (!objectiveId && !themeId) return [{ fieldId: `objective-${body.question}`, message: 'Choose an objective or a theme' }];
      const statements = excerptTagStatements(w.db, r.id, body.question, text.redacted, [wholeOf(text.redacted)], { objectiveId, themeId }, w.user, Date.now(), { source: body.source });
      return { statements, action: 'moderation.tagged', detail: [objectiveId && `objective=${objectiveId}`, themeId && `theme=${themeId}`, body.source === 'suggestion' && 'source=suggestion'].filter(Boolean).join(' ') };
    }),
  )

  // A turned-down suggestion: remembered on the whole answer as a rejected tag, which suggestions learn
  // from and never offer there again; reports never count it.
  .post(
    '/moderate/responses/:id/suggestions/reject',
    moderators,
    validate('param', idParam),
    changeRoute(rejectBody, async (w, r, body: z.infer<typeof rejectBody>) => {
      const text = r.texts[body.question];
      if (!text || text.redacted.trim() === '') throw new Problem('not-found');
      const codes = codesIn(await choicesFor(w.db), body);
      // One suggestion is one code: an objective, or else a theme.
      const objectiveId = codes.objectiveId;
      const themeId = objectiveId ? undefined : codes.themeId;
      if (!objectiveId && !themeId) return [{ fieldId: `suggestions-${body.question}`, message: 'That suggestion is no longer in the codebook' }];
      const statements = excerptTagStatements(w.db, r.id, body.question, text.redacted, [wholeOf(text.redacted)], { objectiveId, themeId }, w.user, Date.now(), { source: 'suggestion', state: 'rejected' });
      return { statements, action: 'moderation.suggestion-rejected', detail: objectiveId ? `objective=${objectiveId}` : `theme=${themeId}` };
    }),
  )

  .post(
    '/moderate/responses/:id/excerpts',
    moderators,
    validate('param', idParam),
    changeRoute(excerptBody, (w, r, body: ExcerptBody) => planExcerpt(w.db, r, body, w.user)),
  )

  .post(
    '/moderate/responses/:id/tags/remove',
    moderators,
    validate('param', idParam),
    changeRoute(untagBody, async (w, r, body: z.infer<typeof untagBody>) => {
      const tag = r.tags.find((t) => t.id === body.tag);
      if (!tag) throw new Problem('not-found');
      return { statements: untagStatements(w.db, r.id, tag.id, tag.excerptId), action: 'moderation.untagged', detail: `tag=${tag.id}` };
    }),
  )

  .post('/moderate/responses/:id/quotes', moderators, validate('param', idParam), async (c) => {
    // Consent follows the data: without the respondent's agreement there is nothing to approve.
    const r = await responseOr404(c, c.req.valid('param').id);
    if (!r.quoteConsent) {
      return c.html(html(<MessagePage me={me(c)} title="This cannot be a quote" message="The person who wrote this did not agree to be quoted, so no part of it can be approved as a quote." back={`/moderate/responses/${r.id}`} />), 403);
    }
    return changeRoute(quoteBody, async (w, r, body: z.infer<typeof quoteBody>) => {
      const excerpt = r.excerpts.find((e) => e.id === body.excerpt);
      if (!excerpt) throw new Problem('not-found');
      return { statements: quoteStatements(w.db, r.id, excerpt.id, w.user), action: 'moderation.quote-approved', detail: `excerpt=${excerpt.id}` };
    })(c);
  });


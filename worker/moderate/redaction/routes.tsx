// A moderator adds a redaction by its words, or changes one's kind or words (moderators only; plain
// form posts). Each is version-checked like every other change to a response: 409 on a stale page,
// 422 with an error summary and what was typed kept, else applied with its audit entry and redirected.
// The audit entry says the kind and the moderator's reason, never the redacted words.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../../auth/policy';
import { staffSummary } from '../../auth/staff-summary';
import { database } from '../../db/client';
import type { AppEnv } from '../../env';
import { Problem } from '../../http/problems';
import { validate } from '../../http/validate';
import { html } from '../../views/render';
import { auditOriginalViewed, changeAtVersion, choicesFor, loadResponse, StaleVersion, type ResponseInContext } from '../queries';
import { ResponsePage, type PageError } from '../views/response';
import { addStatements, editStatements, loadAnswerForRedaction, planRange, type FieldName, type Problems } from './queries';
import { fieldId, type RedactionDraft } from './views';

const moderators = allow('moderator');
const idParam = z.object({ id: z.string().min(1).max(100) });
const typed = z.string().max(2000).default('');
const fields = {
  version: z.coerce.number().int().min(0),
  words: typed,
  occurrence: z.string().max(20).default(''),
  kind: z.string().max(40).default(''),
  reason: typed,
};
const addBody = z.object({ ...fields, question: z.string().min(1).max(100) });
const editBody = z.object({ ...fields, redaction: z.coerce.number().int() });
const FREE_TEXT = new Set(['short_text', 'long_text']);
const FIELD_ORDER: FieldName[] = ['words', 'occurrence', 'kind', 'reason'];

async function page(c: Context<AppEnv>, r: ResponseInContext, o: { status: 409 | 422; conflict?: boolean; errors?: PageError[]; draft?: RedactionDraft; showOriginal: boolean }) {
  const db = database(c.env.DB);
  // The forms sit beside the original words: showing them again is another view, recorded as one.
  if (o.showOriginal) await auditOriginalViewed(db, r.id, c.get('staff').user.id);
  const codebook = await choicesFor(db);
  return c.html(
    html(<ResponsePage me={staffSummary(c.get('staff'))} r={r} codebook={codebook} showOriginal={o.showOriginal} conflict={o.conflict} errors={o.errors} redactionDraft={o.draft} />),
    o.status,
  );
}

async function bodyOf<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.output<S> | undefined> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') throw new Problem('unsupported');
  const parsed = schema.safeParse(await c.req.parseBody());
  return parsed.success ? parsed.data : undefined;
}

const oneLine = (s: string) => s.trim().replace(/\s+/g, ' ');

function occurrenceOf(raw: string): number | undefined | 'bad' {
  const v = raw.trim();
  if (!v) return undefined;
  return /^\d{1,4}$/.test(v) ? Number(v) : 'bad';
}

const errorsOf = (form: string, problems: Problems): PageError[] => FIELD_ORDER.filter((f) => problems[f]).map((f) => ({ fieldId: fieldId(form, f), message: problems[f]! }));

type Plan = { form: string; questionId: string; editing?: ResponseInContext['redactions'][number] };

type Common = z.output<z.ZodObject<typeof fields>>;

function redactionRoute<B extends Common>(schema: z.ZodType<B, any>, which: (r: ResponseInContext, body: B) => Plan) {
  return async (c: Context<AppEnv>) => {
    const id = c.req.param('id')!;
    const db = database(c.env.DB);
    const user = c.get('staff').user.id;
    const r = await loadResponse(db, id);
    if (!r) throw new Problem('not-found');
    const body: B | undefined = await bodyOf(c, schema);
    if (!body) return page(c, r, { status: 422, showOriginal: false, errors: [{ fieldId: 'main-content', message: 'That form could not be read. Try again.' }] });
    const { form, questionId, editing } = which(r, body);
    const draft: RedactionDraft = { form, words: body.words, occurrence: body.occurrence, kind: body.kind, reason: body.reason };
    if (body.version !== r.version) return page(c, r, { status: 409, conflict: true, draft, showOriginal: true });

    const answer = await loadAnswerForRedaction(db, id, questionId);
    if (!answer) throw new Problem('not-found');
    if (answer.purged) return page(c, r, { status: 422, showOriginal: false, errors: [{ fieldId: `answer-${questionId}`, message: 'The original words of this answer have been deleted, so its redactions can no longer change' }] });

    const occurrence = occurrenceOf(body.occurrence);
    const planned = planRange(answer, { words: body.words, occurrence: occurrence === 'bad' ? undefined : occurrence, kind: body.kind, reason: body.reason }, editing);
    const problems: Problems = 'start' in planned ? {} : planned;
    if (occurrence === 'bad') problems.occurrence = 'Type the number of the time the words appear, like 2, or leave it empty';
    if (Object.keys(problems).length > 0 || !('start' in planned)) return page(c, r, { status: 422, errors: errorsOf(form, problems), draft, showOriginal: true });

    const reason = oneLine(body.reason);
    const change = editing
      ? {
          statements: editStatements(db, id, questionId, answer, editing.id, planned, user),
          action: 'redaction.edited',
          detail: `redaction=${editing.id} question=${questionId} kind=${planned.kind} was=${editing.kind} range=${planned.start === editing.start && planned.end === editing.end ? 'same' : 'changed'} reason=${reason}`,
        }
      : { statements: addStatements(db, id, questionId, answer, planned, user), action: 'redaction.added', detail: `question=${questionId} kind=${planned.kind} reason=${reason}` };
    try {
      await changeAtVersion(db, id, body.version, change.statements, { actor: user, action: change.action, detail: change.detail });
    } catch (err) {
      if (!(err instanceof StaleVersion)) throw err;
      return page(c, (await loadResponse(db, id)) ?? r, { status: 409, conflict: true, draft, showOriginal: true });
    }
    return c.redirect(`/moderate/responses/${id}#answer-${questionId}`, 303);
  };
}

export const redaction = new Hono<AppEnv>()
  .post(
    '/moderate/responses/:id/redactions/add',
    moderators,
    validate('param', idParam),
    redactionRoute(addBody, (r, body) => {
      const question = r.definition.pages.flatMap((p) => p.questions).find((q) => q.id === body.question);
      if (!question || !FREE_TEXT.has(question.type) || !r.texts[body.question]) throw new Problem('not-found');
      return { form: `add-${body.question}`, questionId: body.question };
    }),
  )
  .post(
    '/moderate/responses/:id/redactions/edit',
    moderators,
    validate('param', idParam),
    redactionRoute(editBody, (r, body) => {
      const editing = r.redactions.find((x) => x.id === body.redaction);
      if (!editing) throw new Problem('not-found');
      return { form: `edit-${editing.id}`, questionId: editing.questionId, editing };
    }),
  );

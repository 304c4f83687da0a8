// "You said, we did" for staff (issue 9, point 7): moderators and commissioners record what was done
// because of feedback, link the quotes that prompted it, and publish it.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../../auth/policy';
import { staffSummary } from '../../auth/staff-summary';
import { database, type Database } from '../../db/client';
import { ACTION_STATUSES } from '../../db/reports-schema';
import { config, type AppEnv } from '../../env';
import { Problem } from '../../http/problems';
import { validate } from '../../http/validate';
import { html } from '../../views/render';
import { parseQuarter, previousQuarter, quarterOf, ukDay, type Quarter } from '../period';
import { actionBody, bodyFromAction, checkAction, type ActionBody, type FormError } from './form';
import { actionChoices, addAction, editAction, evidenceChoices, LIST_LIMIT, listActions, loadAction, type ActionChoices, type EvidenceQuote } from './queries';
import { ActionFormPage, ActionsListPage } from './views';

const recorders = allow('moderator', 'commissioner');

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const listQuery = z.object({
  status: z.preprocess(blankToUndefined, z.enum(ACTION_STATUSES).optional()),
  published: z.preprocess(blankToUndefined, z.enum(['yes', 'no']).optional()),
  done: z.enum(['added', 'saved']).optional(),
});
const idParam = z.object({ id: z.string().max(100) });

/** The current quarter and the eleven before it, and a saved quarter from longer ago. */
function quarters(now: number, saved?: string | null): Quarter[] {
  const out: Quarter[] = [];
  for (let q = quarterOf(now); out.length < 12; q = previousQuarter(q)) out.push(q);
  const old = saved ? parseQuarter(saved) : undefined;
  if (old && !out.some((q) => q.key === old.key)) out.push(old);
  return out;
}

interface FormState {
  actionId?: string;
  /** The selects' choices when the handler already read them. */
  choices?: ActionChoices;
  values: Record<string, string | string[]>;
  evidence: EvidenceQuote[];
  errors?: FormError[];
  refreshed?: boolean;
}

async function formPage(c: Context<AppEnv>, db: Database, state: FormState, status: 200 | 422 = 200) {
  const now = Date.now();
  const saved = typeof state.values['evidence-quarter'] === 'string' ? state.values['evidence-quarter'] : undefined;
  const { choices = await actionChoices(db), ...rest } = state;
  const page = <ActionFormPage me={staffSummary(c.get('staff'))} choices={choices} quarters={quarters(now, saved)} {...rest} />;
  return c.html(html(page), status);
}

const codesOf = (b: ActionBody) => ({ objectiveId: b.objective.trim() || null, themeId: b.theme.trim() || null });
const asValues = (b: ActionBody): Record<string, string | string[]> => ({ ...b, csrf: '' });

export const actions = new Hono<AppEnv>()
  .get('/reports/actions', recorders, validate('query', listQuery), async (c) => {
    const { done, ...filters } = c.req.valid('query');
    const list = await listActions(database(c.env.DB), filters);
    return c.html(html(<ActionsListPage me={staffSummary(c.get('staff'))} actions={list} filters={filters} done={done} truncated={list.length >= LIST_LIMIT} />));
  })

  .get('/reports/actions/new', recorders, async (c) => {
    const today = ukDay(Date.now());
    const values = { 'acted-day': String(Number(today.slice(8, 10))), 'acted-month': String(Number(today.slice(5, 7))), 'acted-year': today.slice(0, 4) };
    return formPage(c, database(c.env.DB), { values, evidence: [] });
  })

  .post('/reports/actions', recorders, validate('form', actionBody), async (c) => {
    const body = c.req.valid('form');
    const db = database(c.env.DB);
    const offered = await evidenceChoices(db, codesOf(body), undefined, config(c.env).REPORT_MIN_COUNT);
    if (body.intent === 'refresh') return formPage(c, db, { values: asValues(body), evidence: offered, refreshed: true });
    const choices = await actionChoices(db);
    const checked = checkAction(body, choices, offered, Date.now());
    if (checked.errors) return formPage(c, db, { choices, values: asValues(body), evidence: offered, errors: checked.errors }, 422);
    await addAction(db, checked.fields, c.get('staff').user.id);
    return c.redirect('/reports/actions?done=added', 303);
  })

  .get('/reports/actions/:id', recorders, validate('param', idParam), async (c) => {
    const db = database(c.env.DB);
    const action = await loadAction(db, c.req.valid('param').id);
    if (!action) throw new Problem('not-found');
    const evidence = await evidenceChoices(db, action, action.id, config(c.env).REPORT_MIN_COUNT);
    return formPage(c, db, { actionId: action.id, values: bodyFromAction(action), evidence });
  })

  .post('/reports/actions/:id', recorders, validate('param', idParam), validate('form', actionBody), async (c) => {
    const body = c.req.valid('form');
    const db = database(c.env.DB);
    const before = await loadAction(db, c.req.valid('param').id);
    if (!before) throw new Problem('not-found');
    const offered = await evidenceChoices(db, codesOf(body), before.id, config(c.env).REPORT_MIN_COUNT);
    if (body.intent === 'refresh') return formPage(c, db, { actionId: before.id, values: asValues(body), evidence: offered, refreshed: true });
    const choices = await actionChoices(db);
    const checked = checkAction(body, choices, offered, Date.now());
    if (checked.errors) return formPage(c, db, { actionId: before.id, choices, values: asValues(body), evidence: offered, errors: checked.errors }, 422);
    await editAction(db, before, checked.fields, c.get('staff').user.id);
    return c.redirect('/reports/actions?done=saved', 303);
  });

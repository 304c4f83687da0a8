// The engines' lists, kept by deployment admins (issue 8, points 2 and 3): safeguarding signals
// and the staff and place names redaction looks for. Both are deployment-wide data.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../../auth/policy';
import { staffSummary } from '../../auth/staff-summary';
import { database } from '../../db/client';
import type { AppEnv } from '../../env';
import { Problem } from '../../http/problems';
import { validate } from '../../http/validate';
import { html } from '../../views/render';
import { moderationLists } from '../lists';
import { proposeRedactions } from '../redact';
import { redactionTerm, type RedactionTerm } from '../redaction-terms';
import { safeguardingSignal, type SafeguardingSignal } from '../signals';
import { triage } from '../triage';
import { findSignal, findTerm, listSignals, listTerms, newListId, saveSignal, saveTerm, type SignalRow, type TermRow } from './queries';
import { SignalsPage, TermsPage, type FormError, type SignalsPageProps, type TermsPageProps } from './views';

const deploymentAdmins = allow('deployment-admin');

const csrf = z.string().max(100);
const text = (max: number) => z.string().max(max).optional().default('');
const rowParam = z.object({ row: z.string().max(100) });
// The try-it box: a few sentences at most.
const pageQuery = z.object({ edit: z.string().max(100).optional(), done: z.literal('saved').optional() });
const tryBody = z.object({ csrf, text: z.string().max(4000).optional().default('') });
const toggleBody = z.object({ csrf, enabled: z.enum(['yes', 'no']).optional() });
// Every field optional: an empty one is a 422 with the form kept, not a bare 400.
const signalBody = (p: string) => z.object({ csrf, [`${p}-category`]: text(50), [`${p}-phrase`]: text(300), [`${p}-unless`]: text(3000), [`${p}-why`]: text(500), [`${p}-language`]: text(10), [`${p}-negatable`]: text(5), [`${p}-enabled`]: text(5) });
const termBody = (p: string) => z.object({ csrf, [`${p}-kind`]: text(10), [`${p}-term`]: text(200), [`${p}-aliases`]: text(3000), [`${p}-note`]: text(300), [`${p}-match-case`]: text(5), [`${p}-enabled`]: text(5) });

const lines = (v: string) =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Checkboxes send nothing when unticked: say so, so a refused form shows them as they were. */
const withBoxes = (body: Record<string, string>, boxes: string[]) => ({ ...body, ...Object.fromEntries(boxes.map((b) => [b, body[b] ?? ''])) });

/** zod's issues as the form's fields, in plain words (phrase problems already are). */
function signalErrors(prefix: string, issues: z.core.$ZodIssue[]): FormError[] {
  return issues.map((i) => {
    const [field, index] = i.path;
    if (field === 'category') return { fieldId: `${prefix}-category`, message: 'Choose a category' };
    if (field === 'language') return { fieldId: `${prefix}-language`, message: 'Choose a language' };
    if (field === 'why') return { fieldId: `${prefix}-why`, message: 'Say why this phrase matters, in plain words, for the moderator' };
    if (field === 'unless') return { fieldId: `${prefix}-unless`, message: `Line ${Number(index) + 1}: ${i.message}` };
    return { fieldId: `${prefix}-phrase`, message: i.code === 'too_small' ? 'Enter a phrase' : i.message };
  });
}

function termErrors(prefix: string, issues: z.core.$ZodIssue[]): FormError[] {
  return issues.map((i) => {
    const [field, index] = i.path;
    if (field === 'kind') return { fieldId: `${prefix}-kind`, message: 'Choose whether it names a member of staff or a place' };
    if (field === 'aliases') return { fieldId: `${prefix}-aliases`, message: `Line ${Number(index) + 1}: another way of writing it needs at least 2 characters` };
    if (field === 'note') return { fieldId: `${prefix}-note`, message: 'The note is too long' };
    return { fieldId: `${prefix}-term`, message: 'Enter the name as people usually write it, at least 2 characters' };
  });
}

async function signalsPage(c: Context<AppEnv>, props: Partial<SignalsPageProps> = {}, status: 200 | 422 = 200) {
  const rows = await listSignals(database(c.env.DB));
  return c.html(html(<SignalsPage me={staffSummary(c.get('staff'))} rows={rows} {...props} />), status);
}

async function termsPage(c: Context<AppEnv>, props: Partial<TermsPageProps> = {}, status: 200 | 422 = 200) {
  const rows = await listTerms(database(c.env.DB));
  return c.html(html(<TermsPage me={staffSummary(c.get('staff'))} rows={rows} {...props} />), status);
}

function readSignal(prefix: string, id: string, body: Record<string, string>) {
  const f = (n: string) => body[`${prefix}-${n}`] ?? '';
  return safeguardingSignal.safeParse({
    id,
    category: f('category'),
    phrase: f('phrase'),
    language: f('language') || 'en',
    unless: lines(f('unless')),
    negatable: f('negatable') === 'yes',
    why: f('why'),
    enabled: f('enabled') === 'yes',
  });
}

function readTerm(prefix: string, id: string, body: Record<string, string>) {
  const f = (n: string) => body[`${prefix}-${n}`] ?? '';
  return redactionTerm.safeParse({ id, kind: f('kind'), term: f('term'), aliases: lines(f('aliases')), matchCase: f('match-case') === 'yes', note: f('note').trim(), enabled: f('enabled') === 'yes' });
}

const asSignal = (r: SignalRow): SafeguardingSignal => ({ id: r.id, category: r.category as SafeguardingSignal['category'], phrase: r.phrase, language: r.language as SafeguardingSignal['language'], unless: r.unless, negatable: r.negatable, why: r.why, enabled: r.enabled });
const asTerm = (r: TermRow): RedactionTerm => ({ id: r.id, kind: r.kind, term: r.term, aliases: r.aliases, matchCase: r.matchCase, note: r.note, enabled: r.enabled });

export const moderationSettings = new Hono<AppEnv>()
  .get('/admin/safeguarding-signals', deploymentAdmins, validate('query', pageQuery), async (c) => {
    const q = c.req.valid('query');
    const db = database(c.env.DB);
    const editing = q.edit ? await findSignal(db, q.edit) : undefined;
    if (q.edit && !editing) throw new Problem('not-found');
    return signalsPage(c, { editing, done: q.done === 'saved' });
  })

  // Try the list on some words: a POST so they never reach an address; nothing is stored.
  .post('/admin/safeguarding-signals/try', deploymentAdmins, validate('form', tryBody), async (c) => {
    const { text } = c.req.valid('form');
    const result = text.trim() ? triage(text, (await moderationLists(database(c.env.DB))).signals) : undefined;
    return signalsPage(c, { text, result });
  })

  .post('/admin/safeguarding-signals', deploymentAdmins, validate('form', signalBody('add')), async (c) => {
    const body = withBoxes(c.req.valid('form') as Record<string, string>, ['add-negatable', 'add-enabled']);
    const db = database(c.env.DB);
    const words = `${body['add-category'] ?? ''} ${body['add-phrase'] ?? ''}`;
    const id = await newListId('signal', words.replace(/[*|.]/g, ' '), async (x) => !!(await findSignal(db, x)));
    const parsed = readSignal('add', id, body);
    if (!parsed.success) return signalsPage(c, { values: body, errors: signalErrors('add', parsed.error.issues) }, 422);
    await saveSignal(db, parsed.data, c.get('staff').user.id);
    return c.redirect('/admin/safeguarding-signals?done=saved', 303);
  })

  .post('/admin/safeguarding-signals/:row', deploymentAdmins, validate('param', rowParam), validate('form', signalBody('edit')), async (c) => {
    const db = database(c.env.DB);
    const before = await findSignal(db, c.req.valid('param').row);
    if (!before) throw new Problem('not-found');
    const body = withBoxes(c.req.valid('form') as Record<string, string>, ['edit-negatable', 'edit-enabled']);
    const parsed = readSignal('edit', before.id, body);
    if (!parsed.success) return signalsPage(c, { editing: before, values: body, errors: signalErrors('edit', parsed.error.issues) }, 422);
    await saveSignal(db, parsed.data, c.get('staff').user.id, before);
    return c.redirect('/admin/safeguarding-signals?done=saved', 303);
  })

  .post('/admin/safeguarding-signals/:row/enabled', deploymentAdmins, validate('param', rowParam), validate('form', toggleBody), async (c) => {
    const db = database(c.env.DB);
    const before = await findSignal(db, c.req.valid('param').row);
    if (!before) throw new Problem('not-found');
    const enabled = c.req.valid('form').enabled;
    if (!enabled) throw new Problem('bad-request');
    await saveSignal(db, { ...asSignal(before), enabled: enabled === 'yes' }, c.get('staff').user.id, before);
    return c.redirect('/admin/safeguarding-signals?done=saved', 303);
  })

  .get('/admin/redaction-terms', deploymentAdmins, validate('query', pageQuery), async (c) => {
    const q = c.req.valid('query');
    const db = database(c.env.DB);
    const editing = q.edit ? await findTerm(db, q.edit) : undefined;
    if (q.edit && !editing) throw new Problem('not-found');
    return termsPage(c, { editing, done: q.done === 'saved' });
  })

  .post('/admin/redaction-terms/try', deploymentAdmins, validate('form', tryBody), async (c) => {
    const { text } = c.req.valid('form');
    const result = text.trim() ? proposeRedactions(text, (await moderationLists(database(c.env.DB))).redaction) : undefined;
    return termsPage(c, { text, result });
  })

  .post('/admin/redaction-terms', deploymentAdmins, validate('form', termBody('add')), async (c) => {
    const body = withBoxes(c.req.valid('form') as Record<string, string>, ['add-match-case', 'add-enabled']);
    const db = database(c.env.DB);
    const id = await newListId(body['add-kind'] === 'staff' ? 'staff' : 'place', body['add-term'] ?? '', async (x) => !!(await findTerm(db, x)));
    const parsed = readTerm('add', id, body);
    if (!parsed.success) return termsPage(c, { values: body, errors: termErrors('add', parsed.error.issues) }, 422);
    await saveTerm(db, parsed.data, c.get('staff').user.id);
    return c.redirect('/admin/redaction-terms?done=saved', 303);
  })

  .post('/admin/redaction-terms/:row', deploymentAdmins, validate('param', rowParam), validate('form', termBody('edit')), async (c) => {
    const db = database(c.env.DB);
    const before = await findTerm(db, c.req.valid('param').row);
    if (!before) throw new Problem('not-found');
    const body = withBoxes(c.req.valid('form') as Record<string, string>, ['edit-match-case', 'edit-enabled']);
    const parsed = readTerm('edit', before.id, body);
    if (!parsed.success) return termsPage(c, { editing: before, values: body, errors: termErrors('edit', parsed.error.issues) }, 422);
    await saveTerm(db, parsed.data, c.get('staff').user.id, before);
    return c.redirect('/admin/redaction-terms?done=saved', 303);
  })

  .post('/admin/redaction-terms/:row/enabled', deploymentAdmins, validate('param', rowParam), validate('form', toggleBody), async (c) => {
    const db = database(c.env.DB);
    const before = await findTerm(db, c.req.valid('param').row);
    if (!before) throw new Problem('not-found');
    const enabled = c.req.valid('form').enabled;
    if (!enabled) throw new Problem('bad-request');
    await saveTerm(db, { ...asTerm(before), enabled: enabled === 'yes' }, c.get('staff').user.id, before);
    return c.redirect('/admin/redaction-terms?done=saved', 303);
  });

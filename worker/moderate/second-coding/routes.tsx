// Second coding (issue 10, point 5): an admin draws a random sample of moderated responses; a second
// moderator codes each blind; moderators and admins see agreement and settle disagreements.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../../auth/policy';
import { staffSummary } from '../../auth/staff-summary';
import type { AppEnv } from '../../env';
import type { FormDefinition } from '../../forms/definition';
import { t } from '../../forms/definition';
import { Problem } from '../../http/problems';
import { validate } from '../../http/validate';
import { html } from '../../views/render';
import { agreementReport, codesOf, eligibleCount, firstCoders, getCoding, itemsOf, listCodings, requestCoding, secondCodingStatements, settleStatements } from './queries';
import { AgreementPage, BlindPage, CodingPage, CodingsPage, type FormError } from './views';

// Moderators and deployment admins read codings and settle them; admins draw samples; moderators code.
const readers = allow('moderator', 'deployment-admin');
const requesters = allow('deployment-admin');
const coders = allow('moderator');

const csrf = z.string().max(100);
const field = (max: number) => z.string().max(max).optional().default('');
const requestBody = z.object({ csrf, framework: field(100), size: field(20), form: field(100), from: field(20), to: field(20) });
const codeBody = z.object({ csrf, objective: z.union([z.string().max(200), z.array(z.string().max(200)).max(200)]).optional(), theme: z.union([z.string().max(200), z.array(z.string().max(200)).max(500)]).optional() });
const settleBody = z.object({ csrf, with: z.enum(['first', 'second', 'both']).optional() });
const idParam = z.object({ id: z.string().max(100) });
const itemParam = z.object({ id: z.string().max(100), response: z.string().max(100) });
const doneQuery = z.object({ done: z.enum(['requested', 'coded', 'settled']).optional() });
const DONE = { requested: 'Sample drawn.', coded: 'Your coding is saved.', settled: 'Settled: reports now count the codes chosen.' } as const;

const me = (c: Context<AppEnv>) => staffSummary(c.get('staff'));
const list = <T,>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const isDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));

async function choices(d1: D1Database) {
  const [frameworks, forms] = await d1.batch([
    d1.prepare('SELECT id AS value, name AS label FROM frameworks ORDER BY name'),
    d1.prepare("SELECT f.id AS value, json_extract(v.definition, '$.title.en') AS label FROM forms f JOIN form_versions v ON v.id = f.current_version_id WHERE f.kind = 'feedback' ORDER BY label"),
  ]);
  return { frameworks: frameworks!.results as { value: string; label: string }[], forms: forms!.results as { value: string; label: string }[] };
}

async function listPage(c: Context<AppEnv>, extra: { values?: Record<string, string>; errors?: FormError[] } = {}, status: 200 | 422 = 200) {
  const [codings, { frameworks, forms }] = await Promise.all([listCodings(c.env.DB), choices(c.env.DB)]);
  const canRequest = c.get('staff').memberships.some((m) => m.role === 'deployment-admin');
  return c.html(html(<CodingsPage me={me(c)} codings={codings} canRequest={canRequest} frameworks={frameworks} forms={forms} {...extra} />), status);
}

async function codingOr404(c: Context<AppEnv>, id: string) {
  const coding = await getCoding(c.env.DB, id);
  if (!coding) throw new Problem('not-found');
  return coding;
}

/** The response's redacted answers, labelled as its form version words them. */
async function blindAnswers(d1: D1Database, responseId: string) {
  const { results } = await d1
    .prepare('SELECT x.question_id AS question, x.redacted AS text, v.definition FROM answer_texts x JOIN responses r ON r.id = x.response_id JOIN form_versions v ON v.id = r.form_version_id WHERE x.response_id = ?')
    .bind(responseId)
    .all<{ question: string; text: string; definition: string }>();
  return results
    .filter((a) => a.text.trim() !== '')
    .map((a) => {
      const q = (JSON.parse(a.definition) as FormDefinition).pages.flatMap((p) => p.questions).find((q) => q.id === a.question);
      return { question: a.question, label: q ? t(q.label, 'en') : a.question, text: a.text };
    });
}

async function blindPage(c: Context<AppEnv>, codingId: string, responseId: string, extra: { chosen?: Set<string>; errors?: FormError[] } = {}, status: 200 | 422 = 200) {
  const d1 = c.env.DB;
  const coding = await codingOr404(c, codingId);
  const item = (await itemsOf(d1, coding.id)).find((i) => i.responseId === responseId);
  if (!item) throw new Problem('not-found');
  const [answers, objectives, themes, first, mine] = await Promise.all([
    blindAnswers(d1, responseId),
    d1.prepare("SELECT id AS value, code || ' – ' || text AS label, section FROM objectives WHERE framework_id = ? ORDER BY position").bind(coding.frameworkId).all<{ value: string; label: string; section: string }>(),
    d1.prepare("SELECT t.id AS value, COALESCE(p.name || ' › ', '') || t.name AS label FROM themes t LEFT JOIN themes p ON p.id = t.parent_id WHERE t.merged_into IS NULL ORDER BY label").all<{ value: string; label: string }>(),
    firstCoders(d1, responseId),
    d1.prepare("SELECT COALESCE(objective_id, theme_id) AS code FROM tags WHERE response_id = ? AND round = 'second' AND state = 'confirmed'").bind(responseId).all<{ code: string }>(),
  ]);
  const user = c.get('staff').user.id;
  const refused = first.has(user) ? 'You made this response’s first tags, so a colleague codes it the second time.' : undefined;
  const chosen = extra.chosen ?? new Set(mine.results.map((m) => m.code));
  return c.html(
    html(<BlindPage me={me(c)} coding={coding} responseId={responseId} answers={answers} objectives={objectives.results} themes={themes.results} chosen={chosen} refused={refused} errors={extra.errors} />),
    status,
  );
}

export const secondCoding = new Hono<AppEnv>()
  .get('/moderate/second-coding', readers, async (c) => listPage(c))

  .post('/moderate/second-coding', requesters, validate('form', requestBody), async (c) => {
    const body = c.req.valid('form');
    const { frameworks, forms } = await choices(c.env.DB);
    const errors: FormError[] = [];
    if (!frameworks.some((f) => f.value === body.framework)) errors.push({ fieldId: 'framework', message: 'Choose a framework' });
    if (body.form && !forms.some((f) => f.value === body.form)) errors.push({ fieldId: 'form', message: 'Choose a form from the list' });
    if (body.from && !isDay(body.from)) errors.push({ fieldId: 'from', message: 'The start date must be a real date, like 2026-04-01' });
    if (body.to && !isDay(body.to)) errors.push({ fieldId: 'to', message: 'The end date must be a real date, like 2026-06-30' });
    const size = body.size.trim().match(/^(\d{1,5})(%?)$/);
    if (!size || Number(size[1]) < 1 || (size[2] && Number(size[1]) > 100)) errors.push({ fieldId: 'size', message: 'Enter how many responses, as a number such as 40 or a percentage such as 10%' });
    if (errors.length > 0) return listPage(c, { values: body, errors }, 422);
    const filters = { form: body.form || undefined, from: body.from || undefined, to: body.to || undefined };
    const available = await eligibleCount(c.env.DB, body.framework, filters);
    const wanted = size![2] ? Math.max(1, Math.round((available * Number(size![1])) / 100)) : Number(size![1]);
    if (available === 0) return listPage(c, { values: body, errors: [{ fieldId: 'size', message: 'No responses match: moderation done, tagged in this framework, and in no other sample' }] }, 422);
    const framework = frameworks.find((f) => f.value === body.framework)!.label;
    const form = forms.find((f) => f.value === body.form)?.label;
    const description = [`${Math.min(wanted, available)} of ${available} responses`, form, body.from && `from ${body.from}`, body.to && `to ${body.to}`].filter(Boolean).join(', ');
    const { id } = await requestCoding(c.env.DB, { frameworkId: body.framework, filters, size: wanted, description: `${description} (${framework})`, actor: c.get('staff').user.id });
    return c.redirect(`/moderate/second-coding/${id}?done=requested`, 303);
  })

  .get('/moderate/second-coding/:id', readers, validate('param', idParam), validate('query', doneQuery), async (c) => {
    const coding = await codingOr404(c, c.req.valid('param').id);
    const done = c.req.valid('query').done;
    return c.html(html(<CodingPage me={me(c)} coding={coding} items={await itemsOf(c.env.DB, coding.id)} done={done ? DONE[done] : undefined} />));
  })

  .get('/moderate/second-coding/:id/agreement', readers, validate('param', idParam), validate('query', doneQuery), async (c) => {
    const coding = await codingOr404(c, c.req.valid('param').id);
    const report = await agreementReport(c.env.DB, coding);
    const labels = new Map(report.perCode.map((a) => [a.code, a.label]));
    for (const d of report.disagreements) for (const code of [...d.firstOnly, ...d.secondOnly]) if (!labels.has(code)) labels.set(code, code);
    const done = c.req.valid('query').done;
    return c.html(html(<AgreementPage me={me(c)} coding={coding} report={report} labels={labels} done={done ? DONE[done] : undefined} />));
  })

  .get('/moderate/second-coding/:id/responses/:response', coders, validate('param', itemParam), async (c) => {
    const { id, response } = c.req.valid('param');
    return blindPage(c, id, response);
  })

  .post('/moderate/second-coding/:id/responses/:response', coders, validate('param', itemParam), validate('form', codeBody), async (c) => {
    const { id, response } = c.req.valid('param');
    const d1 = c.env.DB;
    const coding = await codingOr404(c, id);
    if (!(await itemsOf(d1, coding.id)).some((i) => i.responseId === response)) throw new Problem('not-found');
    const body = c.req.valid('form');
    const user = c.get('staff').user.id;
    if ((await firstCoders(d1, response)).has(user)) return blindPage(c, id, response, {}, 422);
    const [objectives, themes] = await d1.batch([
      d1.prepare('SELECT id FROM objectives WHERE framework_id = ?').bind(coding.frameworkId),
      d1.prepare('SELECT id FROM themes WHERE merged_into IS NULL'),
    ]);
    const knownObjectives = new Set((objectives!.results as { id: string }[]).map((o) => o.id));
    const knownThemes = new Set((themes!.results as { id: string }[]).map((o) => o.id));
    const chosenObjectives = [...new Set(list(body.objective))];
    const chosenThemes = [...new Set(list(body.theme))];
    const chosen = new Set([...chosenObjectives, ...chosenThemes]);
    if (chosenObjectives.some((o) => !knownObjectives.has(o)) || chosenThemes.some((t) => !knownThemes.has(t))) {
      return blindPage(c, id, response, { chosen, errors: [{ fieldId: 'main-content', message: 'Something you ticked is no longer in the codebook: check your choices and save again' }] }, 422);
    }
    if (chosen.size === 0) return blindPage(c, id, response, { chosen, errors: [{ fieldId: 'main-content', message: 'Tick at least one objective or theme' }] }, 422);
    const answers = await blindAnswers(d1, response);
    const first = answers[0];
    if (!first) return blindPage(c, id, response, { chosen, errors: [{ fieldId: 'main-content', message: 'This response has no written answer to tag' }] }, 422);
    await d1.batch(secondCodingStatements(d1, coding.id, response, first.question, first.text, { objectives: chosenObjectives, themes: chosenThemes }, user));
    return c.redirect(`/moderate/second-coding/${coding.id}?done=coded`, 303);
  })

  .post('/moderate/second-coding/:id/responses/:response/settle', readers, validate('param', itemParam), validate('form', settleBody), async (c) => {
    const { id, response } = c.req.valid('param');
    const d1 = c.env.DB;
    const coding = await codingOr404(c, id);
    const coded = (await codesOf(d1, coding.id, coding.frameworkId)).get(response);
    if (!coded) throw new Problem('not-found');
    const choice = c.req.valid('form').with;
    if (!coded.coded || !choice) {
      // Nothing chosen, or nothing to settle yet: back to the page, which says what is there.
      return c.redirect(`/moderate/second-coding/${coding.id}/agreement`, 303);
    }
    await d1.batch(settleStatements(d1, coding.id, response, coded, choice, c.get('staff').user.id));
    return c.redirect(`/moderate/second-coding/${coding.id}/agreement?done=settled`, 303);
  });

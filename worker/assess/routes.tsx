// /assess: trusted assessments. An assessor finds or adds a person, fills the assessment in with them
// over one or more sittings, records who may see it, and completes it. Readers at the organisations
// the person consented to read it; nobody else does, admins included. Every read and change is logged
// in the assessment's access log (queries.ts), which the assessing organisation can export.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../auth/policy';
import { staffSummary } from '../auth/staff-summary';
import { database } from '../db/client';
import { organisations, type Role } from '../db/schema';
import { normaliseName } from '../db/person-index';
import { inArray } from 'drizzle-orm';
import { answerToFields, type RawFields } from '../forms/answers';
import { dayInput } from '../forms/day-input';
import { LOCALES } from '../forms/definition';
import { config, type AppEnv } from '../env';
import { Problem } from '../http/problems';
import { formFields, validate } from '../http/validate';
import { messages } from '../i18n/messages';
import { html } from '../views/render';
import { assessingOrganisations, readerOrganisations, RESTRICTABLE_TO, shareIsCurrent, type Access } from './access';
import { assessmentFor, assessmentOrTombstone, ring, versionShown, writable } from './context';
import { assessmentLinks } from './links';
import {
  addPerson,
  assessmentForm,
  completeVersion,
  findPeople,
  listReadable,
  logAccess,
  loadAssessment,
  openPerson,
  openSections,
  recordRead,
  saveSection,
  savedSections,
  setRestriction,
  syncShareStatements,
  formVersionDefinition,
  withdrawShares,
  type AssessmentRecord,
} from './queries';
import { allAnswers, consentAsItStands, missingAnswers, organisationsChosen, readSection, sectionAfter, sectionOf, SHARE_QUESTION } from './sections';
import { AssessHomePage } from './views/home';
import { FindResultsPage } from './views/find';
import { AddPersonPage, type AddPersonValues } from './views/add-person';
import { AssessmentPage } from './views/assessment';
import { SectionPage } from './views/section';
import { dueForReview } from './versions/queries';
import { tombstonePage } from './rights/routes';
import { disputesOnPage } from './disputes/panel';
import { dropHeldSave, holdIfSignedOut, takeHeldSave } from './held/held-saves';
import { signedInFor } from './held/routes';
import { openDisputeCounts } from './disputes/queries';
import type { DisputeFormValues } from './disputes/views';

/** Who opens /assess at all: assessors, and support workers who read what is shared with them. */
const readers = allow('assessor', 'support-worker');
const assessors = allow('assessor');

const idParam = z.object({ id: z.string().max(100) });
const sectionParam = z.object({ id: z.string().max(100), section: z.string().max(100) });
const doneQuery = z.object({ done: z.enum(['added', 'saved', 'completed', 'withdrawn', 'restricted', 'reassessed', 'erased', 'disputed', 'dispute-resolved']).optional(), section: z.string().max(100).optional() }).passthrough();

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The date of birth in three boxes, as YYYY-MM-DD, or the GOV.UK message for the box at fault. */
function readBirthDate(fields: { 'birth-day': string; 'birth-month': string; 'birth-year': string }): { birthDate: string } | { error: { fieldId: string; message: string } } {
  // Made per request: at a Worker's global scope the clock reads 1970, so "not after today" is worked out when asked.
  const rules = dayInput({ missing: 'Enter their date of birth', notAfter: isoDay(Date.now()), fromYear: 1900 });
  const day = rules.safeParse({ day: fields['birth-day'], month: fields['birth-month'], year: fields['birth-year'] });
  if (day.success) return { birthDate: isoDay(day.data) };
  const issue = day.error.issues[0];
  return { error: { fieldId: `birth-${String(issue?.path[0] ?? 'day')}`, message: issue?.message ?? 'Enter their date of birth' } };
}

// Typed text is let through long, so too much of it is refused in plain words with what was typed kept, never a 400.
const NAME_MAX = 200;
const typedText = z.string().max(2000).default('');
const findQuery = z.object({ name: typedText, 'birth-day': typedText, 'birth-month': typedText, 'birth-year': typedText });

const personBody = z.object({
  csrf: z.string().max(100),
  name: typedText,
  'birth-day': typedText,
  'birth-month': typedText,
  'birth-year': typedText,
  language: z.string().max(10).default('en'),
  organisation: z.string().max(100).default(''),
  'add-anyway': z.string().max(10).optional(),
});

export async function assessmentPage(
  c: Context<AppEnv>,
  found: { record: AssessmentRecord; access: Access },
  extra: { done?: string; errors?: { fieldId: string; message: string }[]; status?: 200 | 422; disputes?: DisputeFormValues } = {},
) {
  const db = database(c.env.DB);
  const { record, access } = found;
  const keys = ring(c);
  const version = versionShown(record, access);
  const definition = version ? await formVersionDefinition(db, version.formVersionId) : undefined;
  const restricted = new Set(definition?.pages.filter((p) => p.restrictable).map((p) => p.id) ?? []);
  const [person, sections, saved] = await Promise.all([
    openPerson(keys, record.person),
    version && definition ? openSections(db, keys, record.assessment.id, version.number, (s) => access.readRestricted || !restricted.has(s)) : Promise.resolve(new Map()),
    version ? savedSections(db, record.assessment.id, version.number) : Promise.resolve([]),
  ]);
  await recordRead(db, record.assessment, { actor: c.get('staff').user.id, actorOrganisationId: access.asOrganisation, action: 'opened', detail: version ? `version ${version.number}` : null });
  const answers = allAnswers(sections);
  const disputes = await disputesOnPage(c, found, version, definition, extra.errors ?? [], extra.disputes ?? {});
  const page = (
    <AssessmentPage
      me={staffSummary(c.get('staff'))}
      record={record}
      access={access}
      person={person}
      version={version}
      definition={definition}
      answers={answers}
      saved={saved}
      hiddenSections={[...restricted].filter((s) => !access.readRestricted)}
      missing={definition && version?.status === 'draft' ? missingAnswers(definition, answers) : []}
      done={extra.done}
      errors={extra.errors ?? []}
      links={assessmentLinks(record, access)}
      disputes={disputes}
    />
  );
  return c.html(html(page), extra.status ?? 200);
}

export const assess = new Hono<AppEnv>()
  .get('/assess', readers, async (c) => {
    const staff = c.get('staff');
    const db = database(c.env.DB);
    const [list, due, disputed] = await Promise.all([listReadable(db, readerOrganisations(staff)), dueForReview(db, assessingOrganisations(staff)), openDisputeCounts(db, assessingOrganisations(staff))]);
    return c.html(html(<AssessHomePage me={staffSummary(staff)} list={list} due={due} canAdd={assessingOrganisations(staff).length > 0} disputed={disputed} />));
  })

  .get('/assess/find', readers, validate('query', findQuery), async (c) => {
    const q = c.req.valid('query');
    const staff = c.get('staff');
    // No search yet (a bookmark, a link): the find form, with nothing to complain about.
    const searched = 'name' in c.req.queries();
    const errors: { fieldId: string; message: string }[] = [];
    const name = q.name.trim();
    if (name === '') errors.push({ fieldId: 'name', message: 'Enter their name' });
    else if (name.length > NAME_MAX) errors.push({ fieldId: 'name', message: `Their name must be ${NAME_MAX} characters or fewer` });
    const born = readBirthDate(q);
    if ('error' in born) errors.push(born.error);
    if (!searched || errors.length > 0 || 'error' in born) {
      const db = database(c.env.DB);
      const [list, due] = await Promise.all([listReadable(db, readerOrganisations(staff)), dueForReview(db, assessingOrganisations(staff))]);
      return c.html(html(<AssessHomePage me={staffSummary(staff)} list={list} due={due} canAdd={assessingOrganisations(staff).length > 0} find={q} errors={searched ? errors : []} />), searched ? 422 : 200);
    }
    const db = database(c.env.DB);
    const keys = ring(c);
    const { birthDate } = born;
    const rows = await findPeople(db, keys, readerOrganisations(staff), name, birthDate);
    const opened = await Promise.all(rows.map(async (r) => ({ ...r, opened: await openPerson(keys, r.person) })));
    const typed = new Set(normalisedWords(name));
    // Born that day but a different name altogether is someone else: only a shared word counts as a near match.
    const shown = opened.filter((r) => r.exact || normalisedWords(r.opened.name).some((w) => typed.has(w)));
    if (shown.length > 0) {
      await Promise.all(
        shown.map((r) => logAccess(db, { assessmentId: r.assessmentId, actor: staff.user.id, actorOrganisationId: null, action: 'person-found', detail: r.exact ? 'exact' : 'near' })),
      );
    }
    return c.html(html(<FindResultsPage me={staffSummary(staff)} find={q} results={shown} canAdd={assessingOrganisations(staff).length > 0} />));
  })

  .get('/assess/people/new', assessors, async (c) => {
    const staff = c.get('staff');
    const orgs = assessingOrganisations(staff);
    return c.html(html(<AddPersonPage me={staffSummary(staff)} organisations={await organisationChoices(c, orgs)} values={{ language: 'en', organisation: orgs.length === 1 ? orgs[0]! : '' }} errors={[]} />));
  })

  .post('/assess/people', assessors, validate('form', personBody), async (c) => {
    const body = c.req.valid('form');
    const staff = c.get('staff');
    const db = database(c.env.DB);
    const keys = ring(c);
    const orgs = assessingOrganisations(staff);
    const organisation = body.organisation || (orgs.length === 1 ? orgs[0]! : '');
    const values: AddPersonValues = { name: body.name, 'birth-day': body['birth-day'], 'birth-month': body['birth-month'], 'birth-year': body['birth-year'], language: body.language, organisation };
    const errors: { fieldId: string; message: string }[] = [];
    const name = body.name.trim().replace(/\s+/g, ' ');
    if (name === '') errors.push({ fieldId: 'name', message: 'Enter their full name' });
    else if (name.length > NAME_MAX) errors.push({ fieldId: 'name', message: `Their name must be ${NAME_MAX} characters or fewer` });
    const born = readBirthDate(body);
    if ('error' in born) errors.push(born.error);
    if (!(LOCALES as readonly string[]).includes(body.language)) errors.push({ fieldId: 'language-0', message: 'Choose the language for their copy' });
    if (!orgs.includes(organisation)) errors.push({ fieldId: 'organisation-0', message: 'Choose the organisation you are assessing for' });
    const form = await assessmentForm(db);
    if (!form) errors.push({ fieldId: 'name', message: 'The trusted assessment form is not available. Ask your deployment admin to publish it.' });
    const choices = await organisationChoices(c, orgs);
    if (errors.length > 0 || 'error' in born) return c.html(html(<AddPersonPage me={staffSummary(staff)} organisations={choices} values={values} errors={errors} />), 422);
    const { birthDate } = born;
    if (body['add-anyway'] !== 'yes') {
      const same = (await findPeople(db, keys, readerOrganisations(staff), name, birthDate)).filter((r) => r.exact);
      if (same.length > 0) {
        return c.html(html(<AddPersonPage me={staffSummary(staff)} organisations={choices} values={values} errors={[]} alreadyThere={same.map((s) => ({ assessmentId: s.assessmentId, reference: s.person.reference, organisationName: s.organisationName }))} />), 409);
      }
    }
    // The date of birth is also the first answer of "About me", so the assessor need not type it twice.
    const { assessmentId } = await addPerson(db, keys, { name, birthDate, language: body.language, organisationId: organisation }, staff.user.id, form!.versionId, { 'about-me': { 'date-of-birth': birthDate } });
    return c.redirect(`/assess/${assessmentId}?done=added`, 303);
  })

  .get('/assess/:id', readers, validate('param', idParam), validate('query', doneQuery), async (c) => {
    const found = await assessmentOrTombstone(c, c.req.valid('param').id);
    // Deleted: its assessing organisation sees what is left (rights/), everyone else "not found".
    if ('tombstone' in found) return tombstonePage(c, found.tombstone, c.req.valid('query').done === 'erased');
    return assessmentPage(c, found, { done: c.req.valid('query').done });
  })

  .get('/assess/:id/sections/:section', assessors, validate('param', sectionParam), async (c) => {
    const { id, section } = c.req.valid('param');
    const found = await assessmentFor(c, id);
    const actor = writable(c, found);
    const { draft, definition, page } = await draftSection(c, found.record, section);
    const db = database(c.env.DB);
    const opened = await openSections(database(c.env.DB), ring(c), id, draft.number, (s) => s === section);
    const answers = opened.get(section)?.answers ?? {};
    await recordRead(db, found.record.assessment, { actor: actor.id, actorOrganisationId: actor.organisationId, action: 'section-opened', detail: section });
    if (SHARE_QUESTION in answers) {
      const sharingWith = found.record.shares.filter((s) => shareIsCurrent(s, Date.now())).map((s) => s.organisationId);
      const now = consentAsItStands(definition, answers[SHARE_QUESTION], sharingWith);
      if (now === undefined || (Array.isArray(now) && now.length === 0)) delete answers[SHARE_QUESTION];
      else answers[SHARE_QUESTION] = now;
    }
    const fields: RawFields = {};
    for (const q of page.questions) Object.assign(fields, answerToFields(q, answers[q.id]));
    const person = await openPerson(ring(c), found.record.person);
    // What was posted after the session had ended (held/held-saves.ts) replaces the saved answers, once.
    const held = await takeHeldSave(c, id, section);
    return c.html(html(<SectionPage me={staffSummary(c.get('staff'))} record={found.record} person={person} definition={definition} page={page} fields={held ?? fields} errors={[]} held={!!held} signedInForMs={signedInFor(c.get('staff').session)} />));
  })

  .post('/assess/:id/sections/:section', holdIfSignedOut, assessors, validate('param', sectionParam), validate('form', formFields), async (c) => {
    const { id, section } = c.req.valid('param');
    const found = await assessmentFor(c, id);
    const actor = writable(c, found);
    const { definition, page } = await draftSection(c, found.record, section);
    const fields = c.req.valid('form');
    const { answers, errors } = readSection(page, fields, messages('en'));
    if (errors.length > 0) {
      const person = await openPerson(ring(c), found.record.person);
      return c.html(html(<SectionPage me={staffSummary(c.get('staff'))} record={found.record} person={person} definition={definition} page={page} fields={fields} errors={errors} />), 422);
    }
    const db = database(c.env.DB);
    await saveSection(db, ring(c), found.record.assessment, section, answers, actor);
    await dropHeldSave(c, id, section);
    // Consent recorded in the consent section takes effect as soon as it is saved.
    if (section === 'consent' && 'share-with' in answers) {
      const chosen = organisationsChosen(definition, answers['share-with']);
      const sync = syncShareStatements(db, found.record.assessment, found.record.shares, chosen, actor.id, Date.now());
      if (sync.statements.length > 0) {
        // Logged as consent, not only as a saved section: the consent history of a subject access export reads these lines.
        const consent = logAccess(db, { assessmentId: id, actor: actor.id, actorOrganisationId: actor.organisationId, action: 'consent-recorded', detail: `given: ${sync.given.join(',') || 'none'}; ended: ${sync.ended.join(',') || 'none'}` });
        await db.batch([...sync.statements, consent] as never);
      }
    }
    const next = fields.action === 'continue' ? sectionAfter(definition, section) : undefined;
    return c.redirect(next ? `/assess/${id}/sections/${next.id}` : `/assess/${id}?done=saved&section=${encodeURIComponent(section)}`, 303);
  })

  .post('/assess/:id/complete', assessors, validate('param', idParam), async (c) => {
    const found = await assessmentFor(c, c.req.valid('param').id);
    const actor = writable(c, found);
    const db = database(c.env.DB);
    const draft = found.record.versions.at(-1);
    if (!draft || draft.status !== 'draft') return c.redirect(`/assess/${found.record.assessment.id}`, 303);
    const definition = await formVersionDefinition(db, draft.formVersionId);
    if (!definition) throw new Problem('not-found');
    const sections = await openSections(db, ring(c), found.record.assessment.id, draft.number);
    const answers = allAnswers(sections);
    const missing = missingAnswers(definition, answers);
    if (missing.length > 0) {
      return assessmentPage(c, found, { errors: missing.map((m) => ({ fieldId: `section-${m.sectionId}`, message: `Answer "${m.label}" before completing the assessment` })), status: 422 });
    }
    const review = typeof answers['review-date'] === 'string' ? Date.parse(`${answers['review-date']}T00:00:00Z`) : NaN;
    // Consent withdrawn since the consent section was last saved (a reassessment's copy is saved before it began)
    // is not given back by completing: only saving that section again with the person records it afresh.
    const consentPage = definition.pages.find((p) => p.questions.some((q) => q.id === SHARE_QUESTION));
    const consentSavedAt = (consentPage && sections.get(consentPage.id)?.savedAt) ?? 0;
    const withdrawnSince = (org: string) => found.record.shares.some((s) => s.organisationId === org && s.withdrawnAt !== null && s.withdrawnAt >= consentSavedAt);
    const chosen = answers['share-with'] === undefined ? undefined : organisationsChosen(definition, answers['share-with']).filter((o) => !withdrawnSince(o));
    await completeVersion(db, found.record.assessment, Number.isNaN(review) ? null : review, chosen, found.record.shares, actor);
    return c.redirect(`/assess/${found.record.assessment.id}?done=completed`, 303);
  })

  .post('/assess/:id/withdraw', assessors, validate('param', idParam), validate('form', z.object({ csrf: z.string().max(100), organisation: z.string().max(100).default('all') })), async (c) => {
    const found = await assessmentFor(c, c.req.valid('param').id);
    const actor = writable(c, found);
    const which = c.req.valid('form').organisation;
    if (which !== 'all' && !found.record.shares.some((s) => s.organisationId === which && s.withdrawnAt === null)) {
      return assessmentPage(c, found, { errors: [{ fieldId: 'sharing', message: 'That organisation does not have the person’s consent to withdraw' }], status: 422 });
    }
    await withdrawShares(database(c.env.DB), found.record.assessment, which === 'all' ? 'all' : [which], actor);
    return c.redirect(`/assess/${found.record.assessment.id}?done=withdrawn`, 303);
  })

  .post('/assess/:id/restriction', assessors, validate('param', idParam), validate('form', formFields), async (c) => {
    const found = await assessmentFor(c, c.req.valid('param').id);
    const actor = writable(c, found);
    const body = c.req.valid('form');
    const chosen = ([] as string[]).concat(body.roles ?? []);
    const limit = body.limit === 'yes';
    const roles = chosen.filter((r): r is Role => (RESTRICTABLE_TO as readonly string[]).includes(r));
    if (limit && roles.length === 0) {
      return assessmentPage(c, found, { errors: [{ fieldId: 'roles', message: 'Choose at least one role that may read the risk and safety section' }], status: 422 });
    }
    await setRestriction(database(c.env.DB), found.record.assessment, limit ? roles : null, actor);
    return c.redirect(`/assess/${found.record.assessment.id}?done=restricted`, 303);
  });

/** The current draft's section to edit, or "not found" when there is no draft or no such section. */
async function draftSection(c: Context<AppEnv>, record: AssessmentRecord, sectionId: string) {
  const draft = record.versions.at(-1);
  if (!draft || draft.status !== 'draft') throw new Problem('not-found');
  const definition = await formVersionDefinition(database(c.env.DB), draft.formVersionId);
  const page = definition && sectionOf(definition, sectionId);
  if (!definition || !page) throw new Problem('not-found');
  return { draft, definition, page };
}

async function organisationChoices(c: Context<AppEnv>, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await database(c.env.DB).select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids)).all();
  return rows.map((r) => ({ value: r.id, label: r.name }));
}

function normalisedWords(name: string): string[] {
  return normaliseName(name)
    .split(' ')
    .filter((w) => w.length > 1);
}

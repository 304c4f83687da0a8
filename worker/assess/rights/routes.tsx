// The person's rights over their assessment, for the assessing organisation's assessors: the access
// log (page and CSV, also once the content is deleted), the subject access export (printable and
// JSON), and erasure. Each is audited in the access log.
//
// Who: only assessors in the assessing organisation (`writable`). Staff elsewhere who can read the
// assessment get 403 "not allowed": they already know it exists, and a plain refusal tells them to
// ask the assessing organisation rather than suggesting the page is broken. Anyone who cannot read it
// gets 404, as everywhere in /assess. Once deleted, everyone but those assessors gets 404.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../../auth/policy';
import { staffSummary } from '../../auth/staff-summary';
import { database } from '../../db/client';
import type { AppEnv } from '../../env';
import { csvText } from '../../http/csv';
import { validate } from '../../http/validate';
import { html } from '../../views/render';
import { assessmentFor, assessmentOrTombstone, ring, writable } from '../context';
import { deleteAssessment, ERASURE_REASONS, type ErasureReason } from '../erase';
import { logAccess, type AssessmentRecord } from '../queries';
import { accessLogLines, deletionLine, subjectAccessExport } from './queries';
import { ErasePage, type EraseValues } from './views/erase';
import { AccessLogPage } from './views/access-log';
import { SubjectAccessPage } from './views/export';
import { TombstonePage } from './views/tombstone';
import { ukTime } from './words';

const assessors = allow('assessor');
const idParam = z.object({ id: z.string().max(100) });
// The reference is typed: too long is a plain "not the reference" with it kept, never a 400.
const eraseBody = z.object({ csrf: z.string().max(100), reference: z.string().max(2000).default(''), reason: z.string().max(50).default('') });

/** The assessment (or its tombstone) for one of the assessing organisation's assessors, and them as the actor. */
async function ownedOrTombstone(c: Context<AppEnv>, id: string) {
  const found = await assessmentOrTombstone(c, id);
  if ('tombstone' in found) return { record: found.tombstone, actor: { id: c.get('staff').user.id, organisationId: found.tombstone.assessment.organisationId }, deleted: true };
  return { record: found.record, actor: writable(c, found), deleted: false };
}

/** The page /assess/:id shows the assessing organisation once the content is deleted; the view is logged like any read. */
export async function tombstonePage(c: Context<AppEnv>, record: AssessmentRecord, done: boolean) {
  const db = database(c.env.DB);
  const staff = c.get('staff');
  await logAccess(db, { assessmentId: record.assessment.id, actor: staff.user.id, actorOrganisationId: record.assessment.organisationId, action: 'opened', detail: 'tombstone' });
  return c.html(html(<TombstonePage me={staffSummary(staff)} record={record} deletion={await deletionLine(db, record)} done={done} />));
}

const sameReference = (typed: string, reference: string) => typed.trim().toUpperCase().replace(/\s+/g, '') === reference.toUpperCase();

export const rights = new Hono<AppEnv>()
  .get('/assess/:id/access-log', assessors, validate('param', idParam), async (c) => {
    const { record, actor, deleted } = await ownedOrTombstone(c, c.req.valid('param').id);
    const db = database(c.env.DB);
    await logAccess(db, { assessmentId: record.assessment.id, actor: actor.id, actorOrganisationId: actor.organisationId, action: 'access-log-viewed' });
    const lines = await accessLogLines(db, record);
    return c.html(html(<AccessLogPage me={staffSummary(c.get('staff'))} id={record.assessment.id} reference={record.person.reference} deleted={deleted} lines={lines} />));
  })

  .get('/assess/:id/access-log.csv', assessors, validate('param', idParam), async (c) => {
    const { record, actor } = await ownedOrTombstone(c, c.req.valid('param').id);
    const db = database(c.env.DB);
    await logAccess(db, { assessmentId: record.assessment.id, actor: actor.id, actorOrganisationId: actor.organisationId, action: 'access-log-exported', detail: 'csv' });
    const lines = await accessLogLines(db, record);
    const body = csvText(
      ['when (UK time)', 'who', 'organisation', 'what', 'detail'],
      lines.map((l) => [ukTime(l.at), l.who, l.organisation ?? '', l.what, l.detail]),
    );
    return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="access-log-${record.person.reference}.csv"` });
  })

  .get('/assess/:id/export', assessors, validate('param', idParam), async (c) => {
    const found = await assessmentFor(c, c.req.valid('param').id);
    const actor = writable(c, found);
    const db = database(c.env.DB);
    const data = await subjectAccessExport(db, ring(c), found.record, found.access, { name: c.get('staff').user.name, organisation: found.record.organisationName });
    await logAccess(db, { assessmentId: found.record.assessment.id, actor: actor.id, actorOrganisationId: actor.organisationId, action: 'exported', detail: 'html' });
    return c.html(html(<SubjectAccessPage me={staffSummary(c.get('staff'))} id={found.record.assessment.id} data={data} />));
  })

  .get('/assess/:id/export.json', assessors, validate('param', idParam), async (c) => {
    const found = await assessmentFor(c, c.req.valid('param').id);
    const actor = writable(c, found);
    const db = database(c.env.DB);
    const data = await subjectAccessExport(db, ring(c), found.record, found.access, { name: c.get('staff').user.name, organisation: found.record.organisationName });
    await logAccess(db, { assessmentId: found.record.assessment.id, actor: actor.id, actorOrganisationId: actor.organisationId, action: 'exported', detail: 'json' });
    return c.body(JSON.stringify(data, null, 2), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="subject-access-${found.record.person.reference}.json"`,
      'cache-control': 'no-store',
    });
  })

  .get('/assess/:id/erase', assessors, validate('param', idParam), async (c) => {
    const found = await assessmentOrTombstone(c, c.req.valid('param').id);
    if ('tombstone' in found) return c.redirect(`/assess/${found.tombstone.assessment.id}`, 303);
    writable(c, found);
    return c.html(html(<ErasePage me={staffSummary(c.get('staff'))} id={found.record.assessment.id} reference={found.record.person.reference} values={{}} errors={[]} />));
  })

  .post('/assess/:id/erase', assessors, validate('param', idParam), validate('form', eraseBody), async (c) => {
    const found = await assessmentOrTombstone(c, c.req.valid('param').id);
    // Sent twice (a double click, the back button): it is already gone, so show what is left.
    if ('tombstone' in found) return c.redirect(`/assess/${found.tombstone.assessment.id}`, 303);
    const actor = writable(c, found);
    const body = c.req.valid('form');
    const { record } = found;
    const errors: { fieldId: string; message: string }[] = [];
    if (!Object.hasOwn(ERASURE_REASONS, body.reason)) errors.push({ fieldId: 'reason-0', message: 'Choose why the assessment is being deleted' });
    if (body.reference.trim() === '') errors.push({ fieldId: 'reference', message: `Type the reference ${record.person.reference} to confirm` });
    else if (!sameReference(body.reference, record.person.reference)) errors.push({ fieldId: 'reference', message: `The reference you typed is not ${record.person.reference}. Check it and type it again` });
    if (errors.length > 0) {
      const values: EraseValues = { reference: body.reference, reason: body.reason };
      return c.html(html(<ErasePage me={staffSummary(c.get('staff'))} id={record.assessment.id} reference={record.person.reference} values={values} errors={errors} />), 422);
    }
    await deleteAssessment(database(c.env.DB), { assessmentId: record.assessment.id, why: 'erasure', actor: actor.id, actorOrganisationId: actor.organisationId, action: 'erased', detail: body.reason as ErasureReason });
    return c.redirect(`/assess/${record.assessment.id}?done=erased`, 303);
  });

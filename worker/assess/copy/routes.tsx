// The person's copy of their trusted assessment (issue 12, item 6). Staff: the assessing organisation's
// assessors print it in the person's language (Easy Read if they like) and can give the person a code.
// Public: /my-assessment, where the person reads it with that code and their date of birth, no account.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow, publicRoute } from '../../auth/policy';
import { staffSummary } from '../../auth/staff-summary';
import { database } from '../../db/client';
import { sealContext } from '../../db/sealed';
import type { AppEnv } from '../../env';
import { LOCALES, type Locale } from '../../forms/definition';
import { publicOrigin } from '../../http/public-url';
import { allowFailedCopyAttempt, allowSubmission } from '../../http/rate-limit';
import { sameSecret } from '../../http/tokens';
import { validate } from '../../http/validate';
import { fromAcceptLanguage, pickLocale } from '../../i18n/locale';
import { messages, type Messages } from '../../i18n/messages';
import { html } from '../../views/render';
import type { Access } from '../access';
import { assessmentFor, ring, writable } from '../context';
import { loadAssessment, recordRead, formVersionDefinition, type AssessmentRecord } from '../queries';
import { normaliseCopyCode } from './code';
import { copyContent, copyVersion, findCopyCode, issueCopyCode, viewedByPerson, wrongBirthDate } from './queries';
import { MyAssessmentPage, MyCopyPage, TooManyTriesPage, type MyAssessmentValues } from './views/public';
import { NoCopyPage, StaffCopyPage, type CopyChoices } from './views/staff';

const assessors = allow('assessor');

const idParam = z.object({ id: z.string().max(100) });
const choiceFields = { lang: z.string().max(10).optional(), read: z.string().max(20).optional(), risk: z.string().max(20).optional() };
const copyQuery = z.object(choiceFields);
const codeBody = z.object({ csrf: z.string().max(100), ...choiceFields });
const langQuery = z.object({ lang: z.string().max(10).optional() });
// Typed by the person: too long is a plain message with what they typed kept, never a 400.
const typedText = z.string().max(2000).default('');
const myBody = z.object({
  code: typedText,
  'birth-day': typedText,
  'birth-month': typedText,
  'birth-year': typedText,
  read: z.string().max(20).optional(),
  'copy-lang': z.string().max(10).optional(),
});

function asLocale(value: string | undefined): Locale | undefined {
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : undefined;
}

/** The restricted sections (risk and safety) of the copy's form. */
async function restrictedSections(c: Context<AppEnv>, record: AssessmentRecord): Promise<Set<string>> {
  const version = copyVersion(record);
  const definition = version && (await formVersionDefinition(database(c.env.DB), version.formVersionId));
  return new Set(definition ? definition.pages.filter((p) => p.restrictable).map((p) => p.id) : []);
}

/**
 * The staff print page. The restricted section (risk and safety) is in the copy by default: it is the
 * person's own information, they have a right to it and to correct it, and leaving it out would hide
 * what services are told about them. But a printed sheet can be found: the assessor can leave it out
 * (the copy then says so and that the person may ask to see it). An assessor whose role may not read
 * that section never prints it: printing must not widen who reads it.
 */
async function staffCopy(c: Context<AppEnv>, found: { record: AssessmentRecord; access: Access }, asked: { lang?: string; read?: string; risk?: string }, issue: boolean) {
  const { record, access } = found;
  const actor = writable(c, found);
  const db = database(c.env.DB);
  const me = staffSummary(c.get('staff'));
  const personLocale = asLocale(record.person.language) ?? 'en';
  const restricted = await restrictedSections(c, record);
  const choices: CopyChoices = {
    locale: asLocale(asked.lang) ?? personLocale,
    easy: asked.read === 'easy',
    leaveOutRisk: asked.risk === 'leave-out' || !access.readRestricted,
  };
  const content = await copyContent(db, ring(c), record, (s) => choices.leaveOutRisk && restricted.has(s));
  if (!content) return c.html(html(<NoCopyPage me={me} record={record} reference={record.person.reference} />), 409);
  const detail = `version ${content.version.number}, ${choices.locale}${choices.easy ? ', easy read' : ''}${content.leftOut.length > 0 ? `, left out: ${content.leftOut.join(',')}` : ''}`;
  const printed = { actor: actor.id, actorOrganisationId: actor.organisationId, action: 'copy-printed' as const, detail };
  let code: { code: string; address: string } | undefined;
  if (issue) {
    const issued = await issueCopyCode(db, ring(c), record.assessment.id, actor, [{ action: 'copy-code-issued', detail: `version ${content.version.number}` }, printed]);
    // Shown to the signed-in assessor on their own request, so without PUBLIC_URL the Host is their own browser's.
    const origin = publicOrigin(c) ?? new URL(c.req.url).origin;
    code = { code: issued, address: `${origin.replace(/^https?:\/\//, '')}/my-assessment` };
    // The code is in this response only: never stored by a browser or a cache, never in an address.
    c.header('Cache-Control', 'no-store');
  } else {
    await recordRead(db, record.assessment, printed);
  }
  return c.html(html(<StaffCopyPage me={me} record={record} content={content} choices={choices} personLocale={personLocale} canLeaveOutRisk={access.readRestricted && restricted.size > 0} code={code} />));
}

/** A typed date of birth as YYYY-MM-DD, or the message for the first thing wrong with it, in the person's language. */
function birthDateFrom(v: MyAssessmentValues, msg: Messages): { iso: string } | { fieldId: string; message: string } {
  const parts = [
    ['day', v['birth-day'].trim()],
    ['month', v['birth-month'].trim()],
    ['year', v['birth-year'].trim()],
  ] as const;
  const missing = parts.filter(([, value]) => value === '');
  if (missing.length === 3) return { fieldId: 'birth-day', message: msg.myMissingBirth };
  if (missing.length > 0) return { fieldId: `birth-${missing[0]![0]}`, message: msg.errDateMissing(missing[0]![0]) };
  const [d, m, y] = parts.map(([, value]) => (/^\d{1,4}$/.test(value) ? Number(value) : NaN)) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  if (!(y >= 1900 && y <= 9999) || day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return { fieldId: 'birth-day', message: msg.errDateReal };
  return { iso: day.toISOString().slice(0, 10) };
}

export const personCopy = new Hono<AppEnv>()
  .get('/assess/:id/copy', assessors, validate('param', idParam), validate('query', copyQuery), async (c) => {
    const found = await assessmentFor(c, c.req.valid('param').id);
    return staffCopy(c, found, c.req.valid('query'), false);
  })

  .post('/assess/:id/copy-code', assessors, validate('param', idParam), validate('form', codeBody), async (c) => {
    const found = await assessmentFor(c, c.req.valid('param').id);
    return staffCopy(c, found, c.req.valid('form'), true);
  })

  .get('/my-assessment', publicRoute, validate('query', langQuery), (c) => {
    const locale = pickLocale(LOCALES, c.req.valid('query').lang, fromAcceptLanguage(c.req.header('accept-language')));
    return c.html(html(<MyAssessmentPage locale={locale} values={{ code: '', 'birth-day': '', 'birth-month': '', 'birth-year': '' }} errors={[]} />));
  })

  .post('/my-assessment', publicRoute, validate('query', langQuery), validate('form', myBody), async (c) => {
    const locale = pickLocale(LOCALES, c.req.valid('query').lang, fromAcceptLanguage(c.req.header('accept-language')));
    const msg = messages(locale);
    const body = c.req.valid('form');
    // What was typed stays in the boxes, the code too: it is the person's own, on their own screen.
    const values: MyAssessmentValues = { code: body.code, 'birth-day': body['birth-day'], 'birth-month': body['birth-month'], 'birth-year': body['birth-year'] };
    const again = (errors: { fieldId: string; message: string }[]) => c.html(html(<MyAssessmentPage locale={locale} values={values} errors={errors} />), 422);
    const tooMany = () => c.html(html(<TooManyTriesPage locale={locale} />), 429);

    const errors: { fieldId: string; message: string }[] = [];
    const code = normaliseCopyCode(body.code);
    if (body.code.trim() === '') errors.push({ fieldId: 'code', message: msg.myMissingCode });
    else if (!code) errors.push({ fieldId: 'code', message: msg.myBadCode });
    const birth = birthDateFrom(values, msg);
    if ('message' in birth) errors.push(birth);
    if (errors.length > 0 || !code || !('iso' in birth)) return again(errors);

    if (!(await allowSubmission(c, 'my-assessment'))) return tooMany();
    // One answer for a wrong code, a wrong date of birth, a stopped code or a deleted assessment: which
    // it was would tell someone guessing what to keep.
    const refused = async () => ((await allowFailedCopyAttempt(c)) ? again([{ fieldId: 'code', message: msg.myWrong }]) : tooMany());

    const db = database(c.env.DB);
    const keys = ring(c);
    const stored = await findCopyCode(db, keys, code);
    if (!stored) return refused();
    const record = await loadAssessment(db, stored.assessmentId);
    if (!record || record.assessment.status === 'deleted' || record.assessment.deletedAt !== null || record.person.deletedAt !== null || !copyVersion(record)) return refused();
    const born = await keys.open(record.person.birthDateSealed, sealContext.personBirthDate(record.person.id));
    if (!sameSecret(born, birth.iso)) {
      await wrongBirthDate(db, stored.codeHash, record.assessment.id);
      return refused();
    }
    // Everything, the risk and safety section too: it is the person's own information.
    const content = await copyContent(db, keys, record);
    if (!content) return refused();
    const copyLocale = asLocale(body['copy-lang']) ?? asLocale(record.person.language) ?? locale;
    const easy = body.read === 'easy';
    await viewedByPerson(db, stored.codeHash, record.assessment.id, `version ${content.version.number}, ${copyLocale}${easy ? ', easy read' : ''}`);
    c.header('Cache-Control', 'no-store');
    return c.html(html(<MyCopyPage locale={copyLocale} easy={easy} values={values} record={record} content={content} />));
  });

// The action form: what the browser posts (lenient, so a mistake is a 422 with the form kept, not a
// bare 400), the rules a saved action keeps (strict, in plain words), and the field each rule names.
import { z } from 'zod';
import { ACTION_STATUSES } from '../../db/reports-schema';
import { dayFields, dayInput } from '../../forms/day-input';
import { parseQuarter, quarterKey, ukDay } from '../period';
import type { ActionChoices, ActionFields, EvidenceQuote } from './queries';

// As long as the 64 KB body limit lets through, so an over-long box is the rules' 422 with the form kept, not a bare 400.
const text = z.string().max(65_536).optional().default('');
const oneOrMany = z
  .union([z.string().max(100), z.array(z.string().max(100)).max(200)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** The posted form, as typed. Every field optional: an empty one is the person's mistake to fix. */
export const actionBody = z.object({
  csrf: z.string().max(100),
  objective: text,
  theme: text,
  'you-said-en': text,
  'you-said-ar': text,
  'we-did-en': text,
  'we-did-ar': text,
  organisation: text,
  status: text,
  'acted-day': text,
  'acted-month': text,
  'acted-year': text,
  'evidence-quarter': text,
  published: text,
  evidence: oneOrMany,
  /** "refresh" re-shows the form with the quotes for the objective or theme now chosen; nothing is saved. */
  intent: z.enum(['save', 'refresh']).optional().default('save'),
});
export type ActionBody = z.infer<typeof actionBody>;

export const MAX_TEXT = 1000;

/** A box of words: `name` says which in a message; `empty` is the message when it is required and blank. */
const words = (name: string, empty?: string) => {
  const s = z.string().trim().max(MAX_TEXT, `${name} must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`);
  return empty ? s.min(1, empty) : s;
};
const optionalId = z
  .string()
  .trim()
  .max(200)
  .transform((v) => v || null);

/** The rules of a saved action, in plain words. `now` decides what "today" is. */
export function actionFields(now: number) {
  return z.object({
      // Its own object, so "one or the other" is checked even when another field is wrong.
      about: z
        .object({ objectiveId: optionalId, themeId: optionalId })
        .refine((a) => a.objectiveId !== null || a.themeId !== null, { path: ['objectiveId'], message: 'Choose an objective or a theme, or both' }),
      youSaid: z.object({ en: words('“You said” in English', 'Enter what people said, in English'), ar: words('“You said” in Arabic') }),
      weDid: z.object({ en: words('“We did” in English', 'Enter what was done, in English'), ar: words('“We did” in Arabic') }),
      organisationId: z.string().trim().min(1, 'Choose the organisation that did it'),
      status: z.enum(ACTION_STATUSES, { error: 'Choose how it is going' }),
      actedOn: dayInput({ missing: 'Enter the date it was done, or last moved on', notAfter: ukDay(now) }),
      evidenceQuarter: z
        .string()
        .trim()
        .transform((v) => v || null)
        .pipe(quarterKey.refine((k) => parseQuarter(k) !== undefined, 'Choose a quarter from the list').nullable()),
      published: z.boolean(),
      evidence: z.array(z.string().regex(/^\d{1,15}$/, 'Choose quotes from the list').transform(Number)).max(100, 'Choose at most 100 quotes'),
    });
}

/** From the form's names to the shape the rules read. */
export function fieldsFromBody(b: ActionBody) {
  return {
    about: { objectiveId: b.objective, themeId: b.theme },
    youSaid: { en: b['you-said-en'], ar: b['you-said-ar'] },
    weDid: { en: b['we-did-en'], ar: b['we-did-ar'] },
    organisationId: b.organisation,
    status: b.status,
    actedOn: { day: b['acted-day'], month: b['acted-month'], year: b['acted-year'] },
    evidenceQuarter: b['evidence-quarter'],
    published: b.published === 'yes',
    evidence: b.evidence,
  };
}

/** The form field a rule's path names, so the error summary links to it. */
const FIELD_IDS: Record<string, string> = {
  'about.objectiveId': 'objective',
  'about.themeId': 'theme',
  'youSaid.en': 'you-said-en',
  'youSaid.ar': 'you-said-ar',
  'weDid.en': 'we-did-en',
  'weDid.ar': 'we-did-ar',
  organisationId: 'organisation',
  status: 'status-0',
  'actedOn.day': 'acted-day',
  'actedOn.month': 'acted-month',
  'actedOn.year': 'acted-year',
  evidenceQuarter: 'evidence-quarter',
  evidence: 'evidence',
};

export interface FormError {
  fieldId: string;
  message: string;
}

/** The form's values back as the fields' names, for showing the saved action on the form. */
export function bodyFromAction(a: ActionFields): Record<string, string | string[]> {
  const acted = dayFields(a.actedOn);
  return {
    objective: a.objectiveId ?? '',
    theme: a.themeId ?? '',
    'you-said-en': a.youSaid.en,
    'you-said-ar': a.youSaid.ar ?? '',
    'we-did-en': a.weDid.en,
    'we-did-ar': a.weDid.ar ?? '',
    organisation: a.organisationId,
    status: a.status,
    'acted-day': acted.day,
    'acted-month': acted.month,
    'acted-year': acted.year,
    'evidence-quarter': a.evidenceQuarter ?? '',
    published: a.published ? 'yes' : '',
    evidence: a.evidence.map(String),
  };
}

/**
 * Checks a posted form against the rules and against what the selects offer; the quotes offered
 * are `offered` (computed for the objective or theme posted). Returns the fields or the errors.
 */
export function checkAction(body: ActionBody, choices: ActionChoices, offered: EvidenceQuote[], now: number): { fields: ActionFields; errors?: undefined } | { errors: FormError[] } {
  const parsed = actionFields(now).safeParse(fieldsFromBody(body));
  const errors: FormError[] = [];
  const add = (fieldId: string, message: string) => {
    if (!errors.some((e) => e.fieldId === fieldId)) errors.push({ fieldId, message });
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(FIELD_IDS[issue.path.join('.')] ?? FIELD_IDS[String(issue.path[0])] ?? 'objective', issue.message);
  }
  const has = (list: { value: string }[], v: string) => list.some((c) => c.value === v);
  if (body.objective.trim() && !has(choices.objectives, body.objective.trim())) add('objective', 'Choose an objective from the list');
  if (body.theme.trim() && !has(choices.themes, body.theme.trim())) add('theme', 'Choose a theme from the list');
  if (body.organisation.trim() && !has(choices.organisations, body.organisation.trim())) add('organisation', 'Choose an organisation from the list');
  const offeredIds = new Set(offered.map((q) => String(q.id)));
  if (body.evidence.some((id) => !offeredIds.has(id))) add('evidence', 'Choose quotes from the list: one you chose is no longer an approved quote for this objective or theme');
  if (errors.length > 0 || !parsed.success) return { errors: sortByForm(errors) };
  const { about, ...f } = parsed.data;
  return {
    fields: {
      ...f,
      ...about,
      youSaid: f.youSaid.ar ? { en: f.youSaid.en, ar: f.youSaid.ar } : { en: f.youSaid.en },
      weDid: f.weDid.ar ? { en: f.weDid.en, ar: f.weDid.ar } : { en: f.weDid.en },
      organisationId: f.organisationId,
      evidence: [...new Set(f.evidence)],
    },
  };
}

const ORDER = ['objective', 'theme', 'you-said-en', 'you-said-ar', 'we-did-en', 'we-did-ar', 'organisation', 'status-0', 'acted-day', 'acted-month', 'acted-year', 'evidence-quarter', 'evidence'];
/** The error summary lists problems in the order of the fields on the page. */
function sortByForm(errors: FormError[]): FormError[] {
  return [...errors].sort((a, b) => ORDER.indexOf(a.fieldId) - ORDER.indexOf(b.fieldId));
}

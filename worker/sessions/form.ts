// The session form: what the browser posts (lenient, so a mistake is a 422 with everything typed kept),
// and the rules a saved session keeps, in plain words, each naming the field it is about.
import { z } from 'zod';
import { dayInput } from '../forms/day-input';
import { LOCALES, type Locale } from '../forms/definition';
import type { SessionFields } from './queries';

// As long as the body limit lets through, so an over-long box is a rule's 422, not a bare 400. A field
// sent twice (a hand-made or replayed post) arrives as a list: kept, and named in a 422 by checkSession.
const text = z
  .union([z.string().max(65_536), z.array(z.string().max(65_536)).max(100)])
  .optional()
  .transform((v) => v ?? '');
/** A one-value field's value: its first, when it was sent more than once. */
export const first = (v: string | string[]): string => (Array.isArray(v) ? (v[0] ?? '') : v);
// As lenient as a posted form can be (validate.ts formFields): an odd value is "choose from the list", a 422.
const oneOrMany = z
  .union([z.string().max(20_000), z.array(z.string().max(20_000)).max(100)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const sessionBody = z.object({
  csrf: text,
  name: text,
  place: text,
  'held-day': text,
  'held-month': text,
  'held-year': text,
  organisation: text,
  form: text,
  languages: oneOrMany,
  kiosk: text,
  'kiosk-idle': text,
  'kiosk-pin': text,
  'remove-pin': text,
  'next-steps': text,
});
export type SessionBody = z.infer<typeof sessionBody>;

export interface FormError {
  fieldId: string;
  message: string;
}

/** The choices the form offers: the organisations this facilitator runs sessions for, and the live forms. */
export interface SessionChoices {
  organisations: { value: string; label: string }[];
  forms: { value: string; label: string; locales: Locale[] }[];
}

// Half a minute at least: a short time suits a busy stand (and lets a test watch a reset happen).
export const IDLE_MINUTES = { min: 0.5, max: 30, default: 2 } as const;

/** A kiosk's idle time as staff read it: "2 minutes", "30 seconds". */
export function idleText(seconds: number): string {
  if (seconds % 60 !== 0) return `${seconds} seconds`;
  return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`;
}

const words = (name: string, max: number, empty?: string) => {
  const s = z.string().trim().max(max, `${name} must be ${max.toLocaleString('en-GB')} characters or fewer`);
  return empty ? s.min(1, empty) : s;
};

const rules = z.object({
  name: words('Name', 120, 'Enter a name for the session, like “Festival of Feedback”'),
  place: words('Place', 200, 'Enter where it is held, like “Old Fire Station, Oxford”'),
  heldOn: dayInput({ missing: 'Enter the day the session is held', fromYear: 2020 }),
  organisationId: z.string().trim().min(1, 'Choose whose session it is'),
  formId: z.string().trim().min(1, 'Choose the form people will fill in'),
  languages: z.array(z.enum(LOCALES, { error: 'Choose languages from the list' })).min(1, 'Choose at least one language'),
  kiosk: z.enum(['yes', 'no'], { error: 'Say whether tablets will run as kiosks' }),
  idleMinutes: z
    .string()
    .trim()
    .regex(/^\d{1,3}(\.5)?$/, 'Enter the minutes as a whole number, like 2, or a half, like 0.5')
    .transform(Number)
    .refine((n) => n >= IDLE_MINUTES.min && n <= IDLE_MINUTES.max, `Enter between ${IDLE_MINUTES.min} and ${IDLE_MINUTES.max} minutes`),
  pin: z
    .string()
    .trim()
    .regex(/^(\d{4,8})?$/, 'Enter a PIN of 4 to 8 digits, or leave it empty'),
  nextSteps: words('What happens next', 2000),
});

const FIELD_IDS: Record<string, string> = {
  name: 'name',
  place: 'place',
  'heldOn.day': 'held-day',
  'heldOn.month': 'held-month',
  'heldOn.year': 'held-year',
  organisationId: 'organisation',
  formId: 'form',
  languages: 'languages-0',
  kiosk: 'kiosk-0',
  idleMinutes: 'kiosk-idle',
  pin: 'kiosk-pin',
  nextSteps: 'next-steps',
};
const ORDER = Object.values(FIELD_IDS);

export interface CheckedSession {
  fields: Omit<SessionFields, 'kioskPinHash'>;
  /** A new PIN as typed (to be hashed), '' to remove the one set, undefined to keep it. */
  pin?: string;
}

// What a repeated field is called in its error, by the id the summary links to.
const ONE_VALUE: Record<string, [fieldId: string, label: string]> = {
  name: ['name', 'Name'],
  place: ['place', 'Place'],
  'held-day': ['held-day', 'Day'],
  'held-month': ['held-month', 'Month'],
  'held-year': ['held-year', 'Year'],
  organisation: ['organisation', 'Whose session it is'],
  form: ['form', 'Form'],
  kiosk: ['kiosk-0', 'Whether tablets run as kiosks'],
  'kiosk-idle': ['kiosk-idle', 'Minutes before a kiosk clears itself'],
  'kiosk-pin': ['kiosk-pin', 'PIN'],
  'remove-pin': ['kiosk-pin', 'Remove the PIN'],
  'next-steps': ['next-steps', 'What happens next'],
};

/** Checks a posted session against the rules and the choices offered; returns the fields or the errors. */
export function checkSession(posted: SessionBody, choices: SessionChoices): { ok: CheckedSession; errors?: undefined } | { errors: FormError[] } {
  // The same value twice is no conflict; two different ones are for the person to settle.
  const repeated = Object.entries(ONE_VALUE).filter(([name]) => {
    const v = posted[name as keyof SessionBody];
    return Array.isArray(v) && new Set(v).size > 1;
  });
  const body = Object.fromEntries(Object.entries(posted).map(([k, v]) => [k, k === 'languages' ? v : first(v)])) as Record<keyof SessionBody, string> & { languages: string[] };
  const parsed = rules.safeParse({
    name: body.name,
    place: body.place,
    heldOn: { day: body['held-day'], month: body['held-month'], year: body['held-year'] },
    organisationId: body.organisation,
    formId: body.form,
    languages: body.languages,
    kiosk: body.kiosk,
    idleMinutes: body['kiosk-idle'] || String(IDLE_MINUTES.default),
    pin: body['kiosk-pin'],
    nextSteps: body['next-steps'],
  });
  const errors: FormError[] = [];
  const add = (fieldId: string, message: string) => {
    if (!errors.some((e) => e.fieldId === fieldId)) errors.push({ fieldId, message });
  };
  for (const [, [fieldId, label]] of repeated) add(fieldId, `${label} was sent more than once: check it and save again`);
  if (!parsed.success) for (const issue of parsed.error.issues) add(FIELD_IDS[issue.path.join('.')] ?? FIELD_IDS[String(issue.path[0])] ?? 'name', issue.message);
  const organisation = body.organisation.trim();
  if (organisation && !choices.organisations.some((o) => o.value === organisation)) add('organisation', 'Choose an organisation you run sessions for');
  const form = choices.forms.find((f) => f.value === body.form.trim());
  if (body.form.trim() && !form) add('form', 'Choose a form from the list: that one is not open for feedback');
  if (form && parsed.success && !parsed.data.languages.some((l) => form.locales.includes(l))) {
    add('languages-0', `The form you chose is not written in any of those languages. Choose at least one of the form's languages`);
  }
  if (errors.length > 0 || !parsed.success) return { errors: [...errors].sort((a, b) => ORDER.indexOf(a.fieldId) - ORDER.indexOf(b.fieldId)) };
  const d = parsed.data;
  // Only the form's languages, in the order the form gives them: the switch lists them that way.
  const languages = form!.locales.filter((l) => d.languages.includes(l));
  return {
    ok: {
      fields: {
        name: d.name,
        place: d.place,
        heldOn: d.heldOn,
        organisationId: d.organisationId,
        formId: d.formId,
        languages,
        kiosk: d.kiosk === 'yes',
        kioskIdleSeconds: Math.round(d.idleMinutes * 60),
        nextSteps: d.nextSteps || null,
      },
      pin: d.pin ? d.pin : body['remove-pin'] === 'yes' ? '' : undefined,
    },
  };
}

// The form definition model: one zod schema that validates seeded and imported forms,
// types the runner, and is exported as JSON Schema at /forms/schema.json.
import { z } from 'zod';

export const LOCALES = ['en', 'ar', 'pl', 'ro'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'Use lower-case letters, digits and hyphens, starting with a letter');

/** Text in each language the form offers; English is always present and is the fallback. */
export const localisedText = z
  .object({ en: z.string().min(1) })
  .catchall(z.string().min(1))
  .describe('Text keyed by language code (en, ar, ...)');
export type LocalisedText = z.infer<typeof localisedText>;

/** Show a question or page only when an earlier answer is one of these values. */
export const showWhen = z.object({
  question: id,
  anyOf: z.array(z.string().min(1)).min(1),
});
export type ShowWhen = z.infer<typeof showWhen>;

const option = z.object({
  value: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  label: localisedText,
  hint: localisedText.optional(),
  /** Ticking this clears every other box ("None of these", "Prefer not to say"). */
  exclusive: z.boolean().optional(),
  /** On a question that names the service: the organisation (its id) this option means. */
  organisation: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional(),
});
export type Option = z.infer<typeof option>;

const questionBase = {
  id,
  label: localisedText,
  hint: localisedText.optional(),
  /** Plainer wording shown when the person chooses Easy Read. */
  easyRead: localisedText.optional(),
  required: z.boolean().default(true),
  showWhen: showWhen.optional(),
};

export const question = z.discriminatedUnion('type', [
  z.object({ ...questionBase, type: z.literal('short_text'), maxLength: z.number().int().min(1).max(500).default(200) }),
  z.object({ ...questionBase, type: z.literal('long_text'), maxLength: z.number().int().min(1).max(5000).default(2000) }),
  z.object({
    ...questionBase,
    type: z.literal('single_choice'),
    options: z.array(option).min(2),
    /**
     * The answer names the organisation the feedback is about: reports count the response for the
     * chosen option's `organisation` (a session's organisation comes first).
     */
    namesService: z.boolean().optional(),
  }),
  z.object({ ...questionBase, type: z.literal('multiple_choice'), options: z.array(option).min(2) }),
  z.object({
    ...questionBase,
    type: z.literal('rating'),
    /** Worded points of the scale, lowest first: every point has words, not just a number. */
    options: z.array(option).min(2).max(11),
  }),
  z.object({ ...questionBase, type: z.literal('yes_no') }),
  z.object({
    ...questionBase,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(true),
  }),
  z.object({ ...questionBase, type: z.literal('date'), notInFuture: z.boolean().default(false) }),
  z.object({
    id,
    type: z.literal('info'),
    label: localisedText,
    body: z.array(localisedText).min(1),
    showWhen: showWhen.optional(),
  }),
  z.object({
    ...questionBase,
    type: z.literal('consent'),
    /** The statement the person agrees to by ticking the box. */
    statement: localisedText,
  }),
]);
export type Question = z.infer<typeof question>;
export type AnswerableQuestion = Exclude<Question, { type: 'info' }>;

/** A feedback page asks a few things at a time (GOV.UK's "one thing per page", loosely); an assessment section asks more. */
export const FEEDBACK_QUESTIONS_PER_PAGE = 5;

export const page = z.object({
  id,
  questions: z.array(question).min(1).max(15),
  showWhen: showWhen.optional(),
  /** An assessment section's heading (a feedback page has none: its questions are its heading). */
  title: localisedText.optional(),
  /** An assessment section the assessor can limit to named roles (risk and safety). */
  restrictable: z.boolean().optional(),
});
export type Page = z.infer<typeof page>;

export const formDefinition = z
  .object({
    title: localisedText,
    /** What the form is for, shown on the start page. */
    purpose: localisedText,
    /** How the answers are used, shown on the start page. */
    howAnswersAreUsed: localisedText,
    locales: z.array(localeSchema).min(1),
    pages: z.array(page).min(1).max(100),
  })
  .superRefine((form, ctx) => {
    // Conditions may only read questions on earlier pages: a page is answered as a whole.
    const seen = new Map<string, Question>();
    const onEarlierPages = new Set<string>();
    const pageIds = new Set<string>();
    const checkCondition = (cond: ShowWhen | undefined, path: (string | number)[]) => {
      if (!cond) return;
      const target = seen.get(cond.question);
      if (!target || !onEarlierPages.has(cond.question)) {
        ctx.addIssue({ code: 'custom', path, message: `showWhen must refer to a question on an earlier page, not "${cond.question}"` });
      } else if (target.type === 'info') {
        ctx.addIssue({ code: 'custom', path, message: `showWhen cannot refer to an information block` });
      }
    };
    form.pages.forEach((p, pi) => {
      if (pageIds.has(p.id)) ctx.addIssue({ code: 'custom', path: ['pages', pi, 'id'], message: `Page id "${p.id}" is used twice` });
      pageIds.add(p.id);
      checkCondition(p.showWhen, ['pages', pi, 'showWhen']);
      p.questions.forEach((q, qi) => {
        const path = ['pages', pi, 'questions', qi];
        checkCondition(q.showWhen, [...path, 'showWhen']);
        if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `Question id "${q.id}" is used twice` });
        seen.set(q.id, q);
        if ('options' in q) {
          const values = q.options.map((o) => o.value);
          if (new Set(values).size !== values.length) ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: 'Option values must be unique' });
        }
        for (const missing of missingLocales(q, form.locales)) {
          ctx.addIssue({ code: 'custom', path, message: `Missing "${missing}" text` });
        }
      });
      for (const q of p.questions) onEarlierPages.add(q.id);
    });
    const naming = form.pages.flatMap((p) => p.questions).filter((q) => q.type === 'single_choice' && q.namesService);
    if (naming.length > 1) ctx.addIssue({ code: 'custom', path: ['pages'], message: 'Only one question may name the service' });
    for (const q of naming) {
      if (q.type === 'single_choice' && !q.options.some((o) => o.organisation)) {
        ctx.addIssue({ code: 'custom', path: ['pages'], message: `Question "${q.id}" names the service, so at least one option needs an organisation` });
      }
    }
  });
export type FormDefinition = z.infer<typeof formDefinition>;

/** Every locale a form declares must be present in each of a question's texts. */
function missingLocales(q: Question, locales: readonly string[]): string[] {
  const texts: LocalisedText[] = [q.label];
  if ('hint' in q && q.hint) texts.push(q.hint);
  if ('easyRead' in q && q.easyRead) texts.push(q.easyRead);
  if ('statement' in q) texts.push(q.statement);
  if ('options' in q) for (const o of q.options) texts.push(o.label);
  if (q.type === 'info') texts.push(...q.body);
  return locales.filter((l) => texts.some((t) => !t[l]));
}

/** The organisation an answer names, when the form has a question marked `namesService`. */
export function organisationNamed(form: FormDefinition, answers: Record<string, unknown>): string | undefined {
  for (const p of form.pages) {
    for (const q of p.questions) {
      if (q.type !== 'single_choice' || !q.namesService) continue;
      const chosen = answers[q.id];
      return q.options.find((o) => o.value === chosen)?.organisation;
    }
  }
  return undefined;
}

export function isAnswerable(q: Question): q is AnswerableQuestion {
  return q.type !== 'info';
}

/** Picks the text for a locale, falling back to English. */
export function t(text: LocalisedText, locale: string): string {
  return text[locale] ?? text.en;
}

/** The definition as JSON Schema, so forms can be written and checked outside the app. */
export function formDefinitionJsonSchema() {
  return z.toJSONSchema(formDefinition, { io: 'input', unrepresentable: 'any' });
}

// The shape of a demo response and of what a moderator would make of it, as zod schemas.
// Every type the demo corpus uses is inferred from these.
import { z } from 'zod';
import { CHANNELS } from '../../worker/db/schema';
import { localeSchema } from '../../worker/forms/definition';

export const SAFEGUARDING_CATEGORIES = ['self-harm', 'suicide', 'abuse', 'violence', 'exploitation', 'unsafe', 'danger'] as const;
export const safeguardingCategory = z.enum(SAFEGUARDING_CATEGORIES);
export type SafeguardingKind = z.infer<typeof safeguardingCategory>;

export const PERSONAL_DETAIL_KINDS = ['name', 'phone', 'email', 'postcode', 'address', 'dob', 'nhs', 'ni', 'staff', 'place'] as const;
export const personalDetailKind = z.enum(PERSONAL_DETAIL_KINDS);
export type PersonalKind = z.infer<typeof personalDetailKind>;

export const MODERATION_STATUSES = ['new', 'in-review', 'done', 'excluded'] as const;
export const moderationStatus = z.enum(MODERATION_STATUSES);

export const DEMO_FORMS = ['festival-of-feedback', 'service-feedback'] as const;

const questionId = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/);
const objectiveCode = z.string().regex(/^\d\.\d$/, 'A countywide objective code such as 5.6');
const themeSlug = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/);

/** A character range of one answer: [start, end) in UTF-16 code units, as String.prototype.slice reads it. */
export const answerRange = z
  .object({ questionId, start: z.number().int().min(0), end: z.number().int().min(1) })
  .refine((r) => r.start < r.end, 'A range must not be empty');
export type AnswerRange = z.infer<typeof answerRange>;

export const demoTag = z
  .object({ questionId, start: z.number().int().min(0), end: z.number().int().min(1), objectives: z.array(objectiveCode), themes: z.array(themeSlug) })
  .refine((t) => t.start < t.end, 'A tag must cover some text')
  .refine((t) => t.objectives.length + t.themes.length > 0, 'A tag names at least one objective or theme');
export type DemoTag = z.infer<typeof demoTag>;

export const demoModeration = z
  .object({
    status: moderationStatus,
    excludedReason: z.string().min(1).optional(),
    tags: z.array(demoTag),
    approvedQuotes: z.array(answerRange),
  })
  .refine((m) => (m.status === 'excluded') === (m.excludedReason !== undefined), 'An excluded response, and only one, has a reason');
export type DemoModeration = z.infer<typeof demoModeration>;

export const expectedPersonalDetail = z.object({ questionId, text: z.string().min(1), kind: personalDetailKind });
export type ExpectedPersonalDetail = z.infer<typeof expectedPersonalDetail>;

/** What redaction and triage should find in the response: the answer key for tests and the bench. */
export const demoExpect = z.object({
  safeguarding: z.array(safeguardingCategory),
  personalDetails: z.array(expectedPersonalDetail),
});
export type DemoExpect = z.infer<typeof demoExpect>;

export const demoResponse = z.object({
  /** Stable and UUID-shaped, derived from the seed and the response's position. */
  id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
  formSlug: z.enum(DEMO_FORMS),
  locale: localeSchema,
  channel: z.enum(CHANNELS),
  /** Milliseconds, always the start of an hour (responses keep only the hour). */
  submittedAt: z
    .number()
    .int()
    .refine((ms) => ms % 3_600_000 === 0, 'submittedAt is the start of an hour'),
  answers: z.record(questionId, z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])),
  consentToQuote: z.boolean(),
  moderation: demoModeration,
  expect: demoExpect,
});
export type DemoResponse = z.infer<typeof demoResponse>;

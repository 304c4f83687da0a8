// The safeguarding signal list: data an admin edits, never code. One row per phrase.
// The same shape is the seed file (seeds/moderation/safeguarding-signals.json) and the rows of
// the D1 table `safeguarding_signals` (one column per field; `unless` as JSON, booleans as 0/1).
import { z } from 'zod';
import { compilePhrase } from './phrase';

export const categories = ['self-harm', 'suicide', 'abuse', 'violence', 'exploitation', 'unsafe', 'danger'] as const;
export const category = z.enum(categories);
export type Category = z.infer<typeof category>;

const phrase = z.string().trim().min(1).superRefine((value, ctx) => {
  try {
    compilePhrase(value);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
  }
});

export const safeguardingSignal = z.object({
  /** stable, so an edit or an audit entry can name the row */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** a category raises a concern; "everyday" marks a common phrase whose words never count ("the wait killed me") */
  category: z.union([category, z.literal('everyday')]),
  /** words with * and | and ..., see worker/moderate/phrase.ts */
  phrase,
  language: z.enum(['en', 'ar', 'pl', 'ro']).default('en'),
  /** phrases that, anywhere in the same sentence, mean this is not a concern ("cut myself" unless "shaving") */
  unless: z.array(phrase).default([]),
  /** false when a "not" before the phrase does not cancel it (the phrase already says "don't want to live") */
  negatable: z.boolean().default(true),
  /** shown to the moderator beside the words, in plain words */
  why: z.string().trim().min(1),
  enabled: z.boolean().default(true),
});
export type SafeguardingSignal = z.infer<typeof safeguardingSignal>;

export const safeguardingSignals = z
  .array(safeguardingSignal)
  .refine((rows) => new Set(rows.map((r) => r.id)).size === rows.length, 'Signal ids must be unique');

const jsonArray = z.preprocess((v) => (v == null ? [] : typeof v === 'string' ? JSON.parse(v) : v), z.array(z.string()));
const flag = z.preprocess((v) => (typeof v === 'number' ? v !== 0 : v), z.boolean());

/** Reads rows as D1 returns them (arrays as JSON text, booleans as 0 or 1) into checked signals. */
export const safeguardingSignalRow = safeguardingSignal.extend({
  unless: jsonArray.pipe(z.array(phrase)).default([]),
  negatable: flag.default(true),
  enabled: flag.default(true),
});
export function signalsFromRows(rows: unknown[]): SafeguardingSignal[] {
  return safeguardingSignals.parse(rows.map((r) => safeguardingSignalRow.parse(r)));
}

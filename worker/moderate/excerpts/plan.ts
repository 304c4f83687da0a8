// "Tag part of this answer": the posted form, and what it changes. Registered in ../routes.tsx
// through the same changeRoute as every other change (version check, 409, audit, redirect).
import { z } from 'zod';
import type { Database } from '../../db/client';
import { Problem } from '../../http/problems';
import { choicesFor, type ResponseInContext } from '../queries';
import type { PageError } from '../views/response';
import { excerptTagStatements, rangesOf, type PartChoice } from './queries';

const empty = z.literal('').transform(() => undefined);
const offset = z.string().regex(/^\d{1,6}$/).transform(Number).optional().or(empty);
const oneOrMany = z.union([z.string().max(6), z.array(z.string().max(6)).max(500)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const excerptBody = z.object({
  version: z.coerce.number().int().min(0),
  question: z.string().max(100),
  /** Sentence numbers, from the checkboxes (without JavaScript). */
  sentence: oneOrMany.optional(),
  /** A selection over the redacted text, from the island; when given it wins over sentences. */
  start: offset,
  end: offset,
  objective: z.string().max(200).optional(),
  theme: z.string().max(200).optional(),
});
export type ExcerptBody = z.infer<typeof excerptBody>;

/** What was chosen on a refused form, so the page shows it again. */
export interface PartDraft {
  question: string;
  sentences: number[];
  objective?: string;
  theme?: string;
}

export const partFieldId = (questionId: string) => `part-${questionId}`;
export const partCodeFieldId = (questionId: string) => `part-objective-${questionId}`;

export function draftOf(posted: unknown): PartDraft | undefined {
  const parsed = excerptBody.safeParse(posted);
  if (!parsed.success) return undefined;
  const b = parsed.data;
  return { question: b.question, sentences: (b.sentence ?? []).map(Number).filter(Number.isInteger), objective: b.objective, theme: b.theme };
}

export async function planExcerpt(db: Database, r: ResponseInContext, body: ExcerptBody, me: string) {
  const text = r.texts[body.question];
  if (!text) throw new Problem('not-found');
  const choice: PartChoice | undefined =
    body.start !== undefined && body.end !== undefined ? { start: body.start, end: body.end } : body.sentence?.length ? { sentences: body.sentence.map(Number) } : undefined;
  const errors: PageError[] = [];
  const ranges = choice && rangesOf(text.redacted, choice);
  if (!ranges) errors.push({ fieldId: partFieldId(body.question), message: choice ? 'Choose a part of this answer as it is now' : 'Choose the part of the answer to tag' });
  const codebook = await choicesFor(db);
  const objectiveId = body.objective && codebook.objectives.some((o) => o.value === body.objective) ? body.objective : undefined;
  const themeId = body.theme && codebook.themes.some((t) => t.value === body.theme) ? body.theme : undefined;
  if (!objectiveId && !themeId) errors.push({ fieldId: partCodeFieldId(body.question), message: 'Choose an objective or a theme for the part you chose' });
  if (!ranges || errors.length) return errors;
  return {
    statements: excerptTagStatements(db, r.id, body.question, text.redacted, ranges, { objectiveId, themeId }, me),
    action: 'moderation.excerpt-tagged',
    detail: [`ranges=${ranges.map((x) => `${x.start}-${x.end}`).join(',')}`, objectiveId && `objective=${objectiveId}`, themeId && `theme=${themeId}`].filter(Boolean).join(' '),
  };
}

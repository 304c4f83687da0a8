// A frozen quarter: the report's figures after suppression, as numbers and ids only (no text: labels
// come from the framework, the forms and the codebook when it is opened). Checked by zod both ways.
import { z } from 'zod';
import { CHANNELS } from '../../db/schema';
import type { ObjectiveDetail } from '../detail';
import type { Overview } from '../figures';
import type { Shown } from '../suppress';

export const shownSchema: z.ZodType<Shown> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), value: z.number().int().min(0) }),
  z.object({ kind: z.literal('fewer'), than: z.number().int().min(2) }),
  z.object({ kind: z.literal('at-least'), value: z.number().int().min(0), small: z.number().int().min(1) }),
  z.object({ kind: z.literal('not-shown') }),
]);

export const snapshotFigures = z.object({
  version: z.literal(1),
  threshold: z.number().int(),
  method: z.object({ responses: shownSchema, moderated: shownSchema, tagged: shownSchema }),
  objectives: z.array(
    z.object({
      id: z.string(),
      responses: shownSchema,
      excerpts: shownSchema,
      channels: z.array(z.object({ channel: z.enum(CHANNELS), shown: shownSchema })),
      channelsWithheld: z.boolean(),
      ratings: z.array(z.object({ questionId: z.string(), points: z.array(z.object({ value: z.string(), shown: shownSchema })), noRating: shownSchema, withheld: z.boolean() })),
      themes: z.array(z.object({ id: z.string(), shown: shownSchema })),
    }),
  ),
});
export type SnapshotFigures = z.infer<typeof snapshotFigures>;

export function freezeFigures(overview: Overview, details: Map<string, ObjectiveDetail>): SnapshotFigures {
  return snapshotFigures.parse({
    version: 1,
    threshold: overview.method.threshold,
    method: { responses: overview.method.responses, moderated: overview.method.moderated, tagged: overview.method.tagged },
    objectives: overview.objectives.map((o) => {
      const d = details.get(o.id);
      return {
        id: o.id,
        responses: o.responses,
        excerpts: o.excerpts,
        channels: o.channels,
        channelsWithheld: o.channelsWithheld,
        ratings: (d?.ratings ?? []).map((r) => ({ questionId: r.question.id, points: r.points.map((p) => ({ value: p.value, shown: p.shown })), noRating: r.noRating, withheld: r.withheld })),
        themes: (d?.themes ?? []).map((t) => ({ id: t.id, shown: t.shown })),
      };
    }),
  });
}

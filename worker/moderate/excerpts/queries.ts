// Excerpts made from part of an answer: which ranges a posted choice means, and the statements that
// store them with their tags. Ranges are over the REDACTED text, and an excerpt's text is that slice.
import type { Database } from '../../db/client';
import { consecutiveRuns, snapToWords, splitSentences } from './sentences';

export interface Range {
  start: number;
  end: number;
}

/** How a moderator said which part: chosen sentences (without JavaScript), or a selection (the island). */
export type PartChoice = { sentences: number[] } | { start: number; end: number };

/**
 * The excerpt ranges a choice means in `redacted`: one per run of consecutive sentences, or the
 * selection snapped to whole words. Undefined when the choice names nothing in this text.
 */
export function rangesOf(redacted: string, choice: PartChoice): Range[] | undefined {
  if ('sentences' in choice) {
    const sentences = splitSentences(redacted);
    if (choice.sentences.length === 0 || choice.sentences.some((n) => !Number.isInteger(n) || n < 0 || n >= sentences.length)) return undefined;
    return consecutiveRuns(choice.sentences).map((run) => ({ start: sentences[run[0]!]!.start, end: sentences[run[run.length - 1]!]!.end }));
  }
  if (choice.start < 0 || choice.end > redacted.length || choice.end <= choice.start) return undefined;
  const snapped = snapToWords(redacted, choice.start, choice.end);
  return snapped ? [snapped] : undefined;
}

/**
 * Each range becomes an excerpt (made once: the range is unique per answer), and each code a
 * confirmed first-round tag on it unless it is there already. `state: 'rejected'` records a turned-down
 * suggestion instead (a negative example for suggestions, never counted by reports); taking a code
 * drops any earlier turning-down of it there, and turning it down needs it not to be tagged there.
 */
export function excerptTagStatements(
  db: Database,
  id: string,
  questionId: string,
  redacted: string,
  ranges: Range[],
  code: { objectiveId?: string; themeId?: string },
  me: string,
  now = Date.now(),
  how: { source?: 'manual' | 'suggestion'; state?: 'confirmed' | 'rejected' } = {},
) {
  const source = how.source ?? 'manual';
  const state = how.state ?? 'confirmed';
  const d1 = db.$client;
  const excerpt = `(SELECT id FROM excerpts WHERE response_id = ? AND question_id = ? AND start = ? AND "end" = ?)`;
  const out: D1PreparedStatement[] = [];
  for (const { start, end } of ranges) {
    out.push(
      d1
        .prepare('INSERT INTO excerpts (response_id, question_id, start, "end", text, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
        .bind(id, questionId, start, end, redacted.slice(start, end), me, now),
    );
    for (const [column, value] of [
      ['objective_id', code.objectiveId],
      ['theme_id', code.themeId],
    ] as const) {
      if (!value) continue;
      if (state === 'confirmed') {
        out.push(d1.prepare(`DELETE FROM tags WHERE excerpt_id = ${excerpt} AND ${column} = ? AND state = 'rejected'`).bind(id, questionId, start, end, value));
      }
      out.push(
        d1
          .prepare(
            `INSERT INTO tags (excerpt_id, response_id, ${column}, created_by, created_at, source, state, round)
             SELECT ${excerpt}, ?, ?, ?, ?, ?, ?, 'first'
             WHERE NOT EXISTS (SELECT 1 FROM tags WHERE excerpt_id = ${excerpt} AND ${column} = ? AND state IN ('confirmed', ?))`,
          )
          .bind(id, questionId, start, end, id, value, me, now, source, state, id, questionId, start, end, value, state),
      );
    }
  }
  return out;
}

// The original words are temporary (DESIGN.md, "Data"): once a response's moderation has been done
// (or it was excluded) for ORIGINAL_TEXT_RETENTION_DAYS, the scheduled handler replaces each free-text
// answer's original with its redacted copy, marks the copy as all that is left, and deletes the
// answer's redactions (ranges into text that no longer exists). Excerpts, tags and quotes read the
// redacted text, so they stay as they are.
import type { Database } from '../db/client';

const DAY_MS = 86_400_000;
export const RETENTION_CHUNK = 200;

/**
 * One bounded chunk, in one batch (so an answer is never half purged): the first statement marks up
 * to `limit` answers with this run's time, the next two act on the rows carrying that mark. Running
 * again over rows already purged changes nothing. Returns how many answers were purged.
 */
export async function purgeOriginalTextsChunk(db: Database, days: number, now = Date.now(), limit = RETENTION_CHUNK): Promise<number> {
  const d1 = db.$client;
  const cutoff = now - days * DAY_MS;
  const marked = `(response_id, question_id) IN (SELECT response_id, question_id FROM answer_texts WHERE original_purged_at = ?)`;
  const [mark] = await d1.batch([
    d1
      .prepare(
        `UPDATE answer_texts SET original_purged_at = ? WHERE original_purged_at IS NULL AND (response_id, question_id) IN (
           SELECT x.response_id, x.question_id FROM answer_texts x JOIN moderation m ON m.response_id = x.response_id
           WHERE x.original_purged_at IS NULL AND m.status IN ('done', 'excluded') AND m.done_at IS NOT NULL AND m.done_at <= ?
           LIMIT ?)`,
      )
      .bind(now, cutoff, limit),
    d1
      .prepare(
        `UPDATE answers SET value = json_quote((SELECT x.redacted FROM answer_texts x WHERE x.response_id = answers.response_id AND x.question_id = answers.question_id))
         WHERE ${marked}`,
      )
      .bind(now),
    d1.prepare(`DELETE FROM redactions WHERE ${marked}`).bind(now),
    // Flags keep their category and outcome; where the words were means nothing once they are gone.
    d1.prepare(`UPDATE safeguarding_flags SET matches = '[]' WHERE ${marked}`).bind(now),
  ]);
  return mark!.meta.changes ?? 0;
}

/** Every answer due, a chunk at a time, stopping at a short chunk (or after `rounds`; the next run goes on). */
export async function purgeOriginalTexts(db: Database, days: number, now = Date.now(), rounds = 20): Promise<number> {
  let total = 0;
  for (let round = 0; round < rounds; round++) {
    // Each chunk its own mark: a later millisecond, so rows marked by an earlier chunk are not acted on twice.
    const n = await purgeOriginalTextsChunk(db, days, now + round);
    total += n;
    if (n < RETENTION_CHUNK) break;
  }
  return total;
}

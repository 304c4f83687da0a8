// Turns queued tags (suggestion_pending, filled by a trigger on every new tag) into learned examples:
// the terms of the excerpt's redacted text, each once. Triggers do the rest (migration 0013). Runs in
// chunks: before suggestions are read (so a tag made a moment ago already counts), and in the
// scheduled handler (so a bulk load such as the demo is learned without anyone opening a page).
import type { Database } from '../../db/client';
import { termCounts } from './terms';

type D1 = Database['$client'];

/** Learns up to `limit` queued tags; returns how many it learned. */
export async function learnPending(d1: D1, limit = 200): Promise<number> {
  const { results } = await d1
    .prepare(
      `SELECT p.tag_id AS tagId, COALESCE(t.objective_id, t.theme_id) AS subject, t.state AS state, e.text AS text
       FROM suggestion_pending p JOIN tags t ON t.id = p.tag_id JOIN excerpts e ON e.id = t.excerpt_id
       ORDER BY p.tag_id LIMIT ?`,
    )
    .bind(limit)
    .all<{ tagId: number; subject: string | null; state: 'confirmed' | 'rejected'; text: string }>();
  if (results.length === 0) return 0;
  const statements: D1PreparedStatement[] = [];
  for (const r of results) {
    statements.push(d1.prepare('DELETE FROM suggestion_examples WHERE tag_id = ?').bind(r.tagId));
    if (r.subject) {
      statements.push(
        d1.prepare('INSERT INTO suggestion_examples (tag_id, subject, state, terms) VALUES (?, ?, ?, ?)').bind(r.tagId, r.subject, r.state, JSON.stringify([...termCounts(r.text).keys()])),
      );
    }
    statements.push(d1.prepare('DELETE FROM suggestion_pending WHERE tag_id = ?').bind(r.tagId));
  }
  await d1.batch(statements);
  return results.length;
}

// What the emerging-themes page reads and writes: the untagged answers (redacted text of answers with
// no counted tag, from responses not excluded), and a new theme with every chosen answer tagged to it.
import type { Database } from '../../db/client';
import { auditStatement } from '../../db/audit';
import { excerptTagStatements } from '../excerpts/queries';
import type { ThemeFields } from '../codebook/queries';
import { emergingGroups, type Group } from './cluster';

type D1 = Database['$client'];

export interface Answer {
  key: string;
  responseId: string;
  questionId: string;
  text: string;
}

/** How many of the newest untagged answers the page groups: enough for a quarter, quick to cluster. */
export const LOOK_AT = 1000;

export async function untaggedAnswers(d1: D1, limit = LOOK_AT): Promise<Answer[]> {
  const { results } = await d1
    .prepare(
      `SELECT x.response_id AS responseId, x.question_id AS questionId, x.redacted AS text FROM answer_texts x JOIN moderation m ON m.response_id = x.response_id
       WHERE m.status != 'excluded' AND length(trim(x.redacted)) > 0
         AND NOT EXISTS (SELECT 1 FROM tags t JOIN excerpts e ON e.id = t.excerpt_id WHERE t.response_id = x.response_id AND e.question_id = x.question_id AND t.state = 'confirmed' AND t.round IN ('first', 'settled'))
       ORDER BY m.submitted_at DESC, x.response_id, x.question_id LIMIT ?`,
    )
    .bind(limit)
    .all<Omit<Answer, 'key'>>();
  return results.map((r) => ({ ...r, key: `${r.responseId}|${r.questionId}` }));
}

export async function groupsNow(d1: D1): Promise<{ looked: number; groups: Group<Answer>[] }> {
  const answers = await untaggedAnswers(d1);
  return { looked: answers.length, groups: emergingGroups(answers) };
}

/**
 * Adds the theme and tags each chosen answer (the whole answer) with it, in one batch with the audit
 * entries; each tagged response's version moves on, so a page open on it refuses a stale change.
 */
export async function themeFromGroup(db: Database, id: string, fields: ThemeFields, members: Answer[], actor: string, now = Date.now()) {
  const d1 = db.$client;
  const statements: D1PreparedStatement[] = [
    d1.prepare('INSERT INTO themes (id, parent_id, name, definition, example, position) VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM themes))').bind(id, fields.parentId, fields.name, fields.definition, fields.example),
    auditStatement(d1, { actor, action: 'theme.added', targetType: 'theme', targetId: id, detail: `from=emerging answers=${members.length}` }, now),
  ];
  for (const m of members) {
    statements.push(...excerptTagStatements(db, m.responseId, m.questionId, m.text, [{ start: 0, end: m.text.length }], { themeId: id }, actor, now));
    statements.push(d1.prepare('UPDATE moderation SET version = version + 1 WHERE response_id = ?').bind(m.responseId));
  }
  for (const responseId of new Set(members.map((m) => m.responseId))) {
    statements.push(auditStatement(d1, { actor, action: 'moderation.tagged', targetType: 'response', targetId: responseId, detail: `theme=${id} from=emerging` }, now));
  }
  await d1.batch(statements);
}

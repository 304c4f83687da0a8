// What a session's summary counts: who took part (each individual response once, a group discussion as
// the number of people in it), how far moderation has got, and the themes moderators found. Counted
// from the report's own facts (report_facts: not excluded, confirmed first-round or settled tags), so
// the summary never counts what a report would not.
import type { D1 } from '../../reports/cells';
import type { Measured } from '../../reports/suppress';

export interface TookPart {
  /** Individual responses (every channel but group), not excluded. */
  individuals: number;
  groups: number;
  /** People in the group discussions, as the facilitator counted them. */
  inGroups: number;
  /** Responses whose moderation is done (individual and group). */
  moderated: number;
}

export async function tookPart(d1: D1, sessionId: string): Promise<TookPart> {
  const { results } = await d1
    .prepare(
      `SELECT r.channel = 'group' AS grp, count(*) AS n, coalesce(sum(g.participants), 0) AS people, coalesce(sum(f.done), 0) AS done
       FROM responses r
       JOIN report_facts f ON f.response_id = r.id AND f.kind = 'response' AND f.subject = ''
       LEFT JOIN group_discussions g ON g.response_id = r.id
       WHERE r.session_id = ?
       GROUP BY grp`,
    )
    .bind(sessionId)
    .all<{ grp: number; n: number; people: number; done: number }>();
  const individual = results.find((r) => !r.grp);
  const group = results.find((r) => r.grp);
  return { individuals: individual?.n ?? 0, groups: group?.n ?? 0, inGroups: group?.people ?? 0, moderated: (individual?.done ?? 0) + (group?.done ?? 0) };
}

/** The themes at least `threshold` of the session's responses were tagged with, most raised first. Names only leave here. */
export async function themesRaised(d1: D1, sessionId: string, threshold: number): Promise<{ id: string; name: string }[]> {
  const { results } = await d1
    .prepare(
      `SELECT f.subject AS id, t.name AS name, count(*) AS n
       FROM responses r
       JOIN report_facts f ON f.response_id = r.id AND f.kind = 'theme'
       JOIN themes t ON t.id = f.subject
       WHERE r.session_id = ?
       GROUP BY f.subject
       HAVING n >= ?
       ORDER BY n DESC, t.position, t.name`,
    )
    .bind(sessionId, threshold)
    .all<{ id: string; name: string }>();
  return results.map(({ id, name }) => ({ id, name }));
}

/**
 * The session's responses per quarter as the report filtered to it measures them (suppress.ts rule 3):
 * its organisation's responses (relaxed) and every sibling (its other sessions, and its responses from
 * no session), so the summary hides its count where the report does. The session itself is left out of
 * the siblings: its own size is the summary's to show, as "fewer than" when small.
 */
export async function responsesMeasured(d1: D1, session: { id: string; organisationId: string }, quarters: number[]): Promise<Measured> {
  const { results } = await d1
    .prepare(
      `SELECT quarter, session_id AS sib, count(*) AS n FROM report_facts
       WHERE kind = 'response' AND subject = '' AND (organisation_id = ? OR session_id = ?) AND quarter >= ? AND quarter <= ?
       GROUP BY quarter, session_id`,
    )
    .bind(session.organisationId, session.id, Math.min(...quarters), Math.max(...quarters))
    .all<{ quarter: number; sib: string; n: number }>();
  const at = (q: number) => quarters.indexOf(q);
  const parts = quarters.map(() => 0);
  const all = quarters.map(() => 0);
  const siblings = new Map<string, number[]>();
  for (const r of results) {
    const i = at(r.quarter);
    if (i < 0) continue;
    all[i]! += r.n;
    if (r.sib === session.id) parts[i]! += r.n;
    else {
      const sib = siblings.get(r.sib) ?? quarters.map(() => 0);
      sib[i]! += r.n;
      siblings.set(r.sib, sib);
    }
  }
  return { parts, relaxed: [all], siblings: [...siblings.values()] };
}

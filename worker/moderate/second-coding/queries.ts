// A blind second coding: drawing the sample, the second moderator's tags, agreement, and settling.
// A response's codes are the objectives of the coding's framework and the themes on its tags: first
// round (round 'first', confirmed) against second round (round 'second', confirmed), at response level.
import type { Database } from '../../db/client';
import { auditStatement } from '../../db/audit';
import { whereOf, type QueueFilters } from '../queries';
import { overallAgreement, agreementOn, type Agreement, type Coded } from './kappa';

type D1 = Database['$client'];

export interface Coding {
  id: string;
  frameworkId: string;
  framework: string;
  description: string;
  requestedAt: number;
  requestedByName: string;
  items: number;
  coded: number;
  settled: number;
}

export async function listCodings(d1: D1, id?: string): Promise<Coding[]> {
  const { results } = await d1
    .prepare(
      `SELECT c.id, c.framework_id AS frameworkId, f.name AS framework, c.description, c.requested_at AS requestedAt, COALESCE(u.name, c.requested_by) AS requestedByName,
         (SELECT count(*) FROM second_coding_items i WHERE i.coding_id = c.id) AS items,
         (SELECT count(*) FROM second_coding_items i WHERE i.coding_id = c.id AND i.coded_at IS NOT NULL) AS coded,
         (SELECT count(*) FROM second_coding_items i WHERE i.coding_id = c.id AND i.settled_at IS NOT NULL) AS settled
       FROM second_codings c JOIN frameworks f ON f.id = c.framework_id LEFT JOIN users u ON u.id = c.requested_by ${id ? 'WHERE c.id = ?' : ''} ORDER BY c.requested_at DESC`,
    )
    .bind(...(id ? [id] : []))
    .all<Coding>();
  return results;
}

export async function getCoding(d1: D1, id: string): Promise<Coding | undefined> {
  return (await listCodings(d1, id))[0];
}

/** Responses a sample may draw from: moderation done, with a first-round tag in the framework, matching the queue's filters, in no other sample. */
function eligible(frameworkId: string, filters: QueueFilters) {
  const w = whereOf({ ...filters, status: 'done' }, { withStatus: true });
  const extra = `EXISTS (SELECT 1 FROM tags t WHERE t.response_id = m.response_id AND t.objective_id >= ? AND t.objective_id < ? AND t.state = 'confirmed' AND t.round = 'first')
    AND NOT EXISTS (SELECT 1 FROM second_coding_items i WHERE i.response_id = m.response_id)`;
  return { sql: `${w.sql ? `${w.sql} AND` : 'WHERE'} ${extra}`, params: [...w.params, `${frameworkId}:`, `${frameworkId};`] };
}

export async function eligibleCount(d1: D1, frameworkId: string, filters: QueueFilters): Promise<number> {
  const e = eligible(frameworkId, filters);
  return (await d1.prepare(`SELECT count(*) AS n FROM moderation m JOIN responses r ON r.id = m.response_id ${e.sql}`).bind(...e.params).first<{ n: number }>())?.n ?? 0;
}

/** Draws a random sample of `size` eligible responses into a new coding, in one batch with its audit entry. */
export async function requestCoding(d1: D1, input: { frameworkId: string; filters: QueueFilters; size: number; description: string; actor: string; now?: number }): Promise<{ id: string; drawn: number }> {
  const id = crypto.randomUUID();
  const now = input.now ?? Date.now();
  const e = eligible(input.frameworkId, input.filters);
  const [, drawn] = await d1.batch([
    d1.prepare('INSERT INTO second_codings (id, framework_id, description, requested_by, requested_at) VALUES (?, ?, ?, ?, ?)').bind(id, input.frameworkId, input.description, input.actor, now),
    d1
      .prepare(`INSERT INTO second_coding_items (coding_id, response_id) SELECT ?, m.response_id FROM moderation m JOIN responses r ON r.id = m.response_id ${e.sql} ORDER BY random() LIMIT ?`)
      .bind(id, ...e.params, input.size),
    auditStatement(d1, { actor: input.actor, action: 'second-coding.requested', targetType: 'second-coding', targetId: id, detail: `framework=${input.frameworkId} size=${input.size}` }, now),
  ]);
  return { id, drawn: drawn!.meta.changes ?? 0 };
}

export interface Item {
  responseId: string;
  submittedAt: number;
  codedAt: number | null;
  codedByName: string | null;
  settledAt: number | null;
  settledWith: 'first' | 'second' | 'both' | null;
}

export async function itemsOf(d1: D1, codingId: string): Promise<Item[]> {
  const { results } = await d1
    .prepare(
      `SELECT i.response_id AS responseId, r.submitted_at AS submittedAt, i.coded_at AS codedAt, COALESCE(u.name, i.coded_by) AS codedByName, i.settled_at AS settledAt, i.settled_with AS settledWith
       FROM second_coding_items i JOIN responses r ON r.id = i.response_id LEFT JOIN users u ON u.id = i.coded_by WHERE i.coding_id = ? ORDER BY r.submitted_at, i.response_id`,
    )
    .bind(codingId)
    .all<Item>();
  return results;
}

/** Who made a response's first-round tags: they may not code it a second time. */
export async function firstCoders(d1: D1, responseId: string): Promise<Set<string>> {
  const { results } = await d1.prepare("SELECT DISTINCT created_by AS by FROM tags WHERE response_id = ? AND round = 'first' AND state = 'confirmed'").bind(responseId).all<{ by: string }>();
  return new Set(results.map((r) => r.by));
}

/** The codes of the coding's responses, first and second round (objectives of its framework, and themes). */
export async function codesOf(d1: D1, codingId: string, frameworkId: string): Promise<Map<string, Coded & { coded: boolean }>> {
  const [items, tags] = await d1.batch([
    d1.prepare('SELECT response_id AS id, coded_at AS codedAt FROM second_coding_items WHERE coding_id = ?').bind(codingId),
    d1
      .prepare(
        `SELECT t.response_id AS id, t.round, COALESCE(t.objective_id, t.theme_id) AS code FROM tags t JOIN second_coding_items i ON i.response_id = t.response_id AND i.coding_id = ?
         WHERE t.state = 'confirmed' AND t.round IN ('first', 'second', 'superseded') AND (t.theme_id IS NOT NULL OR (t.objective_id >= ? AND t.objective_id < ?))`,
      )
      .bind(codingId, `${frameworkId}:`, `${frameworkId};`),
  ]);
  const out = new Map<string, { first: Set<string>; second: Set<string>; coded: boolean }>();
  for (const i of items!.results as { id: string; codedAt: number | null }[]) out.set(i.id, { first: new Set(), second: new Set(), coded: i.codedAt !== null });
  // A superseded tag was first-round before settling: agreement is about the two codings as made.
  for (const t of tags!.results as { id: string; round: string; code: string }[]) out.get(t.id)?.[t.round === 'second' ? 'second' : 'first'].add(t.code);
  return out;
}

export interface AgreementReport {
  overall: Agreement & { codes: number; responses: number };
  perCode: (Agreement & { code: string; label: string; kind: 'objective' | 'theme' })[];
  disagreements: { responseId: string; firstOnly: string[]; secondOnly: string[]; settledWith: Item['settledWith'] }[];
}

/** Agreement per objective and theme, overall, and the responses the codings disagree on. */
export async function agreementReport(d1: D1, coding: Coding): Promise<AgreementReport> {
  const [codes, labels, items] = await Promise.all([
    codesOf(d1, coding.id, coding.frameworkId),
    d1.batch([
      d1.prepare("SELECT id, code || ' – ' || text AS label FROM objectives WHERE framework_id = ? ORDER BY position").bind(coding.frameworkId),
      d1.prepare('SELECT id, name AS label FROM themes WHERE merged_into IS NULL ORDER BY name'),
    ]),
    itemsOf(d1, coding.id),
  ]);
  const both = [...codes.entries()].filter(([, c]) => c.coded);
  const coded = both.map(([, c]) => c);
  const objectives = labels[0]!.results as { id: string; label: string }[];
  const themes = labels[1]!.results as { id: string; label: string }[];
  const all = [...objectives.map((o) => ({ ...o, kind: 'objective' as const })), ...themes.map((t) => ({ ...t, kind: 'theme' as const }))];
  const settledWith = new Map(items.map((i) => [i.responseId, i.settledWith]));
  return {
    overall: overallAgreement(coded, all.map((c) => c.id)),
    perCode: all
      .map((c) => ({ ...agreementOn(coded, c.id), code: c.id, label: c.label, kind: c.kind }))
      .filter((a) => a.kind === 'objective' || a.both + a.firstOnly + a.secondOnly > 0),
    disagreements: both
      .map(([responseId, c]) => ({ responseId, firstOnly: [...c.first].filter((x) => !c.second.has(x)), secondOnly: [...c.second].filter((x) => !c.first.has(x)), settledWith: settledWith.get(responseId) ?? null }))
      .filter((d) => d.firstOnly.length + d.secondOnly.length > 0),
  };
}

/**
 * The second moderator's codes for a response, replacing any they saved before, on the whole of its
 * first non-empty redacted answer (agreement is per response); the item is then coded.
 */
export function secondCodingStatements(d1: D1, codingId: string, responseId: string, question: string, redacted: string, codes: { objectives: string[]; themes: string[] }, me: string, now = Date.now()) {
  const excerpt = `(SELECT id FROM excerpts WHERE response_id = ? AND question_id = ? AND start = 0 AND "end" = ?)`;
  const out = [
    d1.prepare("DELETE FROM tags WHERE response_id = ? AND round = 'second'").bind(responseId),
    d1
      .prepare('INSERT INTO excerpts (response_id, question_id, start, "end", text, created_by, created_at) VALUES (?, ?, 0, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .bind(responseId, question, redacted.length, redacted, me, now),
  ];
  for (const [column, values] of [
    ['objective_id', codes.objectives],
    ['theme_id', codes.themes],
  ] as const) {
    for (const value of values) {
      out.push(
        d1
          .prepare(`INSERT INTO tags (excerpt_id, response_id, ${column}, created_by, created_at, source, state, round) SELECT ${excerpt}, ?, ?, ?, ?, 'manual', 'confirmed', 'second'`)
          .bind(responseId, question, redacted.length, responseId, value, me, now),
      );
    }
  }
  out.push(d1.prepare('UPDATE second_coding_items SET coded_by = ?, coded_at = ? WHERE coding_id = ? AND response_id = ?').bind(me, now, codingId, responseId));
  out.push(auditStatement(d1, { actor: me, action: 'second-coding.coded', targetType: 'response', targetId: responseId, detail: `coding=${codingId}` }, now));
  return out;
}

/**
 * Settles a response: the first coding, the second, or both combined becomes what reports count. A
 * code the decision keeps that only the second coding had becomes a settled tag (on the second's
 * excerpt); a first-round tag of a code the decision drops is superseded (kept, never counted).
 */
export function settleStatements(d1: D1, codingId: string, responseId: string, coded: Coded, choice: 'first' | 'second' | 'both', me: string, now = Date.now()) {
  const keep = new Set(choice === 'first' ? coded.first : choice === 'second' ? coded.second : [...coded.first, ...coded.second]);
  const out: D1PreparedStatement[] = [];
  for (const code of coded.first) {
    if (keep.has(code)) continue;
    out.push(d1.prepare("UPDATE tags SET round = 'superseded' WHERE response_id = ? AND round = 'first' AND (objective_id = ? OR theme_id = ?)").bind(responseId, code, code));
  }
  for (const code of keep) {
    if (coded.first.has(code)) {
      // Kept from the first coding: a first-round tag superseded by an earlier settling counts again.
      out.push(d1.prepare("UPDATE tags SET round = 'first' WHERE response_id = ? AND round = 'superseded' AND (objective_id = ? OR theme_id = ?)").bind(responseId, code, code));
      continue;
    }
    out.push(
      d1
        .prepare(
          `INSERT INTO tags (excerpt_id, response_id, objective_id, theme_id, created_by, created_at, source, state, round)
           SELECT excerpt_id, response_id, objective_id, theme_id, ?, ?, 'manual', 'confirmed', 'settled' FROM tags
           WHERE response_id = ? AND round = 'second' AND state = 'confirmed' AND (objective_id = ? OR theme_id = ?)
             AND NOT EXISTS (SELECT 1 FROM tags s WHERE s.response_id = tags.response_id AND s.round = 'settled' AND (s.objective_id = ? OR s.theme_id = ?))
           LIMIT 1`,
        )
        .bind(me, now, responseId, code, code, code, code),
    );
  }
  // A settling made again with another choice: settled tags the new decision drops go.
  const dropped = [...coded.second].filter((c) => !keep.has(c) && !coded.first.has(c));
  for (const code of dropped) out.push(d1.prepare("DELETE FROM tags WHERE response_id = ? AND round = 'settled' AND (objective_id = ? OR theme_id = ?)").bind(responseId, code, code));
  out.push(d1.prepare('UPDATE second_coding_items SET settled_by = ?, settled_at = ?, settled_with = ? WHERE coding_id = ? AND response_id = ?').bind(me, now, choice, codingId, responseId));
  out.push(auditStatement(d1, { actor: me, action: 'second-coding.settled', targetType: 'response', targetId: responseId, detail: `coding=${codingId} with=${choice}` }, now));
  return out;
}

/** Agreement of every coded item of a framework's codings whose response falls in a period: for a report's method. */
export async function agreementInPeriod(d1: D1, frameworkId: string, start: number, end: number): Promise<(Agreement & { codes: number; responses: number }) | undefined> {
  const { results } = await d1
    .prepare(
      `SELECT i.coding_id AS codingId, i.response_id AS responseId FROM second_coding_items i JOIN second_codings c ON c.id = i.coding_id JOIN responses r ON r.id = i.response_id
       WHERE c.framework_id = ? AND i.coded_at IS NOT NULL AND r.submitted_at >= ? AND r.submitted_at < ?`,
    )
    .bind(frameworkId, start, end)
    .all<{ codingId: string; responseId: string }>();
  if (results.length === 0) return undefined;
  const objectives = new Set((await d1.prepare('SELECT id FROM objectives WHERE framework_id = ?').bind(frameworkId).all<{ id: string }>()).results.map((o) => o.id));
  const only = (codes: ReadonlySet<string>) => new Set([...codes].filter((x) => objectives.has(x)));
  const items: Coded[] = [];
  for (const codingId of new Set(results.map((r) => r.codingId))) {
    const codes = await codesOf(d1, codingId, frameworkId);
    for (const r of results) {
      const c = r.codingId === codingId ? codes.get(r.responseId) : undefined;
      // The report's figure is about the framework's objectives only.
      if (c) items.push({ first: only(c.first), second: only(c.second) });
    }
  }
  return overallAgreement(items, [...objectives]);
}

// The moderation workspace's reads and writes: the queue, one response in context, and every change a
// moderator makes. Plain SQL on D1 (the queue's filters are dynamic and must stay a couple of statements).
// Every change checks the `version` the page was rendered with and bumps it, in one batch with its audit entry.
import type { Database } from '../db/client';
import type { ModerationStatus, SafeguardingCategory } from '../db/schema';
import type { FormDefinition } from '../forms/definition';

export const LOCK_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

export interface QueueFilters {
  form?: string;
  /** A facilitated session's id (sessions arrive with issue 11; responses already carry the id). */
  session?: string;
  channel?: string;
  from?: string;
  to?: string;
  status?: ModerationStatus;
  flagged?: 'yes' | 'no';
  tagged?: 'yes' | 'no';
  objective?: string;
  theme?: string;
  q?: string;
}

/** The queue's order: open concerns first, then new before the rest, oldest first, so nothing waits forever. */
const ORDER_KEY = `(CASE WHEN m.safeguarding = 'open' THEN 0 ELSE 1 END), (CASE m.status WHEN 'new' THEN 0 WHEN 'in-review' THEN 1 WHEN 'done' THEN 2 ELSE 3 END), m.submitted_at, m.response_id`;

/** LIKE with the person's words taken literally: % and _ match only themselves. */
export function likePattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** The WHERE clause (over `moderation m JOIN responses r`) for a set of filters, and its bound values. */
export function whereOf(f: QueueFilters, options: { withStatus: boolean }): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.form) {
    parts.push('r.form_version_id IN (SELECT id FROM form_versions WHERE form_id = ?)');
    params.push(f.form);
  }
  if (f.session) {
    parts.push('r.session_id = ?');
    params.push(f.session);
  }
  if (f.channel) {
    parts.push('r.channel = ?');
    params.push(f.channel);
  }
  if (f.from) {
    parts.push('m.submitted_at >= ?');
    params.push(Date.parse(`${f.from}T00:00:00Z`));
  }
  if (f.to) {
    parts.push('m.submitted_at < ?');
    params.push(Date.parse(`${f.to}T00:00:00Z`) + DAY_MS);
  }
  if (options.withStatus && f.status) {
    parts.push('m.status = ?');
    params.push(f.status);
  }
  if (f.flagged) parts.push(f.flagged === 'yes' ? "m.safeguarding = 'open'" : "m.safeguarding != 'open'");
  if (f.tagged) parts.push(`${f.tagged === 'yes' ? '' : 'NOT '}EXISTS (SELECT 1 FROM tags t WHERE t.response_id = m.response_id AND t.state = 'confirmed')`);
  if (f.objective) {
    parts.push("EXISTS (SELECT 1 FROM tags t WHERE t.objective_id = ? AND t.response_id = m.response_id AND t.state = 'confirmed')");
    params.push(f.objective);
  }
  if (f.theme) {
    parts.push("EXISTS (SELECT 1 FROM tags t WHERE t.theme_id = ? AND t.response_id = m.response_id AND t.state = 'confirmed')");
    params.push(f.theme);
  }
  if (f.q) {
    // Search reads the redacted text only: the original words are not searchable.
    parts.push("EXISTS (SELECT 1 FROM answer_texts x WHERE x.response_id = m.response_id AND x.redacted LIKE ? ESCAPE '\\')");
    params.push(likePattern(f.q));
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export interface QueueRow {
  id: string;
  submittedAt: number;
  formTitle: string;
  channel: string;
  locale: string;
  snippet: string | null;
  status: ModerationStatus;
  safeguarding: 'none' | 'open' | 'resolved';
  lockedByName: string | null;
}

export interface Choice {
  value: string;
  label: string;
  group?: string;
}

export interface Codebook {
  forms: Choice[];
  /** Sessions that responses came from (their ids until sessions have names, with issue 11). */
  sessions: Choice[];
  objectives: Choice[];
  themes: Choice[];
}

export const PAGE_SIZE = 50;

/** The queue page: counts per status (within the other filters), one page of rows, and the filters' choices. */
export async function loadQueue(db: Database, f: QueueFilters, page: number, me: string, now = Date.now()) {
  const d1 = db.$client;
  const counted = whereOf(f, { withStatus: false });
  const listed = whereOf(f, { withStatus: true });
  const [counts, rows, ...codebook] = await d1.batch([
    d1.prepare(`SELECT m.status AS status, count(*) AS n FROM moderation m JOIN responses r ON r.id = m.response_id ${counted.sql} GROUP BY m.status`).bind(...counted.params),
    d1
      .prepare(
        `SELECT m.response_id AS id, m.submitted_at AS submittedAt, m.status AS status, m.safeguarding AS safeguarding, r.channel AS channel, r.locale AS locale,
           json_extract(fv.definition, '$.title.en') AS formTitle,
           (SELECT substr(x.redacted, 1, 120) FROM answer_texts x WHERE x.response_id = m.response_id AND x.redacted != '' LIMIT 1) AS snippet,
           (SELECT u.name FROM users u WHERE u.id = m.locked_by AND m.locked_until > ? AND m.locked_by != ?) AS lockedByName
         FROM moderation m JOIN responses r ON r.id = m.response_id JOIN form_versions fv ON fv.id = r.form_version_id
         ${listed.sql} ORDER BY ${ORDER_KEY} LIMIT ? OFFSET ?`,
      )
      .bind(now, me, ...listed.params, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    ...codebookStatements(db),
  ]);
  const byStatus = { new: 0, 'in-review': 0, done: 0, excluded: 0 } as Record<ModerationStatus, number>;
  for (const c of counts!.results as { status: ModerationStatus; n: number }[]) byStatus[c.status] = c.n;
  const total = f.status ? byStatus[f.status] : Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { counts: byStatus, total, rows: rows!.results as unknown as QueueRow[], codebook: codebookOf(codebook.map((r) => r.results as Record<string, string>[])) };
}

function codebookStatements(db: Database) {
  const d1 = db.$client;
  return [
    d1.prepare(`SELECT f.id AS value, json_extract(fv.definition, '$.title.en') AS label FROM forms f JOIN form_versions fv ON fv.id = f.current_version_id WHERE f.kind = 'feedback' ORDER BY label`),
    d1.prepare(`SELECT o.id AS value, o.code AS code, o.text AS text, fw.name AS framework FROM objectives o JOIN frameworks fw ON fw.id = o.framework_id ORDER BY fw.name, o.position`),
    d1.prepare(`SELECT t.id AS value, t.name AS name, p.name AS parent FROM themes t LEFT JOIN themes p ON p.id = t.parent_id WHERE t.merged_into IS NULL ORDER BY COALESCE(p.position, t.position), COALESCE(p.name, t.name), t.parent_id IS NOT NULL, t.position, t.name`),
    d1.prepare(`SELECT DISTINCT session_id AS value FROM responses WHERE session_id IS NOT NULL ORDER BY session_id LIMIT 200`),
  ];
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

function codebookOf([forms = [], objectives = [], themes = [], sessions = []]: Record<string, string>[][]): Codebook {
  return {
    forms: forms.map((f) => ({ value: f.value!, label: f.label! })),
    sessions: sessions.map((s) => ({ value: s.value!, label: s.value! })),
    objectives: objectives.map((o) => ({ value: o.value!, label: `${o.code} – ${truncate(o.text!, 70)}`, group: o.framework })),
    themes: themes.map((t) => ({ value: t.value!, label: t.parent ? `${t.parent} › ${t.name}` : t.name! })),
  };
}

/** Sets the status of every response the filters match (at most 500), one audit entry for the lot. */
/**
 * Sets the status of every response the filters match (at most 500), one audit entry for the lot; but
 * only if the filters still match exactly as many as the moderator was shown (`expected`), so nothing
 * that arrived since (an open safeguarding concern, say) is changed unseen. 'stale' when they differ.
 */
export async function bulkSetStatus(db: Database, f: QueueFilters, status: ModerationStatus, reason: string | null, actor: string, expected: number, now = Date.now()): Promise<number | 'stale'> {
  const d1 = db.$client;
  const w = whereOf(f, { withStatus: true });
  const extra = w.sql ? `${w.sql} AND m.status != ?` : 'WHERE m.status != ?';
  const matching = `(SELECT count(*) FROM moderation m JOIN responses r ON r.id = m.response_id ${w.sql})`;
  const [updated] = await d1.batch([
    d1
      .prepare(
        `UPDATE moderation SET status = ?, excluded_reason = ?, done_at = ${DONE_AT}, version = version + 1
         WHERE ${matching} = ? AND response_id IN (SELECT m.response_id FROM moderation m JOIN responses r ON r.id = m.response_id ${extra} ORDER BY ${ORDER_KEY} LIMIT 500)
         RETURNING response_id`,
      )
      .bind(status, status === 'excluded' ? reason : null, status, startOfDay(now), ...w.params, expected, ...w.params, status),
  ]);
  // Counted from RETURNING: D1's meta.changes also counts the rows the report's roll-up triggers write.
  const changed = updated!.results.length;
  if (changed === 0) {
    const now_ = await d1.prepare(`SELECT ${matching} AS n`).bind(...w.params).first<{ n: number }>();
    if ((now_?.n ?? 0) !== expected) return 'stale';
  }
  await auditRaw(db, { actor, action: 'moderation.bulk-status', targetType: 'moderation', targetId: 'queue', detail: `status=${status} count=${changed}` }, now).run();
  return changed;
}

const startOfDay = (at: number) => at - (at % DAY_MS);

/**
 * done_at after a status change: the day moderation finished (done or excluded), kept when it was
 * finished already, so marking it again does not put off the deletion of the original words;
 * cleared when it goes back to new or in review. Binds: the new status, then the day.
 */
const DONE_AT = `CASE WHEN ? IN ('done', 'excluded') THEN (CASE WHEN status IN ('done', 'excluded') AND done_at IS NOT NULL THEN done_at ELSE ? END) ELSE NULL END`;

function auditRaw(db: Database, e: { actor: string; action: string; targetType: string; targetId: string; detail?: string }, now: number) {
  return db.$client.prepare('INSERT INTO audit_log (at, actor, action, target_type, target_id, detail) VALUES (?, ?, ?, ?, ?, ?)').bind(now, e.actor, e.action, e.targetType, e.targetId, e.detail ?? null);
}

// ---- One response ----

export interface ResponseInContext {
  id: string;
  formTitle: string;
  definition: FormDefinition;
  channel: string;
  locale: string;
  submittedAt: number;
  status: ModerationStatus;
  excludedReason: string | null;
  safeguarding: 'none' | 'open' | 'resolved';
  quoteConsent: boolean;
  version: number;
  lockedBy: string | null;
  lockedUntil: number | null;
  lockedByName: string | null;
  /** The facilitator who entered it (assisted, paper, group), for a moderator who needs to ask them; reports never read it. */
  enteredByName: string | null;
  answers: Record<string, unknown>;
  texts: Record<string, { redacted: string; purged: boolean; purgedAt: number | null }>;
  redactions: { id: number; questionId: string; start: number; end: number; kind: string; source: string; state: string }[];
  flags: { id: number; questionId: string; categories: SafeguardingCategory[]; matches: { start: number; end: number; category: SafeguardingCategory; why: string }[]; outcome: string; outcomeNote: string | null; escalatedAt: number | null; decidedByName: string | null; decidedAt: number | null }[];
  excerpts: { id: number; questionId: string; start: number; end: number; text: string; quoteApprovedAt: number | null }[];
  tags: { id: number; excerptId: number; questionId: string; label: string; createdByName: string; createdAt: number }[];
  notes: { id: number; text: string; createdByName: string; createdAt: number }[];
  previous: string | null;
  next: string | null;
  /** A group discussion's own details (channel `group`): how many took part and the prompts they agreed. */
  group: { participants: number; agreed: string[] } | null;
}

/** Everything the response page shows, in one batch; undefined when there is no such response in moderation. */
export async function loadResponse(db: Database, id: string, now = Date.now()): Promise<ResponseInContext | undefined> {
  const d1 = db.$client;
  const key = `SELECT (CASE WHEN safeguarding = 'open' THEN 0 ELSE 1 END) AS a, (CASE status WHEN 'new' THEN 0 WHEN 'in-review' THEN 1 WHEN 'done' THEN 2 ELSE 3 END) AS b, submitted_at AS c, response_id AS d FROM moderation WHERE response_id = ?`;
  const results = await d1.batch([
    d1
      .prepare(
        `SELECT m.response_id AS id, m.status, m.excluded_reason AS excludedReason, m.safeguarding, m.quote_consent AS quoteConsent, m.version, m.locked_by AS lockedBy, m.locked_until AS lockedUntil,
           r.channel, r.locale, r.submitted_at AS submittedAt, fv.definition,
           (SELECT u.name FROM users u WHERE u.id = m.locked_by AND m.locked_until > ?) AS lockedByName,
           (SELECT u.name FROM users u WHERE u.id = r.entered_by) AS enteredByName
         FROM moderation m JOIN responses r ON r.id = m.response_id JOIN form_versions fv ON fv.id = r.form_version_id WHERE m.response_id = ?`,
      )
      .bind(now, id),
    d1.prepare('SELECT question_id AS questionId, value FROM answers WHERE response_id = ?').bind(id),
    d1.prepare('SELECT question_id AS questionId, redacted, original_purged_at AS purgedAt FROM answer_texts WHERE response_id = ?').bind(id),
    d1.prepare('SELECT id, question_id AS questionId, start, "end", kind, source, state FROM redactions WHERE response_id = ? ORDER BY question_id, start').bind(id),
    d1
      .prepare(
        'SELECT f.id, f.question_id AS questionId, f.categories, f.matches, f.outcome, f.outcome_note AS outcomeNote, f.escalated_at AS escalatedAt, u.name AS decidedByName, f.decided_at AS decidedAt FROM safeguarding_flags f LEFT JOIN users u ON u.id = f.decided_by WHERE f.response_id = ? ORDER BY f.id',
      )
      .bind(id),
    d1.prepare('SELECT id, question_id AS questionId, start, "end", text, quote_approved_at AS quoteApprovedAt FROM excerpts WHERE response_id = ? ORDER BY question_id, start').bind(id),
    d1
      .prepare(
        `SELECT t.id, t.excerpt_id AS excerptId, e.question_id AS questionId, t.created_at AS createdAt, COALESCE(u.name, t.created_by) AS createdByName,
           COALESCE(o.code || ' – ' || o.text, COALESCE(tp.name || ' › ', '') || th.name) AS label
         FROM tags t JOIN excerpts e ON e.id = t.excerpt_id LEFT JOIN users u ON u.id = t.created_by LEFT JOIN objectives o ON o.id = t.objective_id
           LEFT JOIN themes th ON th.id = t.theme_id LEFT JOIN themes tp ON tp.id = th.parent_id
         WHERE t.response_id = ? AND t.state = 'confirmed' AND t.round IN ('first', 'settled') ORDER BY t.id`,
      )
      .bind(id),
    d1.prepare('SELECT n.id, n.text, n.created_at AS createdAt, COALESCE(u.name, n.created_by) AS createdByName FROM moderation_notes n LEFT JOIN users u ON u.id = n.created_by WHERE n.response_id = ? ORDER BY n.id').bind(id),
    d1.prepare(`SELECT response_id AS id FROM moderation m WHERE (${ORDER_KEY}) < (SELECT a, b, c, d FROM (${key})) ORDER BY ${ORDER_KEY.replace(/,/g, ' DESC,')} DESC LIMIT 1`).bind(id),
    d1.prepare(`SELECT response_id AS id FROM moderation m WHERE (${ORDER_KEY}) > (SELECT a, b, c, d FROM (${key})) ORDER BY ${ORDER_KEY} LIMIT 1`).bind(id),
    d1.prepare('SELECT participants, agreed FROM group_discussions WHERE response_id = ?').bind(id),
  ]);
  const [head, answers, texts, redactions, flags, excerpts, tags, notes, previous, next, group] = results.map((r) => r.results as Record<string, any>[]);
  const row = head![0];
  if (!row) return undefined;
  const definition = JSON.parse(row.definition) as FormDefinition;
  return {
    id,
    formTitle: definition.title.en,
    definition,
    channel: row.channel,
    locale: row.locale,
    submittedAt: row.submittedAt,
    status: row.status,
    excludedReason: row.excludedReason,
    safeguarding: row.safeguarding,
    quoteConsent: Boolean(row.quoteConsent),
    version: row.version,
    lockedBy: row.lockedBy,
    lockedUntil: row.lockedUntil,
    lockedByName: row.lockedByName,
    enteredByName: row.enteredByName ?? null,
    answers: Object.fromEntries(answers!.map((a) => [a.questionId, JSON.parse(a.value)])),
    texts: Object.fromEntries(texts!.map((t) => [t.questionId, { redacted: t.redacted, purged: t.purgedAt !== null, purgedAt: t.purgedAt ?? null }])),
    redactions: redactions as ResponseInContext['redactions'],
    flags: flags!.map((f) => ({ ...f, categories: JSON.parse(f.categories), matches: JSON.parse(f.matches) })) as ResponseInContext['flags'],
    excerpts: excerpts as ResponseInContext['excerpts'],
    tags: tags as ResponseInContext['tags'],
    notes: notes as ResponseInContext['notes'],
    previous: previous![0]?.id ?? null,
    next: next![0]?.id ?? null,
    group: group![0] ? { participants: group![0].participants, agreed: JSON.parse(group![0].agreed) as string[] } : null,
  };
}

/** Takes the soft lock unless someone else holds a live one. Not a change: the version stays. */
export async function takeSoftLock(db: Database, id: string, me: string, now = Date.now()) {
  await db.$client
    .prepare('UPDATE moderation SET locked_by = ?, locked_until = ? WHERE response_id = ? AND (locked_by IS NULL OR locked_by = ? OR locked_until IS NULL OR locked_until <= ?)')
    .bind(me, now + LOCK_MS, id, me, now)
    .run();
}

export class StaleVersion extends Error {}

/**
 * Applies a change only if the response is still at `version`: the first statement bumps the version
 * with that guard, the second fails the whole batch (D1 rolls it back) when the guard matched nothing,
 * so a change that lost a race is never half applied.
 */
export async function changeAtVersion(db: Database, id: string, version: number, statements: D1PreparedStatement[], entry: { actor: string; action: string; detail?: string }, now = Date.now()) {
  const d1 = db.$client;
  try {
    await d1.batch([
      d1.prepare('UPDATE moderation SET version = version + 1 WHERE response_id = ? AND version = ?').bind(id, version),
      // json() of a word that is not JSON raises an error: the only way to abort a D1 batch from SQL.
      d1.prepare("SELECT json(CASE WHEN changes() = 0 THEN 'stale' ELSE '0' END)"),
      ...statements,
      auditRaw(db, { ...entry, targetType: 'response', targetId: id }, now),
    ]);
  } catch (err) {
    if (err instanceof Error && /malformed JSON/i.test(err.message)) throw new StaleVersion();
    throw err;
  }
}

export function statusStatements(db: Database, id: string, status: ModerationStatus, reason: string | null, now = Date.now()) {
  return [
    db.$client
      .prepare(`UPDATE moderation SET status = ?, excluded_reason = ?, done_at = ${DONE_AT} WHERE response_id = ?`)
      .bind(status, status === 'excluded' ? reason : null, status, startOfDay(now), id),
  ];
}

export function noteStatements(db: Database, id: string, text: string, me: string, now = Date.now()) {
  return [db.$client.prepare('INSERT INTO moderation_notes (response_id, text, created_by, created_at) VALUES (?, ?, ?, ?)').bind(id, text, me, now)];
}

export function safeguardingStatements(db: Database, id: string, flagId: number, outcome: { kind: 'escalated'; to: string; on: number } | { kind: 'no-action'; why: string }, me: string, now = Date.now()) {
  const d1 = db.$client;
  return [
    d1
      .prepare('UPDATE safeguarding_flags SET outcome = ?, outcome_note = ?, escalated_at = ?, decided_by = ?, decided_at = ? WHERE id = ? AND response_id = ?')
      .bind(outcome.kind, outcome.kind === 'escalated' ? outcome.to : outcome.why, outcome.kind === 'escalated' ? outcome.on : null, me, now, flagId, id),
    d1
      .prepare("UPDATE moderation SET safeguarding = CASE WHEN EXISTS (SELECT 1 FROM safeguarding_flags WHERE response_id = ? AND outcome = 'open') THEN 'open' ELSE 'resolved' END WHERE response_id = ?")
      .bind(id, id),
  ];
}


/** Removes a tag; an excerpt left with no tags and no approved quote goes with it. */
export function untagStatements(db: Database, id: string, tagId: number, excerptId: number) {
  const d1 = db.$client;
  return [
    d1.prepare('DELETE FROM tags WHERE id = ? AND response_id = ?').bind(tagId, id),
    d1.prepare('DELETE FROM excerpts WHERE id = ? AND response_id = ? AND quote_approved_at IS NULL AND NOT EXISTS (SELECT 1 FROM tags WHERE excerpt_id = ?)').bind(excerptId, id, excerptId),
  ];
}

export function quoteStatements(db: Database, id: string, excerptId: number, me: string, now = Date.now()) {
  return [db.$client.prepare('UPDATE excerpts SET quote_approved_by = ?, quote_approved_at = ? WHERE id = ? AND response_id = ?').bind(me, now, excerptId, id)];
}

export async function choicesFor(db: Database): Promise<Codebook> {
  const results = await db.$client.batch(codebookStatements(db));
  return codebookOf(results.map((r) => r.results as Record<string, string>[]));
}

export async function auditOriginalViewed(db: Database, id: string, actor: string, now = Date.now()) {
  await auditRaw(db, { actor, action: 'moderation.original-viewed', targetType: 'response', targetId: id }, now).run();
}

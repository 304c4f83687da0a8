// "You said, we did": actions recorded against an objective or a theme, the quotes that prompted
// them, and the summaries the report and public pages read. Raw D1 like the rest of reports/.
//
// Evidence is only ever an approved quote (an excerpt with `quote_approved_at`) of a response whose
// respondent consented to quotes and that was not excluded; that is checked when an action is saved
// and again whenever evidence is read or counted, so a quote whose approval or consent went later
// stops counting at once. A withdrawn response takes its excerpts, and so their evidence rows, with it.
import type { LocalisedText } from '../../forms/definition';
import { auditStatement } from '../../db/audit';
import type { Database } from '../../db/client';
import type { ActionStatus } from '../../db/reports-schema';
import { quarterOf } from '../period';
import { COUNTED_TAG } from '../scope';
import { MIN_THRESHOLD } from '../suppress';

type D1 = Database['$client'];

export interface ActionSummary {
  id: string;
  objectiveId: string | null;
  themeId: string | null;
  youSaid: LocalisedText;
  weDid: LocalisedText;
  organisationName: string;
  status: ActionStatus;
  actedOn: number;
  published: boolean;
  evidenceCount: number;
}

/** What a person sets on the form; written as it is. */
export interface ActionFields {
  objectiveId: string | null;
  themeId: string | null;
  youSaid: LocalisedText;
  weDid: LocalisedText;
  organisationId: string;
  status: ActionStatus;
  actedOn: number;
  evidenceQuarter: string | null;
  published: boolean;
  evidence: number[];
}

export interface Action extends ActionFields {
  id: string;
  createdAt: number;
  updatedAt: number;
}

/** An excerpt that may be evidence: an approved quote of a consenting, not excluded response. */
const ELIGIBLE_EXCERPT = (e: string) =>
  `${e}.quote_approved_at IS NOT NULL AND EXISTS (SELECT 1 FROM moderation m WHERE m.response_id = ${e}.response_id AND m.quote_consent = 1 AND m.status != 'excluded')`;

/** The tags that count: the reports' own rule. */
const COUNTED = COUNTED_TAG;

/** Evidence still eligible, per action. */
const EVIDENCE_COUNT = `(SELECT count(*) FROM action_evidence ae JOIN excerpts e ON e.id = ae.excerpt_id WHERE ae.action_id = a.id AND ${ELIGIBLE_EXCERPT('e')})`;

/** A theme merged away since the action was saved reads as the theme it became. */
const LIVE_THEME = 'COALESCE((SELECT th.merged_into FROM themes th WHERE th.id = a.theme_id), a.theme_id)';

const SUMMARY_COLUMNS = `a.id AS id, a.objective_id AS objectiveId, ${LIVE_THEME} AS themeId, a.you_said AS youSaid, a.we_did AS weDid,
  o.name AS organisationName, a.status AS status, a.acted_on AS actedOn, a.published AS published, ${EVIDENCE_COUNT} AS evidenceCount`;

interface SummaryRow extends Omit<ActionSummary, 'youSaid' | 'weDid' | 'published'> {
  youSaid: string;
  weDid: string;
  published: number;
}

function summaryOf(r: SummaryRow): ActionSummary {
  return { ...r, youSaid: JSON.parse(r.youSaid) as LocalisedText, weDid: JSON.parse(r.weDid) as LocalisedText, published: r.published === 1 };
}

// D1 binds at most 100 values to one statement.
const CHUNK = 90;
function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

/**
 * The actions recorded against any of these objectives or themes, newest first: what the report
 * pages show beside an objective or a theme. A theme matches actions saved against it, or against a
 * theme since merged into it; it does not take in its child themes (pass them too if wanted).
 * `publishedOnly` leaves out drafts (every public page asks for it).
 */
export async function linkedActions(db: Database, ids: { objectiveIds?: string[]; themeIds?: string[] }, options?: { publishedOnly?: boolean }): Promise<ActionSummary[]> {
  const d1 = db.$client;
  const published = options?.publishedOnly ? ' AND a.published = 1' : '';
  const statements = [
    ...chunks(ids.objectiveIds ?? []).map((part) => d1.prepare(`SELECT ${SUMMARY_COLUMNS} FROM actions a JOIN organisations o ON o.id = a.organisation_id WHERE a.objective_id IN (${part.map(() => '?').join(',')})${published}`).bind(...part)),
    ...chunks(ids.themeIds ?? []).map((part) => d1.prepare(`SELECT ${SUMMARY_COLUMNS} FROM actions a JOIN organisations o ON o.id = a.organisation_id WHERE ${LIVE_THEME} IN (${part.map(() => '?').join(',')})${published}`).bind(...part)),
  ];
  if (statements.length === 0) return [];
  const results = await d1.batch<SummaryRow>(statements);
  const byId = new Map<string, ActionSummary>();
  for (const r of results.flatMap((x) => x.results)) if (!byId.has(r.id)) byId.set(r.id, summaryOf(r));
  return [...byId.values()].sort(newestFirst);
}

const newestFirst = (a: { actedOn: number; id: string }, b: { actedOn: number; id: string }) => b.actedOn - a.actedOn || (a.id < b.id ? -1 : 1);

/** A published action with what the public pages group it by. */
export interface PublicAction extends ActionSummary {
  /** The top-level theme (a child theme's parent), when the action has a theme. */
  topTheme: { id: string; name: string; position: number } | null;
  objective: { code: string; section: string; frameworkId: string; frameworkName: string; position: number } | null;
}

/** A page of published actions: the public page shows them a page at a time, so it stays within its byte budget. */
export interface PublishedPage {
  actions: PublicAction[];
  /** Published actions in all (for the objective, when one is asked for). */
  total: number;
}

/** Published actions, newest first, with their top-level theme and their objective's section; one objective's, if asked. */
export async function publishedActions(db: Database, options: { objectiveId?: string; limit: number; offset?: number }): Promise<PublishedPage> {
  const d1 = db.$client;
  const where = options.objectiveId ? 'a.published = 1 AND a.objective_id = ?' : 'a.published = 1';
  const binds = options.objectiveId ? [options.objectiveId] : [];
  const [rows, count] = await d1.batch([
    d1
      .prepare(
        `SELECT ${SUMMARY_COLUMNS},
           top.id AS topId, top.name AS topName, top.position AS topPosition,
           ob.code AS objectiveCode, ob.section AS section, ob.framework_id AS frameworkId, ob.position AS objectivePosition, fw.name AS frameworkName
         FROM actions a JOIN organisations o ON o.id = a.organisation_id
         LEFT JOIN themes th ON th.id = ${LIVE_THEME}
         LEFT JOIN themes top ON top.id = CASE WHEN th.parent_id IS NOT NULL AND EXISTS (SELECT 1 FROM themes p WHERE p.id = th.parent_id AND p.merged_into IS NULL) THEN th.parent_id ELSE th.id END
         LEFT JOIN objectives ob ON ob.id = a.objective_id LEFT JOIN frameworks fw ON fw.id = ob.framework_id
         WHERE ${where}
         ORDER BY a.acted_on DESC, a.id LIMIT ? OFFSET ?`,
      )
      .bind(...binds, options.limit, options.offset ?? 0),
    d1.prepare(`SELECT count(*) AS n FROM actions a WHERE ${where}`).bind(...binds),
  ]);
  type Row = SummaryRow & { topId: string | null; topName: string | null; topPosition: number | null; objectiveCode: string | null; section: string | null; frameworkId: string | null; objectivePosition: number | null; frameworkName: string | null };
  const actions = (rows!.results as Row[]).map((r) => ({
    ...summaryOf(r),
    topTheme: r.topId ? { id: r.topId, name: r.topName!, position: r.topPosition ?? 0 } : null,
    objective: r.objectiveCode ? { code: r.objectiveCode, section: r.section!, frameworkId: r.frameworkId!, frameworkName: r.frameworkName!, position: r.objectivePosition ?? 0 } : null,
  }));
  return { actions, total: (count!.results[0] as { n: number }).n };
}

/** An objective's code and its framework's name, for the heading of its list of actions. */
export async function objectiveNamed(db: Database, id: string): Promise<{ code: string; frameworkName: string } | undefined> {
  const row = await db.$client
    .prepare('SELECT o.code AS code, f.name AS frameworkName FROM objectives o JOIN frameworks f ON f.id = o.framework_id WHERE o.id = ?')
    .bind(id)
    .first<{ code: string; frameworkName: string }>();
  return row ?? undefined;
}

// ---------------------------------------------------------------------------------------------
// The staff pages.

export interface ListedAction extends ActionSummary {
  objectiveCode: string | null;
  frameworkName: string | null;
  themeName: string | null;
}

export interface ActionFilters {
  status?: ActionStatus;
  published?: 'yes' | 'no';
}

export const LIST_LIMIT = 500;

/** The list page: newest first, filtered by status and published. */
export async function listActions(db: Database, f: ActionFilters): Promise<ListedAction[]> {
  const where: string[] = [];
  const binds: unknown[] = [];
  if (f.status) {
    where.push('a.status = ?');
    binds.push(f.status);
  }
  if (f.published) where.push(`a.published = ${f.published === 'yes' ? 1 : 0}`);
  const { results } = await db.$client
    .prepare(
      `SELECT ${SUMMARY_COLUMNS}, ob.code AS objectiveCode, fw.name AS frameworkName, (SELECT th.name FROM themes th WHERE th.id = ${LIVE_THEME}) AS themeName
       FROM actions a JOIN organisations o ON o.id = a.organisation_id LEFT JOIN objectives ob ON ob.id = a.objective_id LEFT JOIN frameworks fw ON fw.id = ob.framework_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY a.acted_on DESC, a.created_at DESC LIMIT ${LIST_LIMIT}`,
    )
    .bind(...binds)
    .all<SummaryRow & { objectiveCode: string | null; frameworkName: string | null; themeName: string | null }>();
  return results.map((r) => ({ ...summaryOf(r), objectiveCode: r.objectiveCode, frameworkName: r.frameworkName, themeName: r.themeName }));
}

/** One action as the edit form needs it, with the ids of its still-eligible evidence. */
export async function loadAction(db: Database, id: string): Promise<Action | undefined> {
  const d1 = db.$client;
  const [row, evidence] = await d1.batch([
    d1
      .prepare(
        `SELECT a.id AS id, a.objective_id AS objectiveId, ${LIVE_THEME} AS themeId, a.you_said AS youSaid, a.we_did AS weDid, a.organisation_id AS organisationId,
           a.status AS status, a.acted_on AS actedOn, a.evidence_quarter AS evidenceQuarter, a.published AS published, a.created_at AS createdAt, a.updated_at AS updatedAt
         FROM actions a WHERE a.id = ?`,
      )
      .bind(id),
    d1.prepare(`SELECT ae.excerpt_id AS id FROM action_evidence ae JOIN excerpts e ON e.id = ae.excerpt_id WHERE ae.action_id = ? AND ${ELIGIBLE_EXCERPT('e')}`).bind(id),
  ]);
  const a = row!.results[0] as (Omit<Action, 'youSaid' | 'weDid' | 'published' | 'evidence'> & { youSaid: string; weDid: string; published: number }) | undefined;
  if (!a) return undefined;
  return {
    ...a,
    youSaid: JSON.parse(a.youSaid) as LocalisedText,
    weDid: JSON.parse(a.weDid) as LocalisedText,
    published: a.published === 1,
    evidence: (evidence!.results as { id: number }[]).map((e) => e.id),
  };
}

export interface Choice {
  value: string;
  label: string;
  /** For objectives: "framework – section", the select's group. */
  group?: string;
}

export interface ActionChoices {
  objectives: Choice[];
  themes: Choice[];
  organisations: Choice[];
}

const truncate = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, s.lastIndexOf(' ', n) > n / 2 ? s.lastIndexOf(' ', n) : n)}…`);

/** What the form's selects offer: every objective of every framework, live themes, organisations. */
export async function actionChoices(db: Database): Promise<ActionChoices> {
  const d1 = db.$client;
  const [objectives, themes, organisations] = await d1.batch([
    d1.prepare('SELECT o.id AS id, o.code AS code, o.text AS text, o.section AS section, f.name AS framework FROM objectives o JOIN frameworks f ON f.id = o.framework_id ORDER BY f.name, o.position'),
    d1.prepare('SELECT t.id AS id, t.name AS name, t.parent_id AS parentId, t.position AS position FROM themes t WHERE t.merged_into IS NULL ORDER BY t.position, t.name'),
    d1.prepare('SELECT id, name FROM organisations ORDER BY name'),
  ]);
  const themeRows = themes!.results as { id: string; name: string; parentId: string | null }[];
  const live = new Map(themeRows.map((t) => [t.id, t]));
  const tops = themeRows.filter((t) => !t.parentId || !live.has(t.parentId));
  return {
    objectives: (objectives!.results as { id: string; code: string; text: string; section: string; framework: string }[]).map((o) => ({ value: o.id, label: `${o.code} – ${truncate(o.text, 70)}`, group: `${o.framework} – ${o.section}` })),
    themes: tops.flatMap((p) => [{ value: p.id, label: p.name }, ...themeRows.filter((c) => c.parentId === p.id).map((c) => ({ value: c.id, label: `${p.name} › ${c.name}` }))]),
    organisations: (organisations!.results as { id: string; name: string }[]).map((o) => ({ value: o.id, label: o.name })),
  };
}

export interface EvidenceQuote {
  id: number;
  /** The redacted words of the excerpt: nothing else of the response. */
  text: string;
}

export const EVIDENCE_LIMIT = 30;

/**
 * The quotes the form offers as evidence: the 30 newest approved quotes tagged with the objective or
 * the theme (a top-level theme takes in its children's tags), and the quotes already linked to the
 * action that are still eligible and still tagged with it. Like a report, it offers a quote only from
 * a quarter in which at least `threshold` responses raised that objective or theme: a quote from one
 * of a handful of people is not shown beside their figures, so it is not offered here either.
 */
export async function evidenceChoices(db: Database, on: { objectiveId: string | null; themeId: string | null }, actionId?: string, threshold = MIN_THRESHOLD): Promise<EvidenceQuote[]> {
  const d1 = db.$client;
  if (!on.objectiveId && !on.themeId) return [];
  const match = `(t.objective_id = ?1 OR t.theme_id IN (SELECT id FROM themes WHERE id = ?2 OR parent_id = ?2 OR merged_into = ?2))`;
  const tagged = `EXISTS (SELECT 1 FROM tags t WHERE t.excerpt_id = e.id AND ${COUNTED('t')} AND ${match})`;
  const codes = [on.objectiveId ?? '', on.themeId ?? ''];
  const statements = [
    d1
      .prepare(
        `SELECT e.id AS id, e.text AS text, r.submitted_at AS at FROM excerpts e JOIN responses r ON r.id = e.response_id
         WHERE ${ELIGIBLE_EXCERPT('e')} AND ${tagged} ORDER BY e.quote_approved_at DESC, e.id DESC LIMIT ${EVIDENCE_LIMIT}`,
      )
      .bind(...codes),
  ];
  if (actionId) {
    statements.push(
      d1
        .prepare(
          `SELECT e.id AS id, e.text AS text, r.submitted_at AS at FROM action_evidence ae JOIN excerpts e ON e.id = ae.excerpt_id JOIN responses r ON r.id = e.response_id
           WHERE ae.action_id = ?3 AND ${ELIGIBLE_EXCERPT('e')} AND ${tagged} ORDER BY e.quote_approved_at DESC, e.id DESC`,
        )
        .bind(...codes, actionId),
    );
  }
  const results = await d1.batch<EvidenceQuote & { at: number }>(statements);
  const byId = new Map<number, EvidenceQuote & { at: number }>();
  for (const q of results.flatMap((r) => r.results)) byId.set(q.id, q);
  const quarters = [...new Map([...byId.values()].map((q) => [quarterOf(q.at).key, quarterOf(q.at)])).values()];
  if (quarters.length === 0) return [];
  const counts = await d1.batch<{ n: number }>(
    quarters.map((q) =>
      d1
        .prepare(
          `SELECT COUNT(DISTINCT t.response_id) AS n FROM tags t JOIN responses r ON r.id = t.response_id JOIN moderation m ON m.response_id = t.response_id
           WHERE ${COUNTED('t')} AND ${match} AND m.status != 'excluded' AND r.submitted_at >= ?3 AND r.submitted_at < ?4`,
        )
        .bind(...codes, q.start, q.end),
    ),
  );
  const enough = new Set(quarters.filter((_, i) => (counts[i]?.results[0]?.n ?? 0) >= threshold).map((q) => q.key));
  return [...byId.values()].filter((q) => enough.has(quarterOf(q.at).key)).map(({ id, text }) => ({ id, text }));
}

function evidenceStatements(d1: D1, actionId: string, evidence: number[]) {
  // INSERT ... SELECT: a quote withdrawn between showing the form and saving it is skipped, not a foreign-key error.
  return evidence.map((id) => d1.prepare('INSERT OR IGNORE INTO action_evidence (action_id, excerpt_id) SELECT ?, id FROM excerpts WHERE id = ?').bind(actionId, id));
}

const json = (t: LocalisedText) => JSON.stringify(t);

export async function addAction(db: Database, fields: ActionFields, actor: string, now = Date.now()): Promise<string> {
  const d1 = db.$client;
  const id = crypto.randomUUID();
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO actions (id, objective_id, theme_id, you_said, we_did, organisation_id, status, acted_on, evidence_quarter, published, created_by, created_at, updated_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(id, fields.objectiveId, fields.themeId, json(fields.youSaid), json(fields.weDid), fields.organisationId, fields.status, fields.actedOn, fields.evidenceQuarter, fields.published ? 1 : 0, actor, now, actor, now),
    ...evidenceStatements(d1, id, fields.evidence),
    // Names what was set, never the words.
    auditStatement(d1, { actor, action: 'action.added', targetType: 'action', targetId: id, detail: `status=${fields.status},published=${fields.published ? 'yes' : 'no'},evidence=${fields.evidence.length}` }, now),
  ]);
  return id;
}

/** What changed between the saved action and the form, by field name (for the audit entry). */
export function changedFields(before: Action, after: ActionFields): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const keys = ['objectiveId', 'themeId', 'youSaid', 'weDid', 'organisationId', 'status', 'actedOn', 'evidenceQuarter', 'published'] as const;
  const changed: string[] = keys.filter((k) => !same(before[k], after[k]));
  if (!same(sorted(before.evidence), sorted(after.evidence))) changed.push('evidence');
  return changed;
}

/** Saves the form over the action; returns what changed (nothing written, nor audited, when nothing did). */
export async function editAction(db: Database, before: Action, fields: ActionFields, actor: string, now = Date.now()): Promise<string[]> {
  const changed = changedFields(before, fields);
  if (changed.length === 0) return changed;
  const d1 = db.$client;
  await d1.batch([
    d1
      .prepare(
        `UPDATE actions SET objective_id = ?, theme_id = ?, you_said = ?, we_did = ?, organisation_id = ?, status = ?, acted_on = ?, evidence_quarter = ?, published = ?, updated_by = ?, updated_at = ? WHERE id = ?`,
      )
      .bind(fields.objectiveId, fields.themeId, json(fields.youSaid), json(fields.weDid), fields.organisationId, fields.status, fields.actedOn, fields.evidenceQuarter, fields.published ? 1 : 0, actor, now, before.id),
    d1.prepare('DELETE FROM action_evidence WHERE action_id = ?').bind(before.id),
    ...evidenceStatements(d1, before.id, fields.evidence),
    auditStatement(d1, { actor, action: 'action.edited', targetType: 'action', targetId: before.id, detail: `changed=${changed.join(',')}` }, now),
  ]);
  return changed;
}

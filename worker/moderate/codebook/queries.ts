// The theme codebook: two levels (parent themes and their children), each theme with a definition
// and an example. Renaming keeps the id, so tags never move; merging moves every tag on one theme to
// another in one batch, drops the duplicates that would leave, and keeps the merged theme (pointing
// at its target) so old links and audit entries still name something.
import { z } from 'zod';
import { auditStatement } from '../../db/audit';
import type { Database } from '../../db/client';

/** Stable ids: tags point at them, so a rename changes the name, never the id. */
export const themeId = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'An id is 2 to 63 lower-case letters, digits and hyphens, starting with a letter');

/** What a person types for a theme, on the page or in a CSV row: one schema for both. */
export const themeFields = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(80, 'A name is at most 80 characters'),
  parentId: z
    .string()
    .trim()
    .transform((v) => v || null)
    .pipe(themeId.nullable()),
  definition: z.string().trim().min(1, 'Enter a definition: one sentence saying what belongs under the theme').max(500, 'A definition is at most 500 characters'),
  example: z.string().trim().min(1, 'Enter an example: a short quote in a respondent’s voice').max(300, 'An example is at most 300 characters'),
});
export type ThemeFields = z.infer<typeof themeFields>;

export interface Theme extends ThemeFields {
  id: string;
  position: number;
  mergedInto: string | null;
  /** tags on this theme (confirmed and rejected, every round) */
  tagCount: number;
}

export interface Codebook {
  /** live parents, each with its live children, in position order */
  parents: (Theme & { children: Theme[] })[];
  merged: Theme[];
  byId: Map<string, Theme>;
}

export async function readCodebook(db: Database): Promise<Codebook> {
  const { results } = await db.$client
    .prepare(
      `SELECT t.id, t.parent_id AS parentId, t.name, t.definition, t.example, t.position, t.merged_into AS mergedInto,
              (SELECT count(*) FROM tags g WHERE g.theme_id = t.id) AS tagCount
       FROM themes t ORDER BY t.position, t.name`,
    )
    .all<Theme>();
  const byId = new Map(results.map((t) => [t.id, t]));
  const live = results.filter((t) => t.mergedInto === null);
  // A child whose parent was merged away or is missing shows at the top level rather than vanishing.
  const isTop = (t: Theme) => t.parentId === null || !byId.get(t.parentId) || byId.get(t.parentId)!.mergedInto !== null;
  const parents = live.filter(isTop).map((p) => ({ ...p, children: live.filter((c) => !isTop(c) && c.parentId === p.id) }));
  return { parents, merged: results.filter((t) => t.mergedInto !== null), byId };
}

/** Plain-words problems with a theme's place in the hierarchy; empty when it fits. */
export function placeProblems(book: Codebook, id: string | undefined, parentId: string | null): string[] {
  if (parentId === null) return [];
  const parent = book.byId.get(parentId);
  if (!parent || parent.mergedInto !== null) return [`There is no theme with id “${parentId}” to be its parent`];
  if (parent.id === id) return ['A theme cannot be its own parent'];
  if (parent.parentId !== null) return [`“${parent.name}” is itself a child theme: choose a top-level theme as the parent`];
  if (id && [...book.byId.values()].some((t) => t.parentId === id && t.mergedInto === null)) return ['This theme has child themes of its own, so it must stay at the top level'];
  return [];
}

/** A new id from the name: "Money and benefits" becomes money-and-benefits, or money-and-benefits-2. */
export function newThemeId(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^[^a-z]+/, '')
      .slice(0, 56) || 'theme';
  const start = base.length >= 2 ? base : `theme-${base}`;
  if (!taken.has(start)) return start;
  for (let n = 2; ; n++) if (!taken.has(`${start}-${n}`)) return `${start}-${n}`;
}

export async function addTheme(db: Database, fields: ThemeFields, actor: string, taken: ReadonlySet<string>): Promise<string> {
  const id = newThemeId(fields.name, taken);
  await db.$client.batch([
    db.$client.prepare('INSERT INTO themes (id, parent_id, name, definition, example, position) VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM themes))').bind(id, fields.parentId, fields.name, fields.definition, fields.example),
    auditStatement(db.$client, { actor, action: 'theme.added', targetType: 'theme', targetId: id }),
  ]);
  return id;
}

export async function editTheme(db: Database, id: string, fields: ThemeFields, actor: string, before: Theme) {
  const changed = (['name', 'parentId', 'definition', 'example'] as const).filter((k) => before[k] !== fields[k]);
  if (changed.length === 0) return;
  await db.$client.batch([
    db.$client.prepare('UPDATE themes SET name = ?, parent_id = ?, definition = ?, example = ? WHERE id = ?').bind(fields.name, fields.parentId, fields.definition, fields.example, id),
    auditStatement(db.$client, { actor, action: 'theme.edited', targetType: 'theme', targetId: id, detail: `changed=${changed.join(',')}` }),
  ]);
}

/** Plain-words problems with merging `from` into `into`; empty when it can be done. */
export function mergeProblems(book: Codebook, from: string, into: string): { fieldId: 'from' | 'into'; message: string }[] {
  const a = book.byId.get(from);
  const b = book.byId.get(into);
  const out: { fieldId: 'from' | 'into'; message: string }[] = [];
  if (!a || a.mergedInto !== null) out.push({ fieldId: 'from', message: 'Choose the theme to merge' });
  if (!b || b.mergedInto !== null) out.push({ fieldId: 'into', message: 'Choose the theme to merge it into' });
  if (out.length > 0) return out;
  if (from === into) return [{ fieldId: 'into', message: 'Choose a different theme to merge it into' }];
  const hasChildren = [...book.byId.values()].some((t) => t.parentId === from && t.mergedInto === null);
  if (hasChildren && b!.parentId !== null) return [{ fieldId: 'into', message: `“${a!.name}” has child themes: merge it into a top-level theme, which takes its children` }];
  return [];
}

/**
 * Moves every tag on `from` to `into` in one batch (D1 runs a batch as one transaction). A tag
 * that would repeat one already on the same excerpt, round and state is dropped, not doubled; the
 * merged theme's children move to the target; themes merged into `from` earlier now point at `into`.
 */
export async function mergeTheme(db: Database, from: string, into: string, actor: string) {
  const d1 = db.$client;
  const [moved, dropped] = await db.$client.batch([
    d1.prepare('SELECT count(*) AS n FROM tags WHERE theme_id = ?').bind(from),
    d1
      .prepare('DELETE FROM tags WHERE theme_id = ? AND EXISTS (SELECT 1 FROM tags t WHERE t.theme_id = ? AND t.excerpt_id = tags.excerpt_id AND t.round = tags.round AND t.state = tags.state) RETURNING id')
      .bind(from, into),
    d1.prepare('UPDATE tags SET theme_id = ? WHERE theme_id = ?').bind(into, from),
    d1.prepare('UPDATE themes SET parent_id = ? WHERE parent_id = ? AND merged_into IS NULL').bind(into, from),
    d1.prepare('UPDATE themes SET merged_into = ? WHERE merged_into = ?').bind(into, from),
    d1.prepare('UPDATE themes SET merged_into = ? WHERE id = ?').bind(into, from),
    auditStatement(db.$client, { actor, action: 'theme.merged', targetType: 'theme', targetId: from, detail: `into=${into}` }),
  ]);
  const total = (moved as D1Result<{ n: number }>).results[0]?.n ?? 0;
  // Counted from RETURNING: D1's meta.changes also counts the rows the report's roll-up triggers write.
  const removed = dropped!.results.length;
  return { moved: total - removed, duplicates: removed };
}

/** The rows an import writes: every field, with the id it is kept under. */
export interface ThemeRow extends ThemeFields {
  id: string;
}

/**
 * Upserts by id in one batch, parents before children so a new child's parent exists. A row that
 * names a merged theme edits it but leaves it merged. Returns how many were added and changed.
 */
export async function importThemes(db: Database, rows: ThemeRow[], book: Codebook, actor: string) {
  const d1 = db.$client;
  const ordered = [...rows].sort((a, b) => Number(a.parentId !== null) - Number(b.parentId !== null));
  const statements: D1PreparedStatement[] = [];
  let added = 0;
  let changed = 0;
  for (const r of ordered) {
    const before = book.byId.get(r.id);
    if (!before) {
      added++;
      statements.push(
        d1.prepare('INSERT INTO themes (id, parent_id, name, definition, example, position) VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM themes))').bind(r.id, r.parentId, r.name, r.definition, r.example),
        auditStatement(db.$client, { actor, action: 'theme.added', targetType: 'theme', targetId: r.id, detail: 'import' }),
      );
    } else if ((['name', 'parentId', 'definition', 'example'] as const).some((k) => before[k] !== r[k])) {
      changed++;
      statements.push(
        d1.prepare('UPDATE themes SET parent_id = ?, name = ?, definition = ?, example = ? WHERE id = ?').bind(r.parentId, r.name, r.definition, r.example, r.id),
        auditStatement(db.$client, { actor, action: 'theme.edited', targetType: 'theme', targetId: r.id, detail: 'import' }),
      );
    }
  }
  if (statements.length > 0) await d1.batch(statements);
  return { added, changed };
}

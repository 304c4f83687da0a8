// Frozen quarters: one per framework and quarter, never changed once made.
import type { Database } from '../../db/client';
import { randomToken } from '../../http/tokens';
import { snapshotFigures, type SnapshotFigures } from './figures';

type D1 = Database['$client'];

export interface SnapshotRow {
  id: string;
  frameworkId: string;
  frameworkName: string;
  quarter: string;
  createdAt: number;
  createdByName: string;
}

export async function listSnapshots(d1: D1): Promise<SnapshotRow[]> {
  const { results } = await d1
    .prepare(
      `SELECT s.id, s.framework_id AS frameworkId, f.name AS frameworkName, s.quarter, s.created_at AS createdAt, COALESCE(u.name, s.created_by) AS createdByName
       FROM report_snapshots s JOIN frameworks f ON f.id = s.framework_id LEFT JOIN users u ON u.id = s.created_by ORDER BY s.quarter DESC, f.name`,
    )
    .all<SnapshotRow>();
  return results;
}

export async function loadSnapshot(d1: D1, id: string): Promise<(SnapshotRow & { figures: SnapshotFigures }) | undefined> {
  const row = await d1
    .prepare(
      `SELECT s.id, s.framework_id AS frameworkId, f.name AS frameworkName, s.quarter, s.created_at AS createdAt, COALESCE(u.name, s.created_by) AS createdByName, s.figures
       FROM report_snapshots s JOIN frameworks f ON f.id = s.framework_id LEFT JOIN users u ON u.id = s.created_by WHERE s.id = ?`,
    )
    .bind(id)
    .first<SnapshotRow & { figures: string }>();
  if (!row) return undefined;
  return { ...row, figures: snapshotFigures.parse(JSON.parse(row.figures)) };
}

export async function findSnapshot(d1: D1, frameworkId: string, quarter: string): Promise<string | undefined> {
  const row = await d1.prepare('SELECT id FROM report_snapshots WHERE framework_id = ? AND quarter = ?').bind(frameworkId, quarter).first<{ id: string }>();
  return row?.id;
}

/** Freezes a quarter; if it was frozen already (a double click, or someone else), returns that one. */
export async function saveSnapshot(d1: D1, frameworkId: string, quarter: string, figures: SnapshotFigures, actor: string, now: number): Promise<{ id: string; created: boolean }> {
  const id = randomToken(12);
  const [insert] = await d1.batch([
    d1.prepare('INSERT OR IGNORE INTO report_snapshots (id, framework_id, quarter, figures, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)').bind(id, frameworkId, quarter, JSON.stringify(figures), actor, now),
    // Audited only when this insert made it (the same batch, so the entry and the row land together).
    d1
      .prepare("INSERT INTO audit_log (at, actor, action, target_type, target_id, detail) SELECT ?, ?, 'report.frozen', 'report_snapshot', ?, ? WHERE changes() = 1")
      .bind(now, actor, id, JSON.stringify({ framework: frameworkId, quarter })),
  ]);
  if ((insert?.meta.changes ?? 0) === 1) return { id, created: true };
  return { id: (await findSnapshot(d1, frameworkId, quarter))!, created: false };
}

// Writing to the append-only audit log. Details name things, never the words of an answer.
import type { Database } from './client';
import { auditLog } from './schema';

export interface AuditEntry {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  detail?: string;
}

export function audit(db: Database, entry: AuditEntry, at = Date.now()) {
  return db.insert(auditLog).values({ ...entry, at });
}

/** The same entry as a raw D1 statement, for a `d1.batch` that makes the change it records. */
export function auditStatement(d1: D1Database, entry: AuditEntry, at = Date.now()) {
  return d1.prepare('INSERT INTO audit_log (at, actor, action, target_type, target_id, detail) VALUES (?, ?, ?, ?, ?, ?)').bind(at, entry.actor, entry.action, entry.targetType, entry.targetId, entry.detail ?? null);
}

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

// The lists the engines read, as admins keep them: safeguarding signals and redaction terms. Every
// write is checked by the engine's own zod schema first (signals.ts, redaction-terms.ts), lands in
// one batch with its audit entry, and then drops the lists' minute cache so the next submission
// is triaged and redacted with the edited list.
import { asc, eq } from 'drizzle-orm';
import { audit } from '../../db/audit';
import type { Database } from '../../db/client';
import { redactionTerms as termsTable, safeguardingSignals as signalsTable } from '../../db/schema';
import { forgetModerationLists } from '../lists';
import type { RedactionTerm } from '../redaction-terms';
import type { SafeguardingSignal } from '../signals';

export type SignalRow = typeof signalsTable.$inferSelect;
export type TermRow = typeof termsTable.$inferSelect;

export function listSignals(db: Database): Promise<SignalRow[]> {
  return db.select().from(signalsTable).orderBy(asc(signalsTable.category), asc(signalsTable.phrase)).all();
}

export function findSignal(db: Database, id: string): Promise<SignalRow | undefined> {
  return db.select().from(signalsTable).where(eq(signalsTable.id, id)).get();
}

export function listTerms(db: Database): Promise<TermRow[]> {
  return db.select().from(termsTable).orderBy(asc(termsTable.kind), asc(termsTable.term)).all();
}

export function findTerm(db: Database, id: string): Promise<TermRow | undefined> {
  return db.select().from(termsTable).where(eq(termsTable.id, id)).get();
}

/** An id from the words: "kill* myself" in suicide becomes suicide-kill-myself (or -2, -3, ...). */
export function newListId(prefix: string, words: string, taken: (id: string) => Promise<boolean>): Promise<string> {
  const base = `${prefix}-${words}`
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return (async () => {
    if (!(await taken(base))) return base;
    for (let n = 2; ; n++) if (!(await taken(`${base}-${n}`))) return `${base}-${n}`;
  })();
}

/** What changed between two versions of a row, as field names for the audit entry (never the words). */
function changedFields<T extends object>(before: T | undefined, after: T, keys: (keyof T)[]): string {
  if (!before) return '';
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).join(',');
}

export async function saveSignal(db: Database, signal: SafeguardingSignal, actor: string, before?: SignalRow, now = Date.now()) {
  const row = { ...signal, updatedBy: actor, updatedAt: now };
  const changed = changedFields(before as SafeguardingSignal | undefined, signal, ['category', 'phrase', 'language', 'unless', 'negatable', 'why', 'enabled']);
  if (before && !changed) return;
  await db.batch([
    db.insert(signalsTable).values(row).onConflictDoUpdate({ target: signalsTable.id, set: row }),
    audit(db, { actor, action: before ? 'signal.edited' : 'signal.added', targetType: 'safeguarding-signal', targetId: signal.id, detail: before ? `changed=${changed}` : `category=${signal.category}` }, now),
  ]);
  forgetModerationLists();
}

export async function saveTerm(db: Database, term: RedactionTerm, actor: string, before?: TermRow, now = Date.now()) {
  const row = { ...term, updatedBy: actor, updatedAt: now };
  const changed = changedFields(before as RedactionTerm | undefined, term, ['kind', 'term', 'aliases', 'matchCase', 'note', 'enabled']);
  if (before && !changed) return;
  await db.batch([
    db.insert(termsTable).values(row).onConflictDoUpdate({ target: termsTable.id, set: row }),
    audit(db, { actor, action: before ? 'redaction-term.edited' : 'redaction-term.added', targetType: 'redaction-term', targetId: term.id, detail: before ? `changed=${changed}` : `kind=${term.kind}` }, now),
  ]);
  forgetModerationLists();
}

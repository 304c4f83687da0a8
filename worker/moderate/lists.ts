// The lists the engines read, from D1 (admins edit them), falling back to the seeded defaults when a
// table is empty. Kept for a minute per isolate: a list changes rarely, every submit reads it, and
// triage compiles a list once per array it is given.
import type { Database } from '../db/client';
import { redactionTerms as termsTable, safeguardingSignals as signalsTable } from '../db/schema';
import { defaultRedactionLists, defaultSignals } from './defaults';
import { termsFromRows, type RedactionLists } from './redaction-terms';
import { signalsFromRows, type SafeguardingSignal } from './signals';

const TTL_MS = 60_000;
let cached: { at: number; signals: SafeguardingSignal[]; redaction: RedactionLists } | undefined;

export async function moderationLists(db: Database, now = Date.now()) {
  if (cached && now - cached.at < TTL_MS) return cached;
  const [signalRows, termRows] = await Promise.all([db.select().from(signalsTable).all(), db.select().from(termsTable).all()]);
  const signals = signalRows.length > 0 ? signalsFromRows(signalRows) : defaultSignals;
  const terms = termRows.length > 0 ? termsFromRows(termRows) : defaultRedactionLists.terms;
  cached = { at: now, signals, redaction: { ...defaultRedactionLists, terms } };
  return cached;
}

/** After an admin edits a list: the next read goes to D1. */
export function forgetModerationLists() {
  cached = undefined;
}

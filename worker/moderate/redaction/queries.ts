// A moderator's own redactions: adding one by its words, changing one's kind or words. Each change
// rebuilds the answer's redacted text from every redaction still applied (accepted or proposed) and
// carries every excerpt of that answer onto the new text, in the one version-checked batch
// (`changeAtVersion`) with its audit entry.
import type { Database } from '../../db/client';
import { REDACTION_KINDS, type RedactionKind } from '../../db/moderation-schema';
import { occurrencesOf, rebuild, type Span } from './remap';

export interface AnswerForRedaction {
  original: string;
  redacted: string;
  purged: boolean;
  redactions: { id: number; start: number; end: number; kind: RedactionKind; source: string; state: string }[];
  excerpts: { id: number; start: number; end: number; quoteApprovedBy: string | null; quoteApprovedAt: number | null }[];
}

/** One free-text answer as a redaction change needs it; undefined when the answer has no redacted copy (not free text). */
export async function loadAnswerForRedaction(db: Database, responseId: string, questionId: string): Promise<AnswerForRedaction | undefined> {
  const d1 = db.$client;
  const [answer, text, redactions, excerpts] = await d1.batch([
    d1.prepare('SELECT value FROM answers WHERE response_id = ? AND question_id = ?').bind(responseId, questionId),
    d1.prepare('SELECT redacted, original_purged_at AS purgedAt FROM answer_texts WHERE response_id = ? AND question_id = ?').bind(responseId, questionId),
    d1.prepare('SELECT id, start, "end", kind, source, state FROM redactions WHERE response_id = ? AND question_id = ? ORDER BY start').bind(responseId, questionId),
    d1.prepare('SELECT id, start, "end", quote_approved_by AS quoteApprovedBy, quote_approved_at AS quoteApprovedAt FROM excerpts WHERE response_id = ? AND question_id = ? ORDER BY id').bind(responseId, questionId),
  ]);
  const t = (text!.results as { redacted: string; purgedAt: number | null }[])[0];
  if (!t) return undefined;
  const raw = (answer!.results as { value: string }[])[0]?.value;
  let original = '';
  try {
    const v = raw === undefined ? '' : JSON.parse(raw);
    original = typeof v === 'string' ? v : '';
  } catch {
    original = '';
  }
  return {
    original,
    redacted: t.redacted,
    purged: t.purgedAt !== null,
    redactions: redactions!.results as AnswerForRedaction['redactions'],
    excerpts: excerpts!.results as AnswerForRedaction['excerpts'],
  };
}

export interface RedactionInput {
  words: string;
  occurrence?: number;
  kind: string;
  reason: string;
}

export type FieldName = 'words' | 'occurrence' | 'kind' | 'reason';
export type Problems = Partial<Record<FieldName, string>>;

const isKind = (k: string): k is RedactionKind => (REDACTION_KINDS as readonly string[]).includes(k);

/**
 * Where the typed words are in the original, checked: the words must be there (the given occurrence,
 * else the one overlapping `near`, else the first), must not overlap another applied redaction, and
 * the reason must be given and must not repeat the words.
 */
export function planRange(a: AnswerForRedaction, input: RedactionInput, editing?: { id: number; start: number; end: number }): { start: number; end: number; kind: RedactionKind } | Problems {
  const problems: Problems = {};
  const words = input.words.trim();
  const reason = input.reason.trim();
  let range: { start: number; end: number } | undefined;
  if (!words) problems.words = 'Type the words to redact, exactly as they are written in the answer';
  else {
    const found = occurrencesOf(a.original, words);
    if (found.length === 0) problems.words = 'Those words are not in the answer. Type them exactly as written, with the same capital letters and spaces';
    else if (input.occurrence !== undefined && (input.occurrence < 1 || input.occurrence > found.length)) {
      problems.occurrence = found.length === 1 ? 'Those words appear once in the answer: leave this empty or type 1' : `Those words appear ${found.length} times in the answer: type a number from 1 to ${found.length}`;
    } else {
      const near = editing && found.find((at) => at < editing.end && editing.start < at + words.length);
      const at = input.occurrence !== undefined ? found[input.occurrence - 1]! : (near ?? found[0]!);
      range = { start: at, end: at + words.length };
      const clash = a.redactions.find((x) => x.state !== 'rejected' && x.id !== editing?.id && x.start < range!.end && range!.start < x.end);
      if (clash) problems.words = `Those words overlap the [${clash.kind}] redaction already there: change that one instead`;
    }
  }
  if (!isKind(input.kind)) problems.kind = 'Choose what kind of detail this is';
  if (!reason) problems.reason = 'Say why this is redacted';
  else if (reason.length > 500) problems.reason = 'Keep the reason to 500 characters or fewer';
  else if (words && reason.toLowerCase().includes(words.toLowerCase())) problems.reason = 'Say why without repeating the words being redacted: the reason is kept in the audit log';
  if (Object.keys(problems).length > 0 || !range) return problems;
  return { ...range, kind: input.kind as RedactionKind };
}

const applied = (rows: AnswerForRedaction['redactions']): Span[] => rows.filter((x) => x.state !== 'rejected');

/**
 * The statements that store the answer's new redacted text and move its excerpts. Excerpts are first
 * parked on ranges nobody else can hold (the unique range index is checked per statement), then put
 * on their new ranges; two that land on the same range become one, keeping every tag and a quote approval.
 */
export function rebuildStatements(db: Database, responseId: string, questionId: string, a: AnswerForRedaction, after: Span[]): D1PreparedStatement[] {
  const d1 = db.$client;
  const built = rebuild(a.original, applied(a.redactions), after, a.redacted);
  const out = [d1.prepare('UPDATE answer_texts SET redacted = ? WHERE response_id = ? AND question_id = ?').bind(built.text, responseId, questionId)];
  if (a.excerpts.length === 0) return out;
  const ids = a.excerpts.map((e) => e.id);
  out.push(d1.prepare(`UPDATE excerpts SET start = -id, "end" = -id WHERE response_id = ? AND id IN (${ids.map(() => '?').join(', ')})`).bind(responseId, ...ids));
  const byRange = new Map<string, { start: number; end: number; members: AnswerForRedaction['excerpts'] }>();
  for (const e of a.excerpts) {
    const r = built.remap(e.start, e.end);
    const key = `${r.start}:${r.end}`;
    const group = byRange.get(key) ?? { ...r, members: [] };
    group.members.push(e);
    byRange.set(key, group);
  }
  for (const g of byRange.values()) {
    const [keep, ...drop] = g.members;
    const approved = g.members.find((m) => m.quoteApprovedAt !== null);
    out.push(
      d1
        .prepare('UPDATE excerpts SET start = ?, "end" = ?, text = ?, quote_approved_by = ?, quote_approved_at = ? WHERE id = ? AND response_id = ?')
        .bind(g.start, g.end, built.text.slice(g.start, g.end), approved?.quoteApprovedBy ?? null, approved?.quoteApprovedAt ?? null, keep!.id, responseId),
    );
    for (const d of drop) {
      out.push(
        d1
          .prepare(
            `UPDATE tags SET excerpt_id = ? WHERE excerpt_id = ? AND response_id = ? AND NOT EXISTS (
               SELECT 1 FROM tags t2 WHERE t2.excerpt_id = ? AND t2.objective_id IS tags.objective_id AND t2.theme_id IS tags.theme_id
                 AND t2.state = tags.state AND t2.round = tags.round AND t2.created_by = tags.created_by)`,
          )
          .bind(keep!.id, d.id, responseId, keep!.id),
        d1.prepare('DELETE FROM excerpts WHERE id = ? AND response_id = ?').bind(d.id, responseId),
      );
    }
  }
  return out;
}

/** A new redaction by a moderator, accepted, and the answer rebuilt. A rejected proposal on exactly that range gives way to it. */
export function addStatements(db: Database, responseId: string, questionId: string, a: AnswerForRedaction, span: Span & { kind: RedactionKind }, me: string, now = Date.now()) {
  const d1 = db.$client;
  return [
    d1.prepare('DELETE FROM redactions WHERE response_id = ? AND question_id = ? AND start = ? AND "end" = ? AND state = \'rejected\'').bind(responseId, questionId, span.start, span.end),
    d1
      .prepare('INSERT INTO redactions (response_id, question_id, start, "end", kind, source, state, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, \'moderator\', \'accepted\', ?, ?)')
      .bind(responseId, questionId, span.start, span.end, span.kind, me, now),
    ...rebuildStatements(db, responseId, questionId, a, [...applied(a.redactions), span]),
  ];
}

/** A redaction's kind or range changed by a moderator (which also accepts it), and the answer rebuilt. */
export function editStatements(db: Database, responseId: string, questionId: string, a: AnswerForRedaction, id: number, span: Span & { kind: RedactionKind }, me: string, now = Date.now()) {
  const d1 = db.$client;
  const others = applied(a.redactions).filter((x) => (x as { id?: number }).id !== id);
  return [
    d1.prepare('DELETE FROM redactions WHERE response_id = ? AND question_id = ? AND start = ? AND "end" = ? AND state = \'rejected\' AND id != ?').bind(responseId, questionId, span.start, span.end, id),
    d1
      .prepare('UPDATE redactions SET start = ?, "end" = ?, kind = ?, state = \'accepted\', decided_by = ?, decided_at = ? WHERE id = ? AND response_id = ?')
      .bind(span.start, span.end, span.kind, me, now, id, responseId),
    ...rebuildStatements(db, responseId, questionId, a, [...others, span]),
  ];
}

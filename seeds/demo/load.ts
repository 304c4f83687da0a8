// Turns the demo into SQL for a local D1: sessions, responses, answers, and what moderation made of
// them (redacted texts, redactions, flags, excerpts, tags, approved quotes), then the actions taken
// because of them. Local only: the remote seed never loads it. Idempotent: every row is keyed by a
// stable id, so a second run inserts nothing new (INSERT OR IGNORE), and a response someone withdrew
// locally stays withdrawn only until the next seed, which is what a demo wants.
//
// `demoStatements` is the whole demo (what `npm run db:seed` loads locally); `demoResponseStatements`
// is the 300-response corpus alone, with its sessions, which the moderation tests count on.
import { organisationNamed, type FormDefinition } from '../../worker/forms/definition';
import { defaultSignals } from '../../worker/moderate/defaults';
import { triage } from '../../worker/moderate/triage';
import { demoStaff, SECOND_MODERATOR } from '../demo-staff';
import { secondCodingStatements } from './second-coding';
import { lit } from '../index';
import { demoActions, type DemoAction } from './actions';
import { demoRecentResponses } from './recent';
import { demoResponses } from './responses';
import type { DemoResponse } from './schema';
import { demoSessions, sessionOf, type DemoSession } from './sessions';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const COUNTYWIDE = 'oxfordshire-countywide';

interface Span {
  start: number;
  end: number;
  kind: string;
}

/** Where each expected personal detail sits in the original answer (first unclaimed occurrence). */
export function detailSpans(text: string, details: { text: string; kind: string }[]): Span[] {
  const spans: Span[] = [];
  for (const d of details) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(d.text, from);
      if (at < 0) break;
      const end = at + d.text.length;
      if (!spans.some((s) => at < s.end && end > s.start)) {
        spans.push({ start: at, end, kind: d.kind });
        break;
      }
      from = at + 1;
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** The redacted text, and a function mapping an offset in the original to one in the redacted text. */
export function applySpans(text: string, spans: Span[]): { redacted: string; map: (offset: number) => number } {
  let out = '';
  let last = 0;
  const shifts: { at: number; end: number; newStart: number; newEnd: number }[] = [];
  for (const s of spans) {
    out += text.slice(last, s.start);
    const label = `[${s.kind}]`;
    shifts.push({ at: s.start, end: s.end, newStart: out.length, newEnd: out.length + label.length });
    out += label;
    last = s.end;
  }
  out += text.slice(last);
  const map = (offset: number) => {
    let delta = 0;
    for (const sh of shifts) {
      if (offset >= sh.end) delta = sh.newEnd - sh.end;
      else if (offset > sh.at) return sh.newEnd; // inside a redaction: the excerpt takes the whole label
      else break;
    }
    return offset + delta;
  };
  return { redacted: out, map };
}

// The first coding is Mo's; the second moderator only second-codes (second-coding.ts).
const MODERATORS = demoStaff.filter((s) => s.role === 'moderator' && s.id !== SECOND_MODERATOR).map((s) => s.id);

const ESCALATIONS = [
  'Hostel manager and the county safeguarding adults team, by phone',
  'Duty social worker at the council, same day',
  'Outreach team lead, who knows the person',
  'Police non-emergency line and the hostel manager',
];

/**
 * The organisation a response counts for, as the Worker's submit decides it: its session's, or else
 * the one its answers name (the `namesService` question).
 */
export function organisationOf(r: DemoResponse, definition: FormDefinition, session: DemoSession | undefined): string | undefined {
  return session?.organisationId ?? organisationNamed(definition, r.answers);
}

/** Where an answer range of the original text sits in the redacted text (the excerpt's range). */
export function redactedRange(r: DemoResponse, range: { questionId: string; start: number; end: number }): { start: number; end: number } {
  const value = r.answers[range.questionId];
  if (typeof value !== 'string') throw new Error(`${r.id}: ${range.questionId} is not a text answer`);
  const spans = detailSpans(value, r.expect.personalDetails.filter((d) => d.questionId === range.questionId));
  const { map } = applySpans(value, spans);
  return { start: map(range.start), end: map(range.end) };
}

function statementsFor(r: DemoResponse, index: number, versionId: string, definition: FormDefinition, session: DemoSession | undefined, now: number): string[] {
  const out: string[] = [];
  const moderator = MODERATORS[index % MODERATORS.length] ?? demoStaff[0]!.id;
  const status = r.moderation.status;
  const touched = status !== 'new';
  // Never in the future, whatever day the demo is seeded on.
  const decidedAt = Math.min(r.submittedAt + (2 + (index % 9)) * DAY, Math.max(r.submittedAt, Math.floor(now / HOUR) * HOUR - HOUR));
  // Through a lookup, as submit does, so an organisation that is not there stores none rather than failing.
  const organisation = organisationOf(r, definition, session);
  // A facilitator typed in what was given with them, in a group or on paper (moderators see who; reports never).
  const enteredBy = session && (r.channel === 'assisted' || r.channel === 'group' || r.channel === 'paper') ? session.createdBy : null;
  out.push(
    `INSERT OR IGNORE INTO responses (id, form_version_id, session_id, channel, locale, submitted_at, withdrawal_key, organisation_id, entered_by) VALUES (${lit(r.id)}, ${lit(versionId)}, ${lit(session?.id ?? null)}, ${lit(r.channel)}, ${lit(r.locale)}, ${r.submittedAt}, NULL, ` +
      `${organisation ? `(SELECT id FROM organisations WHERE id = ${lit(organisation)})` : 'NULL'}, ${lit(enteredBy)});`,
  );
  if (r.channel === 'group') {
    // How many sat round the table (four to nine), and which notes the whole group agreed with: every other one.
    const notes = Object.keys(r.answers).filter((id) => typeof r.answers[id] === 'string');
    out.push(`INSERT OR IGNORE INTO group_discussions (response_id, participants, agreed) VALUES (${lit(r.id)}, ${4 + (index % 6)}, ${lit(JSON.stringify(notes.filter((_, i) => i % 2 === 0)))});`);
  }
  const freeText = new Set(definition.pages.flatMap((p) => p.questions).filter((q) => q.type === 'long_text' || q.type === 'short_text').map((q) => q.id));
  const maps = new Map<string, (o: number) => number>();
  const redactedTexts = new Map<string, string>();
  for (const [questionId, value] of Object.entries(r.answers)) {
    out.push(`INSERT OR IGNORE INTO answers (response_id, question_id, value) VALUES (${lit(r.id)}, ${lit(questionId)}, ${lit(JSON.stringify(value))});`);
    if (!freeText.has(questionId) || typeof value !== 'string') continue;
    const details = r.expect.personalDetails.filter((d) => d.questionId === questionId);
    const spans = detailSpans(value, details);
    const { redacted, map } = applySpans(value, spans);
    maps.set(questionId, map);
    redactedTexts.set(questionId, redacted);
    out.push(`INSERT OR IGNORE INTO answer_texts (response_id, question_id, redacted) VALUES (${lit(r.id)}, ${lit(questionId)}, ${lit(redacted)});`);
    for (const s of spans) {
      out.push(
        `INSERT OR IGNORE INTO redactions (response_id, question_id, start, end, kind, source, state, decided_by, decided_at) SELECT ${lit(r.id)}, ${lit(questionId)}, ${s.start}, ${s.end}, ${lit(s.kind)}, 'proposed', ${lit(touched ? 'accepted' : 'proposed')}, ${touched ? lit(moderator) : 'NULL'}, ${touched ? decidedAt : 'NULL'} ` +
          `WHERE NOT EXISTS (SELECT 1 FROM redactions WHERE response_id = ${lit(r.id)} AND question_id = ${lit(questionId)} AND start = ${s.start});`,
      );
    }
  }
  // Flags as the arrival hook makes them: the triage engine over each free-text answer, so the
  // banner can say which words and why. Where the engine misses a concern the corpus knows of, the
  // flag still stands (a moderator would have raised it), on the first free-text answer.
  const found = [...redactedTexts.keys()]
    .map((questionId) => ({ questionId, result: triage(r.answers[questionId] as string, defaultSignals) }))
    .filter((f) => f.result.flag);
  const expected = r.expect.safeguarding;
  const flags = found.map((f) => ({ questionId: f.questionId, categories: f.result.signals as string[], matches: f.result.matches.map((m) => ({ start: m.start, end: m.end, category: m.category, why: m.why })) }));
  if (expected.length > 0 && flags.length === 0) flags.push({ questionId: [...redactedTexts.keys()][0] ?? Object.keys(r.answers)[0]!, categories: expected, matches: [] });
  const real = expected.length > 0;
  const resolved = flags.length > 0 && (status === 'done' || status === 'excluded');
  out.push(
    `INSERT OR IGNORE INTO moderation (response_id, status, excluded_reason, safeguarding, quote_consent, submitted_at, version, done_at) VALUES ` +
      `(${lit(r.id)}, ${lit(status)}, ${lit(r.moderation.excludedReason ?? null)}, ${lit(flags.length > 0 ? (resolved ? 'resolved' : 'open') : 'none')}, ${r.consentToQuote ? 1 : 0}, ${r.submittedAt}, 0, ${status === 'done' ? Math.floor(decidedAt / DAY) * DAY : 'NULL'});`,
  );
  for (const flag of flags) {
    // A resolved real concern was escalated; a resolved false alarm was read and needed nothing.
    const outcome = !resolved ? 'open' : real ? 'escalated' : 'no-action';
    const note = !resolved ? null : real ? ESCALATIONS[index % ESCALATIONS.length]! : 'Read in full: an everyday way of speaking, no sign of risk';
    out.push(
      `INSERT OR IGNORE INTO safeguarding_flags (response_id, question_id, categories, matches, outcome, outcome_note, escalated_at, decided_by, decided_at) VALUES (${lit(r.id)}, ${lit(flag.questionId)}, ${lit(JSON.stringify(flag.categories))}, ${lit(JSON.stringify(flag.matches))}, ${lit(outcome)}, ` +
        `${lit(note)}, ${resolved && real ? r.submittedAt + DAY : 'NULL'}, ${resolved ? lit(moderator) : 'NULL'}, ${resolved ? r.submittedAt + DAY : 'NULL'});`,
    );
  }
  const approved = new Set(r.moderation.approvedQuotes.map((q) => `${q.questionId}:${q.start}:${q.end}`));
  for (const tag of r.moderation.tags) {
    const map = maps.get(tag.questionId);
    const redacted = redactedTexts.get(tag.questionId);
    if (!map || redacted === undefined) continue;
    const [start, end] = [map(tag.start), map(tag.end)];
    const quoted = approved.has(`${tag.questionId}:${tag.start}:${tag.end}`);
    const excerpt = `(SELECT id FROM excerpts WHERE response_id = ${lit(r.id)} AND question_id = ${lit(tag.questionId)} AND start = ${start} AND end = ${end})`;
    out.push(
      `INSERT OR IGNORE INTO excerpts (response_id, question_id, start, end, text, created_by, created_at, quote_approved_by, quote_approved_at) VALUES ` +
        `(${lit(r.id)}, ${lit(tag.questionId)}, ${start}, ${end}, ${lit(redacted.slice(start, end))}, ${lit(moderator)}, ${decidedAt}, ${quoted ? lit(moderator) : 'NULL'}, ${quoted ? decidedAt : 'NULL'});`,
    );
    const codes = [
      ...tag.objectives.map((code) => ({ column: 'objective_id', value: `${COUNTYWIDE}:${code}` })),
      ...tag.themes.map((slug) => ({ column: 'theme_id', value: slug })),
    ];
    for (const c of codes) {
      out.push(
        `INSERT INTO tags (excerpt_id, response_id, ${c.column}, created_by, created_at) SELECT ${excerpt}, ${lit(r.id)}, ${lit(c.value)}, ${lit(moderator)}, ${decidedAt} ` +
          `WHERE NOT EXISTS (SELECT 1 FROM tags WHERE excerpt_id = ${excerpt} AND ${c.column} = ${lit(c.value)});`,
      );
    }
  }
  return out;
}

type Versions = Map<string, { versionId: string; definition: FormDefinition }>;

const DEFAULT_NOW = Date.parse('2026-12-01T12:00:00Z');

function sessionStatements(sessions: readonly DemoSession[]): string[] {
  return sessions.map(
    (s) =>
      `INSERT OR IGNORE INTO feedback_sessions (id, form_id, name, place, held_on, organisation_id, join_code, status, kiosk, languages, next_steps, closed_at, summary_shared_at, created_by, created_at) VALUES ` +
      `(${lit(s.id)}, ${lit(s.formSlug)}, ${lit(s.name)}, ${lit(s.place)}, ${s.heldOn}, ${lit(s.organisationId)}, ${lit(s.joinCode)}, ${lit(s.status)}, ${s.kiosk ? 1 : 0}, ${lit(JSON.stringify(s.languages))}, ${lit(s.nextSteps)}, ` +
      `${s.status === 'closed' ? s.heldOn + 17 * 3_600_000 : 'NULL'}, ${s.summaryShared ? s.heldOn + 10 * DAY : 'NULL'}, ${lit(s.createdBy)}, ${s.createdAt});`,
  );
}

function responsesStatements(responses: readonly DemoResponse[], firstIndex: number, versions: Versions, sessions: readonly DemoSession[], now: number): string[] {
  const out: string[] = [];
  responses.forEach((r, i) => {
    const version = versions.get(r.formSlug);
    if (!version) throw new Error(`no seeded form ${r.formSlug}`);
    out.push(...statementsFor(r, firstIndex + i, version.versionId, version.definition, sessionOf(r, sessions), now));
  });
  return out;
}

function actionStatements(actions: readonly DemoAction[], responses: readonly DemoResponse[]): string[] {
  const byId = new Map(responses.map((r) => [r.id, r]));
  const out: string[] = [];
  for (const a of actions) {
    out.push(
      `INSERT OR IGNORE INTO actions (id, objective_id, theme_id, you_said, we_did, organisation_id, status, acted_on, evidence_quarter, published, created_by, created_at, updated_by, updated_at) VALUES ` +
        `(${lit(a.id)}, ${lit(a.objectiveId)}, ${lit(a.themeId)}, ${lit(JSON.stringify(a.youSaid))}, ${lit(JSON.stringify(a.weDid))}, ${lit(a.organisationId)}, ${lit(a.status)}, ${a.actedOn}, ${lit(a.evidenceQuarter)}, ${a.published ? 1 : 0}, ` +
        `${lit(a.createdBy)}, ${a.createdAt}, ${lit(a.updatedBy)}, ${a.updatedAt});`,
    );
    for (const e of a.evidence) {
      const r = byId.get(e.responseId);
      if (!r) throw new Error(`${a.id}: evidence from unknown response ${e.responseId}`);
      const { start, end } = redactedRange(r, e);
      // Only an approved quote can be evidence: if the excerpt is not one (or is gone), nothing is linked.
      out.push(
        `INSERT OR IGNORE INTO action_evidence (action_id, excerpt_id) SELECT ${lit(a.id)}, id FROM excerpts WHERE response_id = ${lit(r.id)} AND question_id = ${lit(e.questionId)} AND start = ${start} AND end = ${end} AND quote_approved_at IS NOT NULL;`,
      );
    }
  }
  return out;
}

/** The demo corpus (300 responses) and its sessions as SQL, against the form versions the seed has just made current. */
export function demoResponseStatements(versions: Versions, now = DEFAULT_NOW): string[] {
  const corpus = demoResponses(2026, now);
  const sessions = demoSessions(corpus, now);
  return [...sessionStatements(sessions), ...responsesStatements(corpus, 0, versions, sessions, now)];
}

/** Everything the demo shows, as one list: the corpus and its sessions, the latest quarter's extra responses, and the actions. */
export function demoData(now = DEFAULT_NOW) {
  const corpus = demoResponses(2026, now);
  const sessions = demoSessions(corpus, now);
  const recent = demoRecentResponses(2026, now, { corpus, sessions });
  const responses = [...corpus, ...recent];
  return { corpus, recent, responses, sessions, actions: demoActions(responses, now) };
}

/** The whole demo as SQL: sessions, all the responses and their moderation, then the actions and their evidence. */
export function demoStatements(versions: Versions, now = DEFAULT_NOW): string[] {
  const { corpus, recent, responses, sessions, actions } = demoData(now);
  return [
    ...sessionStatements(sessions),
    ...responsesStatements(corpus, 0, versions, sessions, now),
    ...responsesStatements(recent, corpus.length, versions, sessions, now),
    ...actionStatements(actions, responses),
    ...secondCodingStatements(responses, now),
  ];
}

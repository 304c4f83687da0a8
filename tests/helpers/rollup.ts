// The report's roll-up recounted from the raw rows, in JavaScript, with none of the triggers' SQL: what
// report_cells must hold after any sequence of writes (migrations/0010_report_rollup_triggers.sql).
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { FormDefinition } from '../../worker/forms/definition';
import { quarterNumber, quarterOf } from '../../worker/reports/period';

type Cells = Map<string, { responses: number; excerpts: number }>;

const cellKey = (c: { kind: string; framework: string; objective: string; detail: string; quarter: number; channel: string; form: string; organisation: string; session: string }) =>
  [c.framework, c.kind, c.objective, c.detail, c.quarter, c.channel, c.form, c.organisation, c.session].join(' | ');

async function rows<T>(sql: string): Promise<T[]> {
  return (await env.DB.prepare(sql).all<T>()).results;
}

/** Every cell, recounted from responses, moderation, answers, form definitions and tags. */
export async function recountCells(): Promise<Cells> {
  const responses = await rows<{ id: string; at: number; channel: string; form: string; organisation: string | null; session: string | null; status: string }>(
    "SELECT r.id, r.submitted_at AS at, r.channel, r.form_version_id AS form, r.organisation_id AS organisation, r.session_id AS session, m.status FROM responses r JOIN moderation m ON m.response_id = r.id WHERE m.status != 'excluded'",
  );
  const tags = await rows<{ response: string; objective: string | null; theme: string | null; excerpt: number }>(
    "SELECT response_id AS response, objective_id AS objective, theme_id AS theme, excerpt_id AS excerpt FROM tags WHERE state = 'confirmed' AND round IN ('first', 'settled')",
  );
  const frameworkOf = new Map((await rows<{ id: string; fw: string }>('SELECT id, framework_id AS fw FROM objectives')).map((o) => [o.id, o.fw]));
  const ratingQuestions = new Map<string, Set<string>>();
  for (const v of await rows<{ id: string; definition: string }>('SELECT id, definition FROM form_versions')) {
    const definition = JSON.parse(v.definition) as FormDefinition;
    ratingQuestions.set(v.id, new Set(definition.pages.flatMap((p) => p.questions).filter((q) => q.type === 'rating').map((q) => q.id)));
  }
  const answers = await rows<{ response: string; question: string; value: string }>('SELECT response_id AS response, question_id AS question, value FROM answers');

  const out: Cells = new Map();
  const bump = (c: Parameters<typeof cellKey>[0], responses: number, excerpts = 0) => {
    const k = cellKey(c);
    const have = out.get(k) ?? { responses: 0, excerpts: 0 };
    out.set(k, { responses: have.responses + responses, excerpts: have.excerpts + excerpts });
  };
  const byResponse = new Map<string, typeof tags>();
  for (const t of tags) byResponse.set(t.response, [...(byResponse.get(t.response) ?? []), t]);
  const answersOf = new Map<string, typeof answers>();
  for (const a of answers) answersOf.set(a.response, [...(answersOf.get(a.response) ?? []), a]);

  for (const r of responses) {
    const dims = { quarter: quarterNumber(quarterOf(r.at)), channel: r.channel, form: r.form, organisation: r.organisation ?? '', session: r.session ?? '' };
    bump({ ...dims, kind: 'responses', framework: '', objective: '', detail: '' }, 1);
    if (r.status === 'done') bump({ ...dims, kind: 'done', framework: '', objective: '', detail: '' }, 1);
    const mine = byResponse.get(r.id) ?? [];
    const objectives = new Map<string, Set<number>>();
    const themes = new Set<string>();
    for (const t of mine) {
      if (t.objective) objectives.set(t.objective, (objectives.get(t.objective) ?? new Set()).add(t.excerpt));
      if (t.theme) themes.add(t.theme);
    }
    const ratings = (answersOf.get(r.id) ?? []).filter((a) => ratingQuestions.get(r.form)?.has(a.question));
    const frameworks = new Set<string>();
    for (const [objective, excerpts] of objectives) {
      const framework = frameworkOf.get(objective)!;
      frameworks.add(framework);
      bump({ ...dims, kind: 'objective', framework, objective, detail: '' }, 1, excerpts.size);
      for (const a of ratings) bump({ ...dims, kind: 'rating', framework, objective, detail: `${a.question}\u001f${a.value}` }, 1);
      for (const theme of themes) bump({ ...dims, kind: 'theme', framework, objective, detail: theme }, 1);
    }
    for (const framework of frameworks) bump({ ...dims, kind: 'tagged', framework, objective: '', detail: '' }, 1);
  }
  return out;
}

/** What the triggers keep, in the same shape. */
export async function storedCells(): Promise<Cells> {
  const stored = await rows<{ kind: string; framework: string; objective: string; detail: string; quarter: number; channel: string; form: string; organisation: string; session: string; responses: number; excerpts: number }>(
    'SELECT kind, framework_id AS framework, objective_id AS objective, detail, quarter, channel, form_version_id AS form, organisation_id AS organisation, session_id AS session, responses, excerpts FROM report_cells',
  );
  return new Map(stored.map((c) => [cellKey(c), { responses: c.responses, excerpts: c.excerpts }]));
}

/** Asserts the roll-up holds exactly what the raw rows give, cell by cell (sorted, so a failure shows the differing cells). */
export async function expectRollupMatchesRaw(): Promise<void> {
  const sorted = (m: Cells) => [...m].sort(([a], [b]) => a.localeCompare(b));
  const [stored, recounted] = await Promise.all([storedCells(), recountCells()]);
  expect(sorted(stored)).toEqual(sorted(recounted));
}

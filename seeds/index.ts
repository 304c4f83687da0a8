// The seed data, validated with zod and turned into idempotent upsert statements.
// The same statements seed local D1 (npm start), a deployed D1 (--remote) and the tests.
import { z } from 'zod';
import { FEEDBACK_QUESTIONS_PER_PAGE, formDefinition } from '../worker/forms/definition';
import { sha256 } from '../worker/http/tokens';
import cityOfLondon from './frameworks/city-of-london-2023-27.json';
import actionPlan from './frameworks/oxfordshire-action-plan-2023-26.json';
import countywide from './frameworks/oxfordshire-countywide.json';
import festival from './forms/festival-of-feedback.json';
import serviceFeedback from './forms/service-feedback.json';
import trustedAssessment from './forms/trusted-assessment.json';
import organisations from './organisations.json';
import countywideVocabulary from './suggest/oxfordshire-countywide.json';
import { themeRows } from './demo/themes';
import { defaultRedactionLists, defaultSignals } from '../worker/moderate/defaults';

const stableId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/);

export const frameworkSeed = z.object({
  id: stableId,
  name: z.string().min(1),
  description: z.string().min(1),
  source: z.string().min(1),
  objectives: z
    .array(z.object({ code: z.string().min(1), section: z.string().min(1), text: z.string().min(1), deliverables: z.array(z.string().min(1)) }))
    .min(1)
    .refine((objs) => new Set(objs.map((o) => o.code)).size === objs.length, 'Objective codes must be unique'),
});

export const organisationSeed = z.object({
  id: stableId,
  name: z.string().min(1),
  kind: z.enum(['provider', 'council', 'health', 'other']),
  description: z.string().min(1),
});

export const formSeed = z
  .object({
    slug: stableId,
    kind: z.enum(['feedback', 'assessment']),
    status: z.enum(['draft', 'live', 'closed']),
    definition: formDefinition,
  })
  .refine((f) => f.kind === 'assessment' || f.definition.pages.every((p) => p.questions.length <= FEEDBACK_QUESTIONS_PER_PAGE), {
    message: `A feedback form asks at most ${FEEDBACK_QUESTIONS_PER_PAGE} questions a page`,
  });

/** The plain words people use for a framework's objectives (seeds/suggest/), by objective code. */
export const vocabularySeed = z.object({
  framework: stableId,
  about: z.string().min(1),
  vocabulary: z.record(z.string(), z.array(z.string().min(1)).min(1)),
});

const frameworks = z.array(frameworkSeed).parse([countywide, actionPlan, cityOfLondon]);
const vocabularies = z
  .array(vocabularySeed)
  .parse([countywideVocabulary])
  .map((v) => {
    const framework = frameworks.find((f) => f.id === v.framework);
    const unknown = Object.keys(v.vocabulary).filter((code) => !framework?.objectives.some((o) => o.code === code));
    if (!framework || unknown.length > 0) throw new Error(`Vocabulary for ${v.framework}: no such framework or objectives ${unknown.join(', ')}`);
    return v;
  });

export const seedData = {
  frameworks: frameworks.map((f) => ({
    ...f,
    objectives: f.objectives.map((o) => ({ ...o, vocabulary: vocabularies.find((v) => v.framework === f.id)?.vocabulary[o.code] ?? [] })),
  })),
  organisations: z.array(organisationSeed).parse(organisations),
  forms: z.array(formSeed).parse([festival, serviceFeedback, trustedAssessment]),
};

/** A SQLite literal. Strings are quoted with '' doubling, which is SQLite's only escape. */
export function lit(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A version's id comes from its content, so an unchanged definition is never stored twice, and a
 * changed one becomes a new version while old responses keep pointing at theirs.
 */
async function versionOf(form: z.infer<typeof formSeed>) {
  const json = JSON.stringify(form.definition);
  const hash = await sha256(json);
  return { json, hash, versionId: `${form.slug}@${hash.slice(0, 16)}` };
}

/** The version each seeded form is on, by slug (what the demo responses answer). */
export async function seededVersions(data = seedData) {
  const out = new Map<string, { versionId: string; definition: z.infer<typeof formDefinition> }>();
  for (const form of data.forms) out.set(form.slug, { versionId: (await versionOf(form)).versionId, definition: form.definition });
  return out;
}

/** Upserts for every seed row. Running them twice changes nothing the second time. */
export async function seedStatements(data = seedData): Promise<string[]> {
  const out: string[] = [];
  for (const f of data.frameworks) {
    out.push(
      `INSERT INTO frameworks (id, name, description, source) VALUES (${lit(f.id)}, ${lit(f.name)}, ${lit(f.description)}, ${lit(f.source)}) ` +
        `ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description, source = excluded.source;`,
    );
    f.objectives.forEach((o, i) => {
      out.push(
        `INSERT INTO objectives (id, framework_id, code, section, text, deliverables, position, vocabulary) VALUES ` +
          `(${lit(`${f.id}:${o.code}`)}, ${lit(f.id)}, ${lit(o.code)}, ${lit(o.section)}, ${lit(o.text)}, ${lit(JSON.stringify(o.deliverables))}, ${i}, ${lit(JSON.stringify(o.vocabulary))}) ` +
          `ON CONFLICT(id) DO UPDATE SET section = excluded.section, text = excluded.text, deliverables = excluded.deliverables, position = excluded.position, vocabulary = excluded.vocabulary;`,
      );
    });
  }
  for (const o of data.organisations) {
    out.push(
      `INSERT INTO organisations (id, name, kind, description) VALUES (${lit(o.id)}, ${lit(o.name)}, ${lit(o.kind)}, ${lit(o.description)}) ` +
        `ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, description = excluded.description;`,
    );
  }
  for (const form of data.forms) {
    const { json, hash, versionId } = await versionOf(form);
    out.push(
      `INSERT INTO forms (id, slug, kind, status) VALUES (${lit(form.slug)}, ${lit(form.slug)}, ${lit(form.kind)}, ${lit(form.status)}) ` +
        `ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, status = excluded.status;`,
      `INSERT OR IGNORE INTO form_versions (id, form_id, version, definition, hash) ` +
        `SELECT ${lit(versionId)}, ${lit(form.slug)}, COALESCE(MAX(version), 0) + 1, ${lit(json)}, ${lit(hash)} FROM form_versions WHERE form_id = ${lit(form.slug)};`,
      `UPDATE forms SET current_version_id = ${lit(versionId)} WHERE id = ${lit(form.slug)};`,
    );
  }
  // The default safeguarding signals and redaction terms: inserted once, so admins' edits stay.
  for (const g of defaultSignals) {
    out.push(
      `INSERT OR IGNORE INTO safeguarding_signals (id, category, phrase, language, "unless", negatable, why, enabled) VALUES (${lit(g.id)}, ${lit(g.category)}, ${lit(g.phrase)}, ${lit(g.language)}, ${lit(JSON.stringify(g.unless))}, ${g.negatable ? 1 : 0}, ${lit(g.why)}, ${g.enabled ? 1 : 0});`,
    );
  }
  for (const t of defaultRedactionLists.terms) {
    out.push(
      `INSERT OR IGNORE INTO redaction_terms (id, kind, term, aliases, match_case, note, enabled) VALUES (${lit(t.id)}, ${lit(t.kind)}, ${lit(t.term)}, ${lit(JSON.stringify(t.aliases))}, ${t.matchCase ? 1 : 0}, ${lit(t.note)}, ${t.enabled ? 1 : 0});`,
    );
  }
  // The starting codebook: inserted once, so themes admins rename or merge are never reset.
  for (const t of themeRows()) {
    out.push(
      `INSERT OR IGNORE INTO themes (id, parent_id, name, definition, example, position) VALUES (${lit(t.id)}, ${lit(t.parentId)}, ${lit(t.name)}, ${lit(t.definition)}, ${lit(t.example)}, ${t.position});`,
    );
  }
  return out;
}

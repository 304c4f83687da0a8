// A form version's definition, parsed once per isolate: versions never change, so the parse can be
// kept. Shared by every area that reads forms (respondents, sessions, assessments).
import { eq } from 'drizzle-orm';
import { formDefinition, type FormDefinition } from '../forms/definition';
import type { Database } from './client';
import { formVersions } from './schema';

const parsedVersions = new Map<string, FormDefinition>();

/** The definition stored for a version (JSON text, as D1 returns it), parsed and remembered. */
export function parseVersion(id: string, stored: string): FormDefinition {
  let def = parsedVersions.get(id);
  if (!def) {
    def = formDefinition.parse(JSON.parse(stored));
    parsedVersions.set(id, def);
  }
  return def;
}

export async function formVersionDefinition(db: Database, versionId: string): Promise<FormDefinition | undefined> {
  const cached = parsedVersions.get(versionId);
  if (cached) return cached;
  const row = await db.select({ definition: formVersions.definition }).from(formVersions).where(eq(formVersions.id, versionId)).get();
  return row && parseVersion(versionId, row.definition);
}

// The form a session runs, as it is now: its live version, or (once the form has closed) its current
// one, so group notes and paper sheets can still be typed in after the day.
import type { Database } from '../db/client';
import type { FormDefinition } from '../forms/definition';
import { Problem } from '../http/problems';
import { findLiveForm, formVersionDefinition } from '../respond/queries';
import { currentVersionOf, type SessionDetail } from './queries';

export async function sessionForm(db: Database, session: SessionDetail): Promise<{ versionId: string; definition: FormDefinition }> {
  const live = await findLiveForm(db, session.formSlug);
  if (live) return { versionId: live.versionId, definition: live.definition };
  const versionId = await currentVersionOf(db, session.formId);
  const definition = versionId ? await formVersionDefinition(db, versionId) : undefined;
  if (!versionId || !definition) throw new Problem('not-found');
  return { versionId, definition };
}

// The disputes part of the assessment page, for whoever may see it: the assessing organisation's
// assessors (every dispute, to resolve) and readers at a receiving organisation (their own, and the
// form to raise one). Support workers at the assessing organisation, and everyone else, see none.
import type { Context } from 'hono';
import { database } from '../../db/client';
import type { AssessmentVersion } from '../../db/schema';
import type { FormDefinition } from '../../forms/definition';
import type { AppEnv } from '../../env';
import { readerOrganisations, readingOrganisations, type Access } from '../access';
import { ring } from '../context';
import type { AssessmentRecord } from '../queries';
import { sectionTitle } from '../sections';
import { openDisputes } from './queries';
import { disputePanel, type DisputeFormValues } from './views';

/** The organisations a receiving reader raises disputes as: theirs that the person currently consents to. */
export function raisingOrganisations(c: Context<AppEnv>, record: AssessmentRecord): string[] {
  const readable = new Set(readingOrganisations(record.assessment, record.shares, Date.now()));
  return readerOrganisations(c.get('staff')).filter((o) => o !== record.assessment.organisationId && readable.has(o));
}

/** The sections a reader may name in a dispute: those of the version shown that they may read. */
export function disputableSections(definition: FormDefinition | undefined, access: Access) {
  return (definition?.pages ?? []).filter((p) => access.readRestricted || !p.restrictable).map((p) => ({ id: p.id, title: sectionTitle(p) }));
}

export async function disputesOnPage(
  c: Context<AppEnv>,
  found: { record: AssessmentRecord; access: Access },
  version: AssessmentVersion | undefined,
  definition: FormDefinition | undefined,
  errors: { fieldId: string; message: string }[],
  values: DisputeFormValues,
) {
  const { record, access } = found;
  const as = access.write ? 'assessing' : access.receiving && version ? 'raising' : undefined;
  if (!as) return undefined;
  const all = await openDisputes(database(c.env.DB), ring(c), record.assessment.id, as === 'raising' ? raisingOrganisations(c, record) : undefined);
  // A flag about a section limited away from this reader quotes or describes it: a receiving reader sees it
  // only if they may read that section. The assessing organisation's assessors write the section and resolve flags.
  const limited = new Set(as === 'assessing' || access.readRestricted ? [] : (definition?.pages ?? []).filter((p) => p.restrictable).map((p) => p.id));
  const disputes = all.filter((d) => d.sectionId === null || !limited.has(d.sectionId));
  return disputePanel({
    as,
    base: `/assess/${record.assessment.id}`,
    csrf: c.get('staff').session?.csrfToken ?? '',
    disputes,
    sections: as === 'assessing' ? (definition?.pages ?? []).map((p) => ({ id: p.id, title: sectionTitle(p) })) : disputableSections(definition, access),
    errors,
    values,
  });
}

// Tell it once (issue 12): a reassessment starts as a new version prefilled from the last, each
// version can be read as it was, and a page shows what changed between two. Access goes through
// assessmentFor (read) and writable (change) like every assessment route; a receiving organisation
// sees completed versions only, never the assessing organisation's draft or its changes.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../../auth/policy';
import { staffSummary } from '../../auth/staff-summary';
import { database } from '../../db/client';
import type { AppEnv } from '../../env';
import { Problem } from '../../http/problems';
import { validate } from '../../http/validate';
import { html } from '../../views/render';
import type { Access } from '../access';
import { assessmentFor, ring, writable } from '../context';
import { assessmentForm, openPerson, openSections, recordRead, formVersionDefinition, type AssessmentRecord } from '../queries';
import { allAnswers } from '../sections';
import { compareVersions } from './diff';
import { versionsSeen } from './paths';
import { ReassessmentRace, startReassessment } from './queries';
import { ChangesPage } from './views/changes';
import { VersionPage } from './views/version';

const readers = allow('assessor', 'support-worker');
const assessors = allow('assessor');

const idParam = z.object({ id: z.string().max(100) });
// Loose on purpose: a mistyped number is a page that does not exist (404) or a choice to correct (422), never a 400.
const versionParam = z.object({ id: z.string().max(100), number: z.string().max(100) });
const changesQuery = z.object({ from: z.string().max(100).optional(), to: z.string().max(100).optional() }).passthrough();

function versionNumber(raw: string | undefined): number | undefined {
  return raw !== undefined && /^[0-9]{1,6}$/.test(raw) ? Number(raw) : undefined;
}

/** The sections this reader may open in a version: all, or all but those limited to roles they lack. */
async function readableSections(c: Context<AppEnv>, found: { record: AssessmentRecord; access: Access }, version: { number: number; formVersionId: string }) {
  const db = database(c.env.DB);
  const definition = await formVersionDefinition(db, version.formVersionId);
  if (!definition) throw new Problem('not-found');
  const restricted = new Set(found.access.readRestricted ? [] : definition.pages.filter((p) => p.restrictable).map((p) => p.id));
  const sections = await openSections(db, ring(c), found.record.assessment.id, version.number, (s) => !restricted.has(s));
  return { definition, sections, hidden: restricted };
}

export const versions = new Hono<AppEnv>()
  .post('/assess/:id/reassess', assessors, validate('param', idParam), async (c) => {
    const found = await assessmentFor(c, c.req.valid('param').id);
    const actor = writable(c, found);
    const id = found.record.assessment.id;
    const last = found.record.versions.at(-1);
    // Already reassessing (a second click, another tab): the draft is there to carry on with.
    if (!last || last.status !== 'complete') return c.redirect(`/assess/${id}`, 303);
    const db = database(c.env.DB);
    // The live form, so a reassessment asks what is asked now; the last version's own form if none is live.
    const lastDefinition = await formVersionDefinition(db, last.formVersionId);
    const form = (await assessmentForm(db)) ?? (lastDefinition && { versionId: last.formVersionId, definition: lastDefinition });
    if (!form) throw new Problem('not-found');
    try {
      await startReassessment(db, ring(c), found.record, form, actor);
    } catch (err) {
      if (err instanceof ReassessmentRace) return c.redirect(`/assess/${id}`, 303);
      throw err;
    }
    return c.redirect(`/assess/${id}?done=reassessed`, 303);
  })

  .get('/assess/:id/versions/:number', readers, validate('param', versionParam), async (c) => {
    const { id, number } = c.req.valid('param');
    const found = await assessmentFor(c, id);
    const seen = versionsSeen(found.record, found.access);
    const at = seen.findIndex((v) => v.number === versionNumber(number));
    // A draft is "not found" to a receiving organisation, just like a version that does not exist.
    if (at < 0) throw new Problem('not-found');
    const version = seen[at]!;
    const { definition, sections, hidden } = await readableSections(c, found, version);
    const person = await openPerson(ring(c), found.record.person);
    const staff = c.get('staff');
    await recordRead(database(c.env.DB), found.record.assessment, { actor: staff.user.id, actorOrganisationId: found.access.asOrganisation, action: 'version-viewed', detail: `version ${version.number}` });
    return c.html(
      html(
        <VersionPage
          me={staffSummary(staff)}
          record={found.record}
          person={person}
          version={version}
          earlier={seen[at - 1]}
          newest={version.number === found.record.versions.at(-1)?.number}
          definition={definition}
          answers={allAnswers(sections)}
          hiddenSections={[...hidden]}
        />,
      ),
    );
  })

  .get('/assess/:id/changes', readers, validate('param', idParam), validate('query', changesQuery), async (c) => {
    const found = await assessmentFor(c, c.req.valid('param').id);
    const { record, access } = found;
    const staff = c.get('staff');
    const seen = versionsSeen(record, access);
    const query = c.req.valid('query');
    const me = staffSummary(staff);
    // Until there is something to compare, the page says so and names the person by reference only: nothing is read.
    const reference = { reference: record.person.reference };
    if (seen.length < 2) return c.html(html(<ChangesPage me={me} record={record} person={reference} seen={seen} errors={[]} />));

    const given = (raw: string | undefined) => raw !== undefined && raw !== '';
    const pick = (raw: string | undefined) => seen.find((v) => v.number === versionNumber(raw));
    let from = given(query.from) ? pick(query.from) : undefined;
    let to = given(query.to) ? pick(query.to) : seen.at(-1);
    if (!given(query.from) && to) from = seen.filter((v) => v.number < to!.number).at(-1);
    const errors: { fieldId: string; message: string }[] = [];
    if (!from) errors.push({ fieldId: 'from', message: given(query.from) ? 'Choose the earlier version from the list' : 'Choose a version to compare with' });
    if (!to) errors.push({ fieldId: 'to', message: 'Choose the later version from the list' });
    if (from && to && from.number === to.number) errors.push({ fieldId: 'to', message: 'Choose two different versions to compare' });
    if (errors.length > 0) return c.html(html(<ChangesPage me={me} record={record} person={reference} seen={seen} errors={errors} />), 422);
    // "Before" is always the earlier one, whichever way round they were chosen.
    if (from!.number > to!.number) [from, to] = [to, from];

    const [before, after, person] = await Promise.all([readableSections(c, found, from!), readableSections(c, found, to!), openPerson(ring(c), record.person)]);
    const sections = compareVersions(before, after, new Set([...before.hidden, ...after.hidden]));
    await recordRead(database(c.env.DB), record.assessment, { actor: staff.user.id, actorOrganisationId: access.asOrganisation, action: 'changes-viewed', detail: `version ${from!.number} to version ${to!.number}` });
    return c.html(html(<ChangesPage me={me} record={record} person={person} seen={seen} from={from!.number} to={to!.number} sections={sections} errors={[]} />));
  });

// /assess/:id/disputes: a reader at an organisation the person consented to flags that the
// assessment seems wrong or out of date; an assessor at the assessing organisation resolves it.
// Both forms live on the assessment page, which shows a refused form again with what was typed.
import { Hono } from 'hono';
import { z } from 'zod';
import { allow } from '../../auth/policy';
import { database } from '../../db/client';
import type { AppEnv } from '../../env';
import { Problem } from '../../http/problems';
import { validate } from '../../http/validate';
import { assessmentFor, ring, versionShown, writable } from '../context';
import { formVersionDefinition } from '../queries';
import { assessmentPage } from '../routes';
import { disputableSections, raisingOrganisations } from './panel';
import { raiseDispute, REASON_MAX, resolveDispute } from './queries';

const readers = allow('assessor', 'support-worker');
const assessors = allow('assessor');

// Long text is let through to the handler, so it is refused in plain words with the text kept.
const longText = z.string().max(64 * 1024).default('');
const idParam = z.object({ id: z.string().max(100) });
const disputeParam = z.object({ id: z.string().max(100), dispute: z.string().max(100) });
const raiseBody = z.object({ csrf: z.string().max(100), reason: longText, section: z.string().max(100).default('') });
const resolveBody = z.object({ csrf: z.string().max(100), resolution: longText });

function tooLong(text: string, what: string) {
  return `${what} must be ${REASON_MAX} characters or fewer (it is ${text.length})`;
}

export const disputes = new Hono<AppEnv>()
  .post('/assess/:id/disputes', readers, validate('param', idParam), validate('form', raiseBody), async (c) => {
    const found = await assessmentFor(c, c.req.valid('param').id);
    // Only a receiving organisation disputes: the assessing one changes the assessment itself.
    if (!found.access.receiving) throw new Problem('not-allowed');
    const organisationId = raisingOrganisations(c, found.record)[0];
    const version = versionShown(found.record, found.access);
    if (!version || !organisationId) throw new Problem('not-found');
    const body = c.req.valid('form');
    const definition = await formVersionDefinition(database(c.env.DB), version.formVersionId);
    const reason = body.reason.trim();
    const errors: { fieldId: string; message: string }[] = [];
    if (reason === '') errors.push({ fieldId: 'reason', message: 'Say what seems wrong or out of date' });
    else if (reason.length > REASON_MAX) errors.push({ fieldId: 'reason', message: tooLong(reason, 'What seems wrong') });
    if (body.section !== '' && !disputableSections(definition, found.access).some((s) => s.id === body.section)) errors.push({ fieldId: 'section', message: 'Choose a section from the list, or the assessment as a whole' });
    if (errors.length > 0) return assessmentPage(c, found, { errors, status: 422, disputes: { reason: body.reason, section: body.section } });
    await raiseDispute(database(c.env.DB), ring(c), found.record.assessment, { versionNumber: version.number, sectionId: body.section || null, reason }, { id: c.get('staff').user.id, organisationId });
    return c.redirect(`/assess/${found.record.assessment.id}?done=disputed#disputes`, 303);
  })

  .post('/assess/:id/disputes/:dispute/resolve', assessors, validate('param', disputeParam), validate('form', resolveBody), async (c) => {
    const { id, dispute } = c.req.valid('param');
    const found = await assessmentFor(c, id);
    const actor = writable(c, found);
    const body = c.req.valid('form');
    const resolution = body.resolution.trim();
    const fieldId = `resolution-${dispute}`;
    const error = resolution === '' ? 'Say what you did about it, or why the assessment stands' : resolution.length > REASON_MAX ? tooLong(resolution, 'What you did') : undefined;
    const keep = { resolving: { id: dispute, resolution: body.resolution } };
    if (error) return assessmentPage(c, found, { errors: [{ fieldId, message: error }], status: 422, disputes: keep });
    const done = await resolveDispute(database(c.env.DB), ring(c), found.record.assessment, dispute, resolution, actor);
    // Already resolved (a second tab, a colleague) or not this assessment's: nothing left to do.
    if (!done) throw new Problem('not-found');
    return c.redirect(`/assess/${id}?done=dispute-resolved`, 303);
  });

// Admin: invite people, change roles, disable and re-enable accounts, organisations, the audit log.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../auth/policy';
import { findUserByEmail, issueAccountLink } from '../auth/queries';
import { audit } from '../db/audit';
import { database } from '../db/client';
import { ROLES } from '../db/schema';
import type { AppEnv } from '../env';
import { Problem } from '../http/problems';
import { validate } from '../http/validate';
import { html } from '../views/render';
import { staffSummary } from '../auth/staff-summary';
import { addRole, auditActions, createInvitedUser, findPerson, listOrganisations, listPeople, organisationExists, removeRole, removeSecondFactor, searchAuditLog, setDisabled } from './queries';
import { AuditPage, InvitePage, LinkIssuedPage, OrganisationsPage, PeoplePage, PersonPage, type FormError } from './views';

const csrf = z.string().max(100);
const userParam = z.object({ id: z.uuid() });
const inviteBody = z.object({ csrf, name: z.string().max(200), email: z.string().max(320), organisation: z.string().max(100), role: z.string().max(20).optional() });
const roleBody = z.object({ csrf, organisation: z.string().max(100), role: z.string().max(20).optional() });
const csrfBody = z.object({ csrf });
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
  .optional()
  .or(z.literal('').transform(() => undefined));
const auditQuery = z.object({ who: z.string().max(320).optional(), what: z.string().max(100).optional(), from: day, to: day });

async function organisationChoices(c: Context<AppEnv>) {
  return (await listOrganisations(database(c.env.DB))).map((o) => ({ value: o.id, label: o.name }));
}

function linkFor(c: Context<AppEnv>, kind: 'invite' | 'reset', token: string) {
  return `${new URL(c.req.url).origin}/${kind}/${token}`;
}

/** Checks the role form; undefined means the choices are sound. */
async function roleErrors(c: Context<AppEnv>, organisation: string, role: string | undefined): Promise<FormError[]> {
  const errors: FormError[] = [];
  if (!(await organisationExists(database(c.env.DB), organisation))) errors.push({ fieldId: 'organisation', message: 'Choose an organisation' });
  if (!ROLES.includes(role as (typeof ROLES)[number])) errors.push({ fieldId: 'role-0', message: 'Choose a role' });
  return errors;
}

export const admin = new Hono<AppEnv>()
  .get('/admin', allow('deployment-admin'), async (c) => {
    const people = await listPeople(database(c.env.DB));
    return c.html(html(<PeoplePage me={staffSummary(c.get('staff'))} people={people} />));
  })

  .get('/admin/invite', allow('deployment-admin'), async (c) => {
    return c.html(html(<InvitePage me={staffSummary(c.get('staff'))} organisations={await organisationChoices(c)} />));
  })

  .post('/admin/invite', allow('deployment-admin'), validate('form', inviteBody), async (c) => {
    const body = c.req.valid('form');
    const db = database(c.env.DB);
    const me = c.get('staff');
    const email = body.email.trim().toLowerCase();
    const name = body.name.trim();
    const errors: FormError[] = [];
    if (!name) errors.push({ fieldId: 'name', message: 'Enter their full name' });
    if (!z.email().safeParse(email).success) errors.push({ fieldId: 'email', message: 'Enter an email address in the correct format, like name@example.org' });
    else if (await findUserByEmail(db, email)) errors.push({ fieldId: 'email', message: 'Someone already has an account with this email address' });
    errors.push(...(await roleErrors(c, body.organisation, body.role)));
    if (errors.length > 0) {
      return c.html(html(<InvitePage me={staffSummary(me)} organisations={await organisationChoices(c)} values={{ ...body, role: body.role ?? '' }} errors={errors} />), 422);
    }
    let id: string;
    try {
      id = await createInvitedUser(db, { email, name, organisationId: body.organisation, role: body.role as (typeof ROLES)[number] }, me.user.id);
    } catch (err) {
      // Two admins inviting the same address at once: the second meets the unique index.
      if (!(await findUserByEmail(db, email))) throw err;
      const taken = [{ fieldId: 'email', message: 'Someone already has an account with this email address' }];
      return c.html(html(<InvitePage me={staffSummary(me)} organisations={await organisationChoices(c)} values={{ ...body, role: body.role ?? '' }} errors={taken} />), 422);
    }
    const token = await issueAccountLink(db, id, 'invite', me.user.id);
    return c.html(html(<LinkIssuedPage me={staffSummary(me)} person={{ id, name, email }} link={linkFor(c, 'invite', token)} kind="invite" />));
  })

  .get('/admin/users/:id', allow('deployment-admin'), validate('param', userParam), async (c) => {
    const person = await findPerson(database(c.env.DB), c.req.valid('param').id);
    if (!person) throw new Problem('not-found');
    return c.html(html(<PersonPage me={staffSummary(c.get('staff'))} person={person} organisations={await organisationChoices(c)} />));
  })

  .post('/admin/users/:id/roles', allow('deployment-admin'), validate('param', userParam), validate('form', roleBody), async (c) => {
    const { id } = c.req.valid('param');
    const { organisation, role } = c.req.valid('form');
    const db = database(c.env.DB);
    const person = await findPerson(db, id);
    if (!person) throw new Problem('not-found');
    const errors = await roleErrors(c, organisation, role);
    if (errors.length > 0) return c.html(html(<PersonPage me={staffSummary(c.get('staff'))} person={person} organisations={await organisationChoices(c)} errors={errors} />), 422);
    await addRole(db, id, organisation, role as (typeof ROLES)[number], c.get('staff').user.id);
    return c.redirect(`/admin/users/${id}`, 303);
  })

  .post('/admin/users/:id/roles/remove', allow('deployment-admin'), validate('param', userParam), validate('form', roleBody), async (c) => {
    const { id } = c.req.valid('param');
    const { organisation, role } = c.req.valid('form');
    if (!ROLES.includes(role as (typeof ROLES)[number])) throw new Problem('bad-request');
    // An admin cannot take away their own admin role: another admin must.
    if (id === c.get('staff').user.id && role === 'deployment-admin') throw new Problem('not-allowed');
    await removeRole(database(c.env.DB), id, organisation, role as (typeof ROLES)[number], c.get('staff').user.id);
    return c.redirect(`/admin/users/${id}`, 303);
  })

  .post('/admin/users/:id/disable', allow('deployment-admin'), validate('param', userParam), validate('form', csrfBody), async (c) => {
    const { id } = c.req.valid('param');
    // An admin cannot lock themselves out by accident.
    if (id === c.get('staff').user.id) throw new Problem('not-allowed');
    if (!(await findPerson(database(c.env.DB), id))) throw new Problem('not-found');
    await setDisabled(database(c.env.DB), id, true, c.get('staff').user.id);
    return c.redirect(`/admin/users/${id}`, 303);
  })

  .post('/admin/users/:id/enable', allow('deployment-admin'), validate('param', userParam), validate('form', csrfBody), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await findPerson(database(c.env.DB), id))) throw new Problem('not-found');
    await setDisabled(database(c.env.DB), id, false, c.get('staff').user.id);
    return c.redirect(`/admin/users/${id}`, 303);
  })

  .post('/admin/users/:id/second-factor/remove', allow('deployment-admin'), validate('param', userParam), validate('form', csrfBody), async (c) => {
    const { id } = c.req.valid('param');
    // Your own must be replaced by another admin, as with disabling.
    if (id === c.get('staff').user.id) throw new Problem('not-allowed');
    const person = await findPerson(database(c.env.DB), id);
    if (!person?.user.totpSecret) throw new Problem('not-found');
    await removeSecondFactor(database(c.env.DB), id, c.get('staff').user.id);
    return c.redirect(`/admin/users/${id}`, 303);
  })

  .get('/admin/organisations', allow('deployment-admin'), async (c) => {
    return c.html(html(<OrganisationsPage me={staffSummary(c.get('staff'))} organisations={await listOrganisations(database(c.env.DB))} />));
  })

  .get('/admin/audit', allow('deployment-admin'), validate('query', auditQuery), async (c) => {
    const q = c.req.valid('query');
    const db = database(c.env.DB);
    const dayMs = 86_400_000;
    const rows = await searchAuditLog(db, {
      who: q.who?.trim() || undefined,
      what: q.what || undefined,
      from: q.from ? Date.parse(`${q.from}T00:00:00Z`) : undefined,
      to: q.to ? Date.parse(`${q.to}T00:00:00Z`) + dayMs : undefined,
    });
    return c.html(html(<AuditPage me={staffSummary(c.get('staff'))} rows={rows} actions={await auditActions(db)} filters={q} />));
  });

/** Reset and fresh invite links: shown to the admin once, to pass on. */
for (const kind of ['reset', 'invite'] as const) {
  admin.post(`/admin/users/:id/${kind}-link`, allow('deployment-admin'), validate('param', userParam), validate('form', csrfBody), async (c) => {
    const { id } = c.req.valid('param');
    const db = database(c.env.DB);
    const person = await findPerson(db, id);
    // A reset is for an account in use; a fresh invite only for one not yet accepted.
    if (!person || person.user.status !== (kind === 'invite' ? 'invited' : 'active')) throw new Problem('not-found');
    const me = c.get('staff');
    const token = await issueAccountLink(db, id, kind, me.user.id);
    await audit(db, { actor: me.user.id, action: kind === 'reset' ? 'reset-link.issued' : 'invite', targetType: 'user', targetId: id });
    return c.html(html(<LinkIssuedPage me={staffSummary(me)} person={{ id, name: person.user.name, email: person.user.email }} link={linkFor(c, kind, token)} kind={kind} />));
  });
}

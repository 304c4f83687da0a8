// Admin: people, invites, roles, disabling and re-enabling accounts, reset links (deployment and
// organisation admins, each within their scope: see scope.ts), and the deployment's organisations
// and audit log (deployment admins only).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../auth/policy';
import { findUserByEmail, issueAccountLink } from '../auth/queries';
import { staffSummary } from '../auth/staff-summary';
import { audit } from '../db/audit';
import { database } from '../db/client';
import { ADMIN_ROLES, ROLES, type Role } from '../db/schema';
import type { AppEnv } from '../env';
import { Problem } from '../http/problems';
import { publicOrigin } from '../http/public-url';
import { validate } from '../http/validate';
import { html } from '../views/render';
import { addRole, auditActions, createInvitedUser, findPerson, listOrganisations, listPeople, organisationExists, removeRole, removeSecondFactor, searchAuditLog, setDisabled, type Person } from './queries';
import { adminScope, grantableRoles, managesAccount, managesOrganisation, managesRole, seesPerson, type AdminScope } from './scope';
import { AuditPage, InvitePage, LinkIssuedPage, NoPublicUrlPage, OrganisationsPage, PeoplePage, PersonPage, type FormError } from './views';

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

/** People pages: both admin levels; what each may reach is decided per person by scope.ts. */
const peopleAdmins = allow(...ADMIN_ROLES);
/** The deployment as a whole: organisations, the audit log (and later frameworks, forms, retention). */
const deploymentAdmins = allow('deployment-admin');

const isRole = (role: string | undefined): role is Role => ROLES.includes(role as Role);

function scopeOf(c: Context<AppEnv>): AdminScope {
  return adminScope(c.get('staff'));
}

/** The organisations this admin may put people in, as form choices. */
async function organisationChoices(c: Context<AppEnv>) {
  const scope = scopeOf(c);
  return (await listOrganisations(database(c.env.DB))).filter((o) => managesOrganisation(scope, o.id)).map((o) => ({ value: o.id, label: o.name }));
}

/** A person this admin may see, or a 404 (never a 403, which would confirm the account exists). */
async function visiblePerson(c: Context<AppEnv>, id: string): Promise<Person> {
  const person = await findPerson(database(c.env.DB), id);
  if (!person || !seesPerson(scopeOf(c), person)) throw new Problem('not-found');
  return person;
}

/** A person whose whole account this admin may act on; someone else is not theirs to touch. */
async function managedPerson(c: Context<AppEnv>, id: string): Promise<Person> {
  const person = await visiblePerson(c, id);
  if (!managesAccount(scopeOf(c), person)) throw new Problem('not-allowed');
  return person;
}

/** Checks the role form within this admin's scope; an empty list means the choices are sound. */
async function roleErrors(c: Context<AppEnv>, organisation: string, role: string | undefined): Promise<FormError[]> {
  const scope = scopeOf(c);
  const errors: FormError[] = [];
  if (!managesOrganisation(scope, organisation) || !(await organisationExists(database(c.env.DB), organisation))) errors.push({ fieldId: 'organisation', message: 'Choose an organisation' });
  if (!isRole(role) || !grantableRoles(scope).includes(role)) errors.push({ fieldId: 'role-0', message: 'Choose a role' });
  return errors;
}

async function personPage(c: Context<AppEnv>, person: Person, errors: FormError[] = []) {
  const scope = scopeOf(c);
  return html(
    <PersonPage
      me={staffSummary(c.get('staff'))}
      person={person}
      organisations={await organisationChoices(c)}
      roles={grantableRoles(scope)}
      canManageAccount={managesAccount(scope, person)}
      canManageRole={(r) => managesRole(scope, r.organisationId, r.role)}
      errors={errors}
    />,
  );
}

export const admin = new Hono<AppEnv>()
  .get('/admin', peopleAdmins, async (c) => {
    const scope = scopeOf(c);
    const people = (await listPeople(database(c.env.DB))).filter((p) => seesPerson(scope, p));
    return c.html(html(<PeoplePage me={staffSummary(c.get('staff'))} people={people} deployment={scope.deployment} />));
  })

  .get('/admin/invite', peopleAdmins, async (c) => {
    return c.html(html(<InvitePage me={staffSummary(c.get('staff'))} organisations={await organisationChoices(c)} roles={grantableRoles(scopeOf(c))} />));
  })

  .post('/admin/invite', peopleAdmins, validate('form', inviteBody), async (c) => {
    const body = c.req.valid('form');
    const db = database(c.env.DB);
    const me = c.get('staff');
    const roles = grantableRoles(scopeOf(c));
    const email = body.email.trim().toLowerCase();
    const name = body.name.trim();
    const again = async (errors: FormError[]) =>
      c.html(html(<InvitePage me={staffSummary(me)} organisations={await organisationChoices(c)} roles={roles} values={{ ...body, role: body.role ?? '' }} errors={errors} />), 422);
    const errors: FormError[] = [];
    if (!name) errors.push({ fieldId: 'name', message: 'Enter their full name' });
    if (!z.email().safeParse(email).success) errors.push({ fieldId: 'email', message: 'Enter an email address in the correct format, like name@example.org' });
    else if (await findUserByEmail(db, email)) errors.push({ fieldId: 'email', message: 'Someone already has an account with this email address' });
    errors.push(...(await roleErrors(c, body.organisation, body.role)));
    if (errors.length > 0) return again(errors);
    const origin = publicOrigin(c);
    if (!origin) return c.html(html(<NoPublicUrlPage me={staffSummary(me)} />), 503);
    let id: string;
    try {
      id = await createInvitedUser(db, { email, name, organisationId: body.organisation, role: body.role as Role }, me.user.id);
    } catch (err) {
      // Two admins inviting the same address at once: the second meets the unique index.
      if (!(await findUserByEmail(db, email))) throw err;
      return again([{ fieldId: 'email', message: 'Someone already has an account with this email address' }]);
    }
    const token = await issueAccountLink(db, id, 'invite', me.user.id);
    return c.html(html(<LinkIssuedPage me={staffSummary(me)} person={{ id, name, email }} link={`${origin}/invite/${token}`} kind="invite" />));
  })

  .get('/admin/users/:id', peopleAdmins, validate('param', userParam), async (c) => {
    const person = await visiblePerson(c, c.req.valid('param').id);
    return c.html(await personPage(c, person));
  })

  .post('/admin/users/:id/roles', peopleAdmins, validate('param', userParam), validate('form', roleBody), async (c) => {
    const { id } = c.req.valid('param');
    const { organisation, role } = c.req.valid('form');
    const person = await visiblePerson(c, id);
    const errors = await roleErrors(c, organisation, role);
    if (errors.length > 0) return c.html(await personPage(c, person, errors), 422);
    await addRole(database(c.env.DB), id, organisation, role as Role, c.get('staff').user.id);
    return c.redirect(`/admin/users/${id}`, 303);
  })

  .post('/admin/users/:id/roles/remove', peopleAdmins, validate('param', userParam), validate('form', roleBody), async (c) => {
    const { id } = c.req.valid('param');
    const { organisation, role } = c.req.valid('form');
    const person = await visiblePerson(c, id);
    // Only a role the person holds: anything else is not there to remove, and leaves no audit entry.
    if (!isRole(role) || !person.roles.some((r) => r.organisationId === organisation && r.role === role)) throw new Problem('not-found');
    if (!managesRole(scopeOf(c), organisation, role)) throw new Problem('not-allowed');
    // An admin cannot take away their own admin role: another admin must.
    if (id === c.get('staff').user.id && (ADMIN_ROLES as readonly Role[]).includes(role)) throw new Problem('not-allowed');
    await removeRole(database(c.env.DB), id, organisation, role, c.get('staff').user.id);
    return c.redirect(`/admin/users/${id}`, 303);
  })

  .post('/admin/users/:id/disable', peopleAdmins, validate('param', userParam), validate('form', csrfBody), async (c) => {
    const { id } = c.req.valid('param');
    // An admin cannot lock themselves out by accident.
    if (id === c.get('staff').user.id) throw new Problem('not-allowed');
    await managedPerson(c, id);
    await setDisabled(database(c.env.DB), id, true, c.get('staff').user.id);
    return c.redirect(`/admin/users/${id}`, 303);
  })

  .post('/admin/users/:id/enable', peopleAdmins, validate('param', userParam), validate('form', csrfBody), async (c) => {
    const { id } = c.req.valid('param');
    await managedPerson(c, id);
    await setDisabled(database(c.env.DB), id, false, c.get('staff').user.id);
    return c.redirect(`/admin/users/${id}`, 303);
  })

  .post('/admin/users/:id/second-factor/remove', peopleAdmins, validate('param', userParam), validate('form', csrfBody), async (c) => {
    const { id } = c.req.valid('param');
    // Your own must be replaced by another admin, as with disabling.
    if (id === c.get('staff').user.id) throw new Problem('not-allowed');
    const person = await managedPerson(c, id);
    if (!person.user.totpSecret) throw new Problem('not-found');
    await removeSecondFactor(database(c.env.DB), id, c.get('staff').user.id);
    return c.redirect(`/admin/users/${id}`, 303);
  })

  .get('/admin/organisations', deploymentAdmins, async (c) => {
    return c.html(html(<OrganisationsPage me={staffSummary(c.get('staff'))} organisations={await listOrganisations(database(c.env.DB))} />));
  })

  .get('/admin/audit', deploymentAdmins, validate('query', auditQuery), async (c) => {
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
  admin.post(`/admin/users/:id/${kind}-link`, peopleAdmins, validate('param', userParam), validate('form', csrfBody), async (c) => {
    const { id } = c.req.valid('param');
    const db = database(c.env.DB);
    const person = await managedPerson(c, id);
    // A reset is for an account in use; a fresh invite only for one not yet accepted.
    if (person.user.status !== (kind === 'invite' ? 'invited' : 'active')) throw new Problem('not-found');
    const me = c.get('staff');
    const origin = publicOrigin(c);
    if (!origin) return c.html(html(<NoPublicUrlPage me={staffSummary(me)} />), 503);
    const token = await issueAccountLink(db, id, kind, me.user.id);
    await audit(db, { actor: me.user.id, action: kind === 'reset' ? 'reset-link.issued' : 'invite', targetType: 'user', targetId: id });
    return c.html(html(<LinkIssuedPage me={staffSummary(me)} person={{ id, name: person.user.name, email: person.user.email }} link={`${origin}/${kind}/${token}`} kind={kind} />));
  });
}

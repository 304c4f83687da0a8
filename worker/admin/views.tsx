// Admin pages: people, inviting, roles, organisations and the audit log.
import { ROLES, type Role } from '../db/schema';
import { ErrorSummary } from '../views/error-summary';
import { CsrfField, Radios, Select, TextInput, type Choice } from '../views/fields';
import { StaffLayout, type StaffLayoutProps } from '../views/staff-layout';
import { Table } from '../views/table';
import type { Person } from './queries';

type Me = NonNullable<StaffLayoutProps['staff']>;

export interface FormError {
  fieldId: string;
  message: string;
}

const ROLE_HINTS: Record<Role, string> = {
  'deployment-admin': 'Runs the whole deployment: every organisation and its people, frameworks, forms, retention and the audit log',
  'org-admin': 'Manages the people of this organisation: invitations, roles, reset links and disabling accounts',
  facilitator: 'Runs LEAF feedback sessions, kiosks and paper entry',
  moderator: 'Reads feedback, redacts it, flags safeguarding concerns and tags it',
  assessor: 'Completes trusted assessments with people',
  'support-worker': 'Reads the trusted assessments people have shared with their organisation',
  commissioner: 'Reads themed reports',
};

export const ROLE_NAMES: Record<Role, string> = {
  'deployment-admin': 'Deployment admin',
  'org-admin': 'Organisation admin',
  facilitator: 'Facilitator',
  moderator: 'Moderator',
  assessor: 'Assessor',
  'support-worker': 'Support worker',
  commissioner: 'Commissioner',
};

export const roleChoices = (roles: readonly Role[] = ROLES): Choice[] => roles.map((r) => ({ value: r, label: ROLE_NAMES[r], hint: ROLE_HINTS[r] }));

const errorFor = (errors: FormError[], id: string) => errors.find((e) => e.fieldId === id)?.message;
const when = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

function StatusTag({ status }: { status: string }) {
  const colour = status === 'active' ? 'green' : status === 'invited' ? 'blue' : 'grey';
  return <strong class={`govuk-tag govuk-tag--${colour}`}>{status[0]!.toUpperCase() + status.slice(1)}</strong>;
}

export function PeoplePage({ me, people, deployment }: { me: Me; people: Person[]; deployment: boolean }) {
  return (
    <StaffLayout title="People" staff={me}>
      <h1 class="govuk-heading-l">People</h1>
      <p class="govuk-body">
        {deployment
          ? 'As a deployment admin you manage the staff of every organisation.'
          : 'As an organisation admin you manage the staff of your own organisation. People in other organisations are managed by their own admins.'}
      </p>
      <a class="govuk-button" href="/admin/invite">
        Invite someone
      </a>
      <Table caption="Staff accounts" captionSize="hidden" columns={['Name', 'Roles', 'Status']}>
          {people.map((p) => (
            <tr class="govuk-table__row" key={p.user.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/admin/users/${p.user.id}`}>
                  {p.user.name}
                </a>
                <br />
                <span class="govuk-body-s">{p.user.email}</span>
              </td>
              <td class="govuk-table__cell">
                <ul class="govuk-list govuk-body-s">
                  {p.roles.map((r) => (
                    <li key={`${r.organisationId}:${r.role}`}>
                      {ROLE_NAMES[r.role]}, {r.organisationName}
                    </li>
                  ))}
                </ul>
              </td>
              <td class="govuk-table__cell">
                <StatusTag status={p.user.status} />
              </td>
            </tr>
          ))}
        </Table>
    </StaffLayout>
  );
}

export function InvitePage({ me, organisations, roles, values = {}, errors = [] }: { me: Me; organisations: Choice[]; roles: Role[]; values?: Record<string, string>; errors?: FormError[] }) {
  return (
    <StaffLayout title="Invite someone" staff={me} hasErrors={errors.length > 0}>
      <a class="govuk-back-link" href="/admin">
        Back
      </a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} locale="en" />
          <h1 class="govuk-heading-l">Invite someone</h1>
          <form method="post" action="/admin/invite" novalidate>
            <CsrfField token={me.csrf} />
            <TextInput id="name" label="Full name" value={values.name} error={errorFor(errors, 'name')} autocomplete="off" />
            <TextInput id="email" label="Email address" type="email" value={values.email} error={errorFor(errors, 'email')} autocomplete="off" />
            <Select id="organisation" label="Organisation" choices={organisations} value={values.organisation} error={errorFor(errors, 'organisation')} />
            <Radios name="role" legend="Role" choices={roleChoices(roles)} value={values.role} error={errorFor(errors, 'role-0')} />
            <button type="submit" class="govuk-button">
              Create invite link
            </button>
          </form>
        </div>
      </div>
    </StaffLayout>
  );
}

export function LinkIssuedPage({ me, person, link, kind }: { me: Me; person: { id: string; name: string; email: string }; link: string; kind: 'invite' | 'reset' }) {
  return (
    <StaffLayout title={kind === 'invite' ? 'Invite link created' : 'Reset link created'} staff={me}>
      <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title">{kind === 'invite' ? 'Invite link created' : 'Reset link created'}</h1>
      </div>
      <p class="govuk-body">
        Send this link to {person.name} ({person.email}) yourself, by a channel you trust. It works once and lasts 7 days. It will not be shown again.
      </p>
      <p class="govuk-body heard-code-s" id="account-link">
        {link}
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/admin/users/${person.id}`}>
          Back to {person.name}
        </a>
      </p>
    </StaffLayout>
  );
}

export interface PersonPageProps {
  me: Me;
  person: Person;
  organisations: Choice[];
  /** The roles this admin may give. */
  roles: Role[];
  /** May act on the whole account (reset link, disable, authenticator). */
  canManageAccount: boolean;
  canManageRole: (r: Person['roles'][number]) => boolean;
  errors?: FormError[];
}

export function PersonPage({ me, person, organisations, roles, canManageAccount, canManageRole, errors = [] }: PersonPageProps) {
  const { user } = person;
  const removableFactor = canManageAccount && user.totpSecret !== null && user.id !== me.id;
  return (
    <StaffLayout title={user.name} staff={me} hasErrors={errors.length > 0}>
      <a class="govuk-back-link" href="/admin">
        Back
      </a>
      <ErrorSummary errors={errors} locale="en" />
      <h1 class="govuk-heading-l">{user.name}</h1>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
          <dt class="govuk-summary-list__key">Email</dt>
          <dd class="govuk-summary-list__value">{user.email}</dd>
        </div>
        <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
          <dt class="govuk-summary-list__key">Status</dt>
          <dd class="govuk-summary-list__value">
            <StatusTag status={user.status} />
          </dd>
        </div>
        <div class={`govuk-summary-list__row${removableFactor ? '' : ' govuk-summary-list__row--no-actions'}`}>
          <dt class="govuk-summary-list__key">Second factor</dt>
          <dd class="govuk-summary-list__value">{user.totpSecret ? 'Authenticator app' : 'None'}</dd>
          {removableFactor && (
            <dd class="govuk-summary-list__actions">
              <form method="post" action={`/admin/users/${user.id}/second-factor/remove`}>
                <CsrfField token={me.csrf} />
                <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                  Remove<span class="govuk-visually-hidden"> authenticator app, so they set up a new one</span>
                </button>
              </form>
            </dd>
          )}
        </div>
      </dl>

      <h2 class="govuk-heading-m">Roles</h2>
      {person.roles.length === 0 && <p class="govuk-body">No roles. This person can sign in but reach nothing.</p>}
      <ul class="govuk-list">
        {person.roles.map((r) =>
          canManageRole(r) ? (
            <li key={`${r.organisationId}:${r.role}`}>
              <form method="post" action={`/admin/users/${user.id}/roles/remove`} class="heard-inline-form">
                <CsrfField token={me.csrf} />
                <input type="hidden" name="organisation" value={r.organisationId} />
                <input type="hidden" name="role" value={r.role} />
                {ROLE_NAMES[r.role]}, {r.organisationName}{' '}
                <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1">
                  Remove<span class="govuk-visually-hidden"> {ROLE_NAMES[r.role]} role in {r.organisationName}</span>
                </button>
              </form>
            </li>
          ) : (
            <li key={`${r.organisationId}:${r.role}`}>
              {ROLE_NAMES[r.role]}, {r.organisationName} <span class="govuk-body-s">(managed by {r.role === 'deployment-admin' ? 'a deployment admin' : `that organisation's admins`})</span>
            </li>
          ),
        )}
      </ul>
      <form method="post" action={`/admin/users/${user.id}/roles`} novalidate>
        <CsrfField token={me.csrf} />
        <Select id="organisation" label="Organisation" choices={organisations} error={errorFor(errors, 'organisation')} />
        <Radios name="role" legend="Role to add" choices={roleChoices(roles)} error={errorFor(errors, 'role-0')} />
        <button type="submit" class="govuk-button govuk-button--secondary">
          Add role
        </button>
      </form>

      <h2 class="govuk-heading-m">Account</h2>
      {!canManageAccount && (
        <p class="govuk-body">
          This person also holds roles outside the organisations you manage, so their reset links, second factor and disabling are for{' '}
          {person.roles.some((r) => r.role === 'deployment-admin') ? 'a deployment admin' : 'a deployment admin or an admin of each of their organisations'}.
        </p>
      )}
      {canManageAccount && user.status !== 'disabled' && (
        // An invited person gets a fresh invite; an active one a password reset.
        <form method="post" action={`/admin/users/${user.id}/${user.status === 'invited' ? 'invite' : 'reset'}-link`} class="govuk-!-margin-bottom-4">
          <CsrfField token={me.csrf} />
          <button type="submit" class="govuk-button govuk-button--secondary">
            {user.status === 'invited' ? 'Create a new invite link' : 'Create a password reset link'}
          </button>
        </form>
      )}
      {canManageAccount && user.id !== me.id && (
        <form method="post" action={`/admin/users/${user.id}/${user.status === 'disabled' ? 'enable' : 'disable'}`}>
          <CsrfField token={me.csrf} />
          <button type="submit" class={`govuk-button${user.status === 'disabled' ? '' : ' govuk-button--warning'}`}>
            {user.status === 'disabled' ? 'Re-enable account' : 'Disable account'}
          </button>
        </form>
      )}
    </StaffLayout>
  );
}

export function OrganisationsPage({ me, organisations }: { me: Me; organisations: { id: string; name: string; kind: string; description: string; members: number }[] }) {
  return (
    <StaffLayout title="Organisations" staff={me}>
      <h1 class="govuk-heading-l">Organisations</h1>
      <Table caption="Organisations in the Alliance" captionSize="hidden" columns={['Name', 'Kind', { text: 'Staff', numeric: true }]}>
          {organisations.map((o) => (
            <tr class="govuk-table__row" key={o.id}>
              <td class="govuk-table__cell">
                {o.name}
                <br />
                <span class="govuk-body-s">{o.description}</span>
              </td>
              <td class="govuk-table__cell">{o.kind}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{o.members}</td>
            </tr>
          ))}
        </Table>
    </StaffLayout>
  );
}

export interface AuditRow {
  id: number;
  at: number;
  actor: string;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string;
  detail: string | null;
}

export function AuditPage({ me, rows, actions, filters }: { me: Me; rows: AuditRow[]; actions: string[]; filters: { who?: string; what?: string; from?: string; to?: string } }) {
  return (
    <StaffLayout title="Audit log" staff={me}>
      <h1 class="govuk-heading-l">Audit log</h1>
      <form method="get" action="/admin/audit" class="heard-filters">
        <TextInput id="who" label="Who (email address)" value={filters.who} width={20} />
        <Select id="what" label="What" choices={actions.map((a) => ({ value: a, label: a }))} value={filters.what} />
        <TextInput id="from" label="From (YYYY-MM-DD)" value={filters.from} width={10} />
        <TextInput id="to" label="Up to and including (YYYY-MM-DD)" value={filters.to} width={10} />
        <button type="submit" class="govuk-button govuk-button--secondary">
          Filter
        </button>
      </form>
      <Table caption={rows.length === 200 ? 'The newest 200 entries' : `${rows.length} entries`} captionSize="s" columns={['When', 'Who', 'What', 'To what']}>
          {rows.map((r) => (
            <tr class="govuk-table__row" key={r.id}>
              <td class="govuk-table__cell">{when(r.at)}</td>
              <td class="govuk-table__cell">
                {r.actorEmail ? (
                  <>
                    {r.actorName}
                    <br />
                    <span class="govuk-body-s">{r.actorEmail}</span>
                  </>
                ) : (
                  r.actor
                )}
              </td>
              <td class="govuk-table__cell">{r.action}</td>
              <td class="govuk-table__cell">
                {r.targetType} {r.targetId}
                {r.detail ? ` (${r.detail})` : ''}
              </td>
            </tr>
          ))}
        </Table>
    </StaffLayout>
  );
}

export { ROLES };

/** Links cannot be made safely until the deployment says where it lives. */
export function NoPublicUrlPage({ me }: { me: Me }) {
  return (
    <StaffLayout title="Links cannot be made yet" staff={me}>
      <h1 class="govuk-heading-l">Links cannot be made yet</h1>
      <p class="govuk-body">
        Invite and reset links are built from the address this service is published at, which has not been set. Ask whoever deploys Heard to set{' '}
        <code>PUBLIC_URL</code>, then try again. Nothing was changed.
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/admin">
          Back to people
        </a>
      </p>
    </StaffLayout>
  );
}

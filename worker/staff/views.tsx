// The staff home page and an organisation's own page.
import type { Role } from '../db/schema';
import { StaffLayout, type StaffLayoutProps } from '../views/staff-layout';
import { Table } from '../views/table';

type Me = NonNullable<StaffLayoutProps['staff']>;

interface Waiting {
  role: Role;
  heading: string;
  body: string;
  link?: { href: string; text: string };
}

export function StaffHomePage({ me, counts, organisations }: { me: Me; counts: { received: number; thisQuarter: number; invited: number; openSessions: number }; organisations: { id: string; name: string }[] }) {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const waiting: Waiting[] = [
    { role: 'deployment-admin', heading: 'People', body: `${plural(counts.invited, 'invite has', 'invites have')} not been accepted yet across all organisations.`, link: { href: '/admin', text: 'Manage people' } },
    { role: 'org-admin', heading: 'People', body: `${plural(counts.invited, 'invite has', 'invites have')} not been accepted yet.`, link: { href: '/admin', text: 'Manage people' } },
    { role: 'moderator', heading: 'Feedback to read', body: `${plural(counts.received, 'response has', 'responses have')} come in. Safeguarding concerns are at the top of the queue.`, link: { href: '/moderate', text: 'Open the moderation queue' } },
    {
      role: 'facilitator',
      heading: 'Feedback sessions',
      body: `${plural(counts.openSessions, 'session is', 'sessions are')} open for your organisations. Create a session to get a join code, a QR poster and a kiosk for the day.`,
      link: { href: '/sessions', text: 'Open your sessions' },
    },
    {
      role: 'assessor',
      heading: 'Trusted assessments',
      body: 'Find a person or add one, and complete their assessment with them over as many sittings as it takes. They choose who else may read it.',
      link: { href: '/assess', text: 'Open trusted assessments' },
    },
    {
      role: 'support-worker',
      heading: 'Trusted assessments',
      body: 'Read the assessments people have chosen to share with your organisation, so they do not have to tell their story again.',
      link: { href: '/assess', text: 'Open trusted assessments' },
    },
    {
      role: 'commissioner',
      heading: 'Reports',
      body: `${plural(counts.thisQuarter, 'response has', 'responses have')} come in this quarter. Read what people said, objective by objective, and record what was done about it.`,
      link: { href: '/reports', text: 'Open the themed report' },
    },
  ];
  return (
    <StaffLayout title="Home" staff={me}>
      <h1 class="govuk-heading-l">Hello, {me.name}</h1>
      {waiting
        // A deployment admin sees the deployment's people box, not their organisation's as well.
        // ...and an assessor who is also a support worker sees the assessments box once.
        .filter((w) => me.roles.includes(w.role) && !(w.role === 'org-admin' && me.roles.includes('deployment-admin')) && !(w.role === 'support-worker' && me.roles.includes('assessor')))
        .map((w) => (
          <section key={w.role} class="govuk-!-margin-bottom-6">
            <h2 class="govuk-heading-m">{w.heading}</h2>
            <p class="govuk-body">{w.body}</p>
            {w.link && (
              <p class="govuk-body">
                <a class="govuk-link" href={w.link.href}>
                  {w.link.text}
                </a>
              </p>
            )}
          </section>
        ))}
      <h2 class="govuk-heading-m">Your organisations</h2>
      <ul class="govuk-list">
        {organisations.map((o) => (
          <li key={o.id}>
            <a class="govuk-link" href={`/staff/organisations/${o.id}`}>
              {o.name}
            </a>
          </li>
        ))}
      </ul>
      <h2 class="govuk-heading-m">Your account</h2>
      <form method="post" action="/logout-everywhere">
        <input type="hidden" name="csrf" value={me.csrf} />
        <button type="submit" class="govuk-button govuk-button--secondary">
          Sign out everywhere
        </button>
      </form>
    </StaffLayout>
  );
}

export function OrganisationPage({ me, name, members }: { me: Me; name: string; members: { name: string; email: string; status: string; role: Role }[] }) {
  return (
    <StaffLayout title={name} staff={me}>
      <h1 class="govuk-heading-l">{name}</h1>
      <Table caption="Staff and their roles" captionSize="m" columns={['Name', 'Role', 'Status']}>
          {members.map((m) => (
            <tr class="govuk-table__row" key={`${m.email}:${m.role}`}>
              <td class="govuk-table__cell">{m.name}</td>
              <td class="govuk-table__cell">{m.role}</td>
              <td class="govuk-table__cell">{m.status}</td>
            </tr>
          ))}
        </Table>
    </StaffLayout>
  );
}

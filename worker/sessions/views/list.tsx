// /sessions: the facilitator's sessions, newest first, and the way to start a new one.
import { StaffLayout } from '../../views/staff-layout';
import { Table } from '../../views/table';
import type { ListedSession } from '../queries';
import { dayText, StatusTag, type Me } from './common';

export function SessionsListPage({ me, sessions, truncated }: { me: Me; sessions: ListedSession[]; truncated: boolean }) {
  return (
    <StaffLayout title="Feedback sessions" staff={me}>
      <h1 class="govuk-heading-l">Feedback sessions</h1>
      <p class="govuk-body">
        A session is one event where people give feedback: a festival, a hostel drop-in, a paper session. People join it with its code on their own phones, on a tablet you run as a kiosk, with you, in a group, or on paper.
      </p>
      <a class="govuk-button" href="/sessions/new">
        Create a session
      </a>
      <p class="govuk-body">
        <a class="govuk-link" href="/forms/paper">
          Print a form on paper without a session
        </a>
      </p>
      {sessions.length === 0 ? (
        <p class="govuk-body">There are no sessions for your organisations yet.</p>
      ) : (
        <Table caption="Sessions" columns={['Session', 'Day', 'Organisation', 'Join code', 'Status', { text: 'Responses', numeric: true }]}>
          {sessions.map((s) => (
            <tr class="govuk-table__row" key={s.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/sessions/${s.id}`}>
                  {s.name}
                </a>
                <br />
                <span class="govuk-body-s">{s.place}</span>
              </td>
              <td class="govuk-table__cell">{dayText(s.heldOn)}</td>
              <td class="govuk-table__cell">{s.organisationName}</td>
              <td class="govuk-table__cell">{s.status === 'open' && s.joinCode ? <span class="heard-code-s">{s.joinCode}</span> : '—'}</td>
              <td class="govuk-table__cell">
                <StatusTag status={s.status} />
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{s.responses.toLocaleString('en-GB')}</td>
            </tr>
          ))}
        </Table>
      )}
      {truncated && <p class="govuk-body">Only the newest sessions are shown.</p>}
    </StaffLayout>
  );
}

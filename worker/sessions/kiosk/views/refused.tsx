// When a device cannot become a kiosk for a session: why, in plain words, and the way back.
import { StaffLayout } from '../../../views/staff-layout';
import type { SessionDetail } from '../../queries';
import type { Me } from '../../views/common';

export function KioskRefusedPage({ me, session, message }: { me: Me; session: SessionDetail; message: string }) {
  return (
    <StaffLayout title="Kiosk mode cannot start" staff={me} hasErrors>
      <a class="govuk-back-link" href={`/sessions/${session.id}`}>
        Back to {session.name}
      </a>
      <div class="govuk-error-summary" tabIndex={-1} autofocus>
        <div role="alert">
          <h2 class="govuk-error-summary__title">There is a problem</h2>
          <div class="govuk-error-summary__body">
            <p class="govuk-body">{message}</p>
          </div>
        </div>
      </div>
      <h1 class="govuk-heading-l">Kiosk mode cannot start</h1>
      <p class="govuk-body">This device is still signed in, and nothing has changed.</p>
    </StaffLayout>
  );
}

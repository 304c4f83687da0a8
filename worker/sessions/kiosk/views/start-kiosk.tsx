// On the session page: turn the facilitator's own device into a kiosk for this session.
import { CsrfField } from '../../../views/fields';
import type { SessionDetail } from '../../queries';

export function StartKiosk({ session, csrf }: { session: SessionDetail; csrf: string }) {
  if (session.status !== 'open') return null;
  if (!session.kiosk) {
    return (
      <p class="govuk-body">
        Kiosk tablets are off for this session. <a class="govuk-link" href={`/sessions/${session.id}/edit`}>Edit the session</a> to turn them on.
      </p>
    );
  }
  return (
    <form method="post" action={`/sessions/${session.id}/kiosk`} class="govuk-!-margin-bottom-6">
      <CsrfField token={csrf} />
      <h3 class="govuk-heading-s">Run this device as a kiosk</h3>
      <p class="govuk-body">
        This tablet then shows only this session’s form, one person after another, and clears itself between people. You are signed out on it. To leave kiosk mode, use “Leave kiosk” at the
        bottom of any page: {session.kioskPinHash ? 'enter the session’s PIN or sign in again.' : 'sign in again (the session has no PIN).'}
      </p>
      <button type="submit" class="govuk-button govuk-button--secondary">
        Start kiosk mode on this device
      </button>
    </form>
  );
}

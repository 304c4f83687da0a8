// Taking a tablet out of kiosk mode: the session's PIN, or a facilitator's sign-in. For facilitators,
// so in English like every staff page, inside the kiosk's plain frame.
import { ErrorMessage, ErrorSummary } from '../../../views/error-summary';
import { Layout } from '../../../views/layout';

export interface LeavePageProps {
  sessionName: string;
  hasPin: boolean;
  signInHref: string;
  /** What went wrong, with the PIN or with the sign-in. */
  error?: { field: 'pin' | 'sign-in'; message: string };
}

export function LeavePage({ sessionName, hasPin, signInHref, error }: LeavePageProps) {
  const pinError = error?.field === 'pin' ? error.message : undefined;
  return (
    <Layout title="Leave kiosk mode" locale="en" hasErrors={!!error}>
      <a class="govuk-back-link" href="/k">
        Back to the form
      </a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={error ? [{ fieldId: error.field, message: error.message }] : []} locale="en" />
          <h1 class="govuk-heading-l">Leave kiosk mode</h1>
          <p class="govuk-body">This tablet is a kiosk for “{sessionName}”. To use it as an ordinary browser again, a facilitator enters the session’s PIN or signs in.</p>
          {hasPin ? (
            <form method="post" action="/k/leave" novalidate>
              <div class={`govuk-form-group${pinError ? ' govuk-form-group--error' : ''}`}>
                <label class="govuk-label govuk-label--s" for="pin">
                  Session PIN
                </label>
                <ErrorMessage id="pin-error" message={pinError} locale="en" />
                <input
                  class={`govuk-input govuk-input--width-10${pinError ? ' govuk-input--error' : ''}`}
                  id="pin"
                  name="pin"
                  type="password"
                  inputMode="numeric"
                  autocomplete="off"
                  spellcheck={false}
                  aria-describedby={pinError ? 'pin-error' : undefined}
                />
              </div>
              <button type="submit" class="govuk-button">
                Leave kiosk mode
              </button>
            </form>
          ) : (
            <p class="govuk-body">This session has no PIN, so a facilitator signs in to leave kiosk mode.</p>
          )}
          <p class="govuk-body" id="sign-in">
            <a class="govuk-link" href={signInHref}>
              Sign in as a facilitator of this session
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

/** After the PIN: the tablet is an ordinary browser again, and nobody is signed in on it. */
export function LeftPage({ sessionName }: { sessionName: string }) {
  return (
    <Layout title="Kiosk mode is off" locale="en">
      <h1 class="govuk-heading-l">Kiosk mode is off</h1>
      <p class="govuk-body">This tablet is no longer a kiosk for “{sessionName}”. Nobody is signed in on it.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/login">
          Sign in
        </a>
      </p>
    </Layout>
  );
}

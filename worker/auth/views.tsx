// Sign-in, second factor, invite and reset pages.
import { ErrorSummary } from '../views/error-summary';
import { CsrfField, TextInput } from '../views/fields';
import { StaffLayout } from '../views/staff-layout';

export interface FormError {
  fieldId: string;
  message: string;
}

const errorFor = (errors: FormError[], id: string) => errors.find((e) => e.fieldId === id)?.message;

export function SignInPage({ email = '', next = '', errors = [], accessMode = false }: { email?: string; next?: string; errors?: FormError[]; accessMode?: boolean }) {
  return (
    <StaffLayout title="Sign in" hasErrors={errors.length > 0}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} locale="en" />
          <h1 class="govuk-heading-l">Sign in to Heard</h1>
          {accessMode ? (
            <p class="govuk-body">
              This deployment signs staff in through Cloudflare Access. <a class="govuk-link" href="/staff">Continue to your staff home page</a>.
            </p>
          ) : (
            <form method="post" action="/login" novalidate>
              <input type="hidden" name="next" value={next} />
              <TextInput id="email" label="Email address" type="email" autocomplete="username" value={email} error={errorFor(errors, 'email')} />
              <TextInput id="password" label="Password" type="password" autocomplete="current-password" error={errorFor(errors, 'password')} />
              <button type="submit" class="govuk-button">
                Sign in
              </button>
            </form>
          )}
          <p class="govuk-body">If you have forgotten your password, ask an admin of your organisation for a reset link.</p>
        </div>
      </div>
    </StaffLayout>
  );
}

export function SecondFactorPage({ csrf, next = '', errors = [] }: { csrf: string; next?: string; errors?: FormError[] }) {
  return (
    <StaffLayout title="Enter your security code" hasErrors={errors.length > 0}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} locale="en" />
          <form method="post" action="/login/second-factor" novalidate>
            <CsrfField token={csrf} />
            <input type="hidden" name="next" value={next} />
            <TextInput
              id="code"
              label="Enter your security code"
              asHeading
              hint="The 6-digit code from your authenticator app, or one of your recovery codes"
              autocomplete="one-time-code"
              width={10}
              error={errorFor(errors, 'code')}
            />
            <button type="submit" class="govuk-button">
              Continue
            </button>
          </form>
        </div>
      </div>
    </StaffLayout>
  );
}

export function EnrolSecondFactorPage({ csrf, secret, qrSvg, errors = [] }: { csrf: string; secret: string; qrSvg: string; errors?: FormError[] }) {
  return (
    <StaffLayout title="Set up your authenticator app" hasErrors={errors.length > 0}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} locale="en" />
          <h1 class="govuk-heading-l">Set up your authenticator app</h1>
          <p class="govuk-body">
            Your role includes personal and health information, so you sign in with a password and a code from an authenticator app on your phone.
          </p>
          <ol class="govuk-list govuk-list--number">
            <li>Open your authenticator app and add an account.</li>
            <li>Scan this QR code, or type in the key below it.</li>
            <li>Enter the 6-digit code the app shows.</li>
          </ol>
          {/* The SVG comes from our own QR encoder, built from a URI we made; it holds no user input. */}
          <div class="heard-qr" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: qrSvg }} />
          <p class="govuk-body">
            Key: <code class="heard-code-s">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
          <form method="post" action="/account/second-factor" novalidate>
            <CsrfField token={csrf} />
            <TextInput id="code" label="Code from the app" autocomplete="one-time-code" inputMode="numeric" width={10} error={errorFor(errors, 'code')} />
            <button type="submit" class="govuk-button">
              Turn on
            </button>
          </form>
        </div>
      </div>
    </StaffLayout>
  );
}

export function RecoveryCodesPage({ codes }: { codes: string[] }) {
  return (
    <StaffLayout title="Your recovery codes">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Save your recovery codes</h1>
          <p class="govuk-body">
            If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe. We will not show them again.
          </p>
          <ul class="govuk-list heard-code-s" id="recovery-codes">
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <a class="govuk-button" href="/staff">
            I have saved my codes
          </a>
        </div>
      </div>
    </StaffLayout>
  );
}

export function SetPasswordPage({ kind, token, name, email, errors = [] }: { kind: 'invite' | 'reset'; token: string; name: string; email: string; errors?: FormError[] }) {
  const title = kind === 'invite' ? 'Create your password' : 'Choose a new password';
  return (
    <StaffLayout title={title} hasErrors={errors.length > 0}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} locale="en" />
          <h1 class="govuk-heading-l">{title}</h1>
          <p class="govuk-body">
            {kind === 'invite' ? `Welcome, ${name}.` : `Hello, ${name}.`} You will sign in as <strong>{email}</strong>.
          </p>
          <form method="post" action={`/${kind}/${token}`} novalidate>
            <input type="hidden" name="username" value={email} autocomplete="username" />
            <TextInput
              id="password"
              label="Password"
              type="password"
              autocomplete="new-password"
              hint="At least 12 characters. A few random words make a strong password you can remember. You can paste, or use a password manager."
              error={errorFor(errors, 'password')}
            />
            <button type="submit" class="govuk-button">
              Save password
            </button>
          </form>
        </div>
      </div>
    </StaffLayout>
  );
}

export function LinkUnusablePage() {
  return (
    <StaffLayout title="This link cannot be used">
      <h1 class="govuk-heading-l">This link cannot be used</h1>
      <p class="govuk-body">The link has expired or has already been used. Links last 7 days and work once.</p>
      <p class="govuk-body">Ask an admin of your organisation to send you a new one.</p>
    </StaffLayout>
  );
}

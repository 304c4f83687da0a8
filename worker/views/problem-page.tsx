// The page for anything we refuse: what happened and what to do, in plain words.
import type { Locale } from '../forms/definition';
import { messages } from '../i18n/messages';
import type { KeyedFeature, ProblemKind } from '../http/problems';
import { Layout } from './layout';

const KEYS_MISSING = 'cannot be used until the deployment’s encryption key (HEARD_KEYS) is set. Ask your deployment admin.';

/** Staff read which feature waits for the key; a respondent reads what it means for their feedback, in their language. */
const keysMissingBody = (feature: KeyedFeature, feedbackBody: string) =>
  ({
    assessments: `Trusted assessments ${KEYS_MISSING}`,
    'sign-in': `Staff sign-in ${KEYS_MISSING}`,
    kiosk: `Kiosk mode ${KEYS_MISSING}`,
    feedback: feedbackBody,
  })[feature];

/** `reference` (the request id) goes on the 500 page, so staff can match a report to a log line. */
export function ProblemPage({ kind, locale, reference, feature = 'assessments' }: { kind: ProblemKind; locale: Locale; reference?: string; feature?: KeyedFeature }) {
  const msg = messages(locale);
  const [title, body] = (
    {
      'bad-request': [msg.badRequestTitle, msg.unsupportedBody],
      'not-found': [msg.notFoundTitle, msg.notFoundBody],
      'too-large': [msg.badRequestTitle, msg.tooLargeBody],
      unsupported: [msg.badRequestTitle, msg.unsupportedBody],
      forbidden: [msg.badRequestTitle, msg.forbiddenBody],
      'rate-limited': [msg.rateLimitedTitle, msg.rateLimitedBody],
      bot: [msg.botTitle, msg.botBody],
      server: [msg.serverErrorTitle, msg.serverErrorBody],
      'signed-out': ['You are signed out', 'Your session has ended, so nothing was changed. Sign in again, then try once more.'],
      'not-allowed': ['You do not have access to this page', 'Your role does not include this page. If you need it, ask an admin of your organisation.'],
      'keys-missing': [msg.keysMissingTitle, keysMissingBody(feature, msg.keysMissingBody)],
    } as const
  )[kind];
  return (
    <Layout title={title} locale={locale} exit={kind !== 'signed-out' && kind !== 'not-allowed'}>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{body}</p>
      {reference && <p class="govuk-body-s">{msg.serverErrorReference(reference)}</p>}
      <p class="govuk-body">
        {kind === 'signed-out' || kind === 'not-allowed' ? (
          <a class="govuk-link" href="/staff">
            Go to your staff home page
          </a>
        ) : (
          <a class="govuk-link" href="/">
            {msg.serviceName}
          </a>
        )}
      </p>
    </Layout>
  );
}

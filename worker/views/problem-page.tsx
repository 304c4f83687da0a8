// The page for anything we refuse: what happened and what to do, in plain words.
import type { Locale } from '../forms/definition';
import { messages } from '../i18n/messages';
import type { ProblemKind } from '../http/problems';
import { Layout } from './layout';

export function ProblemPage({ kind, locale }: { kind: ProblemKind; locale: Locale }) {
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
    } as const
  )[kind];
  return (
    <Layout title={title} locale={locale} exit>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{body}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">
          {msg.serviceName}
        </a>
      </p>
    </Layout>
  );
}

// Hidden until the enhancement script shows it, two minutes before the draft would be cleared.
import type { Locale } from '../../forms/definition';
import { messages } from '../../i18n/messages';

export function TimeoutWarning({ slug, minutes, locale }: { slug: string; minutes: number; locale: Locale }) {
  const msg = messages(locale);
  return (
    <div class="heard-timeout" hidden role="alertdialog" aria-labelledby="timeout-title" aria-describedby="timeout-body" data-minutes={minutes} data-cleared={`/f/${slug}/cleared`}>
      <h2 id="timeout-title" class="govuk-heading-m">
        {msg.timeoutWarningTitle}
      </h2>
      <p id="timeout-body" class="govuk-body">
        {msg.timeoutWarningBody}
      </p>
      <form method="post" action={`/f/${slug}/keep-alive`}>
        <button type="submit" class="govuk-button govuk-!-margin-bottom-0">
          {msg.timeoutKeep}
        </button>
      </form>
    </div>
  );
}

// "Exit this page": a plain link to our /exit route, so it works without JavaScript;
// the enhancement script adds the Shift-three-times shortcut and hides the page at once.
import type { Locale } from '../forms/definition';
import { messages } from '../i18n/messages';

export function ExitThisPage({ locale }: { locale: Locale }) {
  const msg = messages(locale);
  return (
    // A named region, so the hint below the button sits inside a landmark (axe: region).
    <section class="govuk-exit-this-page" aria-label={msg.exitThisPage}>
      <a href="/exit" class="govuk-button govuk-button--warning govuk-exit-this-page__button govuk-js-exit-this-page-button" rel="nofollow noreferrer">
        <span class="govuk-visually-hidden">Emergency</span> {msg.exitThisPage}
      </a>
      <p class="govuk-body-s govuk-!-margin-top-0">{msg.exitThisPageHint}</p>
    </section>
  );
}

// The GOV.UK success notification banner: what just happened, said once, at the top of the page.
// role="alert" so a screen reader hears it after the redirect that follows a form.
import type { ComponentChildren } from 'preact';

export function SuccessBanner({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby={id}>
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id={id}>
          {title}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{children}</p>
      </div>
    </div>
  );
}

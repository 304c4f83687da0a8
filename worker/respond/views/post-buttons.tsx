// Back and Change as small POST forms: the page they lead to is kept on the server, never put in an
// address, so a shared browser's history shows the same addresses whatever was answered.
import type { ComponentChildren } from 'preact';

/** The hidden field naming the page a form was for (in the body, never the address). */
export const PAGE_FIELD = 'heard_page';

/** A GOV.UK back link that works as a plain form post without JavaScript. */
export function BackButton({ action, page, label }: { action: string; page: string; label: string }) {
  return (
    <form method="post" action={action} class="heard-inline-form">
      <input type="hidden" name={PAGE_FIELD} value={page} />
      <button type="submit" class="govuk-back-link heard-back-button">
        {label}
      </button>
    </form>
  );
}

/** A button that reads as a link, for actions in a summary list ("Change"). */
export function LinkButton({ action, page, children }: { action: string; page: string; children: ComponentChildren }) {
  return (
    <form method="post" action={action} class="heard-inline-form">
      <input type="hidden" name={PAGE_FIELD} value={page} />
      <button type="submit" class="govuk-link heard-link-button">
        {children}
      </button>
    </form>
  );
}

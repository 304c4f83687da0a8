// One row of a GOV.UK summary list: a term and what it is.
import type { ComponentChildren } from 'preact';

export function SummaryRow({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{term}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

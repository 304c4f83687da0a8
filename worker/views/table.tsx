// The GOV.UK table: a caption, a header row, and the rows the page passes in.
import type { ComponentChildren } from 'preact';

export interface Column {
  text: string;
  numeric?: boolean;
}

export function Table({ caption, captionSize = 'hidden', columns, children }: { caption: string; captionSize?: 's' | 'm' | 'hidden'; columns: (string | Column)[]; children: ComponentChildren }) {
  const captionClass = captionSize === 'hidden' ? 'govuk-table__caption govuk-visually-hidden' : `govuk-table__caption govuk-table__caption--${captionSize}`;
  return (
    <table class="govuk-table">
      <caption class={captionClass}>{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {columns.map((c) => {
            const col = typeof c === 'string' ? { text: c } : c;
            return (
              <th scope="col" class={`govuk-table__header${col.numeric ? ' govuk-table__header--numeric' : ''}`} key={col.text}>
                {col.text}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody class="govuk-table__body">{children}</tbody>
    </table>
  );
}

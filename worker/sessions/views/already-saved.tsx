// A sheet posted a second time (a double click, or Back and send again): nothing was stored twice.
import { StaffLayout } from '../../views/staff-layout';
import type { Me } from './common';

export function AlreadySavedPage({ me, title, body, next }: { me: Me; title: string; body: string; next: { href: string; text: string } }) {
  return (
    <StaffLayout title={title} staff={me}>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{body}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={next.href} autofocus>
          {next.text}
        </a>
      </p>
    </StaffLayout>
  );
}

// Pieces the session pages share: the day in words, the status tag, the join code set large.
import type { FeedbackSession } from '../../db/schema';
import type { StaffLayoutProps } from '../../views/staff-layout';

export type Me = NonNullable<StaffLayoutProps['staff']>;

export const dayText = (ms: number) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(ms);

export function StatusTag({ status }: { status: FeedbackSession['status'] }) {
  return status === 'open' ? <strong class="govuk-tag govuk-tag--green">Open</strong> : <strong class="govuk-tag govuk-tag--grey">Closed</strong>;
}

/** The code as people type it, spaced for reading aloud; screen readers get it letter by letter. */
export function JoinCode({ code, size = 'l' }: { code: string; size?: 'l' | 'xl' }) {
  return (
    <span class={`heard-join-code heard-join-code--${size}`} aria-label={code.split('').join(' ')}>
      {code}
    </span>
  );
}

// Small pieces the assessment pages share.
import type { AssessmentStatus } from '../../db/schema';
import type { StaffLayoutProps } from '../../views/staff-layout';

export type Me = NonNullable<StaffLayoutProps['staff']>;

const STATUS: Record<AssessmentStatus, { text: string; colour: string }> = {
  'in-progress': { text: 'In progress', colour: 'govuk-tag--yellow' },
  complete: { text: 'Complete', colour: 'govuk-tag--green' },
  deleted: { text: 'Deleted', colour: 'govuk-tag--grey' },
};

export function StatusTag({ status }: { status: AssessmentStatus }) {
  return <strong class={`govuk-tag ${STATUS[status].colour}`}>{STATUS[status].text}</strong>;
}

/** 6 December 2026 */
export function dayText(ms: number): string {
  return new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** 6 December 2026 at 14:05 */
export function momentText(ms: number): string {
  const d = new Date(ms);
  return `${dayText(ms)} at ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })}`;
}

/** A YYYY-MM-DD date as words. */
export function isoDayText(iso: string): string {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(ms) ? iso : dayText(ms);
}

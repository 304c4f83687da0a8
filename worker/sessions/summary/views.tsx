// A session's summary for the people who took part: how many came, what they raised (strategy
// objectives and themes, once moderated), and what happens next. The same page is printed by the
// facilitator and, once shared, opened by anyone with its link; every number is suppressed as in reports.
import { label, type Shown } from '../../reports/suppress';
import { CsrfField } from '../../views/fields';
import { Layout } from '../../views/layout';
import { StaffLayout } from '../../views/staff-layout';
import type { SessionDetail } from '../queries';
import { dayText, type Me } from '../views/common';

export interface SummaryFigures {
  tookPart: Shown;
  inGroups: Shown;
  /** Whether moderators have finished reading everything given at it. */
  allModerated: boolean;
  /** Objectives at least t people raised, with how many (shown, never small). */
  objectives: { code: string; text: string; responses: Shown }[];
  themes: { id: string; name: string }[];
  threshold: number;
}

const plural = (s: Shown, one: string, many: string) => `${label(s)} ${s.kind === 'count' && s.value === 1 ? one : many}`;

export function SummaryBody({ session, figures }: { session: SessionDetail; figures: SummaryFigures }) {
  return (
    <article class="heard-summary">
      <span class="govuk-caption-l">
        {dayText(session.heldOn)} · {session.place}
      </span>
      <h1 class="govuk-heading-l">What we heard at {session.name}</h1>
      <p class="govuk-body-l">
        Thank you to everyone who came.
        {figures.tookPart.kind !== 'not-shown' && (
          <>
            {' '}
            {plural(figures.tookPart, 'person', 'people')} took part
            {figures.inGroups.kind === 'not-shown' || (figures.inGroups.kind === 'count' && figures.inGroups.value === 0) ? '' : `, ${label(figures.inGroups)} of them in group discussions`}.
          </>
        )}
      </p>
      <h2 class="govuk-heading-m">What people raised</h2>
      {!figures.allModerated && <p class="govuk-body">Moderators are still reading what people said. More will show here when they finish.</p>}
      {figures.objectives.length === 0 && figures.themes.length === 0 ? (
        <p class="govuk-body">Nothing has been raised by enough people to show here yet. We only show things at least {figures.threshold} people raised, so nobody can be picked out.</p>
      ) : (
        <>
          {figures.objectives.length > 0 && (
            <ul class="govuk-list govuk-list--bullet">
              {figures.objectives.map((o) => (
                <li key={o.code}>
                  <strong>{plural(o.responses, 'person', 'people')}</strong> raised: {o.text}
                </li>
              ))}
            </ul>
          )}
          {figures.themes.length > 0 && (
            <>
              <h3 class="govuk-heading-s">Themes that came up again and again</h3>
              <ul class="govuk-list govuk-list--bullet">
                {figures.themes.map((t) => (
                  <li key={t.id}>{t.name}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <h2 class="govuk-heading-m">What happens next</h2>
      <p class="govuk-body heard-pre-line">
        {session.nextSteps ??
          'People with lived experience and staff read everything you said. It goes into the reports the councils and services use to decide what to change, with nothing that could identify anyone. What they do about it is published on “You said, we did”.'}
      </p>
      <p class="govuk-body-s">Numbers from 1 to {figures.threshold - 1} show as “fewer than {figures.threshold}”, so nobody can be picked out. {session.organisationName} ran this session.</p>
    </article>
  );
}

export function SummaryPage({ me, session, figures, sharedUrl }: { me: Me; session: SessionDetail; figures: SummaryFigures; sharedUrl?: string }) {
  return (
    <StaffLayout title={`Summary: ${session.name}`} staff={me}>
      <div class="heard-no-print">
        <a class="govuk-back-link" href={`/sessions/${session.id}`}>
          Back to the session
        </a>
        <p class="govuk-body">Print this page, or share its link with the people who took part. Only the summary prints.</p>
        <form method="post" action={`/sessions/${session.id}/summary/share`}>
          <CsrfField token={me.csrf} />
          {sharedUrl ? (
            <>
              <p class="govuk-body">
                Shared at <strong class="heard-code-s">{sharedUrl}</strong>. Anyone with the link can read it.
              </p>
              <input type="hidden" name="share" value="no" />
              <button class="govuk-button govuk-button--secondary" type="submit">
                Stop sharing
              </button>
            </>
          ) : (
            <>
              <input type="hidden" name="share" value="yes" />
              <button class="govuk-button" type="submit">
                Share with participants
              </button>
            </>
          )}
        </form>
      </div>
      <SummaryBody session={session} figures={figures} />
    </StaffLayout>
  );
}

/** The shared page: the summary alone, in the public frame (no staff navigation, nothing to sign in to). */
export function SharedSummaryPage({ session, figures }: { session: SessionDetail; figures: SummaryFigures }) {
  return (
    <Layout title={`What we heard at ${session.name}`} locale="en">
      <SummaryBody session={session} figures={figures} />
    </Layout>
  );
}

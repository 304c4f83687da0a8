// "Start a reassessment" on the assessment page, for its assessors once the newest version is complete.
import type { AssessmentVersion } from '../../../db/schema';
import { CsrfField } from '../../../views/fields';
import { dayText } from '../../views/common';
import { REVIEW_SOON_MS } from '../queries';

export function StartReassessment({ base, csrf, version, now = Date.now() }: { base: string; csrf: string; version: Pick<AssessmentVersion, 'number' | 'reviewOn'>; now?: number }) {
  const review = version.reviewOn;
  const due = review !== null && review <= now + REVIEW_SOON_MS;
  return (
    <form method="post" action={`${base}/reassess`} id="reassess" class="govuk-!-margin-bottom-8">
      <CsrfField token={csrf} />
      <h2 class="govuk-heading-m">Reassessment</h2>
      {due && (
        <div class="govuk-inset-text" id="reassess-due">
          {review < now ? `The review date, ${dayText(review)}, has passed.` : `The review date is ${dayText(review)}, in the next two weeks.`} Start the reassessment when you meet the person.
        </div>
      )}
      <p class="govuk-body">
        A reassessment is a new version that starts from the answers in version {version.number}, so the person does not tell it all again: check each section with them and change what has changed. Version {version.number} is kept as it is, and the organisations the person chose keep reading it until the reassessment is completed.
      </p>
      <button type="submit" class="govuk-button govuk-button--secondary" aria-describedby={due ? 'reassess-due' : undefined}>
        Start a reassessment
      </button>
    </form>
  );
}

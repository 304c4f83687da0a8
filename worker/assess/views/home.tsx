// /assess: find a person, add one, and the assessments this person's organisations may read. The list
// shows references, not names: a name is read only by opening the assessment, and that read is logged.
import { ErrorSummary } from '../../views/error-summary';
import { StaffLayout } from '../../views/staff-layout';
import { Table } from '../../views/table';
import type { ListedAssessment } from '../queries';
import type { DueForReview } from '../versions/queries';
import { dayText, StatusTag, type Me } from './common';
import { FindForm, type FindValues } from './find';

export function AssessHomePage({
  me,
  list,
  due,
  canAdd,
  find,
  errors = [],
  disputed = [],
}: {
  me: Me;
  list: ListedAssessment[];
  due: DueForReview[];
  canAdd: boolean;
  find?: FindValues;
  errors?: { fieldId: string; message: string }[];
  /** Open disputes on the assessments this person's organisations assess. */
  disputed?: { assessmentId: string; reference: string; count: number }[];
}) {
  const openCount = disputed.reduce((n, d) => n + d.count, 0);
  const now = Date.now();
  // Readers who do not assess get a count of what is due in what they read; assessors get their own organisation's list.
  const dueToRead = canAdd ? [] : list.filter((a) => a.status === 'complete' && a.reviewOn !== null && a.reviewOn <= now + 14 * 86_400_000);
  return (
    <StaffLayout title="Trusted assessments" staff={me} hasErrors={errors.length > 0} wide>
      <ErrorSummary errors={errors} locale="en" />
      <h1 class="govuk-heading-l">Trusted assessments</h1>
      {openCount > 0 && (
        <div class="govuk-notification-banner" aria-labelledby="disputed-title" id="disputed">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="disputed-title">
              {openCount === 1 ? '1 open dispute' : `${openCount} open disputes`}
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">Organisations that read your assessments think something in them is wrong or out of date:</p>
            <ul class="govuk-list">
              {disputed.map((d) => (
                <li key={d.assessmentId}>
                  <a class="govuk-notification-banner__link" href={`/assess/${d.assessmentId}#disputes`}>
                    {d.reference}
                  </a>{' '}
                  ({d.count === 1 ? '1 dispute' : `${d.count} disputes`})
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <p class="govuk-body">One assessment a person tells once, shared only with the organisations they choose. Every time you open one, it is written in its access log.</p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <FindForm values={find ?? {}} errors={errors} />
        </div>
        {canAdd && (
          <div class="govuk-grid-column-one-half">
            <h2 class="govuk-heading-m">Someone new</h2>
            <p class="govuk-body">Look for them first, so nobody has to tell their story twice.</p>
            <a class="govuk-button govuk-button--secondary" href="/assess/people/new">
              Add a person
            </a>
          </div>
        )}
      </div>
      {dueToRead.length > 0 && (
        <div class="govuk-inset-text">
          {dueToRead.length === 1 ? '1 assessment is' : `${dueToRead.length} assessments are`} due for review in the next two weeks or overdue.
        </div>
      )}
      {due.length > 0 && <DueList due={due} now={now} />}
      <Table caption="Assessments you can read" captionSize="m" columns={['Reference', 'Status', 'Assessed by', 'Review date', 'Last activity']}>
        {list.map((a) => (
          <tr class="govuk-table__row" key={a.id}>
            <td class="govuk-table__cell">
              <a class="govuk-link" href={`/assess/${a.id}`}>
                {a.person.reference}
              </a>
            </td>
            <td class="govuk-table__cell">
              <StatusTag status={a.status} />
            </td>
            <td class="govuk-table__cell">{a.organisationName}</td>
            <td class="govuk-table__cell">{a.reviewOn === null ? '' : `${dayText(a.reviewOn)}${a.reviewOn < now ? ' (overdue)' : ''}`}</td>
            <td class="govuk-table__cell">{dayText(a.lastActivityAt)}</td>
          </tr>
        ))}
      </Table>
      {list.length === 0 && <p class="govuk-body">No assessments yet that you can read.</p>}
    </StaffLayout>
  );
}

/** The assessing organisation's completed assessments to review: each links to its page, where the reassessment starts. */
function DueList({ due, now }: { due: DueForReview[]; now: number }) {
  return (
    <section id="due-for-review">
      <Table caption="Due for review" captionSize="m" columns={['Reference', 'Review date', 'Reassessment']}>
        {due.map((d) => (
          <tr class="govuk-table__row" key={d.id}>
            <td class="govuk-table__cell">
              <a class="govuk-link" href={`/assess/${d.id}`}>
                {d.reference}
              </a>
            </td>
            <td class="govuk-table__cell">
              {dayText(d.reviewOn)}
              {d.reviewOn < now && (
                <>
                  {' '}
                  <strong class="govuk-tag govuk-tag--red">Overdue</strong>
                </>
              )}
            </td>
            <td class="govuk-table__cell">
              {/* To the assessment, not a one-click post: the list shows references only, so the assessor sees who it is first. */}
              <a class="govuk-link" href={`/assess/${d.id}#reassess`}>
                Start the reassessment<span class="govuk-visually-hidden"> for {d.reference}</span>
              </a>
            </td>
          </tr>
        ))}
      </Table>
      <p class="govuk-body-s">Your organisation’s completed assessments whose review date is in the next two weeks or has passed.</p>
    </section>
  );
}

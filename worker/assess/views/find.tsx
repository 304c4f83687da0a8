// Finding a person by name and date of birth, matched through the keyed blind index, and only among
// the assessments this person may read.
import { DateInput, TextInput } from '../../views/fields';
import { StaffLayout } from '../../views/staff-layout';
import { Table } from '../../views/table';
import type { AssessmentStatus, Person } from '../../db/schema';
import { isoDayText, StatusTag, type Me } from './common';

export type FindValues = Partial<Record<'name' | 'birth-day' | 'birth-month' | 'birth-year', string>>;

export function FindForm({ values, errors, headingLevel = 2 }: { values: FindValues; errors: { fieldId: string; message: string }[]; headingLevel?: 1 | 2 }) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <form method="get" action="/assess/find" novalidate>
      <Heading class={headingLevel === 1 ? 'govuk-heading-l' : 'govuk-heading-m'}>Find a person</Heading>
      <TextInput id="name" label="Full name" value={values.name} error={errors.find((e) => e.fieldId === 'name')?.message} autocomplete="off" width={30} />
      <DateInput prefix="birth" legend="Date of birth" hint="For example, 27 3 1985" values={values} errors={errors} />
      <button type="submit" class="govuk-button">
        Find
      </button>
    </form>
  );
}

export interface FoundPerson {
  assessmentId: string;
  status: AssessmentStatus;
  organisationName: string;
  exact: boolean;
  person: Person;
  opened: { name: string; birthDate: string };
}

export function FindResultsPage({ me, find, results, canAdd }: { me: Me; find: FindValues; results: FoundPerson[]; canAdd: boolean }) {
  return (
    <StaffLayout title="Find a person" staff={me} wide>
      <a class="govuk-back-link" href="/assess">
        Trusted assessments
      </a>
      <h1 class="govuk-heading-l">{results.length === 0 ? 'Nobody found' : results.length === 1 ? '1 person found' : `${results.length} people found`}</h1>
      {results.length === 0 ? (
        <p class="govuk-body">Nobody with that name and date of birth has an assessment you can read. They may have one with an organisation they have not shared it with.</p>
      ) : (
        <Table caption="People found" columns={['Name', 'Date of birth', 'Reference', 'Assessed by', 'Status', 'Match']}>
          {results.map((r) => (
            <tr class="govuk-table__row" key={r.assessmentId}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/assess/${r.assessmentId}`}>
                  {r.opened.name}
                </a>
              </td>
              <td class="govuk-table__cell">{isoDayText(r.opened.birthDate)}</td>
              <td class="govuk-table__cell">{r.person.reference}</td>
              <td class="govuk-table__cell">{r.organisationName}</td>
              <td class="govuk-table__cell">
                <StatusTag status={r.status} />
              </td>
              <td class="govuk-table__cell">{r.exact ? 'Name and date of birth' : 'Date of birth and part of the name'}</td>
            </tr>
          ))}
        </Table>
      )}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <FindForm values={find} errors={[]} />
        </div>
        {canAdd && (
          <div class="govuk-grid-column-one-half">
            <h2 class="govuk-heading-m">Not the right person?</h2>
            <a class="govuk-button govuk-button--secondary" href="/assess/people/new">
              Add a person
            </a>
          </div>
        )}
      </div>
    </StaffLayout>
  );
}

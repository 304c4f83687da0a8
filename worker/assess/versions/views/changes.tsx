// /assess/:id/changes: what changed between two versions, section by section. Each changed answer
// shows what it was ("Before") and what it is ("Now"); a section with no changes takes one line.
import { ErrorMessage, ErrorSummary } from '../../../views/error-summary';
import { StaffLayout } from '../../../views/staff-layout';
import type { AssessmentRecord, OpenedPerson } from '../../queries';
import { limitedToText } from '../../views/answers';
import { SummaryRow } from '../../../views/summary-row';
import { dayText, type Me } from '../../views/common';
import { changeCounts, type AnswerChange, type ChangeKind, type SectionChanges } from '../diff';
import { versionHref } from '../paths';

type Version = AssessmentRecord['versions'][number];

const KIND: Record<ChangeKind, { text: string; colour: string }> = {
  changed: { text: 'Changed', colour: 'govuk-tag--purple' },
  added: { text: 'Added', colour: 'govuk-tag--green' },
  removed: { text: 'Removed', colour: 'govuk-tag--grey' },
};

export interface ChangesPageProps {
  me: Me;
  record: AssessmentRecord;
  /** The person's name only once a comparison is shown (opening it is a logged read). */
  person: Pick<OpenedPerson, 'reference'> & { name?: string };
  /** The versions the reader may compare, oldest first. */
  seen: Version[];
  from?: number;
  to?: number;
  sections?: SectionChanges[];
  errors: { fieldId: string; message: string }[];
}

function versionLabel(v: Version): string {
  return `Version ${v.number} (${v.status === 'draft' ? 'in progress' : `completed ${dayText(v.completedAt ?? v.updatedAt)}`})`;
}

export function ChangesPage(p: ChangesPageProps) {
  const { record, person } = p;
  const base = `/assess/${record.assessment.id}`;
  const title = p.from !== undefined && p.to !== undefined && p.sections ? `What changed from version ${p.from} to version ${p.to}` : 'What changed';
  return (
    <StaffLayout title={`${title}: ${person.reference}`} staff={p.me} hasErrors={p.errors.length > 0} wide>
      <a class="govuk-back-link" href={`${base}#versions`}>
        Back to the assessment
      </a>
      <ErrorSummary errors={p.errors} locale="en" />
      <span class="govuk-caption-l">{person.name ? `${person.name} (${person.reference})` : `Trusted assessment ${person.reference}`}</span>
      <h1 class="govuk-heading-l">{title}</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {p.seen.length < 2 ? (
            <p class="govuk-body">There is only one version so far, so there is nothing to compare yet.</p>
          ) : (
            <>
              {p.sections && <Changes {...p} sections={p.sections} />}
              <Choose {...p} />
            </>
          )}
        </div>
      </div>
    </StaffLayout>
  );
}

function Changes(p: ChangesPageProps & { sections: SectionChanges[] }) {
  const counts = changeCounts(p.sections);
  const total = counts.changed + counts.added + counts.removed;
  const id = p.record.assessment.id;
  return (
    <>
      <p class="govuk-body">
        Comparing <a class="govuk-link" href={versionHref(id, p.from!)}>version {p.from}</a> (before) with <a class="govuk-link" href={versionHref(id, p.to!)}>version {p.to}</a> (now).{' '}
        {total === 0 ? 'No answers changed.' : `${plural(counts.changed, 'answer')} changed, ${plural(counts.added, 'answer')} added, ${plural(counts.removed, 'answer')} removed.`}
      </p>
      {p.sections.map((s) =>
        s.hidden ? (
          <p class="govuk-body" key={s.sectionId} id={`section-${s.sectionId}`}>
            <strong>{s.title}</strong>: limited to {limitedToText(p.record.assessment.restrictedTo)}, so not compared for your role.
          </p>
        ) : s.changes.length === 0 ? (
          <p class="govuk-body" key={s.sectionId} id={`section-${s.sectionId}`}>
            <strong>{s.title}</strong>: no changes.
          </p>
        ) : (
          <section key={s.sectionId} id={`section-${s.sectionId}`}>
            <h2 class="govuk-heading-m">{s.title}</h2>
            <dl class="govuk-summary-list govuk-!-margin-bottom-8">
              {s.changes.map((c) => (
                <SummaryRow key={c.questionId} term={c.label}>
                  <Change change={c} />
                </SummaryRow>
              ))}
            </dl>
          </section>
        ),
      )}
    </>
  );
}

function Change({ change: c }: { change: AnswerChange }) {
  return (
    <>
      <strong class={`govuk-tag ${KIND[c.kind].colour} govuk-!-margin-bottom-2`}>{KIND[c.kind].text}</strong>
      <Side label="Before" lines={c.before} />
      <Side label="Now" lines={c.now} />
    </>
  );
}

function Side({ label, lines }: { label: string; lines: string[] }) {
  return (
    <div class="govuk-!-margin-bottom-2">
      <span class="govuk-!-font-weight-bold">{label}:</span>{' '}
      {lines.length === 0 ? (
        <span class="govuk-hint">not answered</span>
      ) : (
        lines.map((line, i) => (
          <span class="heard-pre-line" key={i}>
            {i > 0 && <br />}
            {line}
          </span>
        ))
      )}
    </div>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The versions to compare: a plain GET form, so it works without JavaScript and can be bookmarked. */
function Choose(p: ChangesPageProps) {
  const [older, newer] = p.seen.slice(-2);
  const from = p.from ?? older!.number;
  const to = p.to ?? newer!.number;
  const field = (name: 'from' | 'to', label: string, chosen: number) => {
    const error = p.errors.find((e) => e.fieldId === name)?.message;
    return (
      <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <label class="govuk-label" for={name}>
          {label}
        </label>
        <ErrorMessage id={`${name}-error`} message={error} locale="en" />
        <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id={name} name={name} aria-describedby={error ? `${name}-error` : undefined}>
          {p.seen.map((v) => (
            <option key={v.number} value={String(v.number)} selected={v.number === chosen}>
              {versionLabel(v)}
            </option>
          ))}
        </select>
      </div>
    );
  };
  return (
    <form method="get" action={`/assess/${p.record.assessment.id}/changes`} class="govuk-!-margin-top-6" novalidate>
      <h2 class="govuk-heading-m">Compare other versions</h2>
      {field('from', 'Before: the earlier version', from)}
      {field('to', 'Now: the later version', to)}
      <button type="submit" class="govuk-button govuk-button--secondary">
        Compare versions
      </button>
    </form>
  );
}

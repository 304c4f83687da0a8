// /assess/:id: the assessment as the reader may see it. The assessing organisation's assessors also
// get the sections to fill in, completion, who it is shared with and the limit on risk and safety.
import type { ComponentChildren } from 'preact';
import type { AssessmentVersion, Role } from '../../db/schema';
import type { FormDefinition } from '../../forms/definition';
import { ErrorSummary } from '../../views/error-summary';
import { CsrfField } from '../../views/fields';
import { StaffLayout } from '../../views/staff-layout';
import { SuccessBanner } from '../../views/success-banner';
import { Table } from '../../views/table';
import { RESTRICTABLE_TO, shareIsCurrent, type Access } from '../access';
import type { AssessmentRecord, OpenedPerson, SectionAnswers } from '../queries';
import type { Missing } from '../sections';
import type { AssessmentLink } from '../links';
import { sectionTitle } from '../sections';
import { dayText, isoDayText, StatusTag, type Me } from './common';
import { roleWords, VersionAnswers } from './answers';
import { SummaryRow as Row } from '../../views/summary-row';
import { StartReassessment } from '../versions/views/reassess';
import { changesHref, versionHref, versionsSeen } from '../versions/paths';

const DONE: Record<string, string> = {
  added: 'Person added. Their first assessment has started.',
  saved: 'Section saved.',
  completed: 'Assessment completed. The organisations the person chose can read it now.',
  withdrawn: 'Consent withdrawn. Those organisations can no longer read the assessment.',
  restricted: 'Who can read the risk and safety section is saved.',
  reassessed: 'Reassessment started. It begins from the last answers: check each section with the person, change what has changed and complete it. Until then the organisations the person chose keep reading the last completed version.',
  disputed: 'Flagged. The assessing organisation’s assessors will see it on this page.',
  'dispute-resolved': 'Dispute resolved. The organisation that raised it can read what you did.',
};

export interface AssessmentPageProps {
  me: Me;
  record: AssessmentRecord;
  access: Access;
  person: OpenedPerson;
  version?: AssessmentVersion;
  definition?: FormDefinition;
  answers: SectionAnswers;
  saved: { sectionId: string; savedAt: number; savedBy: string | null }[];
  hiddenSections: string[];
  missing: Missing[];
  done?: string;
  errors: { fieldId: string; message: string }[];
  links: AssessmentLink[];
  /** Disputes (disputes/panel.tsx): `top` shown first, `end` after the answers; absent for those who see none. */
  disputes?: { top: ComponentChildren; end: ComponentChildren };
}

export function AssessmentPage(p: AssessmentPageProps) {
  const { record, access, person, version, definition } = p;
  const a = record.assessment;
  const base = `/assess/${a.id}`;
  const editing = access.write && version?.status === 'draft';
  return (
    <StaffLayout title={`Assessment ${person.reference}`} staff={p.me} hasErrors={p.errors.length > 0} wide>
      <a class="govuk-back-link" href="/assess">
        Trusted assessments
      </a>
      <ErrorSummary errors={p.errors} locale="en" />
      {p.done && DONE[p.done] && (
        <SuccessBanner id="done-title" title="Done">
          {DONE[p.done]}
        </SuccessBanner>
      )}
      <span class="govuk-caption-l">Trusted assessment {person.reference}</span>
      <h1 class="govuk-heading-l">{person.name}</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {p.disputes?.top}
          <dl class="govuk-summary-list">
            <Row term="Date of birth">{isoDayText(person.birthDate)}</Row>
            <Row term="Assessed by">{record.organisationName}</Row>
            <Row term="Status">
              <StatusTag status={a.status} />
            </Row>
            {version && (
              <Row term="Version">
                {version.number} ({version.status === 'draft' ? `in progress since ${dayText(version.startedAt)}` : `completed ${dayText(version.completedAt ?? version.updatedAt)}`}), assessor {record.versions.find((v) => v.number === version.number)?.assessorName}
              </Row>
            )}
            {version?.reviewOn != null && <Row term="Review date">{dayText(version.reviewOn)}</Row>}
          </dl>
          {access.write && version?.status === 'complete' && <StartReassessment base={base} csrf={p.me.csrf} version={version} />}
          {!version && <p class="govuk-body">The assessing organisation has not completed this assessment yet. You will be able to read it once they have.</p>}

          {editing && definition && <Sections base={base} definition={definition} saved={p.saved} startedAt={version.startedAt} />}
          {editing && <Complete base={base} csrf={p.me.csrf} missing={p.missing} />}

          {version && definition && (
            <>
              <h2 class="govuk-heading-m">{editing ? 'Answers so far' : 'Answers'}</h2>
              <VersionAnswers definition={definition} answers={p.answers} hiddenSections={p.hiddenSections} restrictedTo={a.restrictedTo} />
            </>
          )}
          {p.disputes?.end}
        </div>
        <div class="govuk-grid-column-one-third">
          {p.links.length > 0 && (
            <nav aria-labelledby="more-title" class="govuk-!-margin-bottom-8">
              <h2 class="govuk-heading-m" id="more-title">
                This assessment
              </h2>
              <ul class="govuk-list">
                {p.links.map((l) => (
                  <li key={l.href}>
                    <a class="govuk-link" href={l.href}>
                      {l.text}
                    </a>
                    {l.hint && <p class="govuk-body-s govuk-!-margin-bottom-2">{l.hint}</p>}
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <Sharing {...p} base={base} />
          {access.write && <Restriction {...p} base={base} />}
          <Versions record={record} access={access} />
        </div>
      </div>
    </StaffLayout>
  );
}

function Sections({ base, definition, saved, startedAt }: { base: string; definition: FormDefinition; saved: AssessmentPageProps['saved']; startedAt: number }) {
  return (
    <>
      <h2 class="govuk-heading-m">Sections</h2>
      <ul class="govuk-task-list">
        {definition.pages.map((page) => {
          const s = saved.find((x) => x.sectionId === page.id);
          return (
            <li class="govuk-task-list__item govuk-task-list__item--with-link" key={page.id} id={`section-${page.id}`}>
              <div class="govuk-task-list__name-and-hint">
                <a class="govuk-link govuk-task-list__link" href={`${base}/sections/${page.id}`} aria-describedby={`status-${page.id}`}>
                  {sectionTitle(page)}
                </a>
              </div>
              <div class="govuk-task-list__status" id={`status-${page.id}`}>
                {/* A reassessment's sections start as copies saved before this version began: still to check. */}
                {!s ? (
                  <strong class="govuk-tag govuk-tag--blue">Not started</strong>
                ) : s.savedAt < startedAt ? (
                  <strong class="govuk-tag govuk-tag--teal">From the last version</strong>
                ) : (
                  `Saved ${dayText(s.savedAt)}${s.savedBy ? ` by ${s.savedBy}` : ''}`
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Complete({ base, csrf, missing }: { base: string; csrf: string; missing: Missing[] }) {
  return (
    <form method="post" action={`${base}/complete`} class="govuk-!-margin-bottom-8">
      <CsrfField token={csrf} />
      <h2 class="govuk-heading-m">Complete the assessment</h2>
      {missing.length > 0 ? (
        <>
          <p class="govuk-body">Still to answer before it can be completed:</p>
          <ul class="govuk-list govuk-list--bullet">
            {missing.map((m) => (
              <li key={m.questionId}>
                <a class="govuk-link" href={`${base}/sections/${m.sectionId}#${m.questionId}`}>
                  {m.label}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="govuk-body">Everything needed is answered. Once complete, this version is kept read-only, and the organisations the person chose can read it.</p>
      )}
      <button type="submit" class="govuk-button">
        Complete the assessment
      </button>
    </form>
  );
}

function Sharing(p: AssessmentPageProps & { base: string }) {
  const now = Date.now();
  const current = p.record.shares.filter((s) => shareIsCurrent(s, now));
  const ended = p.record.shares.filter((s) => !shareIsCurrent(s, now));
  return (
    <section id="sharing" class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-m">Who can read it</h2>
      <p class="govuk-body">{p.record.organisationName} (the assessing organisation), and the organisations the person consented to:</p>
      {current.length === 0 ? (
        <p class="govuk-body">None yet.</p>
      ) : (
        <ul class="govuk-list">
          {current.map((s) => (
            <li key={s.organisationId}>
              {p.access.write ? (
                <form method="post" action={`${p.base}/withdraw`} class="heard-inline-form">
                  <CsrfField token={p.me.csrf} />
                  <input type="hidden" name="organisation" value={s.organisationId} />
                  {s.organisationName}, since {dayText(s.givenAt)}{' '}
                  <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 heard-button--small">
                    Withdraw<span class="govuk-visually-hidden"> consent for {s.organisationName}</span>
                  </button>
                </form>
              ) : (
                <>
                  {s.organisationName}, since {dayText(s.givenAt)}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {ended.length > 0 && (
        <p class="govuk-body-s">
          Consent ended: {ended.map((s) => `${s.organisationName} (${s.withdrawnAt ? `withdrawn ${dayText(s.withdrawnAt)}` : 'expired'})`).join(', ')}.
        </p>
      )}
      {p.access.write && current.length > 0 && (
        <form method="post" action={`${p.base}/withdraw`}>
          <CsrfField token={p.me.csrf} />
          <input type="hidden" name="organisation" value="all" />
          <button type="submit" class="govuk-button govuk-button--warning">
            Withdraw all consent
          </button>
        </form>
      )}
    </section>
  );
}

function Restriction(p: AssessmentPageProps & { base: string }) {
  const limited = p.record.assessment.restrictedTo;
  const error = p.errors.find((e) => e.fieldId === 'roles')?.message;
  return (
    <form method="post" action={`${p.base}/restriction`} class="govuk-!-margin-bottom-8" id="restriction">
      <CsrfField token={p.me.csrf} />
      <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Risk and safety: who reads it</legend>
          {error && (
            <p class="govuk-error-message" id="roles-error">
              <span class="govuk-visually-hidden">Error:</span> {error}
            </p>
          )}
          <div class="govuk-radios govuk-radios--small">
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="limit-no" name="limit" type="radio" value="no" checked={!limited} />
              <label class="govuk-label govuk-radios__label" for="limit-no">
                Everyone who can read the assessment
              </label>
            </div>
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="limit-yes" name="limit" type="radio" value="yes" checked={!!limited} />
              <label class="govuk-label govuk-radios__label" for="limit-yes">
                Only these roles
              </label>
            </div>
          </div>
          <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-top-2" id="roles">
            {RESTRICTABLE_TO.map((r: Role) => (
              <div class="govuk-checkboxes__item" key={r}>
                <input class="govuk-checkboxes__input" id={`roles-${r}`} name="roles" type="checkbox" value={r} checked={limited?.includes(r) ?? false} />
                <label class="govuk-label govuk-checkboxes__label" for={`roles-${r}`}>
                  {roleWords(r)}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <button type="submit" class="govuk-button govuk-button--secondary">
        Save who reads it
      </button>
    </form>
  );
}

function Versions({ record, access }: { record: AssessmentRecord; access: Access }) {
  // A receiving organisation sees completed versions only: a draft is the assessing organisation's work in progress.
  const seen = versionsSeen(record, access);
  if (seen.length === 0) return null;
  return (
    <section id="versions">
      <h2 class="govuk-heading-m">Versions</h2>
      <Table caption="Versions of this assessment" columns={['Version', 'Status', 'Assessor']}>
        {seen.map((v, i) => {
          const earlier = seen[i - 1];
          return (
            <tr class="govuk-table__row" key={v.number}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={versionHref(record.assessment.id, v.number)}>
                  Version {v.number}
                </a>
              </td>
              <td class="govuk-table__cell">
                {v.status === 'draft' ? 'In progress' : `Completed ${dayText(v.completedAt ?? v.updatedAt)}`}
                {earlier && (
                  <>
                    <br />
                    <a class="govuk-link" href={changesHref(record.assessment.id, earlier.number, v.number)}>
                      What changed<span class="govuk-visually-hidden"> from version {earlier.number} to version {v.number}</span>
                    </a>
                  </>
                )}
              </td>
              <td class="govuk-table__cell">{v.assessorName}</td>
            </tr>
          );
        })}
      </Table>
    </section>
  );
}

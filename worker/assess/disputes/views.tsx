// Disputes on the assessment page. The assessing organisation's assessors see the open ones first
// thing, each with a form to resolve it; a receiving organisation sees the flags it raised and how
// they were resolved, and a form to raise one. Nobody else is shown any of this.
import type { ComponentChildren } from 'preact';
import { ErrorMessage } from '../../views/error-summary';
import { CsrfField, Select, Textarea } from '../../views/fields';
import { momentText } from '../views/common';
import { REASON_MAX, type OpenedDispute } from './queries';

/** What was typed in a dispute form that was refused, so it is shown again. */
export interface DisputeFormValues {
  reason?: string;
  section?: string;
  /** The dispute being resolved, and the resolution typed. */
  resolving?: { id: string; resolution: string };
}

export interface DisputePanelProps {
  /** `assessing`: this person resolves them; `raising`: their organisation reads the assessment through consent. */
  as: 'assessing' | 'raising';
  base: string;
  csrf: string;
  disputes: OpenedDispute[];
  sections: { id: string; title: string }[];
  errors: { fieldId: string; message: string }[];
  values: DisputeFormValues;
}

/** The two places on the assessment page: `top` (open disputes, prominently) and `end` (the rest, the form). */
export function disputePanel(p: DisputePanelProps): { top: ComponentChildren; end: ComponentChildren } {
  return p.as === 'assessing' ? { top: <OpenForAssessor {...p} />, end: <ResolvedList {...p} /> } : { top: <RaisedByUs {...p} />, end: <RaiseForm {...p} /> };
}

function sectionWords(p: DisputePanelProps, d: OpenedDispute) {
  const title = d.sectionId ? p.sections.find((s) => s.id === d.sectionId)?.title : undefined;
  return `version ${d.versionNumber}${title ? `, section “${title}”` : ', the assessment as a whole'}`;
}

function Said({ text }: { text: string }) {
  return <p class="govuk-body heard-pre-line">{text}</p>;
}

function OpenForAssessor(p: DisputePanelProps) {
  const open = p.disputes.filter((d) => d.status === 'open');
  if (open.length === 0) return null;
  return (
    <div class="govuk-notification-banner" aria-labelledby="disputes-title" id="disputes">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="disputes-title">
          {open.length === 1 ? '1 open dispute' : `${open.length} open disputes`}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">An organisation that reads this assessment thinks something in it is wrong or out of date.</p>
        {open.map((d) => {
          const fieldId = `resolution-${d.id}`;
          const error = p.errors.find((e) => e.fieldId === fieldId)?.message;
          const typed = p.values.resolving?.id === d.id ? p.values.resolving.resolution : '';
          return (
            <section key={d.id} class="govuk-!-margin-top-6" aria-labelledby={`dispute-${d.id}`}>
              <h3 class="govuk-heading-s" id={`dispute-${d.id}`}>
                From {d.raisedByName}, {d.organisationName}, {momentText(d.raisedAt)}
              </h3>
              <p class="govuk-body-s">About {sectionWords(p, d)}.</p>
              <Said text={d.reason} />
              <form method="post" action={`${p.base}/disputes/${d.id}/resolve`}>
                <CsrfField token={p.csrf} />
                <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
                  <label class="govuk-label" for={fieldId}>
                    What you did about it
                  </label>
                  <div class="govuk-hint" id={`${fieldId}-hint`}>
                    {d.organisationName} will read this. For example, that you updated a section in a reassessment, or why the assessment stands.
                  </div>
                  <ErrorMessage id={`${fieldId}-error`} message={error} locale="en" />
                  <textarea class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`} id={fieldId} name="resolution" rows={3} aria-describedby={`${fieldId}-hint${error ? ` ${fieldId}-error` : ''}`}>
                    {typed}
                  </textarea>
                </div>
                <button type="submit" class="govuk-button govuk-!-margin-bottom-0">
                  Mark as resolved<span class="govuk-visually-hidden"> (dispute from {d.organisationName})</span>
                </button>
              </form>
            </section>
          );
        })}
      </div>
    </div>
  );
}

function ResolvedList(p: DisputePanelProps) {
  const resolved = p.disputes.filter((d) => d.status === 'resolved');
  if (resolved.length === 0) return null;
  return (
    <details class="govuk-details" id="resolved-disputes">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">Resolved disputes ({resolved.length})</span>
      </summary>
      <div class="govuk-details__text">
        {resolved.map((d) => (
          <Resolved key={d.id} d={d} p={p} />
        ))}
      </div>
    </details>
  );
}

function Resolved({ d, p }: { d: OpenedDispute; p: DisputePanelProps }) {
  return (
    <div class="govuk-!-margin-bottom-6">
      <h3 class="govuk-heading-s">
        From {d.raisedByName}, {d.organisationName}, {momentText(d.raisedAt)}
      </h3>
      <p class="govuk-body-s">About {sectionWords(p, d)}.</p>
      <Said text={d.reason} />
      <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
        Resolved by {d.resolvedByName}, {d.resolvedAt !== null && momentText(d.resolvedAt)}:
      </p>
      <Said text={d.resolution ?? ''} />
    </div>
  );
}

function RaisedByUs(p: DisputePanelProps) {
  if (p.disputes.length === 0) return null;
  return (
    <section id="disputes" aria-labelledby="disputes-title" class="govuk-!-margin-bottom-6">
      <h2 class="govuk-heading-m" id="disputes-title">
        Problems your organisation flagged
      </h2>
      {p.disputes.map((d) =>
        d.status === 'resolved' ? (
          <div key={d.id}>
            <strong class="govuk-tag govuk-tag--green">Resolved</strong>
            <Resolved d={d} p={p} />
          </div>
        ) : (
          <div key={d.id} class="govuk-!-margin-bottom-6">
            <strong class="govuk-tag govuk-tag--yellow">Open</strong>
            <h3 class="govuk-heading-s govuk-!-margin-top-2">
              From {d.raisedByName}, {momentText(d.raisedAt)}
            </h3>
            <p class="govuk-body-s">About {sectionWords(p, d)}. The assessing organisation has not resolved it yet.</p>
            <Said text={d.reason} />
          </div>
        ),
      )}
    </section>
  );
}

function RaiseForm(p: DisputePanelProps) {
  return (
    <form method="post" action={`${p.base}/disputes`} id="raise-dispute" class="govuk-!-margin-top-8" novalidate>
      <CsrfField token={p.csrf} />
      <h2 class="govuk-heading-m">Something wrong or out of date?</h2>
      <p class="govuk-body">Tell the assessing organisation. Their assessors see it on this page and answer here; they may start a reassessment with the person.</p>
      <Textarea
        id="reason"
        label="What seems wrong or out of date"
        hint={`Say what you know and how you know it, in up to ${REASON_MAX} characters.`}
        error={p.errors.find((e) => e.fieldId === 'reason')?.message}
        value={p.values.reason}
        rows={5}
      />
      <Select
        id="section"
        label="Which section (optional)"
        choices={p.sections.map((s) => ({ value: s.id, label: s.title }))}
        value={p.values.section}
        error={p.errors.find((e) => e.fieldId === 'section')?.message}
        emptyLabel="The assessment as a whole"
      />
      <button type="submit" class="govuk-button govuk-button--secondary">
        Flag it to the assessing organisation
      </button>
    </form>
  );
}

// One response in context: its answers (redacted by default), safeguarding, redactions, tags, quotes,
// status and notes. Every form is a plain POST carrying the version the page was rendered with.
import { languageInEnglish } from '../../i18n/messages';
import { t, type Question } from '../../forms/definition';
import { ErrorSummary } from '../../views/error-summary';
import { StaffLayout } from '../../views/staff-layout';
import type { Codebook, ResponseInContext } from '../queries';
import { assetPaths } from '../../views/assets';
import { draftOf } from '../excerpts/plan';
import { AnswerExcerpts, CodeSelects, KeyHint, TagPartOfAnswer } from '../excerpts/views';
import { Action, type Me } from './action';
import { PurgedNotice, RedactionEditor, type RedactionDraft } from '../redaction/views';
import { day, StatusTag, STATUS_NAMES } from './queue';
import { AnswerSuggestions } from '../suggest/views';
import type { SuggestionsFor } from '../suggest/queries';


export interface PageError {
  fieldId: string;
  message: string;
}

export interface ResponsePageProps {
  me: Me;
  r: ResponseInContext;
  codebook: Codebook;
  /** The original words: only after a "Show original words" POST, which is audited. */
  showOriginal?: boolean;
  conflict?: boolean;
  errors?: PageError[];
  noteText?: string;
  /** The fields of a refused (422) post, so a tagging form shows its choices again. */
  posted?: unknown;
  /** What was typed in a redaction form sent back with errors (worker/moderate/redaction/). */
  redactionDraft?: RedactionDraft;
  /** Suggested objectives and themes per question id, from the chosen framework. */
  suggestions?: { framework: { id: string; name: string }; frameworks: { id: string; name: string }[]; byQuestion: Map<string, SuggestionsFor> };
  now?: number;
}

const FREE_TEXT = new Set(['short_text', 'long_text']);
const CATEGORY_NAMES: Record<string, string> = { 'self-harm': 'Self-harm', suicide: 'Suicide', abuse: 'Abuse', violence: 'Violence', exploitation: 'Exploitation', unsafe: 'Feeling unsafe', danger: 'Someone in danger' };
const when = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

function answerText(q: Question, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'Not answered';
  if ('options' in q) {
    const label = (v: string) => {
      const o = q.options.find((o) => o.value === v);
      return o ? t(o.label, 'en') : v;
    };
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    return values.map((v) => (q.type === 'rating' ? `${v} – ${label(v)}` : label(v))).join(', ');
  }
  if (q.type === 'yes_no') return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : String(value);
  if (q.type === 'consent') return value === 'yes' || value === 'true' || value === true ? 'Agreed' : 'Did not agree';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

export function ResponsePage({ me, r, codebook, showOriginal = false, conflict = false, errors = [], noteText = '', posted, redactionDraft, suggestions, now = Date.now() }: ResponsePageProps) {
  const questions = r.definition.pages.flatMap((p) => p.questions).filter((q) => q.type !== 'info');
  const lockedByOther = r.lockedBy && r.lockedBy !== me.id && r.lockedUntil && r.lockedUntil > now ? r.lockedByName : null;
  const openFlags = r.flags.filter((f) => f.outcome === 'open');
  const errorFor = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  return (
    <StaffLayout title={`Response from ${day(r.submittedAt)}`} staff={me} hasErrors={errors.length > 0} scripts={[assetPaths.moderateIsland]} wide>
      <a class="govuk-back-link" href="/moderate">
        Back to the queue
      </a>
      {conflict && (
        <div class="govuk-error-summary" tabIndex={-1} autofocus role="alert" id="conflict">
          <h2 class="govuk-error-summary__title">Someone else changed this response while you had it open. Here it is as it is now; nothing you sent was saved.</h2>
        </div>
      )}
      <ErrorSummary errors={errors} locale="en" />
      {openFlags.length > 0 && (
        <div class="govuk-warning-text" id="safeguarding-banner">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            Safeguarding concern: {[...new Set(openFlags.flatMap((f) => f.categories))].map((c) => CATEGORY_NAMES[c] ?? c).join(', ')}.
            <ul class="govuk-list govuk-list--bullet govuk-!-font-weight-regular">
              {openFlags.flatMap((f) =>
                f.matches.map((m, i) => {
                  const q = questions.find((q) => q.id === f.questionId);
                  const original = String(r.answers[f.questionId] ?? '');
                  return (
                    <li key={`${f.id}-${i}`}>
                      {CATEGORY_NAMES[m.category] ?? m.category} in “{q ? t(q.label, 'en') : f.questionId}”: {m.why}
                      {showOriginal && original && (
                        <>
                          {' '}
                          (the words: “<span class="heard-original">{original.slice(m.start, m.end)}</span>”)
                        </>
                      )}
                    </li>
                  );
                }),
              )}
            </ul>
          </div>
        </div>
      )}

      <span class="govuk-caption-l">{r.formTitle}</span>
      <h1 class="govuk-heading-l">Response from {day(r.submittedAt)}</h1>
      {lockedByOther && (
        <div class="govuk-inset-text" id="soft-lock">
          {lockedByOther} has had this open since {when(r.lockedUntil! - 5 * 60_000)}; you can still read it.
        </div>
      )}
      <dl class="govuk-summary-list">
        {[
          ['Form', r.formTitle],
          ['Language', languageInEnglish(r.locale)],
          ['Channel', r.channel],
          ...(r.enteredByName ? [['Entered by', r.enteredByName]] : []),
          ['When', day(r.submittedAt)],
          ['Quote consent', r.quoteConsent ? 'Agreed to be quoted anonymously' : 'Did not agree to be quoted'],
          ...groupRows(r, questions),
        ].map(([k, v]) => (
          <div class="govuk-summary-list__row govuk-summary-list__row--no-actions" key={k}>
            <dt class="govuk-summary-list__key">{k}</dt>
            <dd class="govuk-summary-list__value">{v}</dd>
          </div>
        ))}
        <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
          <dt class="govuk-summary-list__key">Status</dt>
          <dd class="govuk-summary-list__value" id="status">
            <StatusTag status={r.status} />
            {r.excludedReason && <span class="govuk-body-s"> {r.excludedReason}</span>}
          </dd>
        </div>
      </dl>
      <p class="govuk-body">
        {r.previous && (
          <a class="govuk-link" href={`/moderate/responses/${r.previous}`} id="previous-response">
            Previous response <KeyHint k="k" />
          </a>
        )}{' '}
        {r.next && (
          <a class="govuk-link" href={`/moderate/responses/${r.next}`} id="next-response">
            Next response <KeyHint k="j" />
          </a>
        )}
      </p>

      {/* The answers take the wide column; what a moderator records sits beside them on a desktop screen. */}
      <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
      <h2 class="govuk-heading-m">Answers</h2>
      {suggestions && suggestions.frameworks.length > 1 && (
        <form method="get" action={`/moderate/responses/${r.id}`} class="heard-inline-form govuk-!-margin-bottom-4">
          <div class="govuk-form-group govuk-!-margin-bottom-2">
            <label class="govuk-label govuk-label--s" for="suggest-framework">
              Suggest objectives from
            </label>
            <select class="govuk-select" id="suggest-framework" name="framework">
              {suggestions.frameworks.map((f) => (
                <option value={f.id} selected={f.id === suggestions.framework.id} key={f.id}>
                  {f.name}
                </option>
              ))}
            </select>{' '}
            <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
              Show suggestions
            </button>
          </div>
        </form>
      )}
      {Object.values(r.texts).length > 0 && Object.values(r.texts).every((x) => x.purgedAt !== null) ? (
        <PurgedNotice on={Math.min(...Object.values(r.texts).map((x) => x.purgedAt!))} />
      ) : showOriginal ? (
        <p class="govuk-body" id="original-shown">
          You are seeing the original words. This view was recorded in the audit log.
        </p>
      ) : (
        <Action r={r} me={me} action="original">
          <button type="submit" class="govuk-button govuk-button--secondary">
            Show original words
          </button>
        </Action>
      )}
      {questions.map((q) => {
        const value = r.answers[q.id];
        const text = r.texts[q.id];
        const isText = FREE_TEXT.has(q.type) && text !== undefined;
        const redactions = r.redactions.filter((x) => x.questionId === q.id);
        const original = String(value ?? '');
        return (
          <section class="govuk-!-margin-bottom-6" key={q.id} id={`answer-${q.id}`}>
            <h3 class="govuk-heading-s">{t(q.label, 'en')}</h3>
            {isText ? (
              <>
                <p class="govuk-body heard-answer" lang={r.locale} dir="auto" data-redacted>
                  {text.redacted}
                </p>
                {showOriginal && (
                  <div class="govuk-inset-text" lang={r.locale} dir="auto">
                    <span class="govuk-visually-hidden">Original words: </span>
                    {text.purged ? 'The original words have been deleted.' : <span class="heard-original">{original}</span>}
                  </div>
                )}
                {redactions.length > 0 && (
                  <ul class="govuk-list" aria-label="Redactions in this answer">
                    {redactions.map((x) => (
                      <li key={x.id}>
                        <span class="govuk-tag govuk-tag--grey">[{x.kind}]</span> {x.source === 'proposed' ? 'Proposed' : 'Added'} – {x.state}
                        {showOriginal && !text.purged && <span class="heard-original"> (“{original.slice(x.start, x.end)}”)</span>}
                        {!text.purged &&
                          (['accepted', 'rejected'] as const)
                            .filter((d) => x.state !== d)
                            .map((d) => (
                              <Action r={r} me={me} action="redactions" class="heard-inline-form" key={d}>
                                <input type="hidden" name="redaction" value={String(x.id)} />
                                <input type="hidden" name="decision" value={d} />{' '}
                                <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1">
                                  {d === 'accepted' ? 'Accept' : 'Reject'}
                                  <span class="govuk-visually-hidden"> the [{x.kind}] redaction</span>
                                </button>
                              </Action>
                            ))}
                      </li>
                    ))}
                  </ul>
                )}
                {showOriginal && !text.purged && <RedactionEditor r={r} me={me} questionId={q.id} questionLabel={t(q.label, 'en')} draft={redactionDraft} errors={errors} />}
                <AnswerExcerpts r={r} me={me} q={q} redacted={text.redacted} />
                {suggestions && text.redacted.trim() !== '' && (
                  <AnswerSuggestions r={r} me={me} questionId={q.id} questionLabel={t(q.label, 'en')} suggestions={suggestions.byQuestion.get(q.id)} framework={suggestions.framework.name} />
                )}
                {text.redacted.trim() !== '' && (
                  <Action r={r} me={me} action="tags">
                    <input type="hidden" name="question" value={q.id} />
                    <fieldset class="govuk-fieldset">
                      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Tag the whole answer</legend>
                      <CodeSelects ids={{ objective: `objective-${q.id}`, theme: `theme-${q.id}` }} codebook={codebook} error={errorFor(`objective-${q.id}`)} />
                      <button type="submit" class="govuk-button govuk-button--secondary">
                        Add tag<span class="govuk-visually-hidden"> to “{t(q.label, 'en')}”</span>
                      </button>
                    </fieldset>
                  </Action>
                )}
                <TagPartOfAnswer r={r} me={me} q={q} redacted={text.redacted} codebook={codebook} errors={errors} draft={draftOf(posted)} />
              </>
            ) : (
              <p class="govuk-body" lang={FREE_TEXT.has(q.type) ? r.locale : undefined} dir="auto">
                {FREE_TEXT.has(q.type) && value !== undefined && value !== '' && !showOriginal
                  ? // Free text with no redacted copy (sent before moderation existed, say): never shown unredacted unasked.
                    'This answer has no redacted copy yet. Its words are shown only with “Show original words”, which is recorded.'
                  : answerText(q, value)}
              </p>
            )}
          </section>
        );
      })}

      </div>
      <div class="govuk-grid-column-one-third">
      {openFlags.length > 0 && <h2 class="govuk-heading-m">What was done about the safeguarding concern</h2>}
      {openFlags.map((f) => (
        <Action r={r} me={me} action="safeguarding" key={f.id}>
          <input type="hidden" name="flag" value={String(f.id)} />
          <div class={`govuk-form-group${errorFor(`outcome-${f.id}`) ? ' govuk-form-group--error' : ''}`}>
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{f.categories.map((c) => CATEGORY_NAMES[c] ?? c).join(', ')}: what did you do?</legend>
              {errorFor(`outcome-${f.id}`) && (
                <p class="govuk-error-message" id={`outcome-${f.id}-error`}>
                  <span class="govuk-visually-hidden">Error:</span> {errorFor(`outcome-${f.id}`)}
                </p>
              )}
              <div class="govuk-radios govuk-radios--small">
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id={`outcome-${f.id}`} name="outcome" type="radio" value="escalated" />
                  <label class="govuk-label govuk-radios__label" for={`outcome-${f.id}`}>
                    Escalated
                  </label>
                </div>
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id={`outcome-${f.id}-no`} name="outcome" type="radio" value="no-action" />
                  <label class="govuk-label govuk-radios__label" for={`outcome-${f.id}-no`}>
                    No action needed
                  </label>
                </div>
              </div>
            </fieldset>
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for={`to-${f.id}`}>
              If escalated: to whom (a role or service, not a person's name)
            </label>
            <input class="govuk-input" id={`to-${f.id}`} name="to" />
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for={`on-${f.id}`}>
              If escalated: when (YYYY-MM-DD)
            </label>
            <input class="govuk-input govuk-input--width-10" id={`on-${f.id}`} name="on" inputMode="numeric" />
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for={`why-${f.id}`}>
              If no action: why
            </label>
            <input class="govuk-input" id={`why-${f.id}`} name="why" />
          </div>
          <button type="submit" class="govuk-button">
            Record what was done
          </button>
        </Action>
      ))}
      {r.flags.filter((f) => f.outcome !== 'open').length > 0 && (
        <>
          <h2 class="govuk-heading-m">Safeguarding outcomes</h2>
          <ul class="govuk-list" id="safeguarding-outcomes">
            {r.flags
              .filter((f) => f.outcome !== 'open')
              .map((f) => (
                <li key={f.id}>
                  {f.categories.map((c) => CATEGORY_NAMES[c] ?? c).join(', ')}: {f.outcome === 'escalated' ? `escalated to ${f.outcomeNote} on ${f.escalatedAt ? day(f.escalatedAt) : '?'}` : `no action (${f.outcomeNote})`}
                  {f.decidedByName && ` – recorded by ${f.decidedByName}, ${f.decidedAt ? day(f.decidedAt) : ''}`}
                </li>
              ))}
          </ul>
        </>
      )}

      <h2 class="govuk-heading-m">Status</h2>
      <div class="govuk-button-group">
        {(['in-review', 'done'] as const).map((s) => (
          <Action r={r} me={me} action="status" key={s}>
            <input type="hidden" name="status" value={s} />
            <button type="submit" class="govuk-button govuk-button--secondary">
              Mark as {STATUS_NAMES[s].toLowerCase()}
            </button>
          </Action>
        ))}
      </div>
      <Action r={r} me={me} action="status">
        <input type="hidden" name="status" value="excluded" />
        <div class={`govuk-form-group${errorFor('reason') ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="reason">
            Why exclude this response?
          </label>
          {errorFor('reason') && (
            <p class="govuk-error-message" id="reason-error">
              <span class="govuk-visually-hidden">Error:</span> {errorFor('reason')}
            </p>
          )}
          <input class={`govuk-input${errorFor('reason') ? ' govuk-input--error' : ''}`} id="reason" name="reason" aria-describedby={errorFor('reason') ? 'reason-error' : undefined} />
        </div>
        <button type="submit" class="govuk-button govuk-button--warning">
          Exclude <KeyHint k="x" />
        </button>
      </Action>

      <h2 class="govuk-heading-m">Notes</h2>
      <ul class="govuk-list" id="notes">
        {r.notes.map((n) => (
          <li key={n.id}>
            <p class="govuk-body govuk-!-margin-bottom-1">{n.text}</p>
            <p class="govuk-body-s">
              {n.createdByName}, {when(n.createdAt)}
            </p>
          </li>
        ))}
      </ul>
      <Action r={r} me={me} action="notes">
        <div class={`govuk-form-group${errorFor('note') ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="note">
            Add a note for other moderators
          </label>
          {errorFor('note') && (
            <p class="govuk-error-message" id="note-error">
              <span class="govuk-visually-hidden">Error:</span> {errorFor('note')}
            </p>
          )}
          <textarea class="govuk-textarea" id="note" name="note" rows={3}>
            {noteText}
          </textarea>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary">
          Add note
        </button>
      </Action>
      </div>
      </div>
    </StaffLayout>
  );
}

/** A group discussion's rows: how many took part, and per prompt discussed whether the whole group agreed. */
function groupRows(r: ResponseInContext, questions: Question[]): [string, string][] {
  if (!r.group) return [];
  const discussed = questions.filter((q) => (q.type === 'long_text' || q.type === 'short_text') && r.answers[q.id] != null);
  return [
    ['Took part', r.group.participants === 1 ? '1 person' : `${r.group.participants} people`],
    ...discussed.map((q): [string, string] => [t(q.label, 'en'), r.group!.agreed.includes(q.id) ? 'Agreed by the group' : 'Some voices']),
  ];
}

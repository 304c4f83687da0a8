// Tagging on the response page: the excerpts of an answer with their tags and quotes, the code
// choice (plain selects, which the island turns into one searchable combobox), and "Tag part of
// this answer" (sentences as checkboxes, which the island turns into a word-by-word selection).
import { t, type Question } from '../../forms/definition';
import type { Codebook, ResponseInContext } from '../queries';
import { Action, type Me } from '../views/action';
import { day } from '../views/queue';
import { partCodeFieldId, partFieldId, type PartDraft } from './plan';
import { splitSentences } from './sentences';

interface PageError {
  fieldId: string;
  message: string;
}

function ErrorText({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p class="govuk-error-message" id={id}>
      <span class="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}

/** A key hint, shown only once the island makes the key work (see web/islands/moderate.tsx). */
export function KeyHint({ k }: { k: string }) {
  return (
    <kbd class="heard-key" aria-hidden="true" data-key-hint>
      {k}
    </kbd>
  );
}

/** The objective and theme selects. `data-tag-picker` is where the island puts its combobox. */
export function CodeSelects({ ids, codebook, chosen = {}, error }: { ids: { objective: string; theme: string }; codebook: Codebook; chosen?: { objective?: string; theme?: string }; error?: string }) {
  const groups = [...new Set(codebook.objectives.map((o) => o.group))];
  return (
    <div data-tag-picker>
      <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <label class="govuk-label" for={ids.objective}>
          Objective
        </label>
        <ErrorText id={`${ids.objective}-error`} message={error} />
        <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id={ids.objective} name="objective" data-code-kind="Objective" aria-describedby={error ? `${ids.objective}-error` : undefined}>
          <option value="">None</option>
          {groups.map((g) => (
            <optgroup label={g ?? ''} key={g}>
              {codebook.objectives
                .filter((o) => o.group === g)
                .map((o) => (
                  <option value={o.value} key={o.value} selected={chosen.objective === o.value}>
                    {o.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div class="govuk-form-group">
        <label class="govuk-label" for={ids.theme}>
          Theme
        </label>
        <select class="govuk-select" id={ids.theme} name="theme" data-code-kind="Theme">
          <option value="">None</option>
          {codebook.themes.map((th) => (
            <option value={th.value} key={th.value} selected={chosen.theme === th.value}>
              {th.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** The excerpts already made from one answer: their words, tags (each removable) and quote approval. */
export function AnswerExcerpts({ r, me, q, redacted }: { r: ResponseInContext; me: Me; q: Question; redacted: string }) {
  // An excerpt holding only turned-down suggestions is a negative example, not something tagged.
  const excerpts = r.excerpts.filter((e) => e.questionId === q.id && (e.quoteApprovedAt || r.tags.some((tg) => tg.excerptId === e.id)));
  if (excerpts.length === 0) return null;
  const label = t(q.label, 'en');
  return (
    <div class="heard-excerpts" data-excerpts>
      <h4 class="govuk-heading-s">Tagged in this answer</h4>
      {excerpts.map((e) => {
        const whole = e.start === 0 && e.end === redacted.length;
        return (
          <div class="govuk-!-margin-bottom-3 heard-excerpt" key={e.id} id={`excerpt-${e.id}`} data-excerpt>
            {whole ? (
              <p class="govuk-body-s govuk-!-margin-bottom-1">The whole answer</p>
            ) : (
              <blockquote class="heard-excerpt__text" lang={r.locale} dir="auto">
                {e.text}
              </blockquote>
            )}
            <ul class="govuk-list" aria-label={whole ? 'Tags on this answer' : 'Tags on this part'}>
              {r.tags
                .filter((tg) => tg.excerptId === e.id)
                .map((tg) => (
                  <li key={tg.id}>
                    <strong class="govuk-tag">{tg.label}</strong> <span class="govuk-body-s">by {tg.createdByName}, {day(tg.createdAt)}</span>
                    <Action r={r} me={me} action="tags/remove" class="heard-inline-form">
                      <input type="hidden" name="tag" value={String(tg.id)} />{' '}
                      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1">
                        Remove<span class="govuk-visually-hidden"> tag {tg.label}</span>
                      </button>
                    </Action>
                  </li>
                ))}
            </ul>
            {e.quoteApprovedAt ? (
              <p class="govuk-body-s">Approved as a quote on {day(e.quoteApprovedAt)}</p>
            ) : (
              r.quoteConsent && (
                <Action r={r} me={me} action="quotes">
                  <input type="hidden" name="excerpt" value={String(e.id)} />
                  <button type="submit" class="govuk-button govuk-button--secondary" data-approve-quote>
                    Approve as a quote<span class="govuk-visually-hidden">: {whole ? label : `part of ${label}`}</span> <KeyHint k="a" />
                  </button>
                </Action>
              )
            )}
          </div>
        );
      })}
    </div>
  );
}

/**
 * "Tag part of this answer": each sentence of the redacted text as a checkbox. The hidden start and
 * end stay empty without JavaScript; the island fills them from a selection, and the server then
 * uses them instead of the sentences.
 */
export function TagPartOfAnswer({ r, me, q, redacted, codebook, errors, draft }: { r: ResponseInContext; me: Me; q: Question; redacted: string; codebook: Codebook; errors: PageError[]; draft?: PartDraft }) {
  const sentences = splitSentences(redacted);
  if (sentences.length === 0) return null;
  const mine = draft?.question === q.id ? draft : undefined;
  const partError = errors.find((e) => e.fieldId === partFieldId(q.id))?.message;
  const codeError = errors.find((e) => e.fieldId === partCodeFieldId(q.id))?.message;
  const label = t(q.label, 'en');
  const hintId = `${partFieldId(q.id)}-hint`;
  return (
    <Action r={r} me={me} action="excerpts" data-excerpt-form={q.id}>
      <input type="hidden" name="question" value={q.id} />
      <input type="hidden" name="start" value="" data-range-start />
      <input type="hidden" name="end" value="" data-range-end />
      <div class={`govuk-form-group${partError ? ' govuk-form-group--error' : ''}`} data-sentences>
        <fieldset class="govuk-fieldset" aria-describedby={[hintId, partError ? `${partFieldId(q.id)}-error` : ''].filter(Boolean).join(' ')}>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Tag part of this answer</legend>
          <div class="govuk-hint" id={hintId}>
            Choose one or more sentences. Sentences next to each other become one excerpt.
          </div>
          <ErrorText id={`${partFieldId(q.id)}-error`} message={partError} />
          <div class="govuk-checkboxes govuk-checkboxes--small" lang={r.locale} dir="auto">
            {sentences.map((s, i) => {
              const id = i === 0 ? partFieldId(q.id) : `${partFieldId(q.id)}-${i}`;
              return (
                <div class="govuk-checkboxes__item" key={i}>
                  <input class="govuk-checkboxes__input" id={id} name="sentence" type="checkbox" value={String(i)} checked={mine?.sentences.includes(i)} data-start={String(s.start)} />
                  <label class="govuk-label govuk-checkboxes__label" for={id}>
                    {s.text}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <CodeSelects ids={{ objective: partCodeFieldId(q.id), theme: `part-theme-${q.id}` }} codebook={codebook} chosen={mine} error={codeError} />
      <button type="submit" class="govuk-button govuk-button--secondary">
        Tag the chosen part<span class="govuk-visually-hidden"> of “{label}”</span>
      </button>
    </Action>
  );
}

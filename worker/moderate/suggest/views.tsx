// The suggestions beside an answer: numbered, each with the words that matched, taken with a plain
// button (the island adds keys 1 to 5) or turned down with "Not this", which is remembered as a
// negative example. Works without JavaScript: every button is its own small form.
import { Action, type Me } from '../views/action';
import type { ResponseInContext } from '../queries';
import { KeyHint } from '../excerpts/views';
import type { Suggestion } from './model';
import type { SuggestionsFor } from './queries';

const SOURCE_NAMES = { 'own words': 'its own words', vocabulary: 'words people use for it', learned: 'tags moderators confirmed' } as const;

function Why({ s }: { s: Suggestion }) {
  const shown = s.matches.filter((m, i, all) => all.findIndex((x) => x.words.toLowerCase() === m.words.toLowerCase()) === i).slice(0, 4);
  return (
    <span class="govuk-body-s heard-suggestion__why">
      Matched {shown.map((m, i) => (
        <span key={m.start}>
          {i > 0 && ', '}“<mark class="heard-suggestion__word">{m.words}</mark>” <span class="govuk-visually-hidden">from {SOURCE_NAMES[m.source]}</span>
        </span>
      ))}
    </span>
  );
}

function Row({ r, me, questionId, s, kind, n }: { r: ResponseInContext; me: Me; questionId: string; s: Suggestion; kind: 'objective' | 'theme'; n?: number }) {
  return (
    <li class="heard-suggestion" key={s.id}>
      <Action r={r} me={me} action="tags" class="heard-inline-form">
        <input type="hidden" name="question" value={questionId} />
        <input type="hidden" name={kind} value={s.id} />
        <input type="hidden" name="source" value="suggestion" />
        <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1 heard-suggestion__take" data-suggestion={n === undefined ? undefined : String(n)}>
          {n !== undefined && <KeyHint k={String(n)} />} Tag: {s.label}
        </button>
      </Action>{' '}
      <Action r={r} me={me} action="suggestions/reject" class="heard-inline-form">
        <input type="hidden" name="question" value={questionId} />
        <input type="hidden" name={kind} value={s.id} />
        <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1">
          Not this<span class="govuk-visually-hidden">: {s.label}</span>
        </button>
      </Action>
      <br />
      <Why s={s} />
    </li>
  );
}

/** Suggested objectives (numbered 1 to 5) and themes for one answer; nothing when nothing matched. */
export function AnswerSuggestions({ r, me, questionId, questionLabel, suggestions, framework }: { r: ResponseInContext; me: Me; questionId: string; questionLabel: string; suggestions: SuggestionsFor | undefined; framework: string }) {
  if (!suggestions || (suggestions.objectives.length === 0 && suggestions.themes.length === 0)) return null;
  const heading = `suggestions-${questionId}`;
  return (
    <div class="heard-suggestions" data-suggestions>
      <h4 class="govuk-heading-s" id={heading}>
        Suggested for this answer<span class="govuk-visually-hidden"> “{questionLabel}”</span>
      </h4>
      {suggestions.objectives.length > 0 && (
        <ol class="govuk-list" aria-labelledby={heading} aria-label={`Objectives of ${framework}`}>
          {suggestions.objectives.map((s, i) => (
            <Row r={r} me={me} questionId={questionId} s={s} kind="objective" n={i + 1} key={s.id} />
          ))}
        </ol>
      )}
      {suggestions.themes.length > 0 && (
        <>
          <p class="govuk-body-s govuk-!-margin-bottom-1">Themes</p>
          <ul class="govuk-list">
            {suggestions.themes.map((s) => (
              <Row r={r} me={me} questionId={questionId} s={s} kind="theme" key={s.id} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

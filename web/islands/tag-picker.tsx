// The tag picker: one searchable combobox over the objectives and themes of the form's plain selects
// (ARIA 1.2 combobox with a listbox popup and list autocomplete). Choosing an option sets the select
// it came from, so the form posts exactly what it would without JavaScript.
import { useMemo, useRef, useState } from 'preact/hooks';

export interface Code {
  kind: string;
  value: string;
  label: string;
  group: string;
  select: HTMLSelectElement;
}

interface Props {
  id: string;
  codes: Code[];
  error?: string;
}

const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/** Options matching every word typed, codes that begin with what was typed first ("5.6" before "15.6"). */
export function matching(codes: Code[], query: string): Code[] {
  const words = norm(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return codes;
  const hits = codes.filter((c) => {
    const hay = norm(`${c.kind} ${c.label} ${c.group}`);
    return words.every((w) => hay.includes(w));
  });
  const q = norm(query.trim());
  const rank = (c: Code) => (norm(c.label).startsWith(`${q} `) ? 0 : norm(c.label).startsWith(q) ? 1 : 2);
  return hits.sort((a, b) => rank(a) - rank(b));
}

export function TagPicker({ id, codes, error }: Props) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [chosen, setChosen] = useState<Code[]>(() => codes.filter((c) => c.select.value === c.value));
  const input = useRef<HTMLInputElement>(null);
  const shown = useMemo(() => matching(codes, query).slice(0, 60), [query]);
  const listId = `${id}-listbox`;

  function choose(c: Code) {
    c.select.value = c.value;
    setChosen((now) => [...now.filter((x) => x.kind !== c.kind), c]);
    setQuery('');
    setOpen(false);
    setActive(-1);
  }

  function unchoose(c: Code) {
    c.select.value = '';
    setChosen((now) => now.filter((x) => x !== c));
    input.current?.focus();
  }

  function onInput(e: Event) {
    setQuery((e.target as HTMLInputElement).value);
    setOpen(true);
    setActive(0);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open || e.altKey) {
        setOpen(true);
        setActive(active < 0 ? 0 : active);
        return;
      }
      const n = shown.length;
      if (n) setActive((active + (e.key === 'ArrowDown' ? 1 : -1) + n) % n);
    } else if (e.key === 'Enter' && open) {
      // Enter chooses; with the list closed, Enter submits the form as usual.
      e.preventDefault();
      const c = shown[active];
      if (c) choose(c);
      else setOpen(false);
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      } else if (query) {
        e.preventDefault();
        setQuery('');
      }
    }
  }

  const expanded = open && shown.length > 0;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : '', `${id}-chosen`].filter(Boolean).join(' ');
  return (
    <div class={`govuk-form-group heard-combobox${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        Objective or theme <kbd class="heard-key" aria-hidden="true">t</kbd>
      </label>
      <div class="govuk-hint" id={`${id}-hint`}>
        Type a code such as 5.6, or words such as feedback, then choose with the arrow keys and Enter.
      </div>
      {error && (
        <p class="govuk-error-message" id={`${id}-error`}>
          <span class="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <div class="heard-combobox__wrapper">
        <input
          ref={input}
          id={id}
          class={`govuk-input${error ? ' govuk-input--error' : ''}`}
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={describedBy}
          aria-keyshortcuts="t"
          data-tag-picker-input
          value={query}
          onInput={onInput}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(query !== '')}
          onBlur={() => setOpen(false)}
        />
        <ul class="heard-combobox__listbox" id={listId} role="listbox" aria-label="Objectives and themes" hidden={!expanded}>
          {shown.map((c, i) => (
            <li
              key={`${c.kind}-${c.value}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active ? 'true' : 'false'}
              class={`heard-combobox__option${i === active ? ' heard-combobox__option--active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(c)}
            >
              <span class="heard-combobox__kind">{c.kind}</span> {c.label}
              {c.group && <span class="heard-combobox__group"> ({c.group})</span>}
            </li>
          ))}
        </ul>
      </div>
      <div id={`${id}-chosen`} aria-live="polite">
        {chosen.length > 0 && (
          <ul class="govuk-list govuk-!-margin-top-2" aria-label="Chosen">
            {chosen.map((c) => (
              <li key={c.kind}>
                <strong class="govuk-tag">
                  {c.kind}: {c.label}
                </strong>{' '}
                <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => unchoose(c)}>
                  Remove<span class="govuk-visually-hidden"> {c.label}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

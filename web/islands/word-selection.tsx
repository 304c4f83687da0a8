// Selecting part of an answer, word by word, with the mouse or the keyboard. A multi-select listbox
// of words (ARIA listbox pattern): arrows move, Shift+arrows extend, Space selects a word, Shift+Home
// and Shift+End extend to the ends, Escape clears. The range fills the form's hidden start and end,
// always on word boundaries, so the server gets exactly what the moderator saw highlighted.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Span } from '../../worker/moderate/excerpts/sentences';

export interface Word extends Span {
  /** The first word of a sentence (after the first), so the listbox shows sentence breaks. */
  sentenceStart: boolean;
}

interface Props {
  id: string;
  words: Word[];
  lang?: string;
  startField: HTMLInputElement;
  endField: HTMLInputElement;
}

interface Range {
  anchor: number;
  active: number;
  selected: boolean;
}

export function WordSelection({ id, words, lang, startField, endField }: Props) {
  const [range, setRange] = useState<Range>({ anchor: 0, active: 0, selected: false });
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const lo = Math.min(range.anchor, range.active);
  const hi = Math.max(range.anchor, range.active);
  const chosen = range.selected ? words.slice(lo, hi + 1) : [];

  useEffect(() => {
    startField.value = chosen.length ? String(chosen[0]!.start) : '';
    endField.value = chosen.length ? String(chosen[chosen.length - 1]!.end) : '';
  }, [range]);

  useEffect(() => {
    const stop = () => (dragging.current = false);
    window.addEventListener('pointerup', stop);
    return () => window.removeEventListener('pointerup', stop);
  }, []);

  useEffect(() => {
    box.current?.querySelector(`#${id}-w${range.active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [range.active]);

  const last = words.length - 1;
  const clamp = (n: number) => Math.max(0, Math.min(last, n));

  function onKeyDown(e: KeyboardEvent) {
    const rtl = box.current ? getComputedStyle(box.current).direction === 'rtl' : false;
    const step: Record<string, number> = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, ArrowDown: 1, ArrowUp: -1 };
    let to: number | undefined;
    if (e.key in step) to = clamp(range.active + step[e.key]!);
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = last;
    if (to !== undefined) {
      e.preventDefault();
      if (e.shiftKey) setRange({ anchor: range.selected ? range.anchor : range.active, active: to, selected: true });
      else setRange({ anchor: to, active: to, selected: false });
      return;
    }
    if (e.key === ' ') {
      e.preventDefault();
      setRange({ anchor: e.shiftKey && range.selected ? range.anchor : range.active, active: range.active, selected: true });
    } else if (e.key === 'Escape' && range.selected) {
      e.preventDefault();
      setRange({ ...range, anchor: range.active, selected: false });
    } else if ((e.key === 'a' || e.key === 'A') && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      setRange({ anchor: 0, active: last, selected: true });
    }
  }

  const wordAt = (x: number, y: number) => {
    const el = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-w]');
    return el && box.current?.contains(el) ? Number(el.dataset.w) : undefined;
  };

  function onPointerDown(e: PointerEvent) {
    const i = wordAt(e.clientX, e.clientY);
    if (i === undefined) return;
    e.preventDefault();
    box.current?.focus();
    dragging.current = true;
    setRange({ anchor: e.shiftKey && range.selected ? range.anchor : i, active: i, selected: true });
  }

  function onPointerMove(e: PointerEvent) {
    if (!dragging.current) return;
    const i = wordAt(e.clientX, e.clientY);
    if (i !== undefined && i !== range.active) setRange({ ...range, active: i, selected: true });
  }

  return (
    <div class="govuk-form-group">
      <p class="govuk-label govuk-!-font-weight-bold" id={`${id}-label`}>
        Select the words to tag
      </p>
      <div class="govuk-hint" id={`${id}-hint`}>
        Drag across words, or Shift and click. By keyboard: arrow keys move, Shift and an arrow key selects, Space selects one word, Escape clears.
      </div>
      <div
        ref={box}
        id={id}
        class="heard-words"
        role="listbox"
        aria-multiselectable="true"
        aria-orientation="horizontal"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint ${id}-chosen`}
        aria-activedescendant={`${id}-w${range.active}`}
        tabIndex={0}
        lang={lang}
        dir="auto"
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
      >
        {words.map((w, i) => (
          <>
            {i > 0 && (w.sentenceStart ? <span class="heard-words__gap" aria-hidden="true">{' '}</span> : ' ')}
            <span
              id={`${id}-w${i}`}
              role="option"
              data-w={i}
              aria-selected={range.selected && i >= lo && i <= hi ? 'true' : 'false'}
              class={`heard-words__word${i === range.active ? ' heard-words__word--active' : ''}`}
            >
              {w.text}
            </span>
          </>
        ))}
      </div>
      <p class="govuk-body-s govuk-!-margin-top-2" id={`${id}-chosen`} aria-live="polite" data-chosen-words>
        {chosen.length ? `Selected: “${chosen.map((w) => w.text).join(' ')}”` : 'Nothing selected yet.'}
      </p>
    </div>
  );
}

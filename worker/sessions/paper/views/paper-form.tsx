// The paper version of a form, to print on A4: what it is for and how answers are used at the top,
// every question numbered, tick boxes drawn as squares, lines to write on, and branching in words.
// The running head (a real table's <thead> and <tfoot>, which Chromium repeats on every printed page)
// carries the session's join code, so a sheet separated from its pile still says where it came from.
import { t, type FormDefinition, type Locale, type Question } from '../../../forms/definition';
import { LOCALE_NAMES, messages, RTL_LOCALES, type Messages } from '../../../i18n/messages';
import { StaffLayout } from '../../../views/staff-layout';
import type { Me } from '../../views/common';
import { choiceValues, goTos, paperItems, skipIfs, type PaperItem } from '../numbering';

export type PaperSize = 'normal' | 'large';

export interface PaperFormProps {
  me: Me;
  definition: FormDefinition;
  locale: Locale;
  locales: Locale[];
  size: PaperSize;
  /** This page's own address, without a query (the size and language links add theirs). */
  path: string;
  /** Where "Back" goes, and what it is called. */
  back: { href: string; text: string };
  /** The session the sheets are for: its code goes on every page. */
  session?: { name: string; joinCode: string | null };
}

/** An answer's words on paper, quoted, in the sheet's language. */
function answerWords(q: Question, value: string, msg: Messages, locale: Locale): string {
  if (q.type === 'yes_no') return msg.paperQuoted(value === 'yes' ? msg.yes : msg.no);
  const option = 'options' in q ? q.options.find((o) => o.value === value) : undefined;
  return msg.paperQuoted(option ? t(option.label, locale) : value);
}

function answerList(q: Question, values: string[], msg: Messages, locale: Locale): string {
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(values.map((v) => answerWords(q, v, msg, locale)));
}

const LINES: Record<PaperSize, Record<'short_text' | 'long_text', number>> = {
  normal: { short_text: 2, long_text: 6 },
  large: { short_text: 3, long_text: 8 },
};

function Lines({ count }: { count: number }) {
  return (
    <div class="heard-paper__lines" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <div class="heard-paper__line" key={i} />
      ))}
    </div>
  );
}

function Box() {
  return <span class="heard-paper__box" aria-hidden="true" />;
}

function QuestionOnPaper({ item, items, index, msg, locale, size }: { item: PaperItem; items: PaperItem[]; index: number; msg: Messages; locale: Locale; size: PaperSize }) {
  const q = item.question;
  if (q.type === 'info') {
    return (
      <div class="heard-paper__question">
        <h3 class="heard-paper__label">{t(q.label, locale)}</h3>
        {q.body.map((p, i) => (
          <p class="heard-paper__text" key={i}>
            {t(p, locale)}
          </p>
        ))}
      </div>
    );
  }
  const skips = skipIfs(items, item);
  const jumps = goTos(items, index);
  const hint = 'hint' in q && q.hint ? t(q.hint, locale) : undefined;
  return (
    <div class="heard-paper__question">
      <h3 class="heard-paper__label">
        <span class="heard-paper__number">{item.n}</span> {t(q.label, locale)}
        {!q.required && <span class="heard-paper__optional"> {msg.optional}</span>}
      </h3>
      {skips.map((s, i) => (
        <p class="heard-paper__branch" key={i}>
          {(s.kind === 'skip' ? msg.paperSkipIf : msg.paperOnlyIf)(answerList(items.find((x) => x.n === s.n)!.question, s.values, msg, locale), s.n)}
        </p>
      ))}
      {hint && <p class="heard-paper__hint">{hint}</p>}
      {(q.type === 'single_choice' || q.type === 'rating' || q.type === 'yes_no' || q.type === 'multiple_choice') && (
        <>
          <p class="heard-paper__hint">{q.type === 'multiple_choice' ? msg.paperTickAny : msg.paperTickOne}</p>
          <ul class="heard-paper__choices">
            {choiceValues(q).map((value) => {
              const option = 'options' in q ? q.options.find((o) => o.value === value) : undefined;
              return (
                <li class="heard-paper__choice" key={value}>
                  <Box /> {q.type === 'yes_no' ? (value === 'yes' ? msg.yes : msg.no) : t(option!.label, locale)}
                  {option?.hint && <span class="heard-paper__choice-hint"> {t(option.hint, locale)}</span>}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {q.type === 'consent' && (
        <ul class="heard-paper__choices">
          <li class="heard-paper__choice">
            <Box /> {t(q.statement, locale)}
          </li>
        </ul>
      )}
      {(q.type === 'short_text' || q.type === 'long_text') && (
        <>
          <p class="govuk-visually-hidden">{msg.paperWriteHere}</p>
          <Lines count={LINES[size][q.type]} />
        </>
      )}
      {q.type === 'number' && (
        <>
          <p class="heard-paper__hint">{msg.paperWriteNumber}</p>
          <span class="heard-paper__write-box" aria-hidden="true" />
        </>
      )}
      {q.type === 'date' && (
        <p class="heard-paper__date">
          {[msg.day, msg.month, msg.year].map((part) => (
            <span class="heard-paper__date-part" key={part}>
              <span class="heard-paper__date-label">{part}</span>
              <span class={`heard-paper__write-box${part === msg.year ? ' heard-paper__write-box--year' : ''}`} aria-hidden="true" />
            </span>
          ))}
        </p>
      )}
      {jumps.map((j, i) => (
        <p class="heard-paper__branch" key={`go-${i}`}>
          {j.to === undefined ? msg.paperGoToEnd(answerList(q, j.values, msg, locale)) : msg.paperGoTo(answerList(q, j.values, msg, locale), j.to)}
        </p>
      ))}
    </div>
  );
}

export function PaperFormPage({ me, definition, locale, locales, size, path, back, session }: PaperFormProps) {
  const msg = messages(locale);
  const items = paperItems(definition);
  const title = t(definition.title, locale);
  const code = session?.joinCode;
  const running = code ? `${msg.paperSessionCode(code)} · ${title}` : title;
  const query = (s: PaperSize, l: Locale) => {
    const q = new URLSearchParams();
    if (s === 'large') q.set('size', 'large');
    if (l !== locales[0]) q.set('lang', l);
    const text = q.toString();
    return text ? `${path}?${text}` : path;
  };
  return (
    <StaffLayout title={`Paper form${size === 'large' ? ' (large print)' : ''}: ${t(definition.title, 'en')}`} staff={me}>
      <div class="heard-no-print">
        <a class="govuk-back-link" href={back.href}>
          {back.text}
        </a>
        <h1 class="govuk-heading-l">
          Paper form{size === 'large' ? ', large print' : ''}
          {session ? `: ${session.name}` : ''}
        </h1>
        <p class="govuk-body">
          Print this page on A4 (your browser's Print, or Ctrl and P). Only the form prints{code ? ', with the session code on every page' : ''}. When people hand their sheets back, type them in on the entry screen.
        </p>
        <ul class="govuk-list">
          <li>
            {size === 'large' ? (
              <a class="govuk-link" href={query('normal', locale)}>
                Normal print
              </a>
            ) : (
              <a class="govuk-link" href={query('large', locale)}>
                Large print
              </a>
            )}{' '}
            (bigger writing and more space to write)
          </li>
          {locales
            .filter((l) => l !== locale)
            .map((l) => (
              <li key={l}>
                <a class="govuk-link" href={query(size, l)} lang={l} hrefLang={l}>
                  {LOCALE_NAMES[l]}
                </a>
              </li>
            ))}
        </ul>
      </div>
      <table role="presentation" class={`heard-paper heard-paper--${size}`} lang={locale} dir={RTL_LOCALES.has(locale) ? 'rtl' : 'ltr'}>
        <thead class="heard-paper__running">
          <tr>
            <td>{running}</td>
          </tr>
        </thead>
        <tfoot class="heard-paper__running heard-paper__running--foot">
          <tr>
            <td>{running}</td>
          </tr>
        </tfoot>
        <tbody>
          <tr>
            <td>
              <h2 class="heard-paper__title">{title}</h2>
              <p class="heard-paper__text">{t(definition.purpose, locale)}</p>
              <h3 class="heard-paper__subheading">{msg.startUseHeading}</h3>
              <p class="heard-paper__text">{t(definition.howAnswersAreUsed, locale)}</p>
              <p class="heard-paper__text">{msg.startAnonymous}</p>
              <p class="heard-paper__how">{msg.paperHowTo}</p>
              {items.map((item, i) => (
                <QuestionOnPaper item={item} items={items} index={i} msg={msg} locale={locale} size={size} key={item.question.id} />
              ))}
              <p class="heard-paper__how">{msg.paperHandIn}</p>
            </td>
          </tr>
        </tbody>
      </table>
    </StaffLayout>
  );
}

// The public pages (issue 9, points 7 and 8): "you said, we did" and each strategy's progress.
// Lean markup on purpose: a first visit, HTML and CSS together, stays under 14 KB gzipped, with no
// script at all. Text kept only in English (framework and theme names, an action not yet translated)
// is marked lang="en" so a screen reader on the Arabic page reads it in the right voice. No ids of
// actions in the markup: they would tell readers nothing, and random ids do not compress.
import type { ActionStatus } from '../../db/reports-schema';
import type { Locale, LocalisedText } from '../../forms/definition';
import { messages, type Messages } from '../../i18n/messages';
import { Layout, type LanguageLink } from '../../views/layout';
import type { Framework, ObjectiveMeta } from '../figures';
import type { ActionSummary } from '../actions/queries';
import { label, type Shown } from '../suppress';

const STATUS_KEY: Record<ActionStatus, keyof Messages> = { red: 'statusRed', amber: 'statusAmber', green: 'statusGreen', complete: 'statusComplete' };

export function statusWords(status: ActionStatus, locale: Locale): string {
  return messages(locale)[STATUS_KEY[status]] as string;
}

/** A suppressed figure in words, in the page's language (English words are suppress.ts's own). */
export function shownWords(s: Shown, locale: Locale): string {
  if (locale === 'en') return label(s);
  const msg = messages(locale);
  switch (s.kind) {
    case 'count':
      return String(s.value);
    case 'fewer':
      return msg.shownFewer(s.than);
    case 'at-least':
      return msg.shownAtLeast(s.value);
    case 'not-shown':
      return msg.shownNotShown;
  }
}

/** "5 March 2026"; in Arabic with Western digits, as every figure on the page has. */
export function dayWords(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale === 'en' ? 'en-GB' : locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(ms);
}

/** Text in the page's language, or its English with the language marked. */
function Local({ text, locale, as: Tag = 'span' }: { text: LocalisedText; locale: Locale; as?: 'span' | 'dd' | 'p' }) {
  const own = text[locale];
  if (own) return <Tag>{own}</Tag>;
  return locale === 'en' ? <Tag>{text.en}</Tag> : (
    <En as={Tag} sentence>
      {text.en}
    </En>
  );
}

/**
 * English words on a page that may be Arabic. A sentence also runs left to right (`sentence`), so its
 * full stop stays at its end; a name or heading keeps the page's alignment.
 */
function En({ as: Tag = 'span', class: cls, children, locale, sentence = false }: { as?: 'span' | 'dd' | 'p' | 'h1' | 'h2' | 'h3'; class?: string; children: string; locale?: Locale; sentence?: boolean }) {
  if (locale === 'en') return <Tag class={cls}>{children}</Tag>;
  return (
    <Tag class={cls} lang="en" dir={sentence ? 'ltr' : undefined}>
      {children}
    </Tag>
  );
}

function Status({ status, locale }: { status: ActionStatus; locale: Locale }) {
  // The dot is decoration; the words carry the meaning.
  return <span class={`heard-status heard-status--${status}`}>{statusWords(status, locale)}</span>;
}

/** One action: you said, we did, who, progress and date. `short` leaves out "you said" (the strategy page, kept within its budget). */
export function ActionItem({ a, locale, short = false }: { a: ActionSummary; locale: Locale; short?: boolean }) {
  const msg = messages(locale);
  return (
    <dl class="govuk-body heard-action">
      {!short && <dt>{msg.youSaid}</dt>}
      {!short && <Local as="dd" text={a.youSaid} locale={locale} />}
      <dt>{msg.weDid}</dt>
      <Local as="dd" text={a.weDid} locale={locale} />
      <dt>{msg.actionBy}</dt>
      <En as="dd" locale={locale}>
        {a.organisationName}
      </En>
      <dt>{msg.actionProgress}</dt>
      <dd>
        <Status status={a.status} locale={locale} />
      </dd>
      <dt>{msg.actionDate}</dt>
      <dd>{dayWords(a.actedOn, locale)}</dd>
    </dl>
  );
}

export interface ActionGroup {
  key: string;
  /** A top-level theme's name or an objective's section: English (codebook and frameworks are English). */
  heading: string;
  actions: ActionSummary[];
}

export interface YouSaidWeDidProps {
  groups: ActionGroup[];
  /** Set when the page shows one objective's actions (linked from its strategy page). */
  objective?: { code: string; frameworkName: string };
  page: number;
  pages: number;
  /** The address of another page of this list, in this language. */
  hrefOf: (page: number) => string;
  locale: Locale;
  languages: LanguageLink[];
}

export function YouSaidWeDidPage({ groups, objective, page, pages, hrefOf, locale, languages }: YouSaidWeDidProps) {
  const msg = messages(locale);
  return (
    <Layout title={msg.yswdTitle} locale={locale} languages={languages}>
      <h1 class="govuk-heading-l">{msg.yswdTitle}</h1>
      <p class="govuk-body">{msg.yswdIntro}</p>
      {objective && (
        <>
          <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{msg.yswdForObjective(objective.code)}</p>
          <En as="p" class="govuk-body-s govuk-!-margin-bottom-1" locale={locale}>
            {objective.frameworkName}
          </En>
          <p class="govuk-body">
            <a class="govuk-link" href={`/you-said-we-did?lang=${locale}`}>
              {msg.yswdAll}
            </a>
          </p>
        </>
      )}
      {groups.length === 0 && <p class="govuk-body">{msg.yswdEmpty}</p>}
      {groups.map((g) => (
        <section key={g.key}>
          {g.key === 'other' ? (
            <h2 class="govuk-heading-m">{msg.otherGroup}</h2>
          ) : (
            <En as="h2" class="govuk-heading-m" locale={locale}>
              {g.heading}
            </En>
          )}
          {g.actions.map((a) => (
            <ActionItem a={a} locale={locale} key={a.id} />
          ))}
        </section>
      ))}
      {pages > 1 && (
        <nav aria-label={msg.pagesLabel}>
          <p class="govuk-body">
            {page > 1 && (
              <a class="govuk-link" href={hrefOf(page - 1)} rel="prev">
                {msg.yswdNewer}
              </a>
            )}{' '}
            {msg.yswdPageOf(page, pages)}{' '}
            {page < pages && (
              <a class="govuk-link" href={hrefOf(page + 1)} rel="next">
                {msg.yswdOlder}
              </a>
            )}
          </p>
        </nav>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`/strategy?lang=${locale}`}>
          {msg.yswdStrategyLink}
        </a>
      </p>
    </Layout>
  );
}

export function StrategiesPage({ frameworks, locale, languages }: { frameworks: Framework[]; locale: Locale; languages: LanguageLink[] }) {
  const msg = messages(locale);
  return (
    <Layout title={msg.strategyTitle} locale={locale} languages={languages}>
      <h1 class="govuk-heading-l">{msg.strategyTitle}</h1>
      <p class="govuk-body">{msg.strategyIntro}</p>
      {frameworks.length === 0 ? (
        <p class="govuk-body">{msg.strategyNone}</p>
      ) : (
        <ul class="govuk-list">
          {frameworks.map((f) => (
            <li key={f.id} class="govuk-!-margin-bottom-4">
              <a class="govuk-link govuk-!-font-weight-bold" href={`/strategy/${f.id}?lang=${locale}`} lang={locale === 'en' ? undefined : 'en'}>
                {f.name}
              </a>
              <En as="p" class="govuk-body-s govuk-!-margin-top-1" locale={locale} sentence>
                {f.description}
              </En>
            </li>
          ))}
        </ul>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`/you-said-we-did?lang=${locale}`}>
          {msg.strategyYswdLink}
        </a>
      </p>
    </Layout>
  );
}

export interface ObjectiveProgress extends Pick<ObjectiveMeta, 'id' | 'code' | 'section' | 'text'> {
  raised: Shown;
  /** The newest few published actions; `actionCount` says how many there are in all. */
  actions: ActionSummary[];
  actionCount: number;
}

export interface StrategyPageProps {
  framework: Framework;
  sections: { name: string; objectives: ObjectiveProgress[] }[];
  quarterName: string;
  threshold: number;
  locale: Locale;
  languages: LanguageLink[];
}

export function StrategyPage({ framework, sections, quarterName, threshold, locale, languages }: StrategyPageProps) {
  const msg = messages(locale);
  return (
    <Layout title={framework.name} locale={locale} languages={languages}>
      <a class="govuk-back-link" href={`/strategy?lang=${locale}`}>
        {msg.strategyAllLink}
      </a>
      <En as="h1" class="govuk-heading-l" locale={locale}>
        {framework.name}
      </En>
      <p class="govuk-body">{msg.strategyCountsNote(quarterName, threshold)}</p>
      {sections.map((s) => (
        <section key={s.name}>
          <En as="h2" class="govuk-heading-m" locale={locale}>
            {s.name}
          </En>
          {s.objectives.map((o) => (
            <div class="heard-objective" key={o.id} id={`objective-${o.code}`}>
              <h3 class="govuk-heading-s">{msg.strategyObjective(o.code)}</h3>
              <En as="p" class="govuk-body" locale={locale} sentence>
                {o.text}
              </En>
              <p class="govuk-body-s">
                {msg.strategyRaised(quarterName, shownWords(o.raised, locale))}
              </p>
              {o.actions.length === 0 ? (
                <p class="govuk-body-s">{msg.strategyNoActions}</p>
              ) : (
                o.actions.map((a) => <ActionItem a={a} locale={locale} key={a.id} short />)
              )}
              {o.actionCount > o.actions.length && (
                <p class="govuk-body-s">
                  <a class="govuk-link" href={`/you-said-we-did?objective=${encodeURIComponent(o.id)}&lang=${locale}`}>
                    {msg.strategyMoreActions(o.actionCount, o.code)}
                  </a>
                </p>
              )}
            </div>
          ))}
        </section>
      ))}
    </Layout>
  );
}

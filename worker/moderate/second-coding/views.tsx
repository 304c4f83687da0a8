// Second coding pages: the list and the request form (admins), a coding's responses, the blind coding
// page (the answers, no first-round tags), and agreement with its disagreements to settle.
import type { ComponentChildren } from 'preact';
import { ErrorSummary } from '../../views/error-summary';
import { CsrfField, Select, TextInput, type Choice } from '../../views/fields';
import { StaffLayout, type StaffLayoutProps } from '../../views/staff-layout';
import { Table } from '../../views/table';
import type { Agreement } from './kappa';
import type { AgreementReport, Coding, Item } from './queries';

type Me = NonNullable<StaffLayoutProps['staff']>;
export interface FormError {
  fieldId: string;
  message: string;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
/** Kappa to two places, or a dash where it is undefined (nobody, or everybody, used the code). */
export const kappaText = (k: number | null) => (k === null ? 'not defined' : k.toFixed(2));

function Page({ me, title, errors = [], children, wide = false }: { me: Me; title: string; errors?: FormError[]; children: ComponentChildren; wide?: boolean }) {
  return (
    <StaffLayout title={title} staff={me} hasErrors={errors.length > 0} wide={wide}>
      <a href="/moderate/second-coding" class="govuk-back-link">
        Second coding
      </a>
      <ErrorSummary errors={errors} locale="en" />
      {children}
    </StaffLayout>
  );
}

export interface ListPageProps {
  me: Me;
  codings: Coding[];
  canRequest: boolean;
  frameworks: Choice[];
  forms: Choice[];
  values?: Record<string, string>;
  errors?: FormError[];
}

export function CodingsPage({ me, codings, canRequest, frameworks, forms, values = {}, errors = [] }: ListPageProps) {
  const err = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  return (
    <Page me={me} title="Second coding" errors={errors}>
      <h1 class="govuk-heading-l">Second coding</h1>
      <p class="govuk-body">A second moderator tags a random sample of moderated responses without seeing the first tags. The agreement page shows where the two codings agree, objective by objective, and lets a moderator settle each disagreement.</p>
      {codings.length === 0 ? (
        <p class="govuk-body">No second coding has been asked for yet.</p>
      ) : (
        <Table caption="Second codings" columns={['Asked for', 'Framework', 'Sample', { text: 'Responses', numeric: true }, { text: 'Coded', numeric: true }, { text: 'Settled', numeric: true }]}>
          {codings.map((c) => (
            <tr class="govuk-table__row" key={c.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/moderate/second-coding/${c.id}`}>
                  {day(c.requestedAt)}
                </a>{' '}
                by {c.requestedByName}
              </td>
              <td class="govuk-table__cell">{c.framework}</td>
              <td class="govuk-table__cell">{c.description}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{c.items}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{c.coded}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{c.settled}</td>
            </tr>
          ))}
        </Table>
      )}
      {canRequest && (
        <form method="post" action="/moderate/second-coding" novalidate>
          <CsrfField token={me.csrf} />
          <h2 class="govuk-heading-m">Ask for a second coding</h2>
          <p class="govuk-body">The sample is drawn at random from responses whose moderation is done, that have a first-round tag in the framework and are in no other sample.</p>
          <Select id="framework" label="Framework" choices={frameworks} value={values.framework} error={err('framework')} />
          <TextInput id="size" label="How many responses" hint="A number (such as 40) or a percentage (such as 10%)" value={values.size} error={err('size')} width={10} />
          <Select id="form" label="Form (optional)" choices={forms} value={values.form} error={err('form')} emptyLabel="Any form" />
          <TextInput id="from" label="Sent on or after (optional)" hint="For example, 2026-04-01" value={values.from} error={err('from')} width={10} />
          <TextInput id="to" label="Sent on or before (optional)" hint="For example, 2026-06-30" value={values.to} error={err('to')} width={10} />
          <button type="submit" class="govuk-button">
            Draw the sample
          </button>
        </form>
      )}
    </Page>
  );
}

export function CodingPage({ me, coding, items, done }: { me: Me; coding: Coding; items: Item[]; done?: string }) {
  return (
    <Page me={me} title={`Second coding of ${day(coding.requestedAt)}`}>
      <span class="govuk-caption-l">{coding.framework}</span>
      <h1 class="govuk-heading-l">Second coding of {day(coding.requestedAt)}</h1>
      {done && (
        <div class="govuk-inset-text" role="status">
          {done}
        </div>
      )}
      <p class="govuk-body">
        {coding.description}. {coding.coded} of {coding.items} coded, {coding.settled} settled.{' '}
        <a class="govuk-link" href={`/moderate/second-coding/${coding.id}/agreement`}>
          Agreement and disagreements
        </a>
      </p>
      <Table caption="Responses in the sample" captionSize="m" columns={['Response', 'Sent', 'Second coding', 'Settled']}>
        {items.map((i, k) => (
          <tr class="govuk-table__row" key={i.responseId}>
            <td class="govuk-table__cell">
              <a class="govuk-link" href={`/moderate/second-coding/${coding.id}/responses/${i.responseId}`}>
                Response {k + 1}
                <span class="govuk-visually-hidden"> of the sample</span>
              </a>
            </td>
            <td class="govuk-table__cell">{day(i.submittedAt)}</td>
            <td class="govuk-table__cell">{i.codedAt ? `Coded by ${i.codedByName}, ${day(i.codedAt)}` : 'Not yet'}</td>
            <td class="govuk-table__cell">{i.settledWith ? SETTLED[i.settledWith] : i.codedAt ? 'Not yet' : '—'}</td>
          </tr>
        ))}
      </Table>
    </Page>
  );
}

const SETTLED = { first: 'With the first coding', second: 'With the second coding', both: 'With both, combined' } as const;

export interface BlindPageProps {
  me: Me;
  coding: Coding;
  responseId: string;
  answers: { question: string; label: string; text: string }[];
  objectives: (Choice & { section: string })[];
  themes: Choice[];
  chosen: Set<string>;
  /** Why this moderator may not code it (they tagged it first), if so. */
  refused?: string;
  errors?: FormError[];
}

/** The answers with the framework's objectives and the themes as checkboxes: no first-round tag anywhere on the page. */
export function BlindPage({ me, coding, responseId, answers, objectives, themes, chosen, refused, errors = [] }: BlindPageProps) {
  const sections = [...new Set(objectives.map((o) => o.section))];
  const box = (name: string, c: Choice) => (
    <div class="govuk-checkboxes__item" key={c.value}>
      <input class="govuk-checkboxes__input" id={`${name}-${c.value}`} name={name} type="checkbox" value={c.value} checked={chosen.has(c.value)} />
      <label class="govuk-label govuk-checkboxes__label" for={`${name}-${c.value}`}>
        {c.label}
      </label>
    </div>
  );
  return (
    <Page me={me} title="Code a response blind" errors={errors} wide>
      <span class="govuk-caption-l">Second coding of {day(coding.requestedAt)}</span>
      <h1 class="govuk-heading-l">Code this response</h1>
      <p class="govuk-body">You do not see the first moderator's tags. Tick every objective and theme the response is about.</p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-m">Answers</h2>
          {answers.length === 0 && <p class="govuk-body">This response has no written answers.</p>}
          {answers.map((a) => (
            <section key={a.question}>
              <h3 class="govuk-heading-s">{a.label}</h3>
              <p class="govuk-body heard-answer" dir="auto">
                {a.text}
              </p>
            </section>
          ))}
        </div>
        <div class="govuk-grid-column-one-half">
          {refused ? (
            <div class="govuk-inset-text">{refused}</div>
          ) : (
            <form method="post" action={`/moderate/second-coding/${coding.id}/responses/${responseId}`}>
              <CsrfField token={me.csrf} />
              {sections.map((s) => (
                <div class="govuk-form-group" key={s}>
                  <fieldset class="govuk-fieldset">
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{s}</legend>
                    <div class="govuk-checkboxes govuk-checkboxes--small">{objectives.filter((o) => o.section === s).map((o) => box('objective', o))}</div>
                  </fieldset>
                </div>
              ))}
              <details class="govuk-details">
                <summary class="govuk-details__summary">
                  <span class="govuk-details__summary-text">Themes</span>
                </summary>
                <div class="govuk-details__text">
                  <fieldset class="govuk-fieldset">
                    <legend class="govuk-fieldset__legend govuk-visually-hidden">Themes</legend>
                    <div class="govuk-checkboxes govuk-checkboxes--small">{themes.map((t) => box('theme', t))}</div>
                  </fieldset>
                </div>
              </details>
              <button type="submit" class="govuk-button">
                Save my coding
              </button>
            </form>
          )}
        </div>
      </div>
    </Page>
  );
}

function AgreementRow({ label, a }: { label: string; a: Agreement }) {
  return (
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header">
        {label}
      </th>
      <td class="govuk-table__cell govuk-table__cell--numeric">{a.n}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{a.both}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{a.firstOnly}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{a.secondOnly}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{pct(a.percent)}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{kappaText(a.kappa)}</td>
    </tr>
  );
}

const COLUMNS = ['Responses', 'Both', 'First only', 'Second only', 'Agreement', 'Kappa'];

function AgreementTable({ caption, rows }: { caption: string; rows: AgreementReport['perCode'] }) {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            <span class="govuk-visually-hidden">{caption}</span>
          </th>
          {COLUMNS.map((c) => (
            <th scope="col" class="govuk-table__header govuk-table__header--numeric" key={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((a) => (
          <AgreementRow label={a.label} a={a} key={a.code} />
        ))}
      </tbody>
    </table>
  );
}

export function AgreementPage({ me, coding, report, labels, done }: { me: Me; coding: Coding; report: AgreementReport; labels: Map<string, string>; done?: string }) {
  const name = (code: string) => labels.get(code) ?? code;
  return (
    <Page me={me} title="Agreement" wide>
      <span class="govuk-caption-l">Second coding of {day(coding.requestedAt)} · {coding.framework}</span>
      <h1 class="govuk-heading-l">Agreement</h1>
      {done && (
        <div class="govuk-inset-text" role="status">
          {done}
        </div>
      )}
      <p class="govuk-body">
        Over the {report.overall.responses} responses both moderators coded: agreement {pct(report.overall.percent)}, Cohen's kappa {kappaText(report.overall.kappa)}, across the {report.overall.codes} objectives and themes either of them used.
        Kappa is agreement beyond what chance would give: 1 is perfect, 0 no better than chance; it is not defined for a code nobody (or everybody) used.
      </p>
      <AgreementTable caption="Objectives" rows={report.perCode.filter((a) => a.kind === 'objective')} />
      {report.perCode.some((a) => a.kind === 'theme') && <AgreementTable caption="Themes either moderator used" rows={report.perCode.filter((a) => a.kind === 'theme')} />}
      <h2 class="govuk-heading-m">Disagreements</h2>
      {report.disagreements.length === 0 && <p class="govuk-body">The two codings agree on every response coded so far.</p>}
      {report.disagreements.map((d, k) => (
        <div class="govuk-summary-card" key={d.responseId}>
          <div class="govuk-summary-card__title-wrapper">
            <h3 class="govuk-summary-card__title">
              <a class="govuk-link" href={`/moderate/responses/${d.responseId}`}>
                Disagreement {k + 1}
              </a>
              {d.settledWith && <span class="govuk-body-s"> · settled {SETTLED[d.settledWith].toLowerCase()}</span>}
            </h3>
          </div>
          <div class="govuk-summary-card__content">
            <dl class="govuk-summary-list">
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">First coding only</dt>
                <dd class="govuk-summary-list__value">{d.firstOnly.length ? d.firstOnly.map(name).join('; ') : 'Nothing'}</dd>
              </div>
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Second coding only</dt>
                <dd class="govuk-summary-list__value">{d.secondOnly.length ? d.secondOnly.map(name).join('; ') : 'Nothing'}</dd>
              </div>
            </dl>
            <form method="post" action={`/moderate/second-coding/${coding.id}/responses/${d.responseId}/settle`}>
              <CsrfField token={me.csrf} />
              <div class="govuk-form-group govuk-!-margin-bottom-2">
                <fieldset class="govuk-fieldset">
                  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Settle disagreement {k + 1} with</legend>
                  <div class="govuk-radios govuk-radios--small govuk-radios--inline">
                    {(['first', 'second', 'both'] as const).map((c) => (
                      <div class="govuk-radios__item" key={c}>
                        <input class="govuk-radios__input" id={`with-${d.responseId}-${c}`} name="with" type="radio" value={c} checked={d.settledWith === c} />
                        <label class="govuk-label govuk-radios__label" for={`with-${d.responseId}-${c}`}>
                          {c === 'first' ? 'The first coding' : c === 'second' ? 'The second coding' : 'Both, combined'}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </div>
              <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                Settle<span class="govuk-visually-hidden"> disagreement {k + 1}</span>
              </button>
            </form>
          </div>
        </div>
      ))}
    </Page>
  );
}

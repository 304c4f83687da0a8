// The admin pages for the engines' lists: safeguarding signals and redaction terms, each with a
// "try it" box that runs the engine on typed words with the list as it is now.
import type { ComponentChildren } from 'preact';
import { ErrorSummary } from '../../views/error-summary';
import { Checkbox, CsrfField, Radios, Select, Textarea, TextInput, type Choice } from '../../views/fields';
import { StaffLayout, type StaffLayoutProps } from '../../views/staff-layout';
import { Table } from '../../views/table';
import type { Redaction } from '../redact';
import { categories } from '../signals';
import type { Triage } from '../triage';
import type { SignalRow, TermRow } from './queries';

type Me = NonNullable<StaffLayoutProps['staff']>;

export interface FormError {
  fieldId: string;
  message: string;
}

const errorFor = (errors: FormError[], id: string) => errors.find((e) => e.fieldId === id)?.message;

export const CATEGORY_NAMES: Record<string, string> = {
  'self-harm': 'Self-harm',
  suicide: 'Suicide',
  abuse: 'Abuse',
  violence: 'Violence',
  exploitation: 'Exploitation',
  unsafe: 'Feeling unsafe',
  danger: 'Someone in danger',
  everyday: 'Everyday phrases (never a concern)',
};
const categoryChoices: Choice[] = [...categories, 'everyday'].map((c) => ({ value: c, label: CATEGORY_NAMES[c]! }));
const languageChoices: Choice[] = [
  { value: 'en', label: 'English' },
  { value: 'ar', label: 'Arabic' },
  { value: 'pl', label: 'Polish' },
  { value: 'ro', label: 'Romanian' },
];

function EnabledTag({ enabled }: { enabled: boolean }) {
  return enabled ? <strong class="govuk-tag govuk-tag--green">On</strong> : <strong class="govuk-tag govuk-tag--grey">Off</strong>;
}

/** A small POST form turning one row on or off. */
function Toggle({ me, action, enabled, what }: { me: Me; action: string; enabled: boolean; what: string }) {
  return (
    <form method="post" action={action} class="heard-inline-form">
      <CsrfField token={me.csrf} />
      <input type="hidden" name="enabled" value={enabled ? 'no' : 'yes'} />
      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
        {enabled ? 'Turn off' : 'Turn on'}
        <span class="govuk-visually-hidden"> {what}</span>
      </button>
    </form>
  );
}

function Done({ done, children }: { done?: boolean; children: ComponentChildren }) {
  if (!done) return null;
  return (
    <div class="govuk-inset-text" role="status">
      {children}
    </div>
  );
}

/** The typed words with each found range marked, as the moderator would see them. */
function Marked({ text, ranges }: { text: string; ranges: { start: number; end: number; label: string }[] }) {
  const out: ComponentChildren[] = [];
  let at = 0;
  for (const [i, r] of [...ranges].sort((a, b) => a.start - b.start).entries()) {
    if (r.start < at) continue;
    out.push(text.slice(at, r.start), <mark key={i} title={r.label}>{text.slice(r.start, r.end)}</mark>);
    at = r.end;
  }
  out.push(text.slice(at));
  return <p class="govuk-body">{out}</p>;
}

function TryIt({ action, text, label, csrf, children }: { action: string; text?: string; label: string; csrf: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby="try-heading" class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-m" id="try-heading">
        Try it
      </h2>
      {/* A POST, so the words never sit in an address, a browser's history or a log. Nothing is saved. */}
      <form method="post" action={`${action}/try`} novalidate>
        <CsrfField token={csrf} />
        <Textarea id="text" label={label} hint="Write your own test sentences. The words are checked and shown back here, and kept nowhere." value={text} />
        <button type="submit" class="govuk-button govuk-button--secondary">
          Check
        </button>
      </form>
      {children}
    </section>
  );
}

// ---------- Safeguarding signals ----------

export interface SignalsPageProps {
  me: Me;
  rows: SignalRow[];
  editing?: SignalRow;
  text?: string;
  result?: Triage;
  values?: Record<string, string>;
  errors?: FormError[];
  done?: boolean;
}

function SignalFields({ prefix, values, errors }: { prefix: string; values: Record<string, string>; errors: FormError[] }) {
  const f = (n: string) => `${prefix}-${n}`;
  return (
    <>
      <Select id={f('category')} label="Category" choices={categoryChoices} value={values[f('category')]} error={errorFor(errors, f('category'))} />
      <TextInput id={f('phrase')} label="Phrase" hint="Words to find. kill* matches any word starting kill; myself|yourself matches either; ... allows up to three words between." value={values[f('phrase')]} error={errorFor(errors, f('phrase'))} width={20} autocomplete="off" />
      <Textarea id={f('unless')} label="Not a concern when the sentence also says (optional)" hint="One phrase a line, written the same way, for example shaving" value={values[f('unless')]} error={errorFor(errors, f('unless'))} />
      <Textarea id={f('why')} label="Why it matters" hint="Shown to the moderator beside the words, in plain words" value={values[f('why')]} error={errorFor(errors, f('why'))} rows={2} />
      <Select id={f('language')} label="Language" choices={languageChoices} value={values[f('language')] || 'en'} error={errorFor(errors, f('language'))} />
      <Checkbox id={f('negatable')} label="A “not” or “never” just before the phrase cancels it" hint="Untick when the phrase already carries its negation, like “don’t want to live”" checked={values[f('negatable')] === 'yes'} />
      <Checkbox id={f('enabled')} label="On: triage uses this signal" checked={values[f('enabled')] === 'yes'} />
    </>
  );
}

export const signalValues = (s: SignalRow, prefix: string): Record<string, string> => ({
  [`${prefix}-category`]: s.category,
  [`${prefix}-phrase`]: s.phrase,
  [`${prefix}-unless`]: s.unless.join('\n'),
  [`${prefix}-why`]: s.why,
  [`${prefix}-language`]: s.language,
  [`${prefix}-negatable`]: s.negatable ? 'yes' : '',
  [`${prefix}-enabled`]: s.enabled ? 'yes' : '',
});

export function SignalsPage({ me, rows, editing, text, result, values = {}, errors = [], done }: SignalsPageProps) {
  const base = '/admin/safeguarding-signals';
  return (
    <StaffLayout title="Safeguarding signals" staff={me} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} locale="en" />
      <h1 class="govuk-heading-l">Safeguarding signals</h1>
      <Done done={done}>Signal saved. The next response that arrives is checked with it.</Done>
      <p class="govuk-body">
        Every free-text answer is checked against these phrases when it arrives. A match puts the response at the top of the moderation queue with the reason beside the words. A flag decides nothing: a moderator reads it.
      </p>
      {/* Hundreds of signals (in four languages) stand between here and the form: one Tab and Enter reaches it. */}
      <p class="govuk-body">
        <a class="govuk-link" href="#add">
          Add a signal
        </a>
      </p>

      <TryIt action={base} text={text} label="Words to check" csrf={me.csrf}>
        {result && text !== undefined && (
          <div id="try-result" data-flag={String(result.flag)}>
            {result.flag ? (
              <>
                <p class="govuk-body govuk-!-font-weight-bold">Flagged: {result.signals.map((s) => CATEGORY_NAMES[s]).join(', ')}</p>
                <Marked text={text} ranges={result.matches.map((m) => ({ start: m.start, end: m.end, label: CATEGORY_NAMES[m.category]! }))} />
                <Table caption="Signals that matched" captionSize="s" columns={['Words', 'Category', 'Phrase', 'Why']}>
                  {result.matches.map((m, i) => (
                    <tr class="govuk-table__row" key={i} data-match={m.category}>
                      <td class="govuk-table__cell">{text.slice(m.start, m.end)}</td>
                      <td class="govuk-table__cell">{CATEGORY_NAMES[m.category]}</td>
                      <td class="govuk-table__cell heard-code-s">{m.phrase}</td>
                      <td class="govuk-table__cell">{m.why}</td>
                    </tr>
                  ))}
                </Table>
              </>
            ) : (
              <p class="govuk-body govuk-!-font-weight-bold">Not flagged: no signal matched.</p>
            )}
          </div>
        )}
      </TryIt>

      {editing && (
        <section id="edit" aria-labelledby="edit-heading">
          <h2 class="govuk-heading-m" id="edit-heading">
            Edit signal <span class="heard-code-s">{editing.id}</span>
          </h2>
          <form method="post" action={`${base}/${encodeURIComponent(editing.id)}`} novalidate>
            <CsrfField token={me.csrf} />
            <SignalFields prefix="edit" values={{ ...signalValues(editing, 'edit'), ...values }} errors={errors} />
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button">
                Save signal
              </button>
              <a class="govuk-link" href={base}>
                Cancel
              </a>
            </div>
          </form>
          <p class="govuk-body">Or, without changing anything else:</p>
          <Toggle me={me} action={`${base}/${encodeURIComponent(editing.id)}/enabled`} enabled={editing.enabled} what={editing.phrase} />
        </section>
      )}

      {[...categories, 'everyday'].map((cat) => {
        const list = rows.filter((r) => r.category === cat);
        if (list.length === 0) return null;
        return (
          <Table key={cat} caption={`${CATEGORY_NAMES[cat]} (${list.length})`} captionSize="m" columns={['Phrase', 'Why', 'On', 'Change']}>
            {list.map((r) => (
              <tr class="govuk-table__row" key={r.id} data-signal={r.id}>
                <td class="govuk-table__cell">
                  <span class="heard-code-s">{r.phrase}</span>
                  {r.unless.length > 0 && <span class="govuk-body-s"> (not with: {r.unless.join(', ')})</span>}
                  {r.language !== 'en' && <span class="govuk-body-s"> ({r.language})</span>}
                </td>
                <td class="govuk-table__cell govuk-body-s">{r.why}</td>
                <td class="govuk-table__cell">
                  <EnabledTag enabled={r.enabled} />
                </td>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`${base}?edit=${encodeURIComponent(r.id)}#edit`}>
                    Edit<span class="govuk-visually-hidden"> {r.phrase}</span>
                  </a>
                </td>
              </tr>
            ))}
          </Table>
        );
      })}

      <h2 class="govuk-heading-m" id="add">
        Add a signal
      </h2>
      <form method="post" action={base} novalidate>
        <CsrfField token={me.csrf} />
        <SignalFields prefix="add" values={{ 'add-negatable': 'yes', 'add-enabled': 'yes', ...values }} errors={errors} />
        <button type="submit" class="govuk-button">
          Add signal
        </button>
      </form>
    </StaffLayout>
  );
}

// ---------- Redaction terms ----------

export interface TermsPageProps {
  me: Me;
  rows: TermRow[];
  editing?: TermRow;
  text?: string;
  result?: Redaction;
  values?: Record<string, string>;
  errors?: FormError[];
  done?: boolean;
}

const kindChoices: Choice[] = [
  { value: 'staff', label: 'A member of staff', hint: 'A name staff are known by, like “Gemma Hartley” or “Gemma H”' },
  { value: 'place', label: 'A hostel, service or place', hint: 'Like “O’Hanlon House”' },
];

function TermFields({ prefix, values, errors }: { prefix: string; values: Record<string, string>; errors: FormError[] }) {
  const f = (n: string) => `${prefix}-${n}`;
  return (
    <>
      <Radios name={f('kind')} legend="What it names" choices={kindChoices} value={values[f('kind')]} error={errorFor(errors, f('kind'))} />
      <TextInput id={f('term')} label="As people usually write it" value={values[f('term')]} error={errorFor(errors, f('term'))} width={20} autocomplete="off" />
      <Textarea id={f('aliases')} label="Other ways it is written (optional)" hint="One a line, for example OHH" value={values[f('aliases')]} error={errorFor(errors, f('aliases'))} />
      <TextInput id={f('note')} label="Note for admins (optional)" hint="What it is, so the next admin knows" value={values[f('note')]} error={errorFor(errors, f('note'))} autocomplete="off" />
      <Checkbox id={f('match-case')} label="Only with capital letters as written" hint="For names that are also everyday words, like “Turning Point”" checked={values[f('match-case')] === 'yes'} />
      <Checkbox id={f('enabled')} label="On: redaction proposes this term" checked={values[f('enabled')] === 'yes'} />
    </>
  );
}

export const termValues = (t: TermRow, prefix: string): Record<string, string> => ({
  [`${prefix}-kind`]: t.kind,
  [`${prefix}-term`]: t.term,
  [`${prefix}-aliases`]: t.aliases.join('\n'),
  [`${prefix}-note`]: t.note,
  [`${prefix}-match-case`]: t.matchCase ? 'yes' : '',
  [`${prefix}-enabled`]: t.enabled ? 'yes' : '',
});

export function TermsPage({ me, rows, editing, text, result, values = {}, errors = [], done }: TermsPageProps) {
  const base = '/admin/redaction-terms';
  // Radios name their first input `<name>-0`: the error summary links there.
  const fixed = errors.map((e) => (e.fieldId.endsWith('-kind') ? { ...e, fieldId: `${e.fieldId}-0` } : e));
  return (
    <StaffLayout title="Redaction terms" staff={me} hasErrors={errors.length > 0}>
      <ErrorSummary errors={fixed} locale="en" />
      <h1 class="govuk-heading-l">Redaction terms</h1>
      <Done done={done}>Term saved. Redaction proposes it in the next response that arrives.</Done>
      <p class="govuk-body">Names of staff, hostels and services that identify people when they appear in feedback. Redaction proposes them, with phone numbers, addresses and people’s names, for a moderator to accept.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="#add">
          Add a term
        </a>
      </p>

      <TryIt action={base} text={text} label="Words to redact" csrf={me.csrf}>
        {result && text !== undefined && (
          <div id="try-result" data-spans={result.spans.length}>
            <p class="govuk-body govuk-!-font-weight-bold">{result.spans.length === 0 ? 'Nothing to redact found.' : `${result.spans.length} proposed:`}</p>
            {result.spans.length > 0 && (
              <>
                <Marked text={text} ranges={result.spans.map((s) => ({ ...s, label: s.kind }))} />
                <p class="govuk-body">As reports would show it:</p>
                <p class="govuk-body govuk-inset-text" id="redacted">
                  {result.text}
                </p>
              </>
            )}
          </div>
        )}
      </TryIt>

      {editing && (
        <section id="edit" aria-labelledby="edit-heading">
          <h2 class="govuk-heading-m" id="edit-heading">
            Edit “{editing.term}”
          </h2>
          <form method="post" action={`${base}/${encodeURIComponent(editing.id)}`} novalidate>
            <CsrfField token={me.csrf} />
            <TermFields prefix="edit" values={{ ...termValues(editing, 'edit'), ...values }} errors={errors} />
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button">
                Save term
              </button>
              <a class="govuk-link" href={base}>
                Cancel
              </a>
            </div>
          </form>
          <p class="govuk-body">Or, without changing anything else:</p>
          <Toggle me={me} action={`${base}/${encodeURIComponent(editing.id)}/enabled`} enabled={editing.enabled} what={editing.term} />
        </section>
      )}

      {(['staff', 'place'] as const).map((kind) => {
        const list = rows.filter((r) => r.kind === kind);
        return (
          <Table key={kind} caption={`${kind === 'staff' ? 'Staff' : 'Hostels, services and places'} (${list.length})`} captionSize="m" columns={['Term', 'Also written', 'Note', 'On', 'Change']}>
            {list.map((r) => (
              <tr class="govuk-table__row" key={r.id} data-term={r.id}>
                <td class="govuk-table__cell">
                  {r.term}
                  {r.matchCase && <span class="govuk-body-s"> (capitals as written)</span>}
                </td>
                <td class="govuk-table__cell govuk-body-s">{r.aliases.join(', ')}</td>
                <td class="govuk-table__cell govuk-body-s">{r.note}</td>
                <td class="govuk-table__cell">
                  <EnabledTag enabled={r.enabled} />
                </td>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`${base}?edit=${encodeURIComponent(r.id)}#edit`}>
                    Edit<span class="govuk-visually-hidden"> {r.term}</span>
                  </a>
                </td>
              </tr>
            ))}
          </Table>
        );
      })}

      <h2 class="govuk-heading-m" id="add">
        Add a term
      </h2>
      <form method="post" action={base} novalidate>
        <CsrfField token={me.csrf} />
        <TermFields prefix="add" values={{ 'add-enabled': 'yes', ...values }} errors={errors} />
        <button type="submit" class="govuk-button">
          Add term
        </button>
      </form>
    </StaffLayout>
  );
}

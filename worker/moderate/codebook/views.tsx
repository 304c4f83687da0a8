// The theme codebook page: the hierarchy with counts, and the forms to add, edit, merge and import.
import { ErrorSummary } from '../../views/error-summary';
import { CsrfField, Select, Textarea, TextInput, type Choice } from '../../views/fields';
import { StaffLayout, type StaffLayoutProps } from '../../views/staff-layout';
import { Table } from '../../views/table';
import type { Codebook, Theme } from './queries';

type Me = NonNullable<StaffLayoutProps['staff']>;

export interface FormError {
  fieldId: string;
  message: string;
}

export type Done = 'added' | 'edited' | 'merged' | 'imported';
const DONE_TEXT: Record<Done, string> = {
  added: 'Theme added.',
  edited: 'Theme saved.',
  merged: 'Themes merged: every tag on the merged theme is now on the theme it was merged into.',
  imported: 'Codebook imported.',
};

export interface CodebookPageProps {
  me: Me;
  book: Codebook;
  /** the theme being edited (?edit=) */
  editing?: Theme;
  /** what was typed, per form, kept after a refusal */
  values?: Record<string, string>;
  errors?: FormError[];
  done?: Done;
}

const errorFor = (errors: FormError[], id: string) => errors.find((e) => e.fieldId === id)?.message;

function parentChoices(book: Codebook, except?: string): Choice[] {
  return book.parents.filter((p) => p.id !== except).map((p) => ({ value: p.id, label: p.name }));
}

function everyTheme(book: Codebook): Choice[] {
  return book.parents.flatMap((p) => [{ value: p.id, label: p.name }, ...p.children.map((c) => ({ value: c.id, label: `${p.name} › ${c.name}` }))]);
}

function ThemeFieldset({ prefix, book, values, errors, except }: { prefix: string; book: Codebook; values: Record<string, string>; errors: FormError[]; except?: string }) {
  const f = (name: string) => `${prefix}-${name}`;
  return (
    <>
      <TextInput id={f('name')} label="Name" value={values[f('name')]} error={errorFor(errors, f('name'))} width={20} autocomplete="off" />
      <Select id={f('parent')} label="Parent theme" emptyLabel="None: a top-level theme" choices={parentChoices(book, except)} value={values[f('parent')]} error={errorFor(errors, f('parent'))} />
      <Textarea id={f('definition')} label="Definition" hint="One sentence saying what belongs under this theme" value={values[f('definition')]} error={errorFor(errors, f('definition'))} />
      <Textarea id={f('example')} label="Example" hint="A short quote in a respondent’s voice, written for the codebook (never taken from a response)" value={values[f('example')]} error={errorFor(errors, f('example'))} />
    </>
  );
}

function ThemeRows({ theme, child, parentName }: { theme: Theme; child?: boolean; parentName?: string }) {
  return (
    <tr class="govuk-table__row" data-theme={theme.id}>
      <th scope="row" class="govuk-table__header">
        {child ? (
          <span class="govuk-!-font-weight-regular">
            <span class="govuk-visually-hidden">{parentName} › </span>
            <span aria-hidden="true">› </span>
            {theme.name}
          </span>
        ) : (
          theme.name
        )}
        <br />
        <span class="govuk-body-s heard-code-s">{theme.id}</span>
      </th>
      <td class="govuk-table__cell govuk-body-s">{theme.definition}</td>
      <td class="govuk-table__cell govuk-body-s">
        <q>{theme.example}</q>
      </td>
      <td class="govuk-table__cell govuk-table__cell--numeric" data-tags={theme.tagCount}>
        {theme.tagCount}
      </td>
      <td class="govuk-table__cell">
        <a class="govuk-link" href={`/moderate/codebook?edit=${encodeURIComponent(theme.id)}#edit`}>
          Edit<span class="govuk-visually-hidden"> {theme.name}</span>
        </a>
      </td>
    </tr>
  );
}

export function CodebookPage({ me, book, editing, values = {}, errors = [], done }: CodebookPageProps) {
  const all = everyTheme(book);
  return (
    <StaffLayout title="Theme codebook" staff={me} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} locale="en" />
      <h1 class="govuk-heading-l">Theme codebook</h1>
      {done && (
        <div class="govuk-inset-text" role="status">
          {DONE_TEXT[done]}
        </div>
      )}
      <p class="govuk-body">
        Themes moderators tag feedback with, beside the strategy objectives. Renaming a theme keeps its tags. Merging moves every tag on one theme to another.
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/moderate/codebook.csv" download="codebook.csv">
          Download the codebook as CSV
        </a>
      </p>

      {editing && (
        <section id="edit" aria-labelledby="edit-heading">
          <h2 class="govuk-heading-m" id="edit-heading">
            Edit “{editing.name}”
          </h2>
          <form method="post" action={`/moderate/codebook/themes/${encodeURIComponent(editing.id)}`} novalidate>
            <CsrfField token={me.csrf} />
            <ThemeFieldset prefix="edit" book={book} errors={errors} except={editing.id} values={{ 'edit-name': editing.name, 'edit-parent': editing.parentId ?? '', 'edit-definition': editing.definition, 'edit-example': editing.example, ...values }} />
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button">
                Save theme
              </button>
              <a class="govuk-link" href="/moderate/codebook">
                Cancel
              </a>
            </div>
          </form>
        </section>
      )}

      <Table caption="Themes" captionSize="m" columns={['Theme', 'Definition', 'Example', { text: 'Tags', numeric: true }, 'Change']}>
        {book.parents.flatMap((p) => [<ThemeRows key={p.id} theme={p} />, ...p.children.map((c) => <ThemeRows key={c.id} theme={c} child parentName={p.name} />)])}
      </Table>
      {book.parents.length === 0 && <p class="govuk-body">No themes yet. Add one below or import a codebook.</p>}

      <h2 class="govuk-heading-m" id="add">
        Add a theme
      </h2>
      <form method="post" action="/moderate/codebook/themes" novalidate>
        <CsrfField token={me.csrf} />
        <ThemeFieldset prefix="add" book={book} values={values} errors={errors} />
        <button type="submit" class="govuk-button">
          Add theme
        </button>
      </form>

      <h2 class="govuk-heading-m" id="merge">
        Merge two themes
      </h2>
      <p class="govuk-body">Every tag on the first theme moves to the second, and the first leaves the codebook. A merged theme’s child themes move with it. This cannot be undone from this page.</p>
      <form method="post" action="/moderate/codebook/merge" novalidate>
        <CsrfField token={me.csrf} />
        <Select id="from" label="Merge this theme" choices={all} value={values.from} error={errorFor(errors, 'from')} />
        <Select id="into" label="Into this theme" choices={all} value={values.into} error={errorFor(errors, 'into')} />
        <button type="submit" class="govuk-button govuk-button--warning">
          Merge themes
        </button>
      </form>

      <h2 class="govuk-heading-m" id="import">
        Import a codebook
      </h2>
      <p class="govuk-body">
        CSV with the columns id, parent_id, name, definition and example, as the download gives. A row whose id is in the codebook changes that theme; a new id, or none, adds one. Rows are numbered as a spreadsheet shows them: the header is row 1. If any row has a problem, nothing is imported.
      </p>
      <form method="post" action="/moderate/codebook/import" enctype="multipart/form-data" novalidate>
        <CsrfField token={me.csrf} />
        <div class={`govuk-form-group${errorFor(errors, 'file') ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="file">
            Upload a CSV file
          </label>
          <div id="file-hint" class="govuk-hint">
            Up to 60 KB
          </div>
          <input class="govuk-file-upload" id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby="file-hint" />
        </div>
        <Textarea id="csv" label="Or paste the CSV" value={values.csv} error={errorFor(errors, 'csv')} rows={8} />
        <button type="submit" class="govuk-button govuk-button--secondary">
          Import
        </button>
      </form>

      {book.merged.length > 0 && (
        <section aria-labelledby="merged-heading">
          <h2 class="govuk-heading-s" id="merged-heading">
            Merged
          </h2>
          <ul class="govuk-list govuk-body-s" data-merged>
            {book.merged.map((t) => (
              <li key={t.id} data-theme={t.id}>
                {t.name} ({t.id}) merged into {book.byId.get(t.mergedInto!)?.name ?? t.mergedInto}
              </li>
            ))}
          </ul>
        </section>
      )}
    </StaffLayout>
  );
}

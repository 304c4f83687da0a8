// The codebook as CSV, through Papa Parse (quoting, commas, quotes and newlines inside values).
// Columns: id, parent_id, name, definition, example. Rows are numbered as a spreadsheet shows them
// (the header is row 1), so "row 4" in a problem is row 4 on the person's screen.
import Papa from 'papaparse';
import { z } from 'zod';
import { placeProblems, themeFields, themeId, newThemeId, type Codebook, type ThemeRow } from './queries';

export const CSV_COLUMNS = ['id', 'parent_id', 'name', 'definition', 'example'] as const;
const FIELD_OF = { id: 'id', parent_id: 'parentId', name: 'name', definition: 'definition', example: 'example' } as const;
const COLUMN_OF: Record<string, string> = { id: 'id', parentId: 'parent_id', name: 'name', definition: 'definition', example: 'example' };
export const MAX_ROWS = 1000;

// A spreadsheet runs a cell that starts like a formula: such values go out behind a ' and come back
// without it. A value that already starts with ' before a formula character gets one more, so it
// comes back as it was.
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** The live codebook, parents each followed by their children. The byte order mark tells Excel it is UTF-8. */
export function codebookCsv(book: Codebook): string {
  const rows: (string | null)[][] = [];
  for (const p of book.parents) {
    rows.push([p.id, '', p.name, p.definition, p.example]);
    for (const c of p.children) rows.push([c.id, p.id, c.name, c.definition, c.example]);
  }
  return '\uFEFF' + Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { newline: '\r\n', escapeFormulae: FORMULA_START });
}

export interface RowProblem {
  /** the spreadsheet row, or 0 for the file as a whole */
  row: number;
  message: string;
}

const rowSchema = themeFields.extend({
  id: z
    .string()
    .trim()
    .transform((v) => v || undefined)
    .pipe(themeId.optional()),
});

const unescape = (v: string) => (v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v);

/**
 * Reads pasted or uploaded CSV into theme rows, checking every row against the same schema as the
 * page's form and against the codebook it will join. Any problem means nothing is imported.
 */
export function readCodebookCsv(text: string, book: Codebook): { rows: ThemeRow[]; problems: RowProblem[] } {
  const input = text.replace(/^\uFEFF/, '');
  if (!input.trim()) return { rows: [], problems: [{ row: 0, message: 'The CSV is empty: paste it or choose a file' }] };
  // Pasted from a spreadsheet, cells are separated by tabs.
  const firstLine = input.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  // The header's own line break says how rows end, so a line break inside a quoted value cannot mislead the guess.
  const newline = /\r\n|\n|\r/.exec(input)?.[0];
  const parsed = Papa.parse(input, { delimiter, newline, header: false, skipEmptyLines: false });
  const problems: RowProblem[] = [];
  for (const e of parsed.errors) {
    const row = (e.row ?? 0) + 1;
    problems.push({ row, message: e.type === 'Quotes' ? `Row ${row}: a value in double quotes is not closed, or has a stray quote in it. Inside quotes, write a quote mark twice ("")` : `Row ${row}: ${e.message}` });
  }
  const [header = [], ...body] = parsed.data;
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    problems.unshift({ row: 1, message: `Row 1 must name the columns ${CSV_COLUMNS.join(', ')}; it lacks ${missing.join(', ')}` });
    return { rows: [], problems };
  }
  if (body.length > MAX_ROWS) return { rows: [], problems: [{ row: 0, message: `A codebook import takes at most ${MAX_ROWS} rows; this has ${body.length}` }] };

  const rows: (ThemeRow & { line: number })[] = [];
  const taken = new Set(book.byId.keys());
  body.forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    if (cells.length !== header.length) {
      problems.push({ row: line, message: `Row ${line} has ${cells.length} values but row 1 names ${header.length} columns. A value with a comma in it needs double quotes around it` });
      return;
    }
    const raw: Record<string, string> = {};
    for (const column of CSV_COLUMNS) raw[FIELD_OF[column]] = unescape(cells[names.indexOf(column)] ?? '');
    const checked = rowSchema.safeParse(raw);
    if (!checked.success) {
      for (const issue of checked.error.issues) problems.push({ row: line, message: `Row ${line}, ${COLUMN_OF[String(issue.path[0])] ?? 'a value'}: ${issue.message}` });
      return;
    }
    const id = checked.data.id ?? newThemeId(checked.data.name, taken);
    taken.add(id);
    rows.push({ ...checked.data, id, line });
  });

  // The codebook as it would be after the import, to check each row's place in the hierarchy.
  const seen = new Map<string, number>();
  for (const r of rows) {
    const before = seen.get(r.id);
    if (before) problems.push({ row: r.line, message: `Row ${r.line}: the id “${r.id}” is also on row ${before}; each theme appears once` });
    seen.set(r.id, r.line);
  }
  const after = new Map(book.byId);
  for (const r of rows) after.set(r.id, { ...(book.byId.get(r.id) ?? { position: 0, mergedInto: null, tagCount: 0 }), ...r });
  const future: Codebook = { parents: [], merged: [], byId: after };
  for (const r of rows) for (const message of placeProblems(future, r.id, r.parentId)) problems.push({ row: r.line, message: `Row ${r.line}: ${message}` });

  problems.sort((a, b) => a.row - b.row);
  return { rows: rows.map(({ line: _line, ...r }) => r), problems };
}

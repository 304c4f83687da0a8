// A CSV download, through Papa Parse: RFC 4180 (CRLF, quoted where needed), UTF-8 with a byte order
// mark so Excel opens it right, and a cell that starts like a formula goes out behind a ' (so a name
// or a detail someone typed cannot run as a formula in the spreadsheet that opens it).
import Papa from 'papaparse';

const FORMULA_START = /^'*[=+\-@\t\r]/;

export function csvText(fields: string[], rows: string[][]): string {
  return '\uFEFF' + Papa.unparse({ fields, data: rows }, { newline: '\r\n', escapeFormulae: FORMULA_START });
}

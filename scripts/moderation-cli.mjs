// Shared by `npm run triage`, `npm run redact` and `npm run suggest`: the lists from the local D1 (the tables
// safeguarding_signals and redaction_terms, one row per entry), falling back to the seeded
// defaults when a table is missing or empty, and a loop that answers one JSON line per input line.
//   --persist-to <dir> (or HEARD_STATE_DIR)  the local D1 kept outside .wrangler/state, as for db:seed
//   --seeded                                 skip the database and use the seed files
import { execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { defaultRedactionLists, defaultSignals } from '../worker/moderate/defaults.ts';
import { termsFromRows } from '../worker/moderate/redaction-terms.ts';
import { signalsFromRows } from '../worker/moderate/signals.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--persist-to');
const stateDir = at >= 0 ? args[at + 1] : process.env.HEARD_STATE_DIR;
const persist = stateDir ? ['--persist-to', stateDir] : [];

/** The rows of a local D1 table, or null when it cannot be read (no table yet, no database). */
function localRows(table) {
  return localQuery(`SELECT * FROM ${table}`);
}

/** The rows a query gives on the local D1, or null when it cannot be read (no table yet, no database, --seeded). */
export function localQuery(sql) {
  if (args.includes('--seeded')) return null;
  try {
    const out = execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--json', '--command', sql, ...persist], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    });
    const rows = JSON.parse(out)?.[0]?.results;
    return Array.isArray(rows) ? rows : null;
  } catch {
    return null;
  }
}

function fromDatabaseOr(table, parse, fallback) {
  const rows = localRows(table);
  if (rows && rows.length > 0) {
    process.stderr.write(`Using ${rows.length} rows of ${table} from the local D1.\n`);
    return parse(rows);
  }
  process.stderr.write(`Using the seeded defaults for ${table} (${rows ? 'the table is empty' : 'no such table in the local D1'}).\n`);
  return fallback;
}

export function loadSignals() {
  return fromDatabaseOr('safeguarding_signals', signalsFromRows, defaultSignals);
}

export function loadRedactionLists() {
  const terms = fromDatabaseOr('redaction_terms', termsFromRows, defaultRedactionLists.terms);
  return { ...defaultRedactionLists, terms };
}

/** Answers each line of standard input with one line of JSON, in order. */
export async function eachLine(answer) {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) process.stdout.write(JSON.stringify(answer(line)) + '\n');
}

// Runs the browser tests one file at a time (each file starts its own app server and Chromium):
//   node tests/browser/run.mjs            (what `npm run test:browser` calls, after the build)
// which is the same as:
//   node --test --test-concurrency=1 tests/browser/*.test.mjs
// Node 22 does not accept a bare directory after --test, hence the file list.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .sort()
  .map((f) => relative(root, join(here, f)));

const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...process.argv.slice(2), ...files], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

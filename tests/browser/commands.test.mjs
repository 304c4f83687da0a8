// The commands a person runs from the terminal, as they run them: `npm run suggest` (issue 10) reads one
// statement per line and prints one JSON array of the top five objective codes per line, from the seed
// files, or from a local D1 with what its tags taught. Not a browser test: it runs here because this is
// the suite that runs Node programs against a real local D1.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '../..');
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };

/** Runs the command with these lines on standard input; resolves with its exit code and output. */
function suggest(args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/suggest.mjs', ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const LINES = ['The Festival of Feedback was the first time anyone asked what I thought', '', 'they let me out of prison with nowhere to go', 'blue door project'];

describe('npm run suggest', () => {
  let state;
  before(async () => {
    state = await mkdtemp(path.join(os.tmpdir(), 'heard-suggest-'));
    await promisify(execFile)('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { cwd: ROOT, env });
    await promisify(execFile)('npx', ['tsx', 'scripts/seed.mjs', '--persist-to', state], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
  });
  after(async () => {
    if (state) await rm(state, { recursive: true, force: true });
  });

  it('prints one JSON array of at most five objective codes per line, the Festival of Feedback first to 5.5', async () => {
    const { code, stdout } = await suggest(['--framework', 'oxfordshire-countywide', '--seeded'], LINES.join('\n') + '\n');
    assert.equal(code, 0);
    const out = stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(out.length, LINES.length);
    for (const codes of out) {
      assert.ok(Array.isArray(codes) && codes.length <= 5);
      for (const c of codes) assert.match(c, /^\d\.\d$/);
    }
    assert.equal(out[0][0], '5.5');
    assert.deepEqual(out[1], []);
    assert.equal(out[2][0], '5.4');
  });

  it('learns from the local D1’s tags, and not with --no-learning', async () => {
    // Teach it a phrase no objective's words contain, through tags in the local D1.
    const sql = [
      "INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) SELECT 'cli-1', current_version_id, 'online', 'en', 0 FROM forms WHERE id = 'festival-of-feedback'",
      "INSERT INTO moderation (response_id, status, submitted_at) VALUES ('cli-1', 'done', 0)",
      "INSERT INTO excerpts (response_id, question_id, start, \"end\", text, created_by, created_at) VALUES ('cli-1', 'change', 0, 17, 'blue door project', 't', 0)",
      "INSERT INTO tags (excerpt_id, response_id, objective_id, created_by, created_at) SELECT id, 'cli-1', 'oxfordshire-countywide:2.5', 't', 0 FROM excerpts WHERE response_id = 'cli-1'",
    ].join('; ');
    await promisify(execFile)('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', state, '--command', sql], { cwd: ROOT, env });
    const learned = await suggest(['--framework', 'oxfordshire-countywide', '--persist-to', state], 'blue door project\n');
    assert.equal(learned.code, 0, learned.stderr);
    assert.equal(JSON.parse(learned.stdout.trim())[0], '2.5');
    assert.match(learned.stderr, /Learned from \d+ tags in the local D1/);
    const plain = await suggest(['--framework', 'oxfordshire-countywide', '--persist-to', state, '--no-learning'], 'blue door project\n');
    assert.notEqual(JSON.parse(plain.stdout.trim())[0], '2.5');
  });

  it('refuses an unknown framework with a plain message and exit code 2', async () => {
    const { code, stdout, stderr } = await suggest(['--framework', 'nowhere'], 'hello\n');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /Say which framework: --framework oxfordshire-countywide/);
  });
});

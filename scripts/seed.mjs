// Seeds a D1 database with the frameworks, organisations and demo forms in seeds/.
//   npm run db:seed              the local D1 used by `npm start`
//   npm run db:seed -- --remote  the deployed D1 (after `wrangler d1 migrations apply DB --remote`)
//   --demo-staff                 also the local demo staff (npm start passes it; refused with --remote)
// Locally, the demo comes too (never with --remote): sessions, responses and their moderation, actions.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoStaffStatements } from '../seeds/demo-staff.ts';
import { seedStatements, seededVersions } from '../seeds/index.ts';
import { demoStatements } from '../seeds/demo/load.ts';
import { demoKioskPinStatements } from '../seeds/demo/kiosk-pin.ts';
import { demoAssessmentStatements } from '../seeds/demo/assessment.ts';

const target = process.argv.includes('--remote') ? '--remote' : '--local';
// --persist-to <dir> passes through to wrangler, for a local D1 kept outside .wrangler/state.
const at = process.argv.indexOf('--persist-to');
const persist = at > 0 ? ['--persist-to', process.argv[at + 1]] : [];
const demo = process.argv.includes('--demo-staff');
if (demo && target === '--remote') {
  console.error('Demo staff are for local use only; they are never loaded into a deployed database.');
  process.exit(2);
}
const local = target === '--local';
// The demo kiosk PIN is keyed by the local key ring (`npm start` writes .dev.vars before seeding), and
// Sam Demo's trusted assessment is sealed with it (its assessors are demo staff, so it needs those too).
const localKeys = local && existsSync('.dev.vars') ? /^HEARD_KEYS=(.+)$/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1]?.trim() : undefined;
const statements = [
  ...(await seedStatements()),
  ...(demo ? await demoStaffStatements() : []),
  ...(local ? demoStatements(await seededVersions(), Date.now()) : []),
  ...(localKeys ? await demoKioskPinStatements(localKeys) : []),
  ...(localKeys && demo ? await demoAssessmentStatements(localKeys, (await seededVersions()).get('trusted-assessment').versionId) : []),
];
const dir = mkdtempSync(join(tmpdir(), 'heard-seed-'));
const file = join(dir, 'seed.sql');
writeFileSync(file, statements.join('\n') + '\n');
try {
  execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', target, `--file=${file}`, '--yes', ...persist], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  console.log(`Seeded ${target.slice(2)} D1: ${statements.length} statements.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// `npm start`: build the assets, migrate and seed the local D1, then serve on http://localhost:8787.
// PORT overrides the port; HEARD_SUBMIT_RATE_LIMIT sets the per-IP submission limit (0 turns it off);
// HEARD_STATE_DIR keeps the local D1 somewhere other than .wrangler/state (the browser tests and bench use a fresh one).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

// The demo's kiosk PIN, as seeds/demo/kiosk-pin.ts sets it (this script runs on plain Node, so it is repeated here).
const DEMO_KIOSK_PIN = '2468';
// Sam Demo's assessment, as seeds/demo/assessment.ts makes it (repeated for the same reason).
const SAM_DEMO_ASSESSMENT = '5a000000-0000-4000-8000-0000000000a1';
const port = process.env.PORT ?? '8787';
const rateLimit = process.env.HEARD_SUBMIT_RATE_LIMIT ?? '120';
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const quiet = process.argv.includes('--quiet');
const persist = process.env.HEARD_STATE_DIR ? ['--persist-to', process.env.HEARD_STATE_DIR] : [];
const exitUrl = process.env.HEARD_EXIT_URL ? ['--var', `EXIT_URL:${process.env.HEARD_EXIT_URL}`] : [];
const run = (cmd, args) => execFileSync(cmd, args, { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit', env });

// The local secret key ring (keyed hashes, and the encryption of assessments and staff authenticator
// secrets), made once and kept in .dev.vars, which wrangler dev reads and git ignores. A deployment sets
// its own with `wrangler secret put HEARD_KEYS`; without it, what needs the key refuses with a plain page.
const devVars = existsSync('.dev.vars') ? readFileSync('.dev.vars', 'utf8') : '';
if (!/^HEARD_KEYS=/m.test(devVars)) {
  const key = `k1:${randomBytes(32).toString('base64url')}`;
  writeFileSync('.dev.vars', `${devVars}${devVars && !devVars.endsWith('\n') ? '\n' : ''}HEARD_KEYS=${key}\n`, { mode: 0o600 });
  console.log('No HEARD_KEYS was set: made a local key in .dev.vars (kept there, ignored by git; `npm run keys:rotate` rotates it). A deployment needs its own: see README.md, "Keys".');
}

run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', ...persist]);
run('npx', ['tsx', 'scripts/seed.mjs', '--demo-staff', ...persist]);

const dev = spawn(
  'npx',
  ['wrangler', 'dev', '--port', port, '--ip', '127.0.0.1', '--var', 'RATE_LIMITER:memory', '--var', 'SECOND_FACTOR:off', '--var', `HEARD_SUBMIT_RATE_LIMIT:${rateLimit}`, ...exitUrl, ...persist, '--log-level', 'warn', '--show-interactive-dev-session=false'],
  { stdio: ['ignore', 'inherit', 'inherit'], env },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code) => process.exit(code ?? 0));

const url = `http://localhost:${port}`;
for (let i = 0; i < 240; i++) {
  try {
    if ((await fetch(`${url}/healthz`)).ok) {
      console.log(`\nHeard is ready at ${url}\n`);
      console.log('Demo feedback forms:');
      console.log(`  ${url}/f/festival-of-feedback`);
      console.log(`  ${url}/f/service-feedback`);
      console.log(`  ${url}/f/festival-of-feedback?lang=ar   (Arabic)`);
      console.log(`Take feedback back: ${url}/withdraw`);
      console.log(`\nStaff sign-in: ${url}/login  (password "demo-password", no second factor in this local demo)`);
      const logins = [
        ['admin@heard.local', 'deployment admin (every organisation)'],
        ['leaf-admin@heard.local', 'organisation admin at LEAF'],
        ['facilitator@heard.local', 'facilitator at LEAF'],
        ['moderator@heard.local', 'moderator at Homeless Oxfordshire'],
        ['moderator2@heard.local', 'moderator at LEAF (the demo second coding is hers)'],
        ['assessor@heard.local', "assessor at St Mungo's (Sam Demo's trusted assessment is hers)"],
        ['assessor2@heard.local', 'assessor at Connection Support (Sam Demo consented to share with it)'],
        ['support@heard.local', 'support worker at Connection Support (reads shared assessments)'],
        ['assessor3@heard.local', 'assessor at A2Dominion (outside Sam Demo\'s consent: cannot read it)'],
        ['commissioner@heard.local', 'commissioner at Oxford City Council'],
      ];
      for (const [email, what] of logins) console.log(`  ${email.padEnd(27)} ${what}`);
      console.log(`\nTrusted assessment: Sam Demo (TA-7KQ3-M9XW), completed by St Mungo's and shared with Connection Support.`);
      console.log(`  Sign in as assessor@heard.local and open ${url}/assess/${SAM_DEMO_ASSESSMENT}`);
      console.log('  (assessor2@ or support@ read it through consent; assessor3@ gets "not found").');
      console.log(`  Sam can read their own copy at ${url}/my-assessment with a code, once the assessor makes one on the assessment's page.`);
      console.log(`\nKiosk PIN for FEST26: ${DEMO_KIOSK_PIN}  (a facilitator starts kiosk mode from the session's page; "Leave kiosk" asks for it)`);
      console.log('\nPress Ctrl+C to stop.');
      break;
    }
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 500));
}

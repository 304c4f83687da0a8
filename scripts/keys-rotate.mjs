// Rotates the key ring (HEARD_KEYS).
//   npm run keys:rotate                      local: a new key first in .dev.vars (the old ones kept, so
//                                            what they sealed still opens), then everything re-sealed
//                                            under it in batches; prints rows per table and what remains
//   npm run keys:rotate -- --status          local: only what remains under older keys
//   npm run keys:rotate -- --remote          deployed: makes a key and prints the `wrangler secret put` steps;
//                                            the scheduled handler re-seals (every 15 minutes)
//   npm run keys:rotate -- --remote --status deployed: sealed rows per key id
//   --persist-to <dir> (or HEARD_STATE_DIR)  a local D1 kept outside .wrangler/state, as for `npm start`
//   --id <id>                                the new key's id (default: k<next number> locally, k<yymmdd> remotely)
// Nothing secret is printed except the new key with --remote (shown once, to be pasted into the secret).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeyRing, newKeyRingValue } from '../worker/http/keys.ts';
import { KEY_COUNTS, resealBatch, SEALED_TABLES, sealedRemaining } from '../worker/db/rotation.ts';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const remote = flag('--remote');
const status = flag('--status');
const persistTo = option('--persist-to') ?? process.env.HEARD_STATE_DIR;
const BATCH = 200;

/** An error's class only: a failed query's message carries its bound values (sealed values among them). */
function fail(what, err) {
  console.error(`${what} failed (${err instanceof Error ? err.constructor.name : typeof err}). Nothing secret is shown here; run it again to continue where it stopped.`);
  process.exit(1);
}

if (remote) {
  if (status) remoteStatus();
  else remoteSteps();
} else {
  await local();
}

function remoteSteps() {
  const d = new Date();
  const id = option('--id') ?? `k${String(d.getUTCFullYear()).slice(2)}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  const key = newKeyRingValue(id);
  console.log(`A new key, made here and shown only now:

  ${key}

To rotate the deployed Worker's keys:
  1. npx wrangler secret put HEARD_KEYS
     and enter the new key, a comma, then the current value, all on one line:
       ${key},<the current HEARD_KEYS>
     Keep every old key after the new one: what they sealed (and the keyed hashes they made) only opens with them.
  2. The secret takes effect at once: new values are sealed and hashed with ${id} from the next request.
  3. The scheduled handler (every 15 minutes) re-seals what is still under an older key, up to
     ${BATCH * 10} rows a run, in batches of ${BATCH}. Watch it with:
       npm run keys:rotate -- --remote --status
  4. Remove an old key only once nothing remains under it, and not before 28 days have passed: withdrawal
     codes, kiosk PINs and copy codes are keyed hashes that cannot be re-made, and keep working through
     the old key until they expire (a kiosk PIN or copy code until it is set again).`);
}

function remoteStatus() {
  console.log('Sealed rows in the deployed D1, by key id ("(none)": never sealed, from before sealing):');
  for (const table of SEALED_TABLES) {
    let rows;
    try {
      const out = execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', '--remote', '--json', '--command', KEY_COUNTS[table]], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      });
      rows = JSON.parse(out)[0]?.results ?? [];
    } catch (err) {
      fail(`Counting ${table}`, err);
    }
    const counts = rows.map(({ k, n }) => `${k || '(none)'}: ${n}`).join(', ');
    console.log(`  ${table.padEnd(20)} ${counts || 'none'}`);
  }
  console.log('The first key in HEARD_KEYS is the current one; every other count here is still to be re-sealed.');
}

async function local() {
  const devVars = existsSync('.dev.vars') ? readFileSync('.dev.vars', 'utf8') : '';
  const current = /^HEARD_KEYS=(.+)$/m.exec(devVars)?.[1]?.trim();
  if (!current) {
    console.error('No HEARD_KEYS in .dev.vars: run `npm start` once, which makes a local key.');
    process.exit(2);
  }
  let ringValue = current;
  if (!status) {
    const ids = current.split(',').map((pair) => pair.split(':')[0]);
    const next = Math.max(0, ...ids.map((id) => Number(/^k(\d+)$/.exec(id)?.[1] ?? 0))) + 1;
    const id = option('--id') ?? `k${next}`;
    if (ids.includes(id)) {
      console.error(`HEARD_KEYS already has a key ${id}: choose another with --id.`);
      process.exit(2);
    }
    ringValue = `${newKeyRingValue(id)},${current}`;
    KeyRing.parse(ringValue);
    writeFileSync('.dev.vars', devVars.replace(/^HEARD_KEYS=.+$/m, `HEARD_KEYS=${ringValue}`), { mode: 0o600 });
    console.log(`Made key ${id} and put it first in HEARD_KEYS in .dev.vars; the older keys (${ids.join(", ")}) stay after it, so what they sealed still opens.`);
    console.log('Restart `npm start` (or wrangler dev) so the running Worker seals with it too.');
  }
  const ring = KeyRing.parse(ringValue);

  const { getPlatformProxy } = await import('wrangler');
  const proxy = await getPlatformProxy({ configPath: 'wrangler.toml', persist: persistTo ? { path: join(persistTo, 'v3') } : true, remoteBindings: false });
  try {
    const db = proxy.env.DB;
    if (!status) {
      const byTable = Object.fromEntries(SEALED_TABLES.map((t) => [t, 0]));
      let unopened = 0;
      try {
        for (;;) {
          const outcome = await resealBatch(db, ring, BATCH);
          for (const t of SEALED_TABLES) byTable[t] += outcome.byTable[t];
          unopened = outcome.unopened;
          if (outcome.resealed < BATCH) break;
        }
      } catch (err) {
        fail('Re-sealing', err);
      }
      console.log(`Re-sealed under ${ring.currentId}, in batches of ${BATCH}:`);
      for (const t of SEALED_TABLES) console.log(`  ${t.padEnd(20)} ${byTable[t]}`);
      if (unopened) console.log(`  ${unopened} would not open (changed outside Heard?) and were left as they are.`);
    }
    let remaining;
    try {
      remaining = await sealedRemaining(db, ring);
    } catch (err) {
      fail('Counting', err);
    }
    console.log(`Still not under ${ring.currentId}:`);
    for (const t of SEALED_TABLES) {
      const { old, lost } = remaining[t];
      console.log(`  ${t.padEnd(20)} ${old} to re-seal${lost ? `, ${lost} under a key no longer in HEARD_KEYS (cannot be opened)` : ''}`);
    }
  } finally {
    await proxy.dispose();
  }
}

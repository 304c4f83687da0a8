// Creates the first deployment admin and prints their one-time invite link.
//   npm run admin:invite -- --remote --email ada@example.org --name "Ada Lovelace" \
//     --organisation oxfordshire-county-council --url https://heard.example.workers.dev
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    remote: { type: 'boolean', default: false },
    email: { type: 'string' },
    name: { type: 'string' },
    organisation: { type: 'string', default: 'oxfordshire-county-council' },
    url: { type: 'string', default: 'http://localhost:8787' },
  },
});
if (!values.email || !values.name) {
  console.error('Give --email and --name (and --organisation, --url, --remote as needed).');
  process.exit(2);
}
const lit = (v) => `'${String(v).replace(/'/g, "''")}'`;
const id = randomUUID();
const token = randomBytes(32).toString('base64url');
const tokenHash = createHash('sha256').update(token).digest('hex');
const now = Date.now();
const sql = [
  `INSERT INTO users (id, email, name, status) VALUES (${lit(id)}, ${lit(values.email.toLowerCase())}, ${lit(values.name)}, 'invited');`,
  `INSERT INTO memberships (user_id, organisation_id, role) VALUES (${lit(id)}, ${lit(values.organisation)}, 'deployment-admin');`,
  `INSERT INTO account_links (token_hash, user_id, kind, created_by, created_at, expires_at) VALUES (${lit(tokenHash)}, ${lit(id)}, 'invite', 'system', ${now}, ${now + 7 * 86_400_000});`,
  `INSERT INTO audit_log (at, actor, action, target_type, target_id, detail) VALUES (${now}, 'system', 'invite', 'user', ${lit(id)}, 'first admin');`,
].join(' ');
execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', values.remote ? '--remote' : '--local', '--command', sql, '--yes'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
});
console.log(`Invite link for ${values.name} (works once, for 7 days):\n  ${values.url.replace(/\/$/, '')}/invite/${token}`);

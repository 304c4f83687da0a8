// Bench for the moderation workspace: the queue page's time with 10,000 and with 100,000 responses in
// the database, the response page's weight, and the staff script's size. Runs against the app in the
// bench's Miniflare (the same D1 the run seeded), filling D1 with synthetic responses through the
// binding: a recursive CTE writes thousands of rows a statement, so filling takes seconds.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

const gzip = (buf) => zlib.gzipSync(buf, { level: 6 }).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const HOUR = 3_600_000;

/** Adds synthetic responses until there are `total` (ids bench-1...), each with a moderation row and a redacted text. */
async function fillTo(d1, total) {
  const have = (await d1.prepare("SELECT count(*) AS n FROM responses WHERE id LIKE 'bench-%'").first()).n;
  if (have >= total) return;
  const version = (await d1.prepare("SELECT current_version_id AS v FROM forms WHERE slug = 'service-feedback'").first()).v;
  const now = Math.floor(Date.now() / HOUR) * HOUR;
  // In chunks of 20,000 so no statement runs long.
  for (let from = have + 1; from <= total; from += 20_000) {
    const to = Math.min(total, from + 19_999);
    const series = `WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${to})`;
    await d1.batch([
      d1.prepare(`${series} INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) SELECT 'bench-' || i, ?, CASE i % 5 WHEN 0 THEN 'kiosk' WHEN 1 THEN 'paper' ELSE 'online' END, 'en', ? - (i % 8760) * ${HOUR} FROM n`).bind(version, now),
      d1.prepare(
        `${series} INSERT INTO moderation (response_id, status, safeguarding, quote_consent, submitted_at) SELECT 'bench-' || i, CASE i % 3 WHEN 0 THEN 'new' WHEN 1 THEN 'done' ELSE 'in-review' END, CASE WHEN i % 997 = 0 THEN 'open' ELSE 'none' END, i % 2, ? - (i % 8760) * ${HOUR} FROM n`,
      ).bind(now),
      d1.prepare(
        `${series} INSERT INTO answer_texts (response_id, question_id, redacted) SELECT 'bench-' || i, 'what-worked', 'The staff at [place] were kind but I waited ' || (i % 40) || ' weeks to hear back about my housing application, and nobody rang me.' FROM n`,
      ),
    ]);
  }
}

async function signInModerator(origin) {
  const res = await fetch(new URL('/login', origin), {
    method: 'POST',
    redirect: 'manual',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': '203.0.113.200' },
    body: new URLSearchParams({ email: 'moderator@heard.local', password: 'demo-password' }),
  });
  if (res.status !== 303) throw new Error(`moderator sign-in gave ${res.status}`);
  return res.headers.get('set-cookie').split(';')[0];
}

async function timePage(url, cookie, rounds = 25) {
  const times = [];
  let body;
  for (let i = 0; i < rounds + 3; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
    body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`GET ${url} gave ${res.status}`);
    if (i >= 3) times.push(performance.now() - t); // the first few warm the isolate
  }
  return { ms: median(times), gzip: gzip(body), raw: body.length };
}

/** The staff scripts the build made (every JS asset but the respondent's enhancement script), gzipped. */
async function staffScripts(root) {
  const manifest = JSON.parse(await readFile(path.join(root, 'dist/client/.vite/manifest.json'), 'utf8'));
  const out = [];
  for (const [src, entry] of Object.entries(manifest)) {
    if (!entry.file.endsWith('.js') || /enhance/.test(src)) continue;
    const buf = await readFile(path.join(root, 'dist/client', entry.file));
    out.push({ src, file: entry.file, gzip: gzip(buf), raw: buf.length });
  }
  return out;
}

export async function moderationTimings(mf, origin, root) {
  const d1 = await mf.getD1Database('DB', 'app');
  const cookie = await signInModerator(origin);
  const queueUrl = new URL('/moderate', origin).href;
  const searchUrl = new URL('/moderate?q=housing+application&status=new', origin).href;
  const results = {};
  for (const total of [10_000, 100_000]) {
    await fillTo(d1, total);
    const count = (await d1.prepare('SELECT count(*) AS n FROM responses').first()).n;
    results[total] = { count, queue: await timePage(queueUrl, cookie), search: await timePage(searchUrl, cookie, 10) };
  }
  const first = (await d1.prepare("SELECT response_id AS id FROM moderation WHERE response_id NOT LIKE 'bench-%' AND status = 'done' LIMIT 1").first()).id;
  const responsePage = await timePage(new URL(`/moderate/responses/${first}`, origin).href, cookie, 10);
  return { at10k: results[10_000], at100k: results[100_000], responsePage, scripts: await staffScripts(root) };
}

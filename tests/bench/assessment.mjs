// Bench for trusted assessments: the time to open one (every section opened with AES-GCM, the name
// and date of birth too, the page rendered, the read logged) and to save a section (sealed, upserted,
// logged). Runs against the app in the bench's Miniflare. The assessment is made over HTTP as an
// assessor would, every section filled with answers of a realistic length.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const NARRATIVE =
  'Sam says things went wrong after the relationship ended and the rent fell behind. They slept in the car park by the station for three weeks, then at a friend’s, and now mostly by the river. They want to be near the bike workshop where they volunteer on Tuesdays. ';

async function signIn(origin) {
  const res = await fetch(new URL('/login', origin), {
    method: 'POST',
    redirect: 'manual',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': '203.0.113.61' },
    body: new URLSearchParams({ email: 'assessor@heard.local', password: 'demo-password' }),
  });
  if (res.status !== 303) throw new Error(`assessor sign-in gave ${res.status}`);
  return res.headers.get('set-cookie').split(';')[0];
}

async function csrfOf(origin, cookie) {
  const html = await (await fetch(new URL('/assess/people/new', origin), { headers: { cookie } })).text();
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no form token on /assess/people/new');
  return m[1];
}

const post = (origin, cookie, url, fields) =>
  fetch(new URL(url, origin), { method: 'POST', redirect: 'manual', headers: { origin, cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

/** Fields answering every question of a section, as the section's form would post them. */
function sectionFields(page) {
  const fields = [];
  for (const q of page.questions) {
    switch (q.type) {
      case 'short_text':
        fields.push([q.id, 'Sam'.padEnd(Math.min(40, q.maxLength ?? 200), ' ').trim()]);
        break;
      case 'long_text':
        fields.push([q.id, NARRATIVE.repeat(3).slice(0, Math.min(q.maxLength ?? 2000, 700))]);
        break;
      case 'single_choice':
      case 'rating':
        fields.push([q.id, q.options[0].value]);
        break;
      case 'multiple_choice':
        for (const o of q.options.filter((o) => !o.exclusive).slice(0, 2)) fields.push([q.id, o.value]);
        break;
      case 'yes_no':
      case 'consent':
        fields.push([q.id, 'yes']);
        break;
      case 'number':
        fields.push([q.id, '1']);
        break;
      case 'date':
        fields.push([`${q.id}-day`, '3'], [`${q.id}-month`, '4'], [`${q.id}-year`, q.notInFuture ? '1990' : '2027']);
        break;
    }
  }
  return fields;
}

async function timed(fn, rounds, warm = 3) {
  const times = [];
  for (let i = 0; i < rounds + warm; i++) {
    const t = performance.now();
    await fn();
    if (i >= warm) times.push(performance.now() - t);
  }
  return { median: median(times), p95: p95(times), n: times.length };
}

export async function assessmentTimings(origin, root) {
  const form = JSON.parse(await readFile(path.join(root, 'seeds/forms/trusted-assessment.json'), 'utf8'));
  const cookie = await signIn(origin);
  const csrf = await csrfOf(origin, cookie);
  const add = await post(origin, cookie, '/assess/people', { csrf, name: 'Bench Person', 'birth-day': '3', 'birth-month': '4', 'birth-year': '1990', language: 'en', 'add-anyway': 'yes' });
  const id = /\/assess\/([0-9a-f-]{36})/.exec(add.headers.get('location') ?? '')?.[1];
  if (!id) throw new Error(`adding a person gave ${add.status}`);
  for (const page of form.definition.pages) {
    const res = await post(origin, cookie, `/assess/${id}/sections/${page.id}`, [['csrf', csrf], ['action', 'later'], ...sectionFields(page)]);
    if (res.status !== 303) throw new Error(`saving ${page.id} gave ${res.status}`);
  }
  const health = form.definition.pages.find((p) => p.id === 'health') ?? form.definition.pages[0];
  const save = await timed(async () => {
    const res = await post(origin, cookie, `/assess/${id}/sections/${health.id}`, [['csrf', csrf], ['action', 'later'], ...sectionFields(health)]);
    if (res.status !== 303) throw new Error(`saving a section gave ${res.status}`);
  }, 25);
  let bytes = 0;
  const open = await timed(async () => {
    const res = await fetch(new URL(`/assess/${id}`, origin), { headers: { cookie } });
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`opening the assessment gave ${res.status}`);
    bytes = body.byteLength;
  }, 25);
  return { open, save, sections: form.definition.pages.length, bytes };
}

export function assessmentRows(a) {
  if (a.error) return [['opening a trusted assessment (decrypt and render)', '< 100 ms', `could not measure: ${a.error}`, '—']];
  return [
    [
      `opening a trusted assessment (decrypt ${a.sections} sections, name and date of birth; render; log the read): median, p95`,
      '< 100 ms',
      `${a.open.median.toFixed(1)} ms, ${a.open.p95.toFixed(1)} ms (n = ${a.open.n}; ${(a.bytes / 1000).toFixed(1)} KB HTML)`,
      a.open.median < 100 ? 'yes' : '**no**',
    ],
    [`saving a section of an assessment (seal, store, log; 303): median, p95`, 'none set', `${a.save.median.toFixed(1)} ms, ${a.save.p95.toFixed(1)} ms (n = ${a.save.n})`, '—'],
  ];
}

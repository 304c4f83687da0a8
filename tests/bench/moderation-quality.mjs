// Recall and precision of the two moderation engines on the labelled examples, measured
// separately on the tuned set (what the lists were built on) and the held-out set (written
// first, never tuned on: the honest figure). `npm run bench` calls measureModerationQuality();
// `node tests/bench/moderation-quality.mjs` prints the table on its own.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/moderate/fixtures');
const KINDS = ['name', 'phone', 'email', 'postcode', 'address', 'dob', 'nhs', 'ni', 'staff', 'place'];
// The kinds the brief holds to recall of at least 0.95.
const HELD_TO_095 = ['name', 'phone', 'email', 'postcode', 'dob', 'nhs', 'ni'];

const ratio = (a, b) => (b === 0 ? null : a / b);
const load = async (file) => JSON.parse(await readFile(path.join(FIXTURES, file), 'utf8')).cases;
const engine = (file) => tsImport(pathToFileURL(path.join(ROOT, 'worker/moderate', file)).href, import.meta.url);

function scoreTriage(cases, triage, signals) {
  let tp = 0, fp = 0, fn = 0, exact = 0, catTp = 0, catFp = 0, catFn = 0;
  const missed = [], falseAlarms = [];
  for (const c of cases) {
    const r = triage(c.text, signals);
    if (r.flag && c.flag) tp++;
    else if (r.flag) { fp++; falseAlarms.push(c.text); }
    else if (c.flag) { fn++; missed.push(c.text); }
    if (r.flag === c.flag && JSON.stringify(r.signals) === JSON.stringify(c.signals)) exact++;
    for (const k of r.signals) (c.signals.includes(k) ? catTp++ : catFp++);
    for (const k of c.signals) if (!r.signals.includes(k)) catFn++;
  }
  return {
    n: cases.length,
    recall: ratio(tp, tp + fn),
    precision: ratio(tp, tp + fp),
    exact: ratio(exact, cases.length),
    categories: { recall: ratio(catTp, catTp + catFn), precision: ratio(catTp, catTp + catFp) },
    missed,
    falseAlarms,
  };
}

function goldSpans(text, spans) {
  let from = 0;
  return spans.map(({ match, kind }) => {
    const start = text.indexOf(match, from);
    from = start + match.length;
    return { start, end: from, kind };
  });
}

function scoreRedaction(cases, proposeRedactions, lists) {
  const found = Object.fromEntries(KINDS.map((k) => [k, 0]));
  const total = Object.fromEntries(KINDS.map((k) => [k, 0]));
  let proposed = 0, right = 0, covered = 0, gold = 0;
  const wrong = [], missed = [];
  for (const c of cases) {
    const want = goldSpans(c.text, c.spans);
    const got = proposeRedactions(c.text, lists).spans;
    proposed += got.length;
    for (const w of want) {
      total[w.kind]++;
      gold++;
      if (got.some((g) => g.start === w.start && g.end === w.end && g.kind === w.kind)) found[w.kind]++;
      else missed.push(`${c.text.slice(w.start, w.end)} (${w.kind}) in "${c.text}"`);
      // Lenient: every character of the detail is hidden, whatever kind the cover is.
      if (got.some((g) => g.start <= w.start && g.end >= w.end)) covered++;
    }
    for (const g of got) {
      if (want.some((w) => g.start === w.start && g.end === w.end && g.kind === w.kind)) right++;
      else wrong.push(`${c.text.slice(g.start, g.end)} (${g.kind}) in "${c.text}"`);
    }
  }
  const recall = Object.fromEntries(KINDS.filter((k) => total[k] > 0).map((k) => [k, ratio(found[k], total[k])]));
  return { n: cases.length, spans: gold, recall, support: total, precision: ratio(right, proposed), hidden: ratio(covered, gold), wrong, missed };
}

/**
 * { heldout, tuned, batches: { 1, 2, 3 } }, each { triage: { recall, precision, n, ... },
 * redaction: { recall: { kind: r }, precision, n, ... } }. `heldout` is every held-out batch together;
 * each batch was written before the changes that followed it (see the fixtures' "about").
 */
export async function measureModerationQuality() {
  const [{ triage }, { proposeRedactions }, { defaultSignals, defaultRedactionLists }] = await Promise.all([engine('triage.ts'), engine('redact.ts'), engine('defaults.ts')]);
  const score = (t, r) => ({ triage: scoreTriage(t, triage, defaultSignals), redaction: scoreRedaction(r, proposeRedactions, defaultRedactionLists) });
  const [ht, hr, tt, tr] = await Promise.all([load('triage-heldout.json'), load('redaction-heldout.json'), load('triage.json'), load('redaction.json')]);
  const batches = {};
  for (const b of [...new Set(ht.map((c) => c.batch))]) batches[b] = score(ht.filter((c) => c.batch === b), hr.filter((c) => c.batch === b));
  return { heldout: score(ht, hr), tuned: score(tt, tr), batches };
}

const pct = (v) => (v === null || v === undefined ? '-' : `${(v * 100).toFixed(1)}%`);

export function printModerationQuality(q) {
  const batchNames = Object.keys(q.batches);
  const rows = [['measure', 'aim', 'held-out', ...batchNames.map((b) => `batch ${b}`), 'tuned']];
  const row = (label, aim, pick) => rows.push([label, aim, pct(pick(q.heldout)), ...batchNames.map((b) => pct(pick(q.batches[b]))), pct(pick(q.tuned))]);
  row(`safeguarding recall (flag), n=${q.heldout.triage.n}/${q.tuned.triage.n}`, '>= 95%', (s) => s.triage.recall);
  row('safeguarding precision (flag)', '>= 80%', (s) => s.triage.precision);
  row('safeguarding categories exactly right', '', (s) => s.triage.exact);
  row('safeguarding category recall', '', (s) => s.triage.categories.recall);
  row('safeguarding category precision', '', (s) => s.triage.categories.precision);
  for (const k of KINDS) row(`redaction recall: ${k} (${q.heldout.redaction.support[k]}/${q.tuned.redaction.support[k]})`, HELD_TO_095.includes(k) ? '>= 95%' : '', (s) => s.redaction.recall[k]);
  row(`redaction precision (exact span and kind), n=${q.heldout.redaction.n}/${q.tuned.redaction.n}`, '', (s) => s.redaction.precision);
  row('redaction: details fully hidden', '', (s) => s.redaction.hidden);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, j) => cell.padEnd(widths[j])).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  for (const set of ['heldout', 'tuned']) {
    const t = q[set].triage, r = q[set].redaction;
    if (t.missed.length) console.log(`\n${set}: missed concerns\n  ${t.missed.join('\n  ')}`);
    if (t.falseAlarms.length) console.log(`\n${set}: false alarms\n  ${t.falseAlarms.join('\n  ')}`);
    if (r.wrong.length) console.log(`\n${set}: redactions not in the labels\n  ${r.wrong.join('\n  ')}`);
    if (r.missed.length) console.log(`\n${set}: labelled details not redacted exactly\n  ${r.missed.join('\n  ')}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printModerationQuality(await measureModerationQuality());

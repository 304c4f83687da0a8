// Suggestion quality on the labelled statements (tests/fixtures/suggest/statements.json, written for
// this and never tuned on one by one): precision at 1 and recall at 3 of the Oxfordshire countywide
// objectives, for the text-only model (the objectives' own words and vocabulary), and for the model
// after learning from half of the set (each statement's codes as confirmed tags), scored on the other
// half, then the reverse, averaged. Also the time to suggest for one answer and to learn one tag, in
// Node on the same code the Worker runs (the Worker adds one D1 read of the answer's terms).
// `npm run bench` calls measureSuggestionQuality(); `node tests/bench/suggest-quality.mjs` prints it alone.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FW = 'oxfordshire-countywide';
const load = async (file) => JSON.parse(await readFile(path.join(ROOT, file), 'utf8'));
const code = (id) => id.slice(FW.length + 1);

/** P@1 (the first suggestion is one of the statement's codes), R@3 (share of its codes in the top three), and where its first code ranked. */
function score(items, rank) {
  let p1 = 0, r3 = 0;
  const misses = [];
  for (const s of items) {
    const top = rank(s.text);
    if (s.objectives.includes(top[0])) p1++;
    r3 += s.objectives.filter((c) => top.slice(0, 3).includes(c)).length / s.objectives.length;
    const at = top.indexOf(s.objectives[0]);
    misses.push({ text: s.text, want: s.objectives, got: top.slice(0, 3), rank: at < 0 ? Infinity : at + 1 });
  }
  return { n: items.length, p1: p1 / items.length, r3: r3 / items.length, misses };
}

export async function measureSuggestionQuality() {
  const statements = await load('tests/fixtures/suggest/statements.json');
  const framework = await load(`seeds/frameworks/${FW}.json`);
  const vocabulary = (await load(`seeds/suggest/${FW}.json`)).vocabulary;
  const { buildIndex, suggest, learnFrom, noLearning } = await tsImport(pathToFileURL(path.join(ROOT, 'worker/moderate/suggest/model.ts')).href, import.meta.url);
  const index = buildIndex(framework.objectives.map((o) => ({ id: `${FW}:${o.code}`, label: o.code, text: [o.text, o.section, ...o.deliverables], vocabulary: vocabulary[o.code] ?? [] })));
  const ranker = (learned) => (text) => suggest(index, text, learned, { limit: 27 }).map((s) => code(s.id));
  const textOnly = score(statements, ranker(noLearning()));
  // Two folds: even and odd statements (the file is grouped by objective, so both halves cover every one).
  const halves = [statements.filter((_, i) => i % 2 === 0), statements.filter((_, i) => i % 2 === 1)];
  const examples = (items) => items.flatMap((s) => s.objectives.map((c) => ({ subject: `${FW}:${c}`, text: s.text, state: 'confirmed' })));
  const folds = [0, 1].map((k) => score(halves[1 - k], ranker(learnFrom(examples(halves[k])))));
  const learned = {
    n: folds[0].n + folds[1].n,
    p1: (folds[0].p1 + folds[1].p1) / 2,
    r3: (folds[0].r3 + folds[1].r3) / 2,
    misses: [...folds[0].misses, ...folds[1].misses],
  };
  const worst = (misses) => [...misses].sort((a, b) => b.rank - a.rank || a.text.length - b.text.length).slice(0, 10);
  // Time: suggestions for one answer with everything learned, and learning one tag, averaged over many.
  const all = learnFrom(examples(statements));
  const texts = statements.map((s) => s.text);
  let t = performance.now();
  const rounds = 20;
  for (let k = 0; k < rounds; k++) for (const text of texts) suggest(index, text, all);
  const suggestMs = (performance.now() - t) / (rounds * texts.length);
  t = performance.now();
  for (let k = 0; k < rounds; k++) learnFrom(examples(statements));
  const learnMs = (performance.now() - t) / (rounds * examples(statements).length);
  return {
    statements: statements.length,
    withThemes: statements.filter((s) => s.themes?.length).length,
    textOnly: { ...textOnly, worst: worst(textOnly.misses) },
    learned: { ...learned, worst: worst(learned.misses) },
    suggestMs,
    learnMs,
  };
}

/**
 * Inside the Worker, on the bench's D1 (the probe Worker of reports.mjs): learns every queued tag, then
 * suggests for each labelled statement as the response page does (learned counts read from D1).
 */
export async function workerSuggestionTimes(mf) {
  const statements = await load('tests/fixtures/suggest/statements.json');
  const url = await mf.unsafeGetDirectURL('report-probe');
  const res = await (await fetch(url, { method: 'POST', body: JSON.stringify({ suggest: { framework: FW, texts: statements.map((s) => s.text) } }) })).json();
  if (res.error) throw new Error(`suggestions in the Worker: ${res.error}`);
  const sorted = [...res.times].sort((a, b) => a - b);
  return { learned: res.learned, learnMs: res.learnMs, median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)], n: sorted.length };
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const missText = (x) => `want ${x.want.join(', ')}, top three ${x.got.join(', ') || 'none'} (first code ${Number.isFinite(x.rank) ? `at ${x.rank}` : 'not suggested'}): “${x.text.length > 90 ? `${x.text.slice(0, 90)}…` : x.text}”`;

/** The bench table's rows: the scores against DESIGN.md's budget, the times, and the ten worst misses. */
export function suggestionRows(q, worker) {
  return [
    [
      'objective suggestions on statements the model has never seen: recall at 3 (learned from the other half of the labelled set, two folds)',
      '≥ 0.8',
      `${pct(q.learned.r3)}, precision at 1 ${pct(q.learned.p1)}; text only (no learning): recall at 3 ${pct(q.textOnly.r3)}, precision at 1 ${pct(q.textOnly.p1)} (${q.statements} statements, countywide objectives)`,
      q.learned.r3 >= 0.8 ? 'yes' : '**no**',
    ],
    [
      'suggestions for one answer in the Worker (learned counts read from D1, five objectives and three themes), median and 95th percentile',
      '< 5 ms',
      worker ? `${worker.median.toFixed(1)} ms, ${worker.p95.toFixed(1)} ms (${worker.n} statements; the scoring itself ${q.suggestMs.toFixed(2)} ms in Node)` : `not measured in the Worker; the scoring ${q.suggestMs.toFixed(2)} ms in Node`,
      // "Time per answer": judged on the median, with the 95th percentile beside it.
      worker ? (worker.median < 5 ? `yes (median; 95th percentile ${worker.p95 < 5 ? 'under' : 'at or over'} 5 ms)` : '**no**') : '—',
    ],
    [
      'learning one confirmed tag (its terms counted, in D1 by the triggers)',
      'none set',
      worker?.learned ? `${(worker.learnMs / worker.learned).toFixed(2)} ms a tag in the Worker (${worker.learned.toLocaleString('en-GB')} queued tags learned in ${Math.round(worker.learnMs)} ms); ${q.learnMs.toFixed(3)} ms of it stemming, in Node` : `${q.learnMs.toFixed(3)} ms a tag stemming in Node (no tags were queued in the Worker)`,
      '—',
    ],
    ...q.learned.worst.map((x, i) => [`suggestions: worst miss ${i + 1} of 10 (learned model)`, '—', missText(x), '—']),
  ];
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const q = await measureSuggestionQuality();
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  console.log(`${q.statements} statements (${q.withThemes} with themes)`);
  console.log(`text only: P@1 ${pct(q.textOnly.p1)}, R@3 ${pct(q.textOnly.r3)}`);
  console.log(`learned from the other half (two folds): P@1 ${pct(q.learned.p1)}, R@3 ${pct(q.learned.r3)}`);
  console.log(`suggest ${q.suggestMs.toFixed(3)} ms an answer; learn ${q.learnMs.toFixed(3)} ms a tag (Node, the same code)`);
  for (const [name, m] of [['text only', q.textOnly.worst], ['learned', q.learned.worst]]) {
    console.log(`\nworst misses, ${name}:`);
    for (const x of m) console.log(`  want ${x.want.join(',')} got ${x.got.join(',')} (first code at ${x.rank}): ${x.text.slice(0, 110)}`);
  }
}

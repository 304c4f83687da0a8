// `npm run suggest -- --framework <framework id> [--no-learning]`: reads one statement per line on
// standard input and prints, per line, a JSON array of the top five objective codes, with the same
// code as the Worker (worker/moderate/suggest/) and what it learned from the local D1's tags (confirmed
// tags teach, rejected suggestions count against). --no-learning: the objectives' own words and
// vocabulary only. --seeded (or no local D1): the seed files. --persist-to <dir>: as for db:seed.
import countywide from '../seeds/frameworks/oxfordshire-countywide.json' with { type: 'json' };
import actionPlan from '../seeds/frameworks/oxfordshire-action-plan-2023-26.json' with { type: 'json' };
import cityOfLondon from '../seeds/frameworks/city-of-london-2023-27.json' with { type: 'json' };
import { seedData } from '../seeds/index.ts';
import { buildIndex, learnFrom, noLearning, suggest } from '../worker/moderate/suggest/model.ts';
import { eachLine, localQuery } from './moderation-cli.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--framework');
const frameworkId = at >= 0 ? args[at + 1] : undefined;
const known = [countywide, actionPlan, cityOfLondon].map((f) => f.id);
if (!frameworkId || !known.includes(frameworkId)) {
  process.stderr.write(`Say which framework: --framework ${known.join(' | ')}\n`);
  process.exit(2);
}
const quote = (s) => `'${s.replace(/'/g, "''")}'`;

let objectives = localQuery(`SELECT id, code, section, text, deliverables, vocabulary FROM objectives WHERE framework_id = ${quote(frameworkId)} ORDER BY position`);
if (objectives && objectives.length > 0) {
  objectives = objectives.map((o) => ({ ...o, deliverables: JSON.parse(o.deliverables), vocabulary: JSON.parse(o.vocabulary) }));
  process.stderr.write(`Using ${objectives.length} objectives of ${frameworkId} from the local D1.\n`);
} else {
  objectives = seedData.frameworks.find((f) => f.id === frameworkId).objectives.map((o) => ({ ...o, id: `${frameworkId}:${o.code}` }));
  process.stderr.write(`Using the seeded objectives of ${frameworkId}.\n`);
}
const index = buildIndex(objectives.map((o) => ({ id: o.id, label: o.code, text: [o.text, o.section, ...o.deliverables], vocabulary: o.vocabulary })));
const codeOf = new Map(objectives.map((o) => [o.id, o.code]));

let learned = noLearning();
if (!args.includes('--no-learning')) {
  const rows = localQuery(
    `SELECT t.objective_id AS subject, t.state AS state, e.text AS text FROM tags t JOIN excerpts e ON e.id = t.excerpt_id WHERE t.objective_id >= ${quote(`${frameworkId}:`)} AND t.objective_id < ${quote(`${frameworkId};`)}`,
  );
  learned = learnFrom(rows ?? []);
  process.stderr.write(rows ? `Learned from ${rows.length} tags in the local D1.\n` : 'No local D1 tags to learn from: the text-only model.\n');
}

await eachLine((line) => (line.trim() ? suggest(index, line, learned).map((s) => codeOf.get(s.id)) : []));

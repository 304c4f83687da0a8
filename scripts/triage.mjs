// `npm run triage`: one statement per line in, one {"flag":…,"signals":[…]} per line out,
// with the Worker's own triage and the local D1's signal list (the seeded one on a fresh database).
//   npm run triage < statements.txt        add -- --matches to see which words matched and why
import { triage } from '../worker/moderate/triage.ts';
import { eachLine, loadSignals } from './moderation-cli.mjs';

const signals = loadSignals();
const withMatches = process.argv.includes('--matches');
await eachLine((line) => {
  const { flag, signals: found, matches } = triage(line, signals);
  return withMatches ? { flag, signals: found, matches } : { flag, signals: found };
});

// `npm run redact`: one statement per line in, one {"text":…,"spans":[…]} per line out, with the
// Worker's own redaction and the local D1's staff and place list (the seeded one on a fresh database).
import { proposeRedactions } from '../worker/moderate/redact.ts';
import { eachLine, loadRedactionLists } from './moderation-cli.mjs';

const lists = loadRedactionLists();
await eachLine((line) => proposeRedactions(line, lists));

// The Worker entry: HTTP requests go to the Hono app; the cron trigger purges expired drafts, sessions (and
// the section saves held when one ended) and
// sign-in counters, forgets withdrawal codes once their 28 days are over, and deletes the original words of
// answers whose moderation was done ORIGINAL_TEXT_RETENTION_DAYS ago, learns suggestions from new tags,
// re-seals what is still under an older key, so prepending a new key to HEARD_KEYS rotates by itself,
// and deletes trusted assessments with no activity for ASSESSMENT_RETENTION_MONTHS (keeping a tombstone).
import { buildApp, unexpectedErrorLine } from './app';
import { database } from './db/client';
import { purgeExpiredSessions } from './auth/sessions';
import { purgeExpiredHeldSaves } from './assess/held/held-saves';
import { purgeOldSignInFailures } from './auth/sign-in-limits';
import { auditWithdrawals, forgetOldWithdrawalKeys, purgeExpiredDrafts } from './respond/queries';
import { config } from './env';
import { purgeOriginalTexts } from './moderate/retention';
import { learnPending } from './moderate/suggest/learn';
import { resealBatch } from './db/rotation';

/** Rows re-sealed per batch, and batches per run: a large rotation finishes over several runs. */
const RESEAL_BATCH = 200;
const RESEAL_ROUNDS = 10;
import { runRetention } from './assess/retention';

const app = buildApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(
      (async () => {
        const db = database(env.DB);
        try {
          // Bounded chunks keep each statement short; stop when a chunk comes back short.
          for (let round = 0; round < 20; round++) {
            if ((await purgeExpiredDrafts(db, Date.now())) < 500) break;
          }
          await purgeExpiredSessions(db);
          await purgeExpiredHeldSaves(db);
          await purgeOldSignInFailures(db);
          await forgetOldWithdrawalKeys(db, Date.now());
          await auditWithdrawals(db, Date.now());
          // The original words are temporary: deleted a set time after moderation is done, in bounded chunks.
          await purgeOriginalTexts(db, config(env).ORIGINAL_TEXT_RETENTION_DAYS, Date.now());
          // Suggestions learn from tags made in bulk (the demo, an import) without waiting for a page to be opened.
          for (let round = 0; round < 20; round++) {
            if ((await learnPending(env.DB, 200)) < 200) break;
          }
          // Assessments past their retention period: content deleted, tombstone and access log kept; a few batches a run.
          await runRetention(db, config(env).ASSESSMENT_RETENTION_MONTHS, Date.now());
        } catch (err) {
          // Caught so that Workers Logs never records the message of a failed query (it carries bound values).
          console.error(unexpectedErrorLine(err, 'scheduled', 'CRON', crypto.randomUUID()));
        }
        // Apart, so a failed re-seal never holds up the purges above, nor they it.
        try {
          const ring = config(env).HEARD_KEYS;
          for (let round = 0; ring && round < RESEAL_ROUNDS; round++) {
            if ((await resealBatch(env.DB, ring, RESEAL_BATCH)).resealed < RESEAL_BATCH) break;
          }
        } catch (err) {
          console.error(unexpectedErrorLine(err, 'scheduled.reseal', 'CRON', crypto.randomUUID()));
        }
      })(),
    );
  },
} satisfies ExportedHandler<Env>;

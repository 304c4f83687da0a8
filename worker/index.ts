// The Worker entry: HTTP requests go to the Hono app; the cron trigger purges expired drafts, sessions (and
// the section saves held when one ended) and
// sign-in counters, forgets withdrawal codes once their 28 days are over, and deletes the original words of
// answers whose moderation was done ORIGINAL_TEXT_RETENTION_DAYS ago, and learns suggestions from new tags.
import { buildApp, unexpectedErrorLine } from './app';
import { database } from './db/client';
import { purgeExpiredSessions } from './auth/sessions';
import { purgeExpiredHeldSaves } from './assess/held/held-saves';
import { purgeOldSignInFailures } from './auth/sign-in-limits';
import { auditWithdrawals, forgetOldWithdrawalKeys, purgeExpiredDrafts } from './respond/queries';
import { config } from './env';
import { purgeOriginalTexts } from './moderate/retention';
import { learnPending } from './moderate/suggest/learn';

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
        } catch (err) {
          // Caught so that Workers Logs never records the message of a failed query (it carries bound values).
          console.error(unexpectedErrorLine(err, 'scheduled', 'CRON', crypto.randomUUID()));
        }
      })(),
    );
  },
} satisfies ExportedHandler<Env>;

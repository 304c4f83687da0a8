// The Worker entry: HTTP requests go to the Hono app; the cron trigger purges expired drafts, sessions and
// sign-in counters, and forgets withdrawal codes once their 28 days are over.
import { buildApp, unexpectedErrorLine } from './app';
import { database } from './db/client';
import { purgeExpiredSessions } from './auth/sessions';
import { purgeOldSignInFailures } from './auth/sign-in-limits';
import { forgetOldWithdrawalKeys, purgeExpiredDrafts } from './respond/queries';

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
          await purgeOldSignInFailures(db);
          await forgetOldWithdrawalKeys(db, Date.now());
        } catch (err) {
          // Caught so that Workers Logs never records the message of a failed query (it carries bound values).
          console.error(unexpectedErrorLine(err, 'scheduled', 'CRON', crypto.randomUUID()));
        }
      })(),
    );
  },
} satisfies ExportedHandler<Env>;

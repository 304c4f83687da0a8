// The Worker entry: HTTP requests go to the Hono app; the cron trigger purges expired drafts and sessions.
import { buildApp } from './app';
import { database } from './db/client';
import { purgeExpiredSessions } from './auth/sessions';
import { purgeExpiredDrafts } from './respond/queries';

const app = buildApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(
      (async () => {
        const db = database(env.DB);
        // Bounded chunks keep each statement short; stop when a chunk comes back short.
        for (let round = 0; round < 20; round++) {
          if ((await purgeExpiredDrafts(db, Date.now())) < 500) break;
        }
        await purgeExpiredSessions(db);
      })(),
    );
  },
} satisfies ExportedHandler<Env>;

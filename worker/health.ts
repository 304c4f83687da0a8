// GET /healthz: 200 once the database answers and holds its tables.
import { Hono } from 'hono';
import { publicRoute } from './auth/policy';
import type { AppEnv } from './env';

export const health = new Hono<AppEnv>().get('/healthz', publicRoute, async (c) => {
  await c.env.DB.prepare('SELECT count(*) FROM forms').first();
  return c.text('ok');
});

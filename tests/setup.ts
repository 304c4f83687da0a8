// Each test file gets its own D1: migrate it and load the same seed data `npm start` loads.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { seedStatements } from '../seeds/index';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const statements = await seedStatements();
await env.DB.batch(statements.map((s) => env.DB.prepare(s)));

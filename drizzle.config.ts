import { defineConfig } from 'drizzle-kit';

// drizzle-kit writes flat SQL files that `wrangler d1 migrations apply` and the test setup both read.
export default defineConfig({
  dialect: 'sqlite',
  schema: './worker/db/schema.ts',
  out: './migrations',
});

import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// A fixed key ring for tests only (never used anywhere else).
const TEST_KEYS = 'k2:dGVzdC1rZXktbm90LWZvci11c2Utb3V0c2lkZS10c3Q,k1:b2xkZXIta2V5LWtlcHQtdG8tb3Blbi1vbGQtdmFsdWU';

// Tests run inside workerd against the real Worker and a real local D1 (isolated per test file).
export default defineConfig(async () => {
  const migrations = await readD1Migrations('migrations');
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, RATE_LIMITER: 'memory', HEARD_SUBMIT_RATE_LIMIT: '5', HEARD_WITHDRAW_OVERALL_LIMIT: '20', EXIT_URL: 'https://exit.example/weather', PUBLIC_URL: 'https://heard.example.org', HEARD_KEYS: TEST_KEYS, SIGN_IN_SLOWDOWN_MS: '1' } },
      }),
    ],
    test: {
      include: ['tests/**/*.test.{ts,tsx}'],
      setupFiles: ['tests/setup.ts'],
      // Sign-in tests hash real passwords (PBKDF2, 100,000 rounds) dozens of times; on a busy 2-core machine that outlasts 5 s.
      testTimeout: 30_000,
    },
  };
});

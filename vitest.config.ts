import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'cli/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts', 'e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A page under load (CI on two shared cores) may take more than the default second to settle.
    expect: { poll: { timeout: 10_000 } },
    // Each file gets its own database (a PGlite snapshot or a PostgreSQL template copy).
    pool: 'forks',
    env: { TZ: 'UTC' },
  },
});

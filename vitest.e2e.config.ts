import { defineConfig } from 'vitest/config';

/** Browser tests (`npm run test:e2e`): the built front ends in Debian's Chromium against a real server. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/setup/global-setup.ts'],
    env: { TZ: 'UTC', NODE_ENV: 'test' },
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Every test file gets its own temporary database; files run in parallel on the CI's two cores.
    pool: 'forks',
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file opens its own databases and servers; two workers fit a 2-core machine.
    maxWorkers: 2,
    env: { LOG_LEVEL: 'silent' },
  },
});

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS build for everyone; without this
    // the test runner would hand our modules the ESM build and Apollo's the
    // CommonJS one, and schema objects could not cross between them.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file opens its own databases and servers; two workers fit a 2-core machine.
    maxWorkers: 2,
    env: { LOG_LEVEL: 'silent' },
  },
});

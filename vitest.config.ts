import { defineConfig } from 'vitest/config';

// Unit and property tests. Simulation cores run in Node; widget tests opt into jsdom
// with a `// @vitest-environment jsdom` pragma at the top of the file.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.{ts,mjs}', 'content/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});

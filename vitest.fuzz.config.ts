import { defineConfig } from 'vitest/config';

/** `npm run test:fuzz`: property-based fuzzing of every input boundary (FUZZ_RUNS inputs per target). */
export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.fuzz.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

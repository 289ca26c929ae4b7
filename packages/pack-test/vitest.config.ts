import { defineConfig } from 'vitest/config';

// Packing, `npm install` and `tsc` take seconds each; the whole file takes under a minute.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});

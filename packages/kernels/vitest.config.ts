import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // The memory test calls gc() between its 10,000 kernel calls (see test/gpujs/memory.test.ts).
    execArgv: ['--expose-gc'],
  },
});

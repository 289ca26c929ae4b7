import { defineConfig } from 'vitest/config';

/**
 * Two projects: the suite on the default (reference) backend, and the same suite on the gpujs
 * backend, selected as a user would, through the environment. `TESSERA_GPUJS_ROUTING=always`
 * sends every float32 call of an op with a gpu.js kernel to gpu.js, however small, so the
 * suite's small tensors exercise the kernels; float64 still runs on the reference backend.
 * `test/backend.test.ts` asserts the default backend, so it runs only in the first project;
 * `test/gpujs/` checks float32 against float64 through the Tensor API, only in the second.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'reference', include: ['test/**/*.test.ts'], exclude: ['test/gpujs/**'] },
      },
      {
        extends: true,
        test: {
          name: 'gpujs',
          include: ['test/**/*.test.ts'],
          exclude: ['test/backend.test.ts'],
          env: { TESSERA_BACKEND: 'gpujs', TESSERA_GPUJS_ROUTING: 'always' },
        },
      },
    ],
  },
});

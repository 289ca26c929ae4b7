import { defineConfig } from 'vitest/config';

/**
 * Two projects, as in @tessera/tensor: the suite on the reference backend, and again with the
 * gpujs backend selected through the environment (`TESSERA_GPUJS_ROUTING=always` sends even
 * small float32 calls to gpu.js). Most tests run in float64, which stays on the reference
 * backend; `test/float32.test.ts` differentiates float32 models, which reach the gpu.js kernels.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'reference', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'gpujs',
          include: ['test/**/*.test.ts'],
          env: { TESSERA_BACKEND: 'gpujs', TESSERA_GPUJS_ROUTING: 'always' },
        },
      },
    ],
  },
});

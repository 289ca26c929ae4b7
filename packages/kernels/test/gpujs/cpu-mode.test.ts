import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Backend, NdArray } from '../../src/index.js';
import { createGpujsBackend, reference } from '../../src/index.js';
import { bufferOf, relError, widen } from './helpers.js';

/**
 * gpu.js's `cpu` mode (JavaScript, for debugging) compiles the same generated kernels: a few
 * cases of each prove the source is not tied to the WebAssembly lowering.
 */
const cpu = createGpujsBackend({ mode: 'cpu', routing: 'always' });

function agree(inputs: readonly NdArray[], call: (k: Backend, xs: readonly NdArray[]) => NdArray) {
  const got = call(cpu, inputs);
  const want = call(reference, inputs.map(widen));
  expect(got.shape).toEqual(want.shape);
  expect(relError(got.data, want.data)).toBeLessThan(1e-6);
}

describe('gpujs in cpu mode', () => {
  it('runs matmul, the convolutions and the poolings', () => {
    const conv = {
      strides: [1, 2],
      padding: [
        [1, 0],
        [0, 1],
      ],
    } as const;
    const pool = { window: [2, 2], strides: [1, 2] } as const;
    fc.assert(
      fc.property(
        bufferOf([2, 5, 6]),
        bufferOf([2, 6, 7]),
        bufferOf([2, 3, 6, 5]),
        bufferOf([5, 3, 3, 2]),
        (a, b, x, w) => {
          agree([a, b], (k, [p, q]) => k.matmul(p!, q!, { transposeA: false, transposeB: false }));
          agree([x, w], (k, [p, q]) => k.conv2d(p!, q!, conv));
          const y = reference.conv2d(x, w, conv);
          agree([y, w], (k, [p, q]) =>
            k.conv2dBackwardInput(p!, q!, { ...conv, inputShape: x.shape }),
          );
          agree([x, y], (k, [p, q]) =>
            k.conv2dBackwardFilter(p!, q!, { ...conv, filterShape: w.shape }),
          );
          const dy = reference.maxPool2d(x, pool);
          agree([x], (k, [p]) => k.maxPool2d(p!, pool));
          agree([x, dy], (k, [p, q]) => k.maxPool2dScatter(p!, q!, pool));
          agree([dy], (k, [p]) => k.sumPool2dBackward(p!, { ...pool, inputShape: x.shape }));
        },
      ),
      { numRuns: 2 },
    );
    expect(cpu.stats.engines).toEqual({ CPUKernel: 7 });
  });
});

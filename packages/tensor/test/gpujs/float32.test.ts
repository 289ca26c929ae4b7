/**
 * Runs only in the `gpujs` vitest project (TESSERA_BACKEND=gpujs, TESSERA_GPUJS_ROUTING=always):
 * the ops whose float32 kernels run on gpu.js, through the Tensor API, against the same ops in
 * float64 (which always run on the reference backend), at float32 tolerance.
 */
import { backendInfo } from '@tessera/kernels';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as T from '../../src/index.js';
import { relError, valuesArb } from '../helpers.js';

/** `op` on float32 and float64 copies of the same values agrees to 1e-5 normwise. */
function agree(shapes: readonly number[][], op: (...xs: T.Tensor[]) => T.Tensor) {
  return fc.property(fc.tuple(...shapes.map((s) => valuesArb(s, 2))), (values) => {
    const x32 = values.map((v, i) => T.tensor(Float32Array.from(v), { shape: shapes[i]! }));
    const x64 = x32.map((x) => T.astype(x, 'float64'));
    const y32 = op(...x32);
    const y64 = op(...x64);
    expect(y32.dtype).toBe('float32');
    expect(y32.shape).toEqual(y64.shape);
    expect(relError(y32.data(), y64.data())).toBeLessThan(1e-5);
  });
}

const geometry = {
  strides: [1, 2] as const,
  padding: [
    [1, 0],
    [2, 1],
  ] as const,
};

describe('float32 on the gpujs backend', () => {
  it('is the process backend here, selected by TESSERA_BACKEND', () => {
    expect(T.getBackend().name).toBe('gpujs:webasm');
    expect(backendInfo(T.getBackend()).gpujs?.routing).toBe('always');
  });

  it('matmul (batched, broadcast) agrees with float64', () => {
    fc.assert(
      agree(
        [
          [3, 5, 7],
          [7, 6],
        ],
        T.matmul,
      ),
      { numRuns: 5 },
    );
    fc.assert(
      agree(
        [
          [1, 9],
          [9, 1],
        ],
        T.matmul,
      ),
      { numRuns: 3 },
    );
  });

  it('conv2d and its two gradient primitives agree with float64', () => {
    fc.assert(
      agree(
        [
          [2, 3, 9, 8],
          [5, 3, 3, 2],
        ],
        (x, w) => T.conv2d(x!, w!, { padding: 'same' }),
      ),
      {
        numRuns: 5,
      },
    );
    fc.assert(
      agree(
        [
          [2, 5, 8, 5],
          [5, 3, 3, 2],
        ],
        (dy, w) =>
          T.bind('conv2dBackwardInput', [dy!, w!], { ...geometry, inputShape: [2, 3, 9, 8] }),
      ),
      { numRuns: 3 },
    );
    fc.assert(
      agree(
        [
          [2, 3, 9, 8],
          [2, 5, 8, 5],
        ],
        (x, dy) =>
          T.bind('conv2dBackwardFilter', [x!, dy!], { ...geometry, filterShape: [5, 3, 3, 2] }),
      ),
      { numRuns: 3 },
    );
  });

  it('pooling and its gradient primitives agree with float64', () => {
    const g = { window: [2, 2] as const, strides: [2, 2] as const };
    fc.assert(
      agree([[2, 3, 8, 6]], (x) => T.maxPool2d(x!, 2)),
      { numRuns: 3 },
    );
    fc.assert(
      agree([[2, 3, 8, 6]], (x) => T.avgPool2d(x!, [3, 2], { strides: 1 })),
      {
        numRuns: 3,
      },
    );
    fc.assert(
      agree(
        [
          [2, 3, 8, 6],
          [2, 3, 4, 3],
        ],
        (x, dy) => T.bind('maxPool2dScatter', [x!, dy!], g),
      ),
      { numRuns: 3 },
    );
    fc.assert(
      agree([[2, 3, 4, 3]], (dy) =>
        T.bind('sumPool2dBackward', [dy!], { ...g, inputShape: [2, 3, 8, 6] }),
      ),
      { numRuns: 3 },
    );
  });

  it('elementwise ops over more than one chunk agree with float64', () => {
    const n = 70_000;
    const x = T.tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 3));
    const y = T.tensor(Float32Array.from({ length: n }, (_, i) => Math.cos(i) + 2));
    const x64 = T.astype(x, 'float64');
    const y64 = T.astype(y, 'float64');
    for (const op of [T.tanh, T.neg, T.abs, T.relu] as const) {
      expect(relError(op(x).data(), op(x64).data())).toBeLessThan(1e-6);
    }
    for (const op of [T.add, T.sub, T.mul, T.div, T.maximum] as const) {
      expect(relError(op(x, y).data(), op(x64, y64).data())).toBeLessThan(1e-6);
    }
  });

  it('ran gpu.js kernels (WebAssembly) for all of the above', () => {
    const info = backendInfo(T.getBackend());
    expect(info.gpujs?.engines.WebAssemblyKernel ?? 0).toBeGreaterThan(10);
  });
});

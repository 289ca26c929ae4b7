import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as T from '../src/index.js';
import { relError, tensorArb } from './helpers.js';

/** Ops whose float32 result must match float64 to float32 precision (normwise). */
const ops: Record<string, (x: T.Tensor) => T.Tensor> = {
  exp: T.exp,
  tanh: T.tanh,
  sigmoid: T.sigmoid,
  softmax: T.softmax,
  sum: (x) => T.sum(x, { axis: -1 }),
  matmul: (x) => T.matmul(x, T.transpose(x)),
  conv2d: (x) =>
    T.conv2d(
      T.reshape(x, [1, 1, x.shape[0]!, -1]),
      T.reshape(T.slice(x, [0, 0], [1, 1]), [1, 1, 1, 1]),
    ),
};

describe('float32 agrees with float64', () => {
  it.each(Object.entries(ops))('%s', (_name, op) => {
    fc.assert(
      fc.property(tensorArb(2, 2, 6), (x64) => {
        const x32 = T.astype(x64, 'float32');
        const y32 = op(x32);
        expect(y32.dtype).toBe('float32');
        const y64 = op(T.astype(x32, 'float64'));
        expect(relError(y32.data(), y64.data())).toBeLessThan(1e-6);
      }),
      { numRuns: 20 },
    );
  });
});

/**
 * The reference backend: plain TypeScript loops written for clarity, the oracle every other
 * backend is tested against.
 */
import type { Backend } from '../backend.js';
import { conv2d, conv2dBackwardFilter, conv2dBackwardInput } from './conv.js';
import { binary, cast, compare, unary, where } from './elementwise.js';
import { broadcast, concat, gather, pad, scatterAdd, slice, transpose } from './layout.js';
import { matmul } from './matmul.js';
import {
  maxPool2d,
  maxPool2dGather,
  maxPool2dScatter,
  sumPool2d,
  sumPool2dBackward,
} from './pool.js';
import { argmax, reduce } from './reduce.js';

/**
 * The reference backend: every kernel as plain TypeScript loops, for `float64`, `float32`,
 * `int32` and (where the interface allows) `bool`.
 *
 * Numerics: values are computed in JS doubles and stored once into the output typed array of
 * the input's dtype. A float32 result is therefore the float64 result rounded once per element;
 * accumulations (sums, reductions, matrix products, convolutions, scatters and pooling
 * backward passes) accumulate in a double and round once. int32 results wrap modulo 2^32 as
 * `x | 0` does (`mul` uses `Math.imul`, `div` truncates toward zero, division by zero gives 0).
 *
 * NaN: `max` (binary, reduce and pooling) propagates NaN; `argmax` and max pooling pick the
 * first NaN of a run or window when there is one, and otherwise the first maximum.
 *
 * @example
 * ```ts
 * import { reference } from '@tessera/kernels';
 * const a = { dtype: 'float64', shape: [1, 2, 2], data: new Float64Array([1, 2, 3, 4]) } as const;
 * const c = reference.matmul(a, a, { transposeA: false, transposeB: false });
 * c.data; // Float64Array [7, 10, 15, 22]
 * ```
 */
export const reference: Backend = {
  name: 'reference',
  unary,
  binary,
  compare,
  where,
  cast,
  reduce,
  argmax,
  transpose,
  broadcast,
  slice,
  pad,
  concat,
  gather,
  scatterAdd,
  matmul,
  conv2d,
  conv2dBackwardInput,
  conv2dBackwardFilter,
  sumPool2d,
  sumPool2dBackward,
  maxPool2d,
  maxPool2dGather,
  maxPool2dScatter,
};

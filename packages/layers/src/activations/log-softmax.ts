import { logSoftmax as logSoftmaxOp, type Tensor } from '@tessera/tensor';
import { elementwise } from '../layers/elementwise.js';
import type { Layer } from '../types.js';

/**
 * Log-probabilities `x - logSumExp(x)` along the last axis, computed without overflow.
 *
 * @example
 * ```ts
 * logSoftmax(tensor([[0, 0]])); // [[-0.6931, -0.6931]]
 * ```
 */
export function logSoftmax(x: Tensor): Tensor {
  return logSoftmaxOp(x, -1);
}

/**
 * {@link logSoftmax} as a layer (no parameters).
 *
 * @example
 * ```ts
 * const net = serial(dense(10), LogSoftmax); // outputs log-probabilities
 * ```
 */
export const LogSoftmax: Layer<null> = elementwise(logSoftmax);

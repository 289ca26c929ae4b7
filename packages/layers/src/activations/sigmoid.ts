import { sigmoid as sigmoidOp, type Tensor } from '@tessera/tensor';
import { elementwise } from '../layers/elementwise.js';
import type { Layer } from '../types.js';

/**
 * The logistic sigmoid `1 / (1 + e^-x)`, elementwise: the activation of the lecture's
 * fully connected network.
 *
 * @example
 * ```ts
 * sigmoid(tensor([0])); // [0.5]
 * ```
 */
export function sigmoid(x: Tensor): Tensor {
  return sigmoidOp(x);
}

/**
 * {@link sigmoid} as a layer (no parameters).
 *
 * @example
 * ```ts
 * const mlp = serial(flatten(), dense(100), Sigmoid, dense(10), Sigmoid);
 * ```
 */
export const Sigmoid: Layer<null> = elementwise(sigmoid);

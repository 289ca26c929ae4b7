import { type Tensor, tanh as tanhOp } from '@tessera/tensor';
import { elementwise } from '../layers/elementwise.js';
import type { Layer } from '../types.js';

/**
 * The hyperbolic tangent, elementwise.
 *
 * @example
 * ```ts
 * tanh(tensor([0])); // [0]
 * ```
 */
export function tanh(x: Tensor): Tensor {
  return tanhOp(x);
}

/**
 * {@link tanh} as a layer (no parameters).
 *
 * @example
 * ```ts
 * serial(dense(100), Tanh, dense(10));
 * ```
 */
export const Tanh: Layer<null> = elementwise(tanh);

import { relu as reluOp, type Tensor } from '@tessera/tensor';
import { elementwise } from '../layers/elementwise.js';
import type { Layer } from '../types.js';

/**
 * The rectifier `max(x, 0)`, elementwise; its derivative at 0 is taken as 0 (as JAX and
 * PyTorch).
 *
 * @example
 * ```ts
 * relu(tensor([-1, 2])); // [0, 2]
 * ```
 */
export function relu(x: Tensor): Tensor {
  return reluOp(x);
}

/**
 * {@link relu} as a layer (no parameters).
 *
 * @example
 * ```ts
 * serial(conv2d(6, 5, { init: heNormal }), Relu, maxPool2d(2));
 * ```
 */
export const Relu: Layer<null> = elementwise(relu);

import { softmax as softmaxOp, type Tensor } from '@tessera/tensor';
import { elementwise } from '../layers/elementwise.js';
import type { Layer } from '../types.js';

/**
 * The softmax `e^x / sum(e^x)` along the last axis, shifted by the maximum for stability: each
 * row becomes a probability distribution. To train, prefer {@link softmaxCrossEntropy} on the
 * logits, which never forms the probabilities.
 *
 * @example
 * ```ts
 * softmax(tensor([[0, 0]])); // [[0.5, 0.5]]
 * ```
 */
export function softmax(x: Tensor): Tensor {
  return softmaxOp(x, -1);
}

/**
 * {@link softmax} as a layer (no parameters).
 *
 * @example
 * ```ts
 * const classifier = serial(dense(10), Softmax); // rows sum to 1
 * ```
 */
export const Softmax: Layer<null> = elementwise(softmax);

import type { FloatDType, Key } from '@tessera/random';
import type { Tensor } from '@tessera/tensor';
import type { Shape } from '../types.js';

/**
 * A key-driven initialiser: draws a parameter tensor of `shape` for a layer whose units have
 * `fanIn` inputs and `fanOut` outputs per weight (for a convolution, channels times the
 * kernel area). The same key always gives the same tensor.
 *
 * @example
 * ```ts
 * const init: Initializer = glorotUniform;
 * const w = init(key(0), [784, 100], 784, 100); // float32 [784, 100]
 * ```
 */
export type Initializer = (
  key: Key,
  shape: Shape,
  fanIn: number,
  fanOut: number,
  dtype?: FloatDType,
) => Tensor;

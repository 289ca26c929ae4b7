import type { Tensor } from '@tessera/tensor';
import { expectShape, positiveInteger } from '../shapes.js';
import type { Layer, Shape } from '../types.js';

/**
 * Copies its input into a list of `n`, as stax's `FanOut`: the start of branches for
 * {@link parallel}. No parameters.
 *
 * @example
 * ```ts
 * fanOut(2).init(key(0), [84])[0]; // [[84], [84]]
 * ```
 */
export function fanOut(n: number): Layer<null, Tensor, readonly Tensor[]> {
  const name = `fanOut(${n})`;
  positiveInteger(name, 'n', n);
  return {
    init(_key, inShape: Shape) {
      const shape = expectShape(name, inShape);
      return [Array.from({ length: n }, () => shape), null];
    },
    apply(_params, x) {
      return Array.from({ length: n }, () => x);
    },
  };
}

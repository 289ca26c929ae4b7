import type { Tensor } from '@tessera/tensor';
import { expectShape } from '../shapes.js';
import type { Layer } from '../types.js';

/**
 * A parameterless layer that applies `f` to its input, which must keep the shape (an
 * activation, a rescaling), as stax's `elementwise`. The activation layers ({@link Tanh},
 * {@link LecunTanh}, ...) are built with it.
 *
 * @example
 * ```ts
 * const Softplus = elementwise((x) => log(add(exp(x), 1)));
 * const half = elementwise((x) => mul(x, 0.5));
 * ```
 */
export function elementwise(f: (x: Tensor) => Tensor): Layer<null> {
  return {
    init(_key, inShape) {
      return [expectShape('elementwise', inShape), null];
    },
    apply(_params, x) {
      return f(x);
    },
  };
}

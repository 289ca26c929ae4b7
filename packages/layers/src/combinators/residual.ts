import { add, type Tensor } from '@tessera/tensor';
import { LayerShapeError } from '../errors.js';
import { expectShape, sameShape, showShape } from '../shapes.js';
import type { Layer } from '../types.js';
import { at } from './keys.js';

/**
 * A residual block `x + f(x)` (He et al. 2016, "Deep residual learning"): the same as
 * `serial(fanOut(2), parallel(f, identity), fanInSum)`, with `f`'s parameters as its own
 * (no wrapping array). `f` must keep the shape, which `init` checks.
 *
 * @example
 * ```ts
 * const block = residual(serial(conv2d(16, 3, { padding: 'same' }), Relu));
 * block.init(key(0), [16, 8, 8])[0]; // [16, 8, 8]
 * ```
 */
export function residual<P>(f: Layer<P>): Layer<P> {
  return {
    init(key, inShape) {
      const shape = expectShape('residual', inShape);
      const [out, params] = at('residual', () => f.init(key, shape));
      if (!sameShape(out, shape)) {
        throw new LayerShapeError(
          `residual: the inner layer maps ${showShape(shape)} to ${showShape(out)}; a residual block must keep the shape`,
        );
      }
      return [out, params];
    },
    apply(params, x: Tensor, ctx) {
      return add(x, f.apply(params, x, ctx));
    },
  };
}

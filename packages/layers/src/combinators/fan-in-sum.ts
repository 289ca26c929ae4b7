import { add, type Tensor } from '@tessera/tensor';
import { LayerShapeError } from '../errors.js';
import { expectShapes, sameShape, showShape } from '../shapes.js';
import type { Layer } from '../types.js';

/**
 * Sums a list of inputs of one shape, as stax's `FanInSum`: the end of branches (a residual
 * connection is `serial(fanOut(2), parallel(f, identity), fanInSum)`, or {@link residual}).
 * No parameters; shapes that differ are a {@link LayerShapeError} at `init`.
 *
 * @example
 * ```ts
 * fanInSum.init(key(0), [[10], [10]])[0]; // [10]
 * ```
 */
export const fanInSum: Layer<null, readonly Tensor[], Tensor> = {
  init(_key, inShape) {
    const shapes = expectShapes('fanInSum', inShape);
    const first = shapes[0];
    if (first === undefined || shapes.some((s) => !sameShape(s, first))) {
      throw new LayerShapeError(
        `fanInSum: expects one or more inputs of one shape, got ${shapes.map(showShape).join(', ') || 'none'}`,
      );
    }
    return [first, null];
  },
  apply(_params, xs) {
    if (xs.length === 0)
      throw new LayerShapeError('fanInSum: expects one or more inputs, got none');
    return xs.slice(1).reduce((sum, x) => add(sum, x), xs[0]!);
  },
};

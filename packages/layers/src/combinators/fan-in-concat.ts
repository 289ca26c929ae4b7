import { concat, type Tensor } from '@tessera/tensor';
import { LayerConfigError, LayerShapeError } from '../errors.js';
import { expectShapes, showShape } from '../shapes.js';
import type { Layer } from '../types.js';

/**
 * Concatenates a list of inputs along `axis` of the per-example shape, as stax's
 * `FanInConcat`: axis 0 is the first axis after the batch axis (the channels of `[C, H, W]`
 * maps), and negative axes count from the end (default -1, the last). The other axes must
 * agree. No parameters.
 *
 * @example
 * ```ts
 * fanInConcat().init(key(0), [[3], [5]])[0];                  // [8]
 * fanInConcat(0).init(key(0), [[6, 14, 14], [2, 14, 14]])[0]; // [8, 14, 14]
 * ```
 */
export function fanInConcat(axis = -1): Layer<null, readonly Tensor[], Tensor> {
  const name = `fanInConcat(${axis})`;
  if (!Number.isInteger(axis)) {
    throw new LayerConfigError(`${name}: axis must be an integer`);
  }
  return {
    init(_key, inShape) {
      const shapes = expectShapes(name, inShape);
      const first = shapes[0];
      const rank = first?.length ?? 0;
      const a = axis < 0 ? axis + rank : axis;
      const fits =
        first !== undefined &&
        a >= 0 &&
        a < rank &&
        shapes.every((s) => s.length === rank && s.every((d, i) => i === a || d === first[i]));
      if (!fits) {
        throw new LayerShapeError(
          `${name}: cannot concatenate shapes ${shapes.map(showShape).join(', ') || '(none)'} along axis ${axis}`,
        );
      }
      const out = [...first];
      out[a] = shapes.reduce((n, s) => n + s[a]!, 0);
      return [out, null];
    },
    apply(_params, xs) {
      const rank = xs[0]?.rank ?? 1;
      const a = axis < 0 ? axis + rank : axis + 1;
      return concat(xs, a);
    },
  };
}

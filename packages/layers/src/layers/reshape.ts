import { reshape as reshapeOp } from '@tessera/tensor';
import { LayerConfigError, LayerShapeError } from '../errors.js';
import { expectShape, showShape, sizeOf } from '../shapes.js';
import type { Layer, Shape } from '../types.js';

/**
 * Reshapes each example to `shape` (the batch axis is kept); one entry may be `-1`, inferred
 * from the size. No parameters. A size mismatch is a {@link LayerShapeError} at `init`.
 *
 * @example
 * ```ts
 * reshape([1, 28, 28]).init(key(0), [784])[0]; // [1, 28, 28]
 * reshape([-1, 4]).init(key(0), [2, 6])[0];    // [3, 4]
 * ```
 */
export function reshape(shape: Shape): Layer<null> {
  const name = `reshape(${showShape(shape)})`;
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1 || shape.some((d) => !Number.isInteger(d) || d < -1)) {
    throw new LayerConfigError(
      `${name}: entries must be non-negative integers, with at most one -1`,
    );
  }
  return {
    init(_key, inShape) {
      const size = sizeOf(expectShape(name, inShape));
      const known = sizeOf(shape.filter((d) => d !== -1));
      const inferred = unknown === 1 && known > 0 ? size / known : 0;
      const out = shape.map((d) => (d === -1 ? inferred : d));
      if (sizeOf(out) !== size || !Number.isInteger(inferred)) {
        throw new LayerShapeError(
          `${name}: cannot reshape inputs of shape ${showShape(inShape)} (${size} elements)`,
        );
      }
      return [out, null];
    },
    apply(_params, x) {
      return reshapeOp(x, [x.shape[0]!, ...shape]);
    },
  };
}

import { reshape } from '@tessera/tensor';
import { expectShape, sizeOf } from '../shapes.js';
import type { Layer } from '../types.js';

/**
 * Flattens each example to a vector: `[N, ...inShape]` becomes `[N, prod(inShape)]`, in
 * row-major order. No parameters; free (a reshape shares its input's data).
 *
 * @example
 * ```ts
 * flatten().init(key(0), [120, 1, 1])[0]; // [120]
 * ```
 */
export function flatten(): Layer<null> {
  return {
    init(_key, inShape) {
      return [[sizeOf(expectShape('flatten()', inShape))], null];
    },
    apply(_params, x) {
      return reshape(x, [x.shape[0]!, -1]);
    },
  };
}

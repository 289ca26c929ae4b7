import type { Layer } from '../types.js';

/**
 * The identity layer, as stax's `Identity`: returns its input, no parameters. The skip branch of a residual block.
 *
 * @example
 * ```ts
 * serial(fanOut(2), parallel(dense(84), identity), fanInSum);
 * ```
 */
export const identity: Layer<null> = {
  init(_key, inShape) {
    return [inShape, null];
  },
  apply(_params, x) {
    return x;
  },
};

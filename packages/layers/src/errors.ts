/**
 * The base class of this package's errors: a layer was configured or used wrongly. The
 * message starts with the layer (as it was written, for example `conv2d(16, 5x5)`) and, inside
 * a combinator, the path to it (`serial.c3`).
 *
 * @example
 * ```ts
 * try { dense(0); } catch (e) { e instanceof LayerError; } // true
 * ```
 */
export class LayerError extends Error {
  /** `'LayerError'`, or the subclass's name. */
  override readonly name: string = 'LayerError';
}

/**
 * Thrown when a layer is built with options that cannot work, before it sees any shape:
 * `dense(0)`, `dropout(1.5)`, a connection table with a ragged row.
 *
 * @example
 * ```ts
 * dropout(1); // LayerConfigError: dropout(1): rate must be in [0, 1), got 1
 * ```
 */
export class LayerConfigError extends LayerError {
  /** `'LayerConfigError'`. */
  override readonly name: string = 'LayerConfigError';
}

/**
 * Thrown by `init` when a layer cannot take the input shape it is given, naming the layer and
 * the shapes: a kernel larger than its input, a connection table for another number of maps,
 * RBF prototypes of another length.
 *
 * @example
 * ```ts
 * conv2d(6, 5).init(key(0), [1, 3, 3]);
 * // LayerShapeError: conv2d(6, 5x5): kernel 5x5 is larger than the padded input 3x3 (input shape [1,3,3])
 * ```
 */
export class LayerShapeError extends LayerError {
  /** `'LayerShapeError'`. */
  override readonly name: string = 'LayerShapeError';
}

/**
 * Thrown when an op receives shapes it cannot combine. The message names the op and the
 * shapes, for example `matmul: [3,4] x [5,2]: inner dimensions 4 and 5 differ`.
 *
 * @example
 * ```ts
 * try { add(zeros([2, 3]), zeros([4])); } catch (e) { e instanceof ShapeError; } // true
 * ```
 */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

/**
 * Thrown when an op receives dtypes it does not accept, for example `exp` of an `int32`
 * tensor or `add` of `float32` and `float64`.
 *
 * @example
 * ```ts
 * try { exp(tensor([1], { dtype: 'int32' })); } catch (e) { e instanceof DTypeError; } // true
 * ```
 */
export class DTypeError extends Error {
  override readonly name = 'DTypeError';
}

/**
 * Thrown when a traced value (one that stands for many values inside a transformation such
 * as `grad`) is asked for its concrete data.
 *
 * @example
 * ```ts
 * // inside grad(f): x.toArray() throws ConcretizationError
 * ```
 */
export class ConcretizationError extends Error {
  override readonly name = 'ConcretizationError';
}

/** Formats a shape as `[2,3]` for error messages. */
export function showShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

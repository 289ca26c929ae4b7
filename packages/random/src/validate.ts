/**
 * Argument checks shared by the public functions. Every message starts with the
 * public function's name and shows the offending value, so a bad call is found
 * where it is made rather than as a NaN further down.
 */

/**
 * The floating-point dtypes a sampler can return.
 *
 * @example
 * ```ts
 * const dtype: FloatDType = 'float64';
 * normal(key(0), [3], { dtype }); // Float64Array(3)
 * ```
 */
export type FloatDType = 'float32' | 'float64';

/**
 * The largest number of elements one call may draw. It keeps the 2 x 32-bit words
 * a float64 sample needs below JAX's single-block limit of 2^32 - 1 counts.
 */
export const MAX_SIZE = 2 ** 31 - 1;

/** Formats a shape the way it was probably written: `[2, 3]`. */
function formatShape(shape: readonly unknown[]): string {
  return `[${shape.map(String).join(', ')}]`;
}

/**
 * Checks a shape and returns its number of elements.
 *
 * @throws TypeError if `shape` is not an array
 * @throws RangeError if a dimension is not a non-negative integer or the size is too large
 */
export function checkShape(fn: string, shape: readonly number[]): number {
  if (!Array.isArray(shape)) {
    throw new TypeError(`${fn}: shape must be an array of dimensions, got ${String(shape)}`);
  }
  let size = 1;
  shape.forEach((dim: unknown, axis) => {
    if (typeof dim !== 'number' || !Number.isSafeInteger(dim) || dim < 0) {
      throw new RangeError(
        `${fn}: shape ${formatShape(shape)} must contain non-negative integers; dimension ${axis} is ${String(dim)}`,
      );
    }
    size *= dim;
  });
  if (size > MAX_SIZE) {
    throw new RangeError(
      `${fn}: shape ${formatShape(shape)} has ${size} elements, more than the supported ${MAX_SIZE}`,
    );
  }
  return size;
}

/**
 * Checks that `value` is an integer in `[min, max]`.
 *
 * @throws TypeError if `value` is not a number
 * @throws RangeError if it is not an integer or lies outside the range
 */
export function checkInteger(
  fn: string,
  name: string,
  value: number,
  min: number,
  max: number,
): void {
  if (typeof value !== 'number') {
    throw new TypeError(`${fn}: ${name} must be a number, got ${typeof value}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${fn}: ${name}=${value} must be an integer in [${min}, ${max}]`);
  }
}

/**
 * Checks that `value` is a number that is not NaN (infinities are allowed when
 * `allowInfinite` is true).
 *
 * @throws TypeError if `value` is not a number
 * @throws RangeError if it is NaN, or infinite where that is not allowed
 */
export function checkReal(fn: string, name: string, value: number, allowInfinite = false): void {
  if (typeof value !== 'number') {
    throw new TypeError(`${fn}: ${name} must be a number, got ${typeof value}`);
  }
  if (Number.isNaN(value)) {
    throw new RangeError(`${fn}: ${name}=NaN must be a number, not NaN`);
  }
  if (!allowInfinite && !Number.isFinite(value)) {
    throw new RangeError(`${fn}: ${name}=${value} must be a finite number`);
  }
}

/**
 * Checks a `dtype` option and returns it, defaulting to float32 as JAX does
 * without `jax_enable_x64`.
 *
 * @throws TypeError for anything but `'float32'` or `'float64'`
 */
export function checkFloatDType(fn: string, dtype: FloatDType | undefined): FloatDType {
  if (dtype === undefined) return 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new TypeError(
      `${fn}: dtype '${String(dtype)}' is not supported (expected 'float32' or 'float64')`,
    );
  }
  return dtype;
}

/**
 * A shape: the length of each axis, outermost first.
 *
 * @example
 * ```ts
 * const image: Shape = [1, 28, 28]; // channels, height, width
 * const scalar: Shape = [];
 * ```
 */
export type Shape = readonly number[];

/**
 * The number of elements of a buffer of `shape` (1 for a scalar, `[]`).
 *
 * @example
 * ```ts
 * sizeOf([2, 3, 4]); // 24
 * ```
 */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Row-major (C-order) strides of `shape`, in elements.
 *
 * @example
 * ```ts
 * stridesOf([2, 3, 4]); // [12, 4, 1]
 * ```
 */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

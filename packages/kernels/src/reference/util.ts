/**
 * Helpers shared by the reference kernels (internal; not exported from the package).
 *
 * The numeric convention of the reference backend: every value is computed in JS doubles
 * (accumulations such as sums, matrix products and convolutions accumulate in a double) and is
 * stored once into the output typed array, so a float32 result is the float64 result rounded
 * once per element, and an int32 result wraps modulo 2^32 as `x | 0` does.
 */
import type { NdArray } from '../backend.js';
import { type DType, type DTypeArrays, fromValues, type TypedArray } from '../dtype.js';
import type { Shape } from '../shape.js';

/** Builds a result buffer. */
export function ndarray<D extends DType>(dtype: D, shape: Shape, data: DTypeArrays[D]): NdArray<D> {
  return { dtype, shape: [...shape], data };
}

/**
 * Stores doubles into a new typed array of `dtype`, as a store into that array does (float32
 * rounds to nearest, int32 truncates toward zero and wraps modulo 2^32, `bool` stores
 * `x !== 0`). A float64 array is returned as it is.
 */
export function store<D extends DType>(dtype: D, values: Float64Array): DTypeArrays[D] {
  if (dtype === 'float64') return values as DTypeArrays[D];
  return fromValues(dtype, values);
}

/** One number converted as a store into a buffer of `dtype` converts it. */
export function storeScalar(dtype: DType, value: number): number {
  const out = fromValues(dtype, [value]);
  return out[0]!;
}

/**
 * `shape` and `strides` with neighbouring axes merged wherever one stride steps over the whole
 * of the next axis (`strides[a] === strides[a + 1] * shape[a + 1]`), so a copy walks the longest
 * runs it can: a contiguous slice becomes one run, a broadcast scalar one fill, and a bias of
 * shape `[1, C, 1, 1]` broadcast over `[N, C, H, W]` runs of `H * W`.
 *
 * @example
 * ```ts
 * mergeAxes([128, 6, 28, 28], [0, 1, 0, 0]); // { shape: [128, 6, 784], strides: [0, 1, 0] }
 * ```
 */
export function mergeAxes(
  shape: Shape,
  strides: readonly number[],
): { readonly shape: number[]; readonly strides: number[] } {
  const merged: number[] = [];
  const steps: number[] = [];
  for (let a = 0; a < shape.length; a++) {
    const size = shape[a]!;
    const stride = strides[a]!;
    const last = merged.length - 1;
    if (last >= 0 && steps[last] === stride * size) {
      merged[last] = merged[last]! * size;
      steps[last] = stride;
    } else {
      merged.push(size);
      steps.push(stride);
    }
  }
  return { shape: merged, strides: steps };
}

/**
 * Copies elements of `src` into `out` (in `out`'s row-major order) where the element at
 * multi-index `idx` of an array of `shape` comes from `src[offset + sum(idx[i] * strides[i])]`.
 *
 * Transpose, broadcast (stride 0) and slice are all this copy with different strides. Axes are
 * merged first ({@link mergeAxes}); the last axis is then copied as one run (a fill when its
 * stride is 0, as for a broadcast bias or scalar); the other axes advance like an odometer,
 * once per run; nothing is allocated per element.
 */
export function stridedCopy(
  src: ArrayLike<number>,
  offset: number,
  axisStrides: readonly number[],
  axisShape: Shape,
  out: TypedArray,
): void {
  const total = out.length;
  if (total === 0) return;
  if (axisShape.length === 0) {
    out[0] = src[offset]!;
    return;
  }
  const { shape, strides } = mergeAxes(axisShape, axisStrides);
  const last = shape.length - 1;
  const run = shape[last]!;
  const step = strides[last]!;
  const idx = new Array<number>(last).fill(0);
  let from = offset;
  for (let j = 0; j < total; j += run) {
    if (step === 0) {
      out.fill(src[from]!, j, j + run);
    } else if (step === 1) {
      for (let r = 0; r < run; r++) out[j + r] = src[from + r]!;
    } else {
      for (let r = 0, at = from; r < run; r++, at += step) out[j + r] = src[at]!;
    }
    // Advance the odometer over the outer axes: the innermost of them moves fastest.
    for (let axis = last - 1; axis >= 0; axis--) {
      const next = idx[axis]! + 1;
      if (next < shape[axis]!) {
        idx[axis] = next;
        from += strides[axis]!;
        break;
      }
      idx[axis] = 0;
      from -= (next - 1) * strides[axis]!;
    }
  }
}

/**
 * Splits `shape` around `axis` into `[outer, size, inner]`: the product of the axes before it,
 * its length and the product of the axes after it.
 */
export function splitAt(shape: Shape, axis: number): readonly [number, number, number] {
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  return [outer, shape[axis]!, inner];
}

/**
 * Whether `v` should replace the running maximum `best`: a strictly greater value, or a NaN
 * (which then sticks, since nothing replaces a NaN). Ties keep the earlier element.
 */
export function beats(v: number, best: number): boolean {
  // `!(v <= best)` is true when v > best and when v is NaN.
  return !Number.isNaN(best) && !(v <= best);
}

/**
 * The inverse of {@link stridedCopy}: writes the elements of `src` (an array of `shape`, read
 * in row-major order) to `out[offset + sum(idx[i] * strides[i])]`.
 */
export function stridedPlace(
  src: ArrayLike<number>,
  shape: Shape,
  out: { [i: number]: number },
  offset: number,
  strides: readonly number[],
): void {
  const rank = shape.length;
  const total = src.length;
  if (total === 0) return;
  const idx = new Array<number>(rank).fill(0);
  let to = offset;
  for (let j = 0; j < total; j++) {
    out[to] = src[j]!;
    for (let axis = rank - 1; axis >= 0; axis--) {
      const next = idx[axis]! + 1;
      if (next < shape[axis]!) {
        idx[axis] = next;
        to += strides[axis]!;
        break;
      }
      idx[axis] = 0;
      to -= (next - 1) * strides[axis]!;
    }
  }
}

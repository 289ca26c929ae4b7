/**
 * Layout kernels: transpose, broadcast, slice, pad, concat, gather and scatterAdd.
 *
 * All but `scatterAdd` only move elements, so they copy values exactly in the input's dtype.
 * `scatterAdd` accumulates in doubles and stores once.
 */
import type { NdArray } from '../backend.js';
import { allocate } from '../dtype.js';
import { type Shape, sizeOf, stridesOf } from '../shape.js';
import { ndarray, splitAt, store, storeScalar, stridedCopy, stridedPlace } from './util.js';

/** Permutes the axes: output axis `i` is input axis `perm[i]`. */
export function transpose(x: NdArray, options: { readonly perm: readonly number[] }): NdArray {
  const { perm } = options;
  const inStrides = stridesOf(x.shape);
  const outShape = perm.map((a) => x.shape[a]!);
  const out = allocate(x.dtype, sizeOf(outShape));
  stridedCopy(
    x.data,
    0,
    perm.map((a) => inStrides[a]!),
    outShape,
    out,
  );
  return ndarray(x.dtype, outShape, out);
}

/** Repeats axes of length 1 to reach `shape` (same rank as `x`). */
export function broadcast(x: NdArray, options: { readonly shape: Shape }): NdArray {
  const { shape } = options;
  const inStrides = stridesOf(x.shape);
  // A repeated axis reads the same element again and again: stride 0.
  const strides = shape.map((d, a) => (x.shape[a] === 1 && d !== 1 ? 0 : inStrides[a]!));
  const out = allocate(x.dtype, sizeOf(shape));
  stridedCopy(x.data, 0, strides, shape, out);
  return ndarray(x.dtype, shape, out);
}

/** Elements `begin[i], begin[i] + strides[i], ...` below `end[i]` along every axis. */
export function slice(
  x: NdArray,
  options: {
    readonly begin: readonly number[];
    readonly end: readonly number[];
    readonly strides: readonly number[];
  },
): NdArray {
  const { begin, end, strides } = options;
  const inStrides = stridesOf(x.shape);
  const outShape = begin.map((b, a) => Math.max(0, Math.ceil((end[a]! - b) / strides[a]!)));
  let offset = 0;
  for (let a = 0; a < begin.length; a++) offset += begin[a]! * inStrides[a]!;
  const out = allocate(x.dtype, sizeOf(outShape));
  stridedCopy(
    x.data,
    offset,
    strides.map((s, a) => s * inStrides[a]!),
    outShape,
    out,
  );
  return ndarray(x.dtype, outShape, out);
}

/** Adds `low[i]` and `high[i]` elements equal to `value` around each axis. */
export function pad(
  x: NdArray,
  options: {
    readonly low: readonly number[];
    readonly high: readonly number[];
    readonly value: number;
  },
): NdArray {
  const { low, high, value } = options;
  const outShape = x.shape.map((d, a) => low[a]! + d + high[a]!);
  const outStrides = stridesOf(outShape);
  const out = allocate(x.dtype, sizeOf(outShape));
  out.fill(storeScalar(x.dtype, value));
  let offset = 0;
  for (let a = 0; a < low.length; a++) offset += low[a]! * outStrides[a]!;
  stridedPlace(x.data, x.shape, out, offset, outStrides);
  return ndarray(x.dtype, outShape, out);
}

/** Joins buffers of one dtype, equal in shape except along `axis`. */
export function concat(xs: readonly NdArray[], options: { readonly axis: number }): NdArray {
  const { axis } = options;
  const first = xs[0]!;
  const outShape = [...first.shape];
  let total = 0;
  for (const x of xs) total += x.shape[axis]!;
  outShape[axis] = total;
  const [outer, , inner] = splitAt(outShape, axis);
  const out = allocate(first.dtype, sizeOf(outShape));
  // Each piece contributes, for every outer index, one contiguous chunk of `n * inner`.
  let start = 0;
  for (const x of xs) {
    const chunk = x.shape[axis]! * inner;
    for (let o = 0; o < outer; o++) {
      const from = o * chunk;
      const to = o * total * inner + start * inner;
      for (let i = 0; i < chunk; i++) out[to + i] = x.data[from + i]!;
    }
    start += x.shape[axis]!;
  }
  return ndarray(first.dtype, outShape, out);
}

function checkIndices(kernel: string, indices: NdArray<'int32'>, axis: number, size: number): void {
  for (let j = 0; j < indices.data.length; j++) {
    const index = indices.data[j]!;
    if (index < 0 || index >= size) {
      throw new RangeError(
        `${kernel}: index ${index} is out of range for axis ${axis} of size ${size}`,
      );
    }
  }
}

/** NumPy's `take`: shape `x.shape[:axis] + indices.shape + x.shape[axis+1:]`. */
export function gather(
  x: NdArray,
  indices: NdArray<'int32'>,
  options: { readonly axis: number },
): NdArray {
  const { axis } = options;
  const [outer, n, inner] = splitAt(x.shape, axis);
  checkIndices('gather', indices, axis, n);
  const m = indices.data.length;
  const outShape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const out = allocate(x.dtype, outer * m * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const from = (o * n + indices.data[j]!) * inner;
      const to = (o * m + j) * inner;
      for (let i = 0; i < inner; i++) out[to + i] = x.data[from + i]!;
    }
  }
  return ndarray(x.dtype, outShape, out);
}

/** Adds `updates` into a zero buffer of `shape` at `indices` along `axis`. */
export function scatterAdd(
  indices: NdArray<'int32'>,
  updates: NdArray,
  options: { readonly axis: number; readonly shape: Shape },
): NdArray {
  const { axis, shape } = options;
  const [outer, n, inner] = splitAt(shape, axis);
  checkIndices('scatterAdd', indices, axis, n);
  const m = indices.data.length;
  const acc = new Float64Array(sizeOf(shape));
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const to = (o * n + indices.data[j]!) * inner;
      const from = (o * m + j) * inner;
      for (let i = 0; i < inner; i++) acc[to + i]! += updates.data[from + i]!;
    }
  }
  return ndarray(updates.dtype, shape, store(updates.dtype, acc));
}

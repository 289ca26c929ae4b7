/**
 * Reductions: `sum` and `max` over a set of axes, and `argmax` along one axis.
 *
 * Sums accumulate in a double and are stored once. NaN handling: `max` propagates NaN (the
 * maximum of a run containing NaN is NaN), and `argmax` returns the index of the first NaN
 * when the run has one, so `argmax` always points at the element `max` returns.
 */
import type { NdArray, ReduceOp } from '../backend.js';
import { allocate } from '../dtype.js';
import { sizeOf, stridesOf } from '../shape.js';
import { beats, ndarray, splitAt, store, stridedCopy } from './util.js';

/**
 * Reduces `x` over `axes` (distinct, sorted, in range). `max` over an empty run is
 * `-Infinity` (0 once stored into `int32`, which cannot hold it); `sum` over one is 0.
 */
export function reduce(
  op: ReduceOp,
  x: NdArray,
  options: { readonly axes: readonly number[] },
): NdArray {
  const { axes } = options;
  const rank = x.shape.length;
  const reduced = new Array<boolean>(rank).fill(false);
  for (const a of axes) reduced[a] = true;
  const kept: number[] = [];
  for (let a = 0; a < rank; a++) if (!reduced[a]) kept.push(a);

  // Move the reduced axes last (kept axes first, both in their original order), so each
  // output element reduces one contiguous run of the permuted copy.
  const perm = [...kept, ...axes];
  const inStrides = stridesOf(x.shape);
  const permShape = perm.map((a) => x.shape[a]!);
  const permStrides = perm.map((a) => inStrides[a]!);
  const permuted = new Float64Array(sizeOf(x.shape));
  stridedCopy(x.data, 0, permStrides, permShape, permuted);

  const outShape = kept.map((a) => x.shape[a]!);
  const outSize = sizeOf(outShape);
  const run = sizeOf(axes.map((a) => x.shape[a]!));
  const out = new Float64Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const base = o * run;
    let acc: number;
    if (op === 'sum') {
      acc = 0;
      for (let r = 0; r < run; r++) acc += permuted[base + r]!;
    } else {
      acc = Number.NEGATIVE_INFINITY;
      for (let r = 0; r < run; r++) {
        const v = permuted[base + r]!;
        if (beats(v, acc)) acc = v;
      }
    }
    out[o] = acc;
  }
  return ndarray(x.dtype, outShape, store(x.dtype, out));
}

/**
 * Index of the first maximum along `axis` (the first NaN if there is one); `axis` is removed
 * from the shape. An empty axis gives 0.
 */
export function argmax(x: NdArray, options: { readonly axis: number }): NdArray<'int32'> {
  const { axis } = options;
  const [outer, n, inner] = splitAt(x.shape, axis);
  const out = allocate('int32', outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let bestIndex = 0;
      let best = n > 0 ? x.data[base]! : Number.NEGATIVE_INFINITY;
      for (let k = 1; k < n; k++) {
        const v = x.data[base + k * inner]!;
        if (beats(v, best)) {
          best = v;
          bestIndex = k;
        }
      }
      out[o * inner + i] = bestIndex;
    }
  }
  const outShape = x.shape.filter((_, a) => a !== axis);
  return ndarray('int32', outShape, out);
}

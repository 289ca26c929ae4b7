import fc from 'fast-check';
import type { NestedArray, Shape, Tensor } from '../src/index.js';
import { tensor } from '../src/index.js';

/** Arbitrary shape with `rank` in [minRank, maxRank] and axes in [minDim, maxDim]. */
export function shapeArb(minRank = 0, maxRank = 4, minDim = 1, maxDim = 4): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: minDim, max: maxDim }), {
    minLength: minRank,
    maxLength: maxRank,
  });
}

export function sizeOf(shape: Shape): number {
  return shape.reduce((n, d) => n * d, 1);
}

/**
 * Arbitrary float64 values for a shape, in [-range, range]. Magnitudes below 1e-3 become 0, so
 * float32 comparisons are not dominated by subnormal underflow.
 */
export function valuesArb(shape: Shape, range = 10): fc.Arbitrary<Float64Array> {
  return fc
    .array(
      fc.double({ min: -range, max: range, noNaN: true }).map((v) => (Math.abs(v) < 1e-3 ? 0 : v)),
      {
        minLength: sizeOf(shape),
        maxLength: sizeOf(shape),
      },
    )
    .map((v) => Float64Array.from(v));
}

/** Arbitrary float64 tensor with a random shape. */
export function tensorArb(minRank = 0, maxRank = 4, maxDim = 4): fc.Arbitrary<Tensor> {
  return shapeArb(minRank, maxRank, 1, maxDim).chain((shape) =>
    valuesArb(shape).map((v) => tensor(v, { shape })),
  );
}

/** Row-major strides. */
export function strides(shape: Shape): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
}

/** All multi-indices of a shape in row-major order. */
export function* indices(shape: Shape): Generator<number[]> {
  const n = sizeOf(shape);
  const st = strides(shape);
  for (let f = 0; f < n; f++) yield shape.map((d, i) => Math.floor(f / st[i]!) % d);
}

/** Flat offset of a multi-index. */
export function offset(shape: Shape, index: readonly number[]): number {
  const st = strides(shape);
  return index.reduce((o, v, i) => o + v * st[i]!, 0);
}

/** Max normwise relative error ||a - b|| / max(||b||, tiny). */
export function relError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < expected.length; i++) {
    num += (actual[i]! - expected[i]!) ** 2;
    den += expected[i]! ** 2;
  }
  return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-300);
}

/** Asserts two arrays agree elementwise within `tol` (absolute + relative). */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol = 1e-12,
): void {
  if (actual.length !== expected.length) {
    throw new Error(`length ${actual.length} differs from expected ${expected.length}`);
  }
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) ? !Number.isNaN(a) : Math.abs(a - e) > tol * (1 + Math.abs(e))) {
      throw new Error(`element ${i}: got ${a}, expected ${e} (tol ${tol})`);
    }
  }
}

/** The nested array of a tensor, for deep equality. */
export function nested(t: Tensor): NestedArray {
  return t.toArray();
}

import fc from 'fast-check';
import { expect } from 'vitest';
import type { Backend, NdArray, Shape } from '../../src/index.js';
import { createGpujsBackend, reference, sizeOf } from '../../src/index.js';

/** Every gpu.js kernel, whatever the size: the differential tests exercise the kernels. */
export const gpujs = createGpujsBackend({ routing: 'always' });

/** Normwise relative error `||got - want|| / ||want||` (0 when both are 0). */
export function relError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < want.length; i++) {
    num += (got[i]! - want[i]!) ** 2;
    den += want[i]! ** 2;
  }
  return num === 0 ? 0 : Math.sqrt(num) / Math.sqrt(den);
}

/** The float64 copy of a float32 buffer (same values). */
export function widen(x: NdArray): NdArray<'float64'> {
  return { dtype: 'float64', shape: [...x.shape], data: Float64Array.from(x.data) };
}

/** A float32 buffer of `shape` with values `values`. */
export function f32(shape: Shape, values: ArrayLike<number>): NdArray<'float32'> {
  expect(values.length).toBe(sizeOf(shape));
  return { dtype: 'float32', shape: [...shape], data: Float32Array.from(values) };
}

/**
 * Float32 values in [-2, 2], a quarter of them small integers (ties and exact zeros).
 * Magnitudes below 1e-3 become 0: products of subnormals underflow to 0 in float32 but not in
 * float64, a difference of formats rather than of kernels.
 */
export const value = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .float({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true })
      .map((v) => (Math.abs(v) < 1e-3 ? 0 : v)),
  },
  { weight: 1, arbitrary: fc.integer({ min: -2, max: 2 }) },
);

/** A float32 buffer of `shape` with values from {@link value}. */
export function bufferOf(shape: Shape): fc.Arbitrary<NdArray<'float32'>> {
  const n = sizeOf(shape);
  return fc.array(value, { minLength: n, maxLength: n }).map((v) => f32(shape, v));
}

/** The float64 copy of `x` with every value made non-negative. */
function magnitudes(x: NdArray): NdArray<'float64'> {
  return { dtype: 'float64', shape: [...x.shape], data: Float64Array.from(x.data, Math.abs) };
}

/**
 * Runs `call` on the gpujs backend with float32 `inputs` and on the reference backend with
 * their float64 copies, checks the shape and the dtype, and that the normwise relative error is
 * at most `tolerance` (1e-5, the class expected of float32); returns the gpujs result.
 *
 * The kernels are sums of products, so the error is measured relative to the norm of the same
 * call on the magnitudes of the inputs, `||got - want|| / ||call(|inputs|)||`: float32 rounding
 * is proportional to the terms summed, and a result that cancels to nearly 0 (possible in a
 * single random dot product) must not turn a 1e-8 error into a failure. Where nothing cancels
 * this is the plain normwise relative error.
 */
export function expectMatchesReference(
  inputs: readonly NdArray[],
  call: (backend: Backend, inputs: readonly NdArray[]) => NdArray,
  tolerance = 1e-5,
): NdArray {
  const got = call(gpujs, inputs);
  const want = call(reference, inputs.map(widen));
  expect(got.dtype).toBe('float32');
  expect(got.shape).toEqual(want.shape);
  expect(got.data.length).toBe(sizeOf(got.shape));
  const scale = call(reference, inputs.map(magnitudes)).data;
  const error = relError(got.data, want.data) * (norm(want.data) / Math.max(norm(scale), 1e-300));
  expect(error).toBeLessThanOrEqual(tolerance);
  return got;
}

function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! ** 2;
  return Math.sqrt(s);
}

/** The first index where `a` and `b` differ (NaN equals NaN, -0 differs from 0), or -1. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

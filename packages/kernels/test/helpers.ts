import fc from 'fast-check';
import { expect } from 'vitest';
import type { Backend, DType, NdArray, Shape } from '../src/index.js';
import { fromValues, reference, sizeOf } from '../src/index.js';

/** A buffer of `dtype` holding `values` (converted as a store converts them). */
export function nd<D extends DType>(dtype: D, shape: Shape, values: ArrayLike<number>): NdArray<D> {
  expect(values.length).toBe(sizeOf(shape));
  return { dtype, shape: [...shape], data: fromValues(dtype, values) };
}

/** A float64 buffer. */
export function f64(shape: Shape, values: ArrayLike<number>): NdArray<'float64'> {
  return nd('float64', shape, values);
}

/** A float32 buffer. */
export function f32(shape: Shape, values: ArrayLike<number>): NdArray<'float32'> {
  return nd('float32', shape, values);
}

/** An int32 buffer. */
export function i32(shape: Shape, values: ArrayLike<number>): NdArray<'int32'> {
  return nd('int32', shape, values);
}

/** Plain numbers of a buffer, for `toEqual`. */
export function values(x: NdArray): number[] {
  return Array.from(x.data);
}

/** The inner product of two buffers of one size. */
export function dot(a: NdArray, b: NdArray): number {
  expect(a.data.length).toBe(b.data.length);
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i]! * b.data[i]!;
  return s;
}

/** `|a - b| <= rtol * max(|a|, |b|) + atol`. */
export function expectClose(a: number, b: number, rtol = 1e-12, atol = 1e-12): void {
  const ok = Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b)) + atol;
  if (!ok) expect(a).toBe(b);
}

function collect(arg: unknown, into: NdArray[]): void {
  if (Array.isArray(arg)) {
    for (const a of arg) collect(a, into);
  } else if (
    typeof arg === 'object' &&
    arg !== null &&
    'data' in arg &&
    ArrayBuffer.isView((arg as NdArray).data)
  ) {
    into.push(arg as NdArray);
  }
}

/**
 * The reference backend, wrapped so that every call checks the kernel contract: no input
 * buffer is modified (each is snapshotted before the call and compared after), the result is
 * a fresh buffer (not one of the inputs), and its data length matches its shape.
 */
export const guarded: Backend = new Proxy(reference, {
  get(target, key, receiver) {
    const member = Reflect.get(target, key, receiver) as unknown;
    if (typeof member !== 'function') return member;
    return (...args: unknown[]) => {
      const inputs: NdArray[] = [];
      collect(args, inputs);
      const before = inputs.map((x) => ({ shape: [...x.shape], data: Array.from(x.data) }));
      const out = (member as (...a: unknown[]) => NdArray).apply(target, args);
      inputs.forEach((x, i) => {
        expect({ shape: [...x.shape], data: Array.from(x.data) }).toEqual(before[i]);
        expect(out.data.buffer).not.toBe(x.data.buffer);
      });
      expect(out.data.length).toBe(sizeOf(out.shape));
      return out;
    };
  },
});

/** Small integers as doubles: sums and products of a few of them are exact in float64. */
export const smallInt = fc.integer({ min: -6, max: 6 });

/** Finite doubles of moderate size. */
export const double = fc.double({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true });

/** Values representable in float32, of moderate size. */
export const float32Value = fc.float({
  min: Math.fround(-4),
  max: Math.fround(4),
  noNaN: true,
  noDefaultInfinity: true,
});

/** `sizeOf(shape)` values from `value`. */
export function valuesOf(shape: Shape, value: fc.Arbitrary<number>): fc.Arbitrary<number[]> {
  const n = sizeOf(shape);
  return fc.array(value, { minLength: n, maxLength: n });
}

/** A float64 buffer of `shape` with values from `value`. */
export function f64Of(shape: Shape, value: fc.Arbitrary<number> = smallInt) {
  return valuesOf(shape, value).map((v) => f64(shape, v));
}

/** A shape of rank `minRank..maxRank` with axes `minDim..maxDim`. */
export function shapeOf(minRank: number, maxRank: number, minDim = 1, maxDim = 4) {
  return fc.array(fc.integer({ min: minDim, max: maxDim }), {
    minLength: minRank,
    maxLength: maxRank,
  });
}

/** Plain row-major strides (test-side, independent of the package). */
export function rowMajorStrides(shape: Shape): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
}

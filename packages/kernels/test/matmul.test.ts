import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NdArray } from '../src/index.js';
import {
  expectClose,
  f32,
  f64,
  f64Of,
  float32Value,
  i32,
  guarded as k,
  values,
  valuesOf,
} from './helpers.js';

const plain = { transposeA: false, transposeB: false };

/** Swaps the last two axes of a rank-3 buffer with explicit loops. */
function swapLast(x: NdArray<'float64'>): NdArray<'float64'> {
  const [b, r, c] = x.shape as [number, number, number];
  const out = new Array<number>(b * r * c);
  for (let s = 0; s < b; s++) {
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < c; j++) out[(s * c + j) * r + i] = x.data[(s * r + i) * c + j]!;
    }
  }
  return f64([b, c, r], out);
}

const dims = fc.record({
  b: fc.integer({ min: 0, max: 3 }),
  m: fc.integer({ min: 0, max: 4 }),
  k: fc.integer({ min: 0, max: 4 }),
  n: fc.integer({ min: 0, max: 4 }),
});

describe('matmul', () => {
  it('multiplies 2x3 by 3x2 by hand', () => {
    const a = f64([1, 2, 3], [1, 2, 3, 4, 5, 6]);
    const b = f64([1, 3, 2], [7, 8, 9, 10, 11, 12]);
    // [1 2 3] . [7 9 11] = 58, [1 2 3] . [8 10 12] = 64, [4 5 6] . [7 9 11] = 139, ... = 154
    expect(k.matmul(a, b, plain)).toEqual(f64([1, 2, 2], [58, 64, 139, 154]));
    expect(k.matmul(a, a, { transposeA: false, transposeB: true })).toEqual(
      f64([1, 2, 2], [14, 32, 32, 77]),
    );
    expect(k.matmul(a, a, { transposeA: true, transposeB: false })).toEqual(
      f64([1, 3, 3], [17, 22, 27, 22, 29, 36, 27, 36, 45]),
    );
  });

  it('batches, handles K = 0 and int32', () => {
    const a = f64([2, 1, 1], [2, 3]);
    const b = f64([2, 1, 2], [1, 10, 100, 1000]);
    expect(k.matmul(a, b, plain)).toEqual(f64([2, 1, 2], [2, 20, 300, 3000]));
    expect(k.matmul(f64([1, 2, 0], []), f64([1, 0, 3], []), plain)).toEqual(
      f64([1, 2, 3], [0, 0, 0, 0, 0, 0]),
    );
    expect(k.matmul(i32([1, 1, 2], [3, 4]), i32([1, 2, 1], [5, 6]), plain)).toEqual(
      i32([1, 1, 1], [39]),
    );
  });

  it('with transposeA / transposeB equals matmul of explicitly transposed buffers', () => {
    fc.assert(
      fc.property(
        dims.chain((d) => fc.tuple(fc.constant(d), f64Of([d.b, d.m, d.k]), f64Of([d.b, d.k, d.n]))),
        fc.boolean(),
        fc.boolean(),
        ([d, a, b], ta, tb) => {
          const expected = k.matmul(a, b, plain);
          expect(expected.shape).toEqual([d.b, d.m, d.n]);
          const a2 = ta ? swapLast(a) : a;
          const b2 = tb ? swapLast(b) : b;
          expect(k.matmul(a2, b2, { transposeA: ta, transposeB: tb })).toEqual(expected);
        },
      ),
    );
  });

  it('equals the textbook triple loop', () => {
    fc.assert(
      fc.property(
        dims.chain((d) =>
          fc.tuple(
            fc.constant(d),
            valuesOf([d.b, d.m, d.k], fc.double({ min: -3, max: 3, noNaN: true })),
            valuesOf([d.b, d.k, d.n], fc.double({ min: -3, max: 3, noNaN: true })),
          ),
        ),
        ([d, av, bv]) => {
          const c = k.matmul(f64([d.b, d.m, d.k], av), f64([d.b, d.k, d.n], bv), plain);
          for (let s = 0; s < d.b; s++) {
            for (let i = 0; i < d.m; i++) {
              for (let j = 0; j < d.n; j++) {
                let acc = 0;
                for (let p = 0; p < d.k; p++) {
                  acc += av[(s * d.m + i) * d.k + p]! * bv[(s * d.k + p) * d.n + j]!;
                }
                expectClose(c.data[(s * d.m + i) * d.n + j]!, acc);
              }
            }
          }
        },
      ),
    );
  });

  it('float32 result equals the float64 result rounded', () => {
    fc.assert(
      fc.property(
        dims.chain((d) =>
          fc.tuple(
            fc.constant(d),
            valuesOf([d.b, d.m, d.k], float32Value),
            valuesOf([d.b, d.k, d.n], float32Value),
          ),
        ),
        fc.boolean(),
        fc.boolean(),
        ([d, av, bv], ta, tb) => {
          const aShape = ta ? [d.b, d.k, d.m] : [d.b, d.m, d.k];
          const bShape = tb ? [d.b, d.n, d.k] : [d.b, d.k, d.n];
          const opts = { transposeA: ta, transposeB: tb };
          const c32 = k.matmul(f32(aShape, av), f32(bShape, bv), opts);
          const c64 = k.matmul(f64(aShape, av), f64(bShape, bv), opts);
          expect(c32.dtype).toBe('float32');
          const v32 = values(c32);
          values(c64).forEach((v, i) => {
            expectClose(v32[i]!, Math.fround(v), 1e-6, 1e-30);
          });
        },
      ),
    );
  });
});

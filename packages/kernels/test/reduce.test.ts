import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NdArray } from '../src/index.js';
import { f32, f64, f64Of, i32, guarded as k, nd, shapeOf, values } from './helpers.js';

describe('reduce', () => {
  const x = f64([2, 3, 2], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

  it('sums over chosen axes, removing them', () => {
    expect(k.reduce('sum', x, { axes: [1] })).toEqual(f64([2, 2], [9, 12, 27, 30]));
    expect(k.reduce('sum', x, { axes: [0, 2] })).toEqual(
      f64([3], [1 + 2 + 7 + 8, 3 + 4 + 9 + 10, 5 + 6 + 11 + 12]),
    );
    expect(k.reduce('sum', x, { axes: [0, 1, 2] })).toEqual(f64([], [78]));
    expect(k.reduce('sum', x, { axes: [] })).toEqual(x);
  });

  it('takes maxima over chosen axes and propagates NaN', () => {
    expect(k.reduce('max', x, { axes: [0, 1] })).toEqual(f64([2], [11, 12]));
    const y = f64([2, 3], [1, Number.NaN, 3, -Infinity, -Infinity, -Infinity]);
    expect(values(k.reduce('max', y, { axes: [1] }))).toEqual([Number.NaN, -Infinity]);
  });

  it('over an empty axis: sum is 0, max is -Infinity', () => {
    const e = f64([2, 0], []);
    expect(k.reduce('sum', e, { axes: [1] })).toEqual(f64([2], [0, 0]));
    expect(k.reduce('max', e, { axes: [1] })).toEqual(f64([2], [-Infinity, -Infinity]));
  });

  it('keeps the dtype; float32 sums accumulate in double and round once', () => {
    const big = 2 ** 24;
    const y = k.reduce('sum', f32([3], [big, 1, 1]), { axes: [0] });
    expect(y.dtype).toBe('float32');
    // Rounding after each addition would give 2^24; one rounding at the end is exact here.
    expect(values(y)).toEqual([big + 2]);
    expect(k.reduce('sum', i32([3], [2 ** 31 - 1, 1, 0]), { axes: [0] })).toEqual(
      i32([], [-(2 ** 31)]),
    );
  });

  it('sum over all axes equals the plain sum', () => {
    fc.assert(
      fc.property(
        shapeOf(0, 4, 0, 4).chain((s) => f64Of(s)),
        (a) => {
          const all = a.shape.map((_, i) => i);
          const y = k.reduce('sum', a, { axes: all });
          expect(y.shape).toEqual([]);
          expect(y.data[0]).toBe(values(a).reduce((p, v) => p + v, 0));
          const m = k.reduce('max', a, { axes: all });
          expect(m.data[0]).toBe(Math.max(...values(a)));
        },
      ),
    );
  });

  it('reducing some axes then the rest equals reducing all at once', () => {
    fc.assert(
      fc.property(
        shapeOf(1, 4).chain((s) => fc.tuple(f64Of(s), fc.subarray(s.map((_, i) => i)))),
        ([a, axes]) => {
          const part = k.reduce('sum', a, { axes });
          const rest = part.shape.map((_, i) => i);
          const whole = k.reduce('sum', a, { axes: a.shape.map((_, i) => i) });
          expect(k.reduce('sum', part, { axes: rest }).data[0]).toBe(whole.data[0]);
          expect(part.shape).toEqual(a.shape.filter((_, i) => !axes.includes(i)));
        },
      ),
    );
  });
});

/**
 * The element-by-element definition: output `o` folds its elements in row-major order of the
 * reduced axes, starting from 0 (sum) or -Infinity (max), NaN winning any max.
 */
function reduceByDefinition(op: 'sum' | 'max', a: NdArray, axes: readonly number[]): number[] {
  const kept = a.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const out = new Map<string, number>();
  const index = a.shape.map(() => 0);
  for (let i = 0; i < a.data.length; i++) {
    const o = kept.map((d) => index[d]).join(',');
    const v = a.data[i]!;
    const acc = out.get(o) ?? (op === 'sum' ? 0 : Number.NEGATIVE_INFINITY);
    out.set(o, op === 'sum' ? acc + v : Number.isNaN(acc) || v <= acc ? acc : v);
    for (let d = a.shape.length - 1; d >= 0; d--) {
      if (++index[d]! < a.shape[d]!) break;
      index[d] = 0;
    }
  }
  return [...out.values()];
}

describe('reduce, bit for bit', () => {
  it('sums and maxima equal the element-by-element folds, in the same order', () => {
    // Mixed magnitudes, so that a different order of the additions changes the last bits.
    const real = fc.oneof(
      { weight: 4, arbitrary: fc.double({ min: -1, max: 1, noNaN: true }) },
      { weight: 4, arbitrary: fc.double({ min: -1e8, max: 1e8, noNaN: true }) },
      { weight: 1, arbitrary: fc.constant(Number.NaN) },
    );
    fc.assert(
      fc.property(
        shapeOf(0, 4, 1, 4).chain((s) => fc.tuple(f64Of(s, real), fc.subarray(s.map((_, i) => i)))),
        fc.constantFrom('sum' as const, 'max' as const),
        ([a, axes], op) => {
          const got = values(k.reduce(op, a, { axes }));
          const want = reduceByDefinition(op, a, axes);
          expect(got.length).toBe(want.length);
          for (let i = 0; i < got.length; i++) expect(Object.is(got[i], want[i])).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('argmax', () => {
  it('returns the index of the first maximum along the axis', () => {
    const x = f64([2, 3], [1, 5, 5, 7, 7, 2]);
    expect(k.argmax(x, { axis: 1 })).toEqual(i32([2], [1, 0]));
    expect(k.argmax(x, { axis: 0 })).toEqual(i32([3], [1, 1, 0]));
  });

  it('returns the index of the first NaN if there is one', () => {
    const x = f64([5], [1, 9, Number.NaN, 9, Number.NaN]);
    expect(k.argmax(x, { axis: 0 })).toEqual(i32([], [2]));
  });

  it('handles a middle axis, -Infinity and int32', () => {
    const x = nd('float64', [1, 2, 2], [-Infinity, 3, -Infinity, 4]);
    expect(k.argmax(x, { axis: 1 })).toEqual(i32([1, 2], [0, 1]));
    expect(k.argmax(i32([3], [-5, -1, -1]), { axis: 0 })).toEqual(i32([], [1]));
  });

  it('points at the first element equal to max-reduce along the axis', () => {
    fc.assert(
      fc.property(
        shapeOf(1, 3).chain((s) =>
          fc.tuple(f64Of(s, fc.integer({ min: -2, max: 2 })), fc.nat(s.length - 1)),
        ),
        ([a, axis]) => {
          const idx = k.argmax(a, { axis });
          const m = k.reduce('max', a, { axes: [axis] });
          expect(idx.shape).toEqual(m.shape);
          const n = a.shape[axis]!;
          const inner = a.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
          for (let j = 0; j < m.data.length; j++) {
            const o = Math.floor(j / inner);
            const i = j % inner;
            const at = (q: number) => a.data[(o * n + q) * inner + i]!;
            const first = idx.data[j]!;
            expect(at(first)).toBe(m.data[j]);
            for (let q = 0; q < first; q++) expect(at(q)).toBeLessThan(m.data[j]!);
          }
        },
      ),
    );
  });
});

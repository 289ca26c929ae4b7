import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BinaryOp, NdArray, UnaryOp } from '../src/index.js';
import { f32, f64, i32, guarded as k, nd, values } from './helpers.js';

describe('unary', () => {
  it('computes each op on float64', () => {
    const x = f64([4], [-2, 0, 0.5, 3]);
    expect(values(k.unary('neg', x))).toEqual([2, -0, -0.5, -3]);
    expect(values(k.unary('abs', x))).toEqual([2, 0, 0.5, 3]);
    expect(values(k.unary('exp', x))).toEqual([-2, 0, 0.5, 3].map(Math.exp));
    expect(values(k.unary('tanh', x))).toEqual([-2, 0, 0.5, 3].map(Math.tanh));
    expect(values(k.unary('sqrt', f64([3], [0, 4, -1])))).toEqual([0, 2, Number.NaN]);
    expect(values(k.unary('log', f64([3], [1, 0, -1])))).toEqual([0, -Infinity, Number.NaN]);
  });

  it('sign is 0 at 0 and NaN at NaN', () => {
    const y = k.unary('sign', f64([5], [-3, 0, 2, Number.NaN, -0]));
    expect(values(y)).toEqual([-1, 0, 1, Number.NaN, -0]);
    expect(values(k.unary('sign', i32([3], [-7, 0, 9])))).toEqual([-1, 0, 1]);
  });

  it('sigmoid is stable for large |x| and exact at 0', () => {
    const y = k.unary('sigmoid', f64([5], [-1000, -40, 0, 40, 1000]));
    expect(y.data[0]).toBe(0);
    expect(y.data[1]).toBeGreaterThan(0);
    expect(y.data[1]).toBeCloseTo(Math.exp(-40), 30);
    expect(y.data[2]).toBe(0.5);
    expect(y.data[3]).toBe(1);
    expect(y.data[4]).toBe(1);
    expect(Number.isNaN(k.unary('sigmoid', f64([1], [Number.NaN])).data[0])).toBe(true);
  });

  it('int32 neg and abs wrap', () => {
    expect(values(k.unary('neg', i32([2], [-(2 ** 31), 5])))).toEqual([-(2 ** 31), -5]);
    expect(values(k.unary('abs', i32([2], [-(2 ** 31), -5])))).toEqual([-(2 ** 31), 5]);
  });

  it('float32 results are the float64 results rounded once', () => {
    const ops: UnaryOp[] = ['neg', 'exp', 'log', 'sqrt', 'abs', 'sign', 'tanh', 'sigmoid'];
    fc.assert(
      fc.property(
        fc.constantFrom(...ops),
        fc.array(fc.float({ noNaN: true, min: -20, max: 20 }), { maxLength: 8 }),
        (op, xs) => {
          const y32 = k.unary(op, f32([xs.length], xs));
          const y64 = k.unary(op, f64([xs.length], xs));
          expect(y32.dtype).toBe('float32');
          expect(values(y32)).toEqual(values(y64).map(Math.fround));
        },
      ),
    );
  });
});

describe('binary', () => {
  it('computes each op on float64, propagating NaN through max and min', () => {
    const a = f64([3], [1, -2, Number.NaN]);
    const b = f64([3], [4, 3, 1]);
    expect(values(k.binary('add', a, b))).toEqual([5, 1, Number.NaN]);
    expect(values(k.binary('sub', a, b))).toEqual([-3, -5, Number.NaN]);
    expect(values(k.binary('mul', a, b))).toEqual([4, -6, Number.NaN]);
    expect(values(k.binary('div', a, b))).toEqual([0.25, -2 / 3, Number.NaN]);
    expect(values(k.binary('pow', a, b))).toEqual([1, -8, Number.NaN]);
    expect(values(k.binary('max', a, b))).toEqual([4, 3, Number.NaN]);
    expect(values(k.binary('min', a, b))).toEqual([1, -2, Number.NaN]);
  });

  it('int32 div truncates toward zero, results wrap, division by zero gives 0', () => {
    const a = i32([5], [7, -7, 7, -7, 3]);
    const b = i32([5], [2, 2, -2, -2, 0]);
    expect(values(k.binary('div', a, b))).toEqual([3, -3, -3, 3, 0]);
    const big = i32([2], [2 ** 31 - 1, 65536]);
    expect(values(k.binary('add', big, i32([2], [1, 0])))).toEqual([-(2 ** 31), 65536]);
    expect(values(k.binary('mul', big, i32([2], [3, 65536])))).toEqual([
      Math.imul(2 ** 31 - 1, 3),
      0,
    ]);
    expect(values(k.binary('pow', i32([3], [2, 2, -3]), i32([3], [10, -1, 3])))).toEqual([
      1024, 0, -27,
    ]);
  });

  it('float32 results are the float64 results rounded once', () => {
    const ops: BinaryOp[] = ['add', 'sub', 'mul', 'div', 'pow', 'max', 'min'];
    fc.assert(
      fc.property(
        fc.constantFrom(...ops),
        fc.array(fc.tuple(fc.float({ noNaN: true }), fc.float({ noNaN: true })), {
          maxLength: 8,
        }),
        (op, pairs) => {
          const n = pairs.length;
          const as = pairs.map((p) => p[0]);
          const bs = pairs.map((p) => p[1]);
          const y32 = k.binary(op, f32([n], as), f32([n], bs));
          const y64 = k.binary(op, f64([n], as), f64([n], bs));
          expect(values(y32)).toEqual(values(y64).map(Math.fround));
        },
      ),
    );
  });
});

describe('compare, where, cast', () => {
  it('compares elementwise with IEEE NaN semantics', () => {
    const a = f64([3], [1, 2, Number.NaN]);
    const b = f64([3], [2, 2, Number.NaN]);
    const r = (op: 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne') => values(k.compare(op, a, b));
    expect(k.compare('lt', a, b).dtype).toBe('bool');
    expect(r('lt')).toEqual([1, 0, 0]);
    expect(r('le')).toEqual([1, 1, 0]);
    expect(r('gt')).toEqual([0, 0, 0]);
    expect(r('ge')).toEqual([0, 1, 0]);
    expect(r('eq')).toEqual([0, 1, 0]);
    expect(r('ne')).toEqual([1, 0, 1]);
  });

  it('where selects elementwise and keeps the dtype', () => {
    const cond = nd('bool', [2, 2], [1, 0, 0, 1]);
    const y = k.where(cond, i32([2, 2], [1, 2, 3, 4]), i32([2, 2], [-1, -2, -3, -4]));
    expect(y.dtype).toBe('int32');
    expect(y.shape).toEqual([2, 2]);
    expect(values(y)).toEqual([1, -2, -3, 4]);
  });

  it('where and compare agree with the element-by-element definitions on every dtype', () => {
    const special = fc.constantFrom(Number.NaN, -0, 0, Infinity, -Infinity, 1, -1);
    const dtypes = ['float32', 'float64', 'int32', 'bool'] as const;
    const cases = fc.record({
      dtype: fc.constantFrom(...dtypes),
      // Bytes other than 0 and 1 too: a condition is true wherever it is not 0.
      cond: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }),
      seed: fc.array(fc.oneof(fc.double(), special), { minLength: 80, maxLength: 80 }),
    });
    fc.assert(
      fc.property(cases, ({ dtype, cond, seed }) => {
        const n = cond.length;
        const c: NdArray<'bool'> = { dtype: 'bool', shape: [n], data: Uint8Array.from(cond) };
        const a = nd(dtype, [n], seed.slice(0, n));
        const b = nd(dtype, [n], seed.slice(40, 40 + n));
        const got = k.where(c, a, b);
        expect(got.dtype).toBe(dtype);
        for (let i = 0; i < n; i++) {
          expect(Object.is(got.data[i], cond[i] !== 0 ? a.data[i] : b.data[i])).toBe(true);
        }
        const x = a.data;
        const y = b.data;
        const ops = {
          lt: (p: number, q: number) => p < q,
          le: (p: number, q: number) => p <= q,
          gt: (p: number, q: number) => p > q,
          ge: (p: number, q: number) => p >= q,
          eq: (p: number, q: number) => p === q,
          ne: (p: number, q: number) => p !== q,
        };
        for (const [op, f] of Object.entries(ops)) {
          const r = k.compare(op as keyof typeof ops, a, b).data;
          for (let i = 0; i < n; i++) expect(r[i]).toBe(f(x[i]!, y[i]!) ? 1 : 0);
        }
      }),
    );
  });

  it('casts as a typed-array store does; bool stores x !== 0', () => {
    const x = f64([6], [1.7, -2.5, Number.NaN, 2 ** 32 + 3, 0, 1e40]);
    expect(values(k.cast(x, 'int32'))).toEqual([1, -2, 0, 3, 0, 0]);
    expect(values(k.cast(x, 'bool'))).toEqual([1, 1, 1, 1, 0, 1]);
    expect(values(k.cast(x, 'float32'))).toEqual([
      Math.fround(1.7),
      -2.5,
      Number.NaN,
      2 ** 32,
      0,
      Infinity,
    ]);
    expect(values(k.cast(nd('bool', [2], [1, 0]), 'float64'))).toEqual([1, 0]);
    expect(k.cast(x, 'float64').shape).toEqual([6]);
  });
});

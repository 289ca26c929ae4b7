import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  argmax,
  argmin,
  logSoftmax,
  logSumExp,
  max,
  mean,
  min,
  ShapeError,
  softmax,
  sum,
  type Tensor,
  tensor,
  zeros,
} from '../src/index.js';
import { expectClose, indices, offset, tensorArb } from './helpers.js';

/** Reduces `x` over `axes` with `f` by visiting every element: the definition. */
function naiveReduce(
  x: Tensor,
  axes: readonly number[],
  init: number,
  f: (acc: number, v: number) => number,
): { shape: number[]; data: number[] } {
  const shape = x.shape.filter((_, i) => !axes.includes(i));
  const data = new Array<number>(shape.reduce((n, d) => n * d, 1)).fill(init);
  const xd = x.data();
  for (const idx of indices(x.shape)) {
    const out = idx.filter((_, i) => !axes.includes(i));
    const o = offset(shape, out);
    data[o] = f(data[o]!, xd[offset(x.shape, idx)]!);
  }
  return { shape, data };
}

const withAxes = tensorArb(1, 4).chain((x) =>
  fc.tuple(
    fc.constant(x),
    fc.subarray(
      x.shape.map((_, i) => i),
      { minLength: 1 },
    ),
  ),
);

describe('reductions', () => {
  it('sum, max and min agree with the definition over random axes', () => {
    fc.assert(
      fc.property(withAxes, ([x, axes]) => {
        const s = naiveReduce(x, axes, 0, (a, v) => a + v);
        const got = sum(x, { axis: axes });
        expect(got.shape).toEqual(s.shape);
        expectClose(got.data(), s.data, 1e-12);
        expectClose(
          max(x, { axis: axes }).data(),
          naiveReduce(x, axes, -Infinity, Math.max).data,
          0,
        );
        expectClose(
          min(x, { axis: axes }).data(),
          naiveReduce(x, axes, Infinity, Math.min).data,
          0,
        );
      }),
    );
  });

  it('keepDims keeps reduced axes with length 1; negative axes count from the end', () => {
    fc.assert(
      fc.property(withAxes, ([x, axes]) => {
        const kept = mean(x, { axis: axes.map((a) => a - x.rank), keepDims: true });
        expect(kept.shape).toEqual(x.shape.map((d, i) => (axes.includes(i) ? 1 : d)));
        const count = axes.reduce((n, a) => n * x.shape[a]!, 1);
        expectClose(
          kept.data(),
          naiveReduce(x, axes, 0, (a, v) => a + v).data.map((v) => v / count),
          1e-12,
        );
      }),
    );
  });

  it('argmax finds the first maximum', () => {
    expect(
      argmax(
        tensor([
          [1, 5, 5],
          [7, 4, 7],
        ]),
        { axis: 1 },
      ).toArray(),
    ).toEqual([1, 0]);
    expect(
      argmax(
        tensor([
          [1, 5],
          [7, 4],
        ]),
      ).toArray(),
    ).toEqual(2);
    expect(
      argmax(
        tensor([
          [1, 5],
          [7, 4],
        ]),
        { axis: 0, keepDims: true },
      ).shape,
    ).toEqual([1, 2]);
    expect(argmin(tensor([3, 1, 2])).item()).toBe(1);
    expect(argmax(tensor([1, 2])).dtype).toBe('int32');
  });

  it('argmax picks an index holding the maximum along random axes', () => {
    fc.assert(
      fc.property(
        tensorArb(1, 3).chain((x) => fc.tuple(fc.constant(x), fc.nat({ max: x.rank - 1 }))),
        ([x, axis]) => {
          const at = argmax(x, { axis, keepDims: true });
          const best = max(x, { axis, keepDims: true });
          const picked = at.data();
          const xd = x.data();
          const bd = best.data();
          for (const idx of indices(at.shape)) {
            const o = offset(at.shape, idx);
            const src = [...idx];
            src[axis] = picked[o]!;
            expect(xd[offset(x.shape, src)]).toBe(bd[o]);
          }
        },
      ),
    );
  });

  it('rejects empty max and mean, and bad axes', () => {
    expect(() => max(zeros([0, 2]), { axis: 0 })).toThrow(
      'max: reducing [0,2] over an empty axis has no identity',
    );
    expect(() => mean(zeros([0]))).toThrow(ShapeError);
    expect(sum(zeros([0, 2]), { axis: 0 }).toArray()).toEqual([0, 0]);
    expect(() => sum(zeros([2]), { axis: 1 })).toThrow('sum: axis 1 is out of range for rank 1');
    expect(() => sum(zeros([2, 2]), { axis: [0, -2] })).toThrow(/repeated axis/);
  });
});

describe('logSumExp and softmax', () => {
  it('logSumExp is log(sum(exp(x))) and does not overflow', () => {
    fc.assert(
      fc.property(withAxes, ([x, axes]) => {
        const expected = naiveReduce(x, axes, 0, (a, v) => a + Math.exp(v)).data.map(Math.log);
        expectClose(logSumExp(x, { axis: axes }).data(), expected, 1e-12);
      }),
    );
    expect(logSumExp(tensor([1000, 1000], { dtype: 'float64' })).item()).toBeCloseTo(
      1000 + Math.LN2,
      12,
    );
    expect(logSumExp(tensor([-Infinity, -Infinity])).item()).toBe(-Infinity);
  });

  it('softmax rows are positive and sum to 1; logSoftmax is its log', () => {
    fc.assert(
      fc.property(tensorArb(1, 3), (x) => {
        const p = softmax(x);
        const rows = sum(p, { axis: -1 }).data();
        for (const r of rows) expect(r).toBeCloseTo(1, 12);
        expectClose(logSoftmax(x).data(), Array.from(p.data(), Math.log), 1e-10);
      }),
    );
    expect(softmax(tensor([1000, 0], { dtype: 'float64' })).toArray()).toEqual([1, 0]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeAxes } from '../src/reference/util.js';
import {
  dot,
  f32,
  f64,
  f64Of,
  i32,
  guarded as k,
  nd,
  shapeOf,
  smallInt,
  values,
} from './helpers.js';

describe('transpose', () => {
  it('permutes axes by hand', () => {
    const x = f64([2, 3], [1, 2, 3, 4, 5, 6]);
    expect(k.transpose(x, { perm: [1, 0] })).toEqual(f64([3, 2], [1, 4, 2, 5, 3, 6]));
    const y = f64([2, 1, 3], [1, 2, 3, 4, 5, 6]);
    // output axis i is input axis perm[i]: [3, 2, 1]
    expect(k.transpose(y, { perm: [2, 0, 1] })).toEqual(f64([3, 2, 1], [1, 4, 2, 5, 3, 6]));
    expect(k.transpose(f64([], [7]), { perm: [] })).toEqual(f64([], [7]));
  });

  it('by a permutation then its inverse is the identity', () => {
    fc.assert(
      fc.property(
        shapeOf(0, 5, 0, 3).chain((s) =>
          fc.tuple(
            f64Of(s),
            fc.shuffledSubarray(
              s.map((_, i) => i),
              { minLength: s.length, maxLength: s.length },
            ),
          ),
        ),
        ([x, perm]) => {
          const y = k.transpose(x, { perm });
          expect(y.shape).toEqual(perm.map((a) => x.shape[a]));
          const inverse = new Array<number>(perm.length);
          perm.forEach((a, i) => {
            inverse[a] = i;
          });
          expect(k.transpose(y, { perm: inverse })).toEqual(x);
        },
      ),
    );
  });
});

describe('broadcast', () => {
  it('repeats axes of length 1 by hand', () => {
    const x = f64([2, 1], [1, 2]);
    expect(k.broadcast(x, { shape: [2, 3] })).toEqual(f64([2, 3], [1, 1, 1, 2, 2, 2]));
    const r = i32([1, 3], [1, 2, 3]);
    expect(k.broadcast(r, { shape: [2, 3] })).toEqual(i32([2, 3], [1, 2, 3, 1, 2, 3]));
    expect(k.broadcast(f64([1], [5]), { shape: [0] })).toEqual(f64([0], []));
  });

  it('then sum over the broadcast axes is x times the repeat count', () => {
    fc.assert(
      fc.property(
        shapeOf(1, 4).chain((s) =>
          fc.tuple(f64Of(s), fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length })),
        ),
        ([target, squash]) => {
          // x has length 1 on the squashed axes of the target shape.
          const shape = target.shape;
          const xShape = shape.map((d, i) => (squash[i] ? 1 : d));
          const n = xShape.reduce((p, d) => p * d, 1);
          const x = f64(xShape, values(target).slice(0, n));
          const axes = shape.map((_, i) => i).filter((i) => squash[i]);
          const repeat = axes.reduce((p, a) => p * shape[a]!, 1);
          const y = k.broadcast(x, { shape });
          const back = k.reduce('sum', y, { axes });
          expect(values(back)).toEqual(values(x).map((v) => v * repeat));
        },
      ),
    );
  });
});

describe('slice', () => {
  it('takes strided ranges by hand', () => {
    const x = f64([3, 5], [0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24]);
    const y = k.slice(x, { begin: [0, 1], end: [3, 5], strides: [2, 2] });
    expect(y).toEqual(f64([2, 2], [1, 3, 21, 23]));
    const z = k.slice(x, { begin: [1, 0], end: [2, 5], strides: [1, 3] });
    expect(z).toEqual(f64([1, 2], [10, 13]));
    const e = k.slice(x, { begin: [2, 2], end: [2, 4], strides: [1, 1] });
    expect(e).toEqual(f64([0, 2], []));
  });
});

describe('pad', () => {
  it('adds constant borders by hand', () => {
    const x = f64([2, 2], [1, 2, 3, 4]);
    const y = k.pad(x, { low: [1, 0], high: [0, 2], value: 9 });
    expect(y).toEqual(f64([3, 4], [9, 9, 9, 9, 1, 2, 9, 9, 3, 4, 9, 9]));
    const b = k.pad(nd('bool', [1], [1]), { low: [1], high: [1], value: 0 });
    expect(b).toEqual(nd('bool', [3], [0, 1, 0]));
    expect(values(k.pad(f32([1], [1]), { low: [1], high: [0], value: 0.1 }))).toEqual([
      Math.fround(0.1),
      1,
    ]);
  });

  it('<pad(x), y> = <x, slice(y)>', () => {
    fc.assert(
      fc.property(
        shapeOf(0, 4, 0, 3).chain((s) =>
          fc.tuple(
            f64Of(s),
            fc.array(fc.nat(2), { minLength: s.length, maxLength: s.length }),
            fc.array(fc.nat(2), { minLength: s.length, maxLength: s.length }),
          ),
        ),
        fc.infiniteStream(smallInt),
        ([x, low, high], stream) => {
          const p = k.pad(x, { low, high, value: 0 });
          const yShape = p.shape;
          const n = yShape.reduce((a, d) => a * d, 1);
          const y = f64(yShape, [...stream.take(n)]);
          const s = k.slice(y, {
            begin: low,
            end: low.map((l, i) => l + x.shape[i]!),
            strides: low.map(() => 1),
          });
          expect(dot(p, y)).toBe(dot(x, s));
          // slice undoes pad
          expect(
            k.slice(p, {
              begin: low,
              end: low.map((l, i) => l + x.shape[i]!),
              strides: low.map(() => 1),
            }),
          ).toEqual(x);
        },
      ),
    );
  });
});

describe('concat', () => {
  it('joins along an axis by hand', () => {
    const a = f64([2, 1], [1, 2]);
    const b = f64([2, 2], [3, 4, 5, 6]);
    expect(k.concat([a, b], { axis: 1 })).toEqual(f64([2, 3], [1, 3, 4, 2, 5, 6]));
    expect(k.concat([b, f64([0, 2], [])], { axis: 0 })).toEqual(b);
    expect(k.concat([a], { axis: 0 })).toEqual(a);
  });

  it('slicing the result gives the pieces back', () => {
    fc.assert(
      fc.property(
        shapeOf(1, 3, 1, 3).chain((s) =>
          fc.tuple(
            fc.nat(s.length - 1),
            fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }),
            fc.constant(s),
          ),
        ),
        fc.infiniteStream(smallInt),
        ([axis, lengths, s], stream) => {
          const pieces = lengths.map((len) => {
            const shape = s.map((d, i) => (i === axis ? len : d));
            return f64(shape, [...stream.take(shape.reduce((p, d) => p * d, 1))]);
          });
          const y = k.concat(pieces, { axis });
          let start = 0;
          for (const piece of pieces) {
            const begin = s.map((_, i) => (i === axis ? start : 0));
            const end = y.shape.map((d, i) => (i === axis ? start + piece.shape[axis]! : d));
            expect(k.slice(y, { begin, end, strides: s.map(() => 1) })).toEqual(piece);
            start += piece.shape[axis]!;
          }
        },
      ),
    );
  });
});

describe('gather and scatterAdd', () => {
  it('gather takes along an axis by hand', () => {
    const x = f64([3, 2], [1, 2, 3, 4, 5, 6]);
    expect(k.gather(x, i32([2, 2], [2, 0, 0, 0]), { axis: 0 })).toEqual(
      f64([2, 2, 2], [5, 6, 1, 2, 1, 2, 1, 2]),
    );
    expect(k.gather(x, i32([], [1]), { axis: 1 })).toEqual(f64([3], [2, 4, 6]));
    expect(k.gather(x, i32([0], []), { axis: 0 })).toEqual(f64([0, 2], []));
  });

  it('gather throws a RangeError naming the index', () => {
    const x = f64(
      [10],
      Array.from({ length: 10 }, (_, i) => i),
    );
    expect(() => k.gather(x, i32([2], [3, 12]), { axis: 0 })).toThrow(
      new RangeError('gather: index 12 is out of range for axis 0 of size 10'),
    );
    expect(() => k.gather(x, i32([1], [-1]), { axis: 0 })).toThrow(RangeError);
    expect(() =>
      k.scatterAdd(i32([1], [3]), f64([2, 1], [1, 1]), { axis: 1, shape: [2, 3] }),
    ).toThrow(new RangeError('scatterAdd: index 3 is out of range for axis 1 of size 3'));
  });

  it('scatterAdd adds repeated indices by hand', () => {
    const u = f64([3, 2], [1, 2, 10, 20, 100, 200]);
    const y = k.scatterAdd(i32([3], [2, 0, 2]), u, { axis: 0, shape: [4, 2] });
    expect(y).toEqual(f64([4, 2], [10, 20, 0, 0, 101, 202, 0, 0]));
    const z = k.scatterAdd(i32([2], [1, 1]), f32([1, 2], [0.5, 0.25]), { axis: 1, shape: [1, 3] });
    expect(z).toEqual(f32([1, 3], [0, 0.75, 0]));
  });

  it('<gather(x, i), u> = <x, scatterAdd(i, u)>', () => {
    fc.assert(
      fc.property(
        shapeOf(1, 3).chain((s) => fc.tuple(f64Of(s), fc.nat(s.length - 1), shapeOf(0, 2, 0, 3))),
        fc.infiniteStream(fc.nat()),
        fc.infiniteStream(smallInt),
        ([x, axis, iShape], idxStream, uStream) => {
          const size = x.shape[axis]!;
          const m = iShape.reduce((p, d) => p * d, 1);
          const indices = i32(
            iShape,
            [...idxStream.take(m)].map((v) => v % size),
          );
          const g = k.gather(x, indices, { axis });
          expect(g.shape).toEqual([
            ...x.shape.slice(0, axis),
            ...iShape,
            ...x.shape.slice(axis + 1),
          ]);
          const u = f64(g.shape, [...uStream.take(g.data.length)]);
          const s = k.scatterAdd(indices, u, { axis, shape: x.shape });
          expect(s.shape).toEqual(x.shape);
          expect(dot(g, u)).toBe(dot(x, s));
        },
      ),
    );
  });
});

describe('mergeAxes (the strided copy behind transpose, broadcast and slice)', () => {
  /** Every offset `sum(idx[i] * strides[i])` in row-major order of `shape`. */
  const offsets = (shape: readonly number[], strides: readonly number[]): number[] => {
    let out = [0];
    for (let a = 0; a < shape.length; a++) {
      const next: number[] = [];
      for (const o of out) for (let i = 0; i < shape[a]!; i++) next.push(o + i * strides[a]!);
      out = next;
    }
    return out;
  };

  it('visits the same offsets in the same order with fewer or as many axes', () => {
    const case_ = fc
      .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 })
      .chain((shape) =>
        fc.tuple(
          fc.constant(shape),
          fc.array(fc.integer({ min: 0, max: 30 }), {
            minLength: shape.length,
            maxLength: shape.length,
          }),
        ),
      );
    fc.assert(
      fc.property(case_, ([shape, strides]) => {
        const merged = mergeAxes(shape, strides);
        expect(merged.shape.length).toBeLessThanOrEqual(shape.length);
        expect(offsets(merged.shape, merged.strides)).toEqual(offsets(shape, strides));
      }),
    );
  });

  it('merges a broadcast bias into runs of H * W and a broadcast scalar into one run', () => {
    expect(mergeAxes([128, 6, 28, 28], [0, 1, 0, 0])).toEqual({
      shape: [128, 6, 784],
      strides: [0, 1, 0],
    });
    expect(mergeAxes([2, 3, 4], [0, 0, 0])).toEqual({ shape: [24], strides: [0] });
    expect(mergeAxes([2, 3, 4], [12, 4, 1])).toEqual({ shape: [24], strides: [1] });
  });
});

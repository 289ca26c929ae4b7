import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arange,
  broadcastTo,
  concat,
  expandDims,
  ones,
  pad,
  reshape,
  ShapeError,
  slice,
  squeeze,
  stack,
  take,
  tensor,
  transpose,
  zeros,
} from '../src/index.js';
import { indices, offset, shapeArb, sizeOf, tensorArb } from './helpers.js';

describe('reshape and transpose', () => {
  it('reshape to a flat vector and back is the identity', () => {
    fc.assert(
      fc.property(tensorArb(), (x) => {
        const back = reshape(reshape(x, [-1]), x.shape);
        expect(back.shape).toEqual(x.shape);
        expect(back.data()).toEqual(x.data());
      }),
    );
  });

  it('transpose moves each element to its permuted index, and the inverse undoes it', () => {
    fc.assert(
      fc.property(
        tensorArb(1, 4).chain((x) =>
          fc.tuple(
            fc.constant(x),
            fc.shuffledSubarray(
              x.shape.map((_, i) => i),
              { minLength: x.rank, maxLength: x.rank },
            ),
          ),
        ),
        ([x, perm]) => {
          const y = transpose(x, perm);
          const xd = x.data();
          const yd = y.data();
          for (const idx of indices(y.shape)) {
            const source = new Array<number>(x.rank);
            perm.forEach((p, i) => {
              source[p] = idx[i]!;
            });
            expect(yd[offset(y.shape, idx)]).toBe(xd[offset(x.shape, source)]);
          }
          const inverse = perm.map((_, i) => perm.indexOf(i));
          expect(transpose(y, inverse).data()).toEqual(xd);
        },
      ),
    );
  });

  it('reverses axes by default and rejects non-permutations', () => {
    expect(transpose(zeros([2, 3, 4])).shape).toEqual([4, 3, 2]);
    expect(() => transpose(zeros([2, 3]), [0, 0])).toThrow(
      'transpose: [0,0] is not a permutation of the axes of [2,3]',
    );
  });

  it('reshape infers one -1 and names both shapes on a size mismatch', () => {
    expect(reshape(arange(6), [3, -1]).shape).toEqual([3, 2]);
    expect(() => reshape(arange(6), [4, 2])).toThrow(
      'reshape: cannot reshape [6] (6 elements) to [4,2] (8 elements)',
    );
    expect(() => reshape(arange(6), [-1, -1])).toThrow(ShapeError);
  });

  it('expandDims then squeeze is the identity', () => {
    fc.assert(
      fc.property(
        tensorArb(0, 3).chain((x) =>
          fc.tuple(fc.constant(x), fc.integer({ min: -x.rank - 1, max: x.rank })),
        ),
        ([x, axis]) => {
          const y = expandDims(x, axis);
          expect(y.rank).toBe(x.rank + 1);
          expect(squeeze(y, axis).shape).toEqual(x.shape);
        },
      ),
    );
    expect(() => squeeze(zeros([2, 3]), 0)).toThrow('squeeze: axis 0 of [2,3] has length 2, not 1');
  });

  it('broadcastTo repeats values', () => {
    expect(broadcastTo(tensor([1, 2]), [2, 2]).toArray()).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(() => broadcastTo(zeros([3]), [2, 2])).toThrow(
      'broadcastTo: cannot broadcast [3] to [2,2]',
    );
  });
});

describe('joining, slicing and padding', () => {
  it('slicing the parts of a concat gives them back', () => {
    fc.assert(
      fc.property(
        shapeArb(1, 3).chain((shape) =>
          fc.tuple(
            fc.constant(shape),
            fc.nat({ max: shape.length - 1 }),
            fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
          ),
        ),
        ([shape, axis, lengths]) => {
          const parts = lengths.map((n, k) => {
            const s = shape.map((d, i) => (i === axis ? n : d));
            return reshape(arange(k * 100, k * 100 + sizeOf(s)), s);
          });
          const joined = concat(parts, axis);
          let start = 0;
          for (const part of parts) {
            const begin = shape.map((_, i) => (i === axis ? start : 0));
            const end = joined.shape.map((d, i) => (i === axis ? start + part.shape[axis]! : d));
            expect(slice(joined, begin, end).data()).toEqual(part.data());
            start += part.shape[axis]!;
          }
        },
      ),
    );
  });

  it('slicing the padded tensor recovers the original', () => {
    fc.assert(
      fc.property(
        tensorArb(1, 3).chain((x) =>
          fc.tuple(
            fc.constant(x),
            fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 2 })), {
              minLength: x.rank,
              maxLength: x.rank,
            }),
          ),
        ),
        ([x, widths]) => {
          const padded = pad(x, widths, { value: -7 });
          expect(padded.shape).toEqual(x.shape.map((d, i) => d + widths[i]![0] + widths[i]![1]));
          const back = slice(
            padded,
            widths.map((w) => w[0]),
            x.shape.map((d, i) => widths[i]![0] + d),
          );
          expect(back.data()).toEqual(x.data());
          const count = (t: typeof x) => Array.from(t.data()).filter((v) => v === -7).length;
          expect(count(padded)).toBe(padded.size - x.size + count(x));
        },
      ),
    );
  });

  it('stack adds an axis; slice supports steps and negative positions', () => {
    expect(stack([zeros([3]), ones([3])], 1).shape).toEqual([3, 2]);
    expect(slice(arange(10), [2], [8], [3]).toArray()).toEqual([2, 5]);
    expect(slice(arange(10), [-3]).toArray()).toEqual([7, 8, 9]);
    expect(() => slice(arange(10), [0], [11])).toThrow(
      'slice: begin [0], end [11], strides [1] do not fit [10]',
    );
    expect(() => stack([zeros([2]), zeros([3])])).toThrow('stack: shapes [2], [3] differ');
    expect(() => concat([zeros([2, 2]), zeros([3, 3])], 0)).toThrow(
      'concat: shapes [2,2], [3,3] differ outside axis 0',
    );
  });

  it('pad with one pair pads every axis', () => {
    expect(pad(ones([1, 1]), [[1, 0]]).toArray()).toEqual([
      [0, 0],
      [0, 1],
    ]);
    expect(pad(ones([2]), [[1, 2]]).toArray()).toEqual([0, 1, 1, 0, 0]);
  });

  it('take gathers along an axis with NumPy shapes, and rejects indices out of range', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(take(x, [1, 1, 0], { axis: 0 }).toArray()).toEqual([
      [3, 4],
      [3, 4],
      [1, 2],
    ]);
    expect(take(x, tensor([[1], [0]], { dtype: 'int32' }), { axis: 1 }).shape).toEqual([2, 2, 1]);
    expect(take(x, [3])).toBeDefined();
    expect(() => take(x, [4])).toThrow(RangeError);
    expect(() => take(x, [4])).toThrow(/index 4/);
  });
});

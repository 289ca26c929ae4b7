import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  broadcastShapes,
  clip,
  DTypeError,
  div,
  equal,
  exp,
  greater,
  log,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  relu,
  ShapeError,
  sigmoid,
  sign,
  sqrt,
  sub,
  type Tensor,
  tanh,
  tensor,
  where,
} from '../src/index.js';
import { expectClose, indices, offset, shapeArb, sizeOf, valuesArb } from './helpers.js';

/** The broadcast shape by NumPy's rule, written independently of the library. */
function naiveBroadcast(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const pa = [...new Array(rank - a.length).fill(1), ...a];
  const pb = [...new Array(rank - b.length).fill(1), ...b];
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    if (pa[i] !== pb[i] && pa[i] !== 1 && pb[i] !== 1) return undefined;
    out.push(Math.max(pa[i], pb[i]));
  }
  return out;
}

/** Reads `x` at `index` of the broadcast shape (index aligned on the right, 1-axes pinned). */
function readBroadcast(
  data: Float64Array,
  shape: readonly number[],
  index: readonly number[],
): number {
  const local = shape.map((d, i) => (d === 1 ? 0 : index[index.length - shape.length + i]!));
  return data[offset(shape, local)]!;
}

/** Pairs of shapes that broadcast: drop leading axes and set some axes to 1 on either side. */
const broadcastablePair = shapeArb(0, 4).chain((shape) =>
  fc
    .tuple(
      fc.nat({ max: shape.length }),
      fc.nat({ max: shape.length }),
      fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
      fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
    )
    .map(([da, db, ma, mb]) => [
      shape.map((d, i) => (ma[i] ? 1 : d)).slice(da),
      shape.map((d, i) => (mb[i] ? 1 : d)).slice(db),
    ]),
);

const binaryCases: readonly [
  string,
  (a: Tensor, b: Tensor) => Tensor,
  (a: number, b: number) => number,
][] = [
  ['add', add, (a, b) => a + b],
  ['sub', sub, (a, b) => a - b],
  ['mul', mul, (a, b) => a * b],
  ['div', div, (a, b) => a / b],
  ['maximum', maximum, Math.max],
  ['minimum', minimum, Math.min],
];

describe('broadcasting', () => {
  it('broadcastShapes agrees with the NumPy rule on random pairs', () => {
    fc.assert(
      fc.property(shapeArb(0, 4, 1, 3), shapeArb(0, 4, 1, 3), (a, b) => {
        const expected = naiveBroadcast(a, b);
        if (expected === undefined) expect(() => broadcastShapes('add', a, b)).toThrow(ShapeError);
        else expect(broadcastShapes('add', a, b)).toEqual(expected);
      }),
    );
  });

  it.each(binaryCases)('%s broadcasts like the elementwise definition', (_name, op, f) => {
    fc.assert(
      fc.property(
        broadcastablePair.chain(([sa, sb]) =>
          fc.tuple(fc.constant(sa!), fc.constant(sb!), valuesArb(sa!), valuesArb(sb!)),
        ),
        ([sa, sb, va, vb]) => {
          const out = op(tensor(va, { shape: sa }), tensor(vb, { shape: sb }));
          const shape = naiveBroadcast(sa, sb)!;
          expect(out.shape).toEqual(shape);
          const expected = new Float64Array(sizeOf(shape));
          let k = 0;
          for (const idx of indices(shape))
            expected[k++] = f(readBroadcast(va, sa, idx), readBroadcast(vb, sb, idx));
          expectClose(out.data(), expected, 0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('names the op and both shapes when shapes do not broadcast', () => {
    expect(() => add(tensor([[1, 2, 3]]), tensor([1, 2]))).toThrow(
      'add: shapes [1,3] and [2] cannot be broadcast together',
    );
  });
});

describe('elementwise functions', () => {
  const x = tensor([-2, -0.5, 0, 0.5, 3], { dtype: 'float64' });
  const xs = [-2, -0.5, 0, 0.5, 3];
  const unaryCases: readonly [string, (t: Tensor) => Tensor, (v: number) => number][] = [
    ['neg', neg, (v) => -v],
    ['exp', exp, Math.exp],
    ['abs', abs, Math.abs],
    ['sign', sign, Math.sign],
    ['tanh', tanh, Math.tanh],
    ['sigmoid', sigmoid, (v) => 1 / (1 + Math.exp(-v))],
    ['relu', relu, (v) => Math.max(v, 0)],
  ];
  it.each(unaryCases)('%s matches its definition', (_name, op, f) => {
    expectClose(op(x).data(), xs.map(f), 1e-15);
  });

  it('log and sqrt follow IEEE 754 outside their domain', () => {
    expect(log(tensor([0, 1, -1])).toArray()).toEqual([Number.NEGATIVE_INFINITY, 0, Number.NaN]);
    expect(sqrt(tensor([4, -1])).toArray()).toEqual([2, Number.NaN]);
  });

  it('sigmoid does not overflow for large |x|', () => {
    expect(sigmoid(tensor([-1000, 1000], { dtype: 'float64' })).toArray()).toEqual([0, 1]);
  });

  it('numbers take the dtype of the tensor they meet', () => {
    expect(add(tensor([1], { dtype: 'float64' }), 1).dtype).toBe('float64');
    expect(mul(2, tensor([1], { dtype: 'int32' })).dtype).toBe('int32');
    expect(pow(tensor([2, 3]), 2).toArray()).toEqual([4, 9]);
  });

  it('int32 division truncates toward zero', () => {
    expect(div(tensor([7, -7], { dtype: 'int32' }), 2).toArray()).toEqual([3, -3]);
  });

  it('refuses mixed dtypes and reals-only functions on integers', () => {
    expect(() => add(tensor([1]), tensor([1], { dtype: 'float64' }))).toThrow(
      'add: dtypes float32 and float64 differ; convert one with astype(x, dtype)',
    );
    expect(() => exp(tensor([1], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => exp(tensor([1], { dtype: 'int32' }))).toThrow(
      'exp: expected a floating dtype (float32 or float64), got int32',
    );
  });

  it('compares into bool and selects with where', () => {
    const a = tensor([1, 2, 3]);
    const mask = greater(a, 2);
    expect(mask.dtype).toBe('bool');
    expect(mask.toArray()).toEqual([0, 0, 1]);
    expect(equal(a, 2).toArray()).toEqual([0, 1, 0]);
    expect(where(mask, a, tensor([[10], [20]])).toArray()).toEqual([
      [10, 10, 3],
      [20, 20, 3],
    ]);
    expect(() => where(a, a, a)).toThrow('where: condition must be bool, got float32');
  });

  it('clips into a range', () => {
    expect(clip(tensor([-2, 0.5, 3]), 0, 1).toArray()).toEqual([0, 0.5, 1]);
    expect(() => clip(tensor([1]), 1, 0)).toThrow(/clip/);
  });
});

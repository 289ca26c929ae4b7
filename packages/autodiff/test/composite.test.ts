import type { Tensor } from '@tessera/tensor';
import * as T from '@tessera/tensor';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { checkGrads } from '../src/index.js';

/** Distinct odd multiples of 0.01 in [lo, hi] / 100: never 0 and never on 0.5, so no kink is hit. */
const grid = (n: number, lo = -200, hi = 200) =>
  fc
    .uniqueArray(fc.integer({ min: Math.ceil(lo / 2), max: Math.floor(hi / 2) - 1 }), {
      minLength: n,
      maxLength: n,
    })
    .map((v) => Float64Array.from(v, (x) => (2 * x + 1) / 100));

/** A random float64 tensor of `shape` with distinct values (no ties for max, no kinks hit). */
function arg(shape: readonly number[], lo?: number, hi?: number): fc.Arbitrary<Tensor> {
  const n = shape.reduce((a, d) => a * d, 1);
  return grid(n, lo, hi).map((v) => T.tensor(v, { shape }));
}

/** A composite op with a generator of its arguments; `order` 2 for smooth ones. */
interface Composite {
  readonly f: (...xs: Tensor[]) => Tensor;
  readonly args: fc.Arbitrary<Tensor[]>;
  readonly order: 1 | 2;
}

const rows = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }));
const one = (shape: fc.Arbitrary<number[]>, lo?: number, hi?: number) =>
  shape.chain((s) => arg(s, lo, hi).map((x) => [x]));
const anyShape = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 });
const matrix = rows.map(([a, b]) => [a, b]);
const image = fc
  .tuple(
    fc.integer({ min: 1, max: 2 }),
    fc.integer({ min: 1, max: 2 }),
    fc.integer({ min: 2, max: 5 }),
    fc.integer({ min: 2, max: 5 }),
  )
  .map((s) => [...s]);

/** Two shapes that broadcast together: the second drops leading axes and sets some to 1. */
const broadcastPair = anyShape.chain((s) =>
  fc
    .tuple(fc.nat(s.length), fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }))
    .chain(([drop, ones]) => fc.tuple(arg(s), arg(s.map((d, i) => (ones[i] ? 1 : d)).slice(drop)))),
);

const composites: Record<string, Composite> = {
  'add with broadcasting': { f: T.add, args: broadcastPair, order: 2 },
  'mul with broadcasting': { f: T.mul, args: broadcastPair, order: 2 },
  'sub with broadcasting': { f: T.sub, args: broadcastPair, order: 2 },
  'div with broadcasting': {
    f: (a, b) => T.div(a, T.add(T.square(b!), 1)),
    args: broadcastPair,
    order: 2,
  },
  'maximum with broadcasting': { f: T.maximum, args: broadcastPair, order: 1 },
  square: { f: T.square, args: one(anyShape), order: 2 },
  relu: { f: T.relu, args: one(anyShape), order: 1 },
  clip: { f: (x) => T.clip(x!, -0.5, 0.5), args: one(anyShape), order: 1 },
  'where(x > 0, x, 2x)': {
    f: (x) => T.where(T.greater(x!, 0), x!, T.mul(x!, 2)),
    args: one(anyShape),
    order: 1,
  },
  'mean over an axis': { f: (x) => T.mean(x!, { axis: -1 }), args: one(anyShape), order: 2 },
  'sum with keepDims': {
    f: (x) => T.sum(x!, { axis: 0, keepDims: true }),
    args: one(anyShape),
    order: 2,
  },
  max: { f: (x) => T.max(x!, { axis: 0 }), args: one(anyShape), order: 1 },
  min: { f: (x) => T.min(x!), args: one(anyShape), order: 1 },
  logSumExp: { f: (x) => T.logSumExp(x!, { axis: -1 }), args: one(anyShape), order: 2 },
  softmax: { f: (x) => T.softmax(x!), args: one(anyShape), order: 2 },
  logSoftmax: { f: (x) => T.logSoftmax(x!, 0), args: one(anyShape), order: 2 },
  sigmoid: { f: T.sigmoid, args: one(anyShape), order: 2 },
  'matmul (2-D)': {
    f: T.matmul,
    args: fc
      .tuple(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
      )
      .chain(([m, k, n]) => fc.tuple(arg([m, k]), arg([k, n]))),
    order: 2,
  },
  'matmul (batch broadcast, vector)': {
    f: T.matmul,
    args: fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
      .chain(([b, k]) => fc.tuple(arg([b, 2, k]), arg([k]))),
    order: 2,
  },
  transpose: { f: (x) => T.transpose(x!), args: one(anyShape), order: 2 },
  'expandDims, squeeze': {
    f: (x) => T.squeeze(T.expandDims(x!, 1), 1),
    args: one(anyShape),
    order: 2,
  },
  broadcastTo: { f: (x) => T.broadcastTo(x!, [2, ...x!.shape]), args: one(anyShape), order: 2 },
  concat: {
    f: (a, b) => T.concat([a!, b!], 0),
    args: matrix.chain((s) => fc.tuple(arg(s), arg(s))),
    order: 2,
  },
  stack: {
    f: (a, b) => T.stack([a!, b!], 1),
    args: matrix.chain((s) => fc.tuple(arg(s), arg(s))),
    order: 2,
  },
  'slice with steps and negative positions': {
    f: (x) => T.slice(x!, [-3], [undefined], [2]),
    args: one(fc.integer({ min: 3, max: 7 }).map((n) => [n])),
    order: 2,
  },
  pad: { f: (x) => T.pad(x!, [[1, 2]], { value: 3 }), args: one(matrix), order: 2 },
  take: {
    f: (x) => T.take(x!, [0, 0, 1], { axis: 0 }),
    args: one(fc.integer({ min: 2, max: 4 }).map((n) => [n, 2])),
    order: 2,
  },
  'conv2d with padding, strides and a connection table': {
    f: (x, w) =>
      T.conv2d(x!, w!, {
        padding: 'same',
        strides: 2,
        table: [
          [true, false],
          [true, true],
          [false, true],
        ],
      }),
    args: fc.tuple(arg([1, 2, 4, 5]), arg([3, 2, 3, 3])),
    order: 2,
  },
  avgPool2d: { f: (x) => T.avgPool2d(x!, 2, { strides: 1 }), args: one(image), order: 2 },
  sumPool2d: { f: (x) => T.sumPool2d(x!, [2, 1]), args: one(image), order: 2 },
  maxPool2d: { f: (x) => T.maxPool2d(x!, 2), args: one(image), order: 1 },
  'log of sqrt of a positive input': {
    f: (x) => T.log(T.sqrt(x!)),
    args: one(anyShape, 20, 300),
    order: 2,
  },
  pow: {
    f: (x, y) => T.pow(x!, y!),
    args: anyShape.chain((s) => fc.tuple(arg(s, 20, 300), arg(s))),
    order: 2,
  },
};

describe('every composite op of @tessera/tensor passes checkGrads', () => {
  it.each(Object.entries(composites))('%s', (_name, { f, args, order }) => {
    fc.assert(
      fc.property(args, (xs) => {
        checkGrads(f, xs, { order });
      }),
      { numRuns: order === 2 ? 6 : 12 },
    );
  });
});

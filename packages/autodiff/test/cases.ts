import type { Primitive, PrimitiveParams, Tensor } from '@tessera/tensor';
import { tensor } from '@tessera/tensor';
import fc from 'fast-check';

/** One application of a primitive: its arguments, its parameters and which arguments are real. */
export interface Case<P extends Primitive = Primitive> {
  readonly args: readonly Tensor[];
  readonly params: PrimitiveParams[P];
  /** Indices of the arguments to differentiate (the others are indices or conditions). */
  readonly diff: readonly number[];
  /** Whether the primitive is smooth at these arguments (second-order checks apply). */
  readonly smooth: boolean;
  /** Looser finite-difference settings where the primitive rounds (casts to float32). */
  readonly tolerance?: { readonly eps: number; readonly atol: number };
}

const size = (shape: readonly number[]) => shape.reduce((n, d) => n * d, 1);
const dim = fc.integer({ min: 1, max: 3 });
const shape = (minRank = 0, maxRank = 3) =>
  fc.array(dim, { minLength: minRank, maxLength: maxRank });

/** Float64 tensor with values on a 0.01 grid in [lo, hi]: exact differences stay clear of ties. */
function values(s: readonly number[], lo = -2, hi = 2): fc.Arbitrary<Tensor> {
  const n = size(s);
  return fc
    .array(fc.integer({ min: Math.round(lo * 100), max: Math.round(hi * 100) }), {
      minLength: n,
      maxLength: n,
    })
    .map((v) =>
      tensor(
        Float64Array.from(v, (x) => x / 100),
        { shape: s },
      ),
    );
}

/** Distinct values, so maxima are unique and no difference step flips an order. */
function distinct(s: readonly number[]): fc.Arbitrary<Tensor> {
  const n = size(s);
  return fc
    .uniqueArray(fc.integer({ min: -300, max: 300 }), { minLength: n, maxLength: n })
    .map((v) =>
      tensor(
        Float64Array.from(v, (x) => x / 100),
        { shape: s },
      ),
    );
}

/** Values half-way between points of the 0.01 grid. */
function offGrid(s: readonly number[]): fc.Arbitrary<Tensor> {
  const n = size(s);
  return fc.array(fc.integer({ min: -200, max: 200 }), { minLength: n, maxLength: n }).map((v) =>
    tensor(
      Float64Array.from(v, (x) => (x + 0.5) / 100),
      { shape: s },
    ),
  );
}

/** Two tensors of one shape whose values are all distinct, so no comparison sits on a tie. */
function distinctPair(s: readonly number[]): fc.Arbitrary<[Tensor, Tensor]> {
  const n = size(s);
  return distinct([2 * n]).map((t) => {
    const v = t.data();
    return [tensor(v.slice(0, n), { shape: s }), tensor(v.slice(n), { shape: s })];
  });
}

/** Values at least 0.2 away from zero, for functions with a kink or pole at 0. */
function awayFromZero(s: readonly number[]): fc.Arbitrary<Tensor> {
  const n = size(s);
  return fc
    .array(fc.tuple(fc.boolean(), fc.integer({ min: 20, max: 200 })), {
      minLength: n,
      maxLength: n,
    })
    .map((v) =>
      tensor(
        Float64Array.from(v, ([neg, x]) => (neg ? -x : x) / 100),
        { shape: s },
      ),
    );
}

function ints(s: readonly number[], max: number): fc.Arbitrary<Tensor> {
  const n = size(s);
  return fc
    .array(fc.integer({ min: 0, max: max - 1 }), { minLength: n, maxLength: n })
    .map((v) => tensor(Int32Array.from(v), { shape: s }));
}

function bools(s: readonly number[]): fc.Arbitrary<Tensor> {
  const n = size(s);
  return fc
    .array(fc.boolean(), { minLength: n, maxLength: n })
    .map((v) => tensor(Uint8Array.from(v, Number), { shape: s, dtype: 'bool' }));
}

const none = {} as Record<string, never>;

const unary =
  (arb: (s: readonly number[]) => fc.Arbitrary<Tensor>, smooth = true) =>
  (): fc.Arbitrary<Case> =>
    shape().chain((s) => arb(s).map((x) => ({ args: [x], params: none, diff: [0], smooth })));

const binary =
  (left: (s: readonly number[]) => fc.Arbitrary<Tensor>, right = left, smooth = true) =>
  (): fc.Arbitrary<Case> =>
    shape().chain((s) =>
      fc
        .tuple(left(s), right(s))
        .map(([a, b]) => ({ args: [a, b], params: none, diff: [0, 1], smooth })),
    );

const positive = (s: readonly number[]) => values(s, 0.2, 3);

/** Sorted distinct axes of a shape. */
const axesOf = (s: readonly number[]) => fc.subarray(s.map((_, i) => i));

interface ConvGeometry {
  readonly n: number;
  readonly c: number;
  readonly o: number;
  readonly h: number;
  readonly w: number;
  readonly kh: number;
  readonly kw: number;
  readonly strides: readonly [number, number];
  readonly padding: readonly [readonly [number, number], readonly [number, number]];
}

const convGeometry: fc.Arbitrary<ConvGeometry> = fc
  .record({
    n: fc.integer({ min: 1, max: 2 }),
    c: fc.integer({ min: 1, max: 2 }),
    o: fc.integer({ min: 1, max: 2 }),
    kh: fc.integer({ min: 1, max: 3 }),
    kw: fc.integer({ min: 1, max: 3 }),
    strides: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
    padding: fc.tuple(fc.tuple(fc.nat(1), fc.nat(1)), fc.tuple(fc.nat(1), fc.nat(1))),
    extra: fc.tuple(fc.nat(2), fc.nat(2)),
  })
  .map(({ extra, ...g }) => ({ ...g, h: g.kh + extra[0], w: g.kw + extra[1] }));

function convOut(g: ConvGeometry): [number, number, number, number] {
  const oh = Math.floor((g.h + g.padding[0][0] + g.padding[0][1] - g.kh) / g.strides[0]) + 1;
  const ow = Math.floor((g.w + g.padding[1][0] + g.padding[1][1] - g.kw) / g.strides[1]) + 1;
  return [g.n, g.o, oh, ow];
}

const poolGeometry = fc
  .record({
    n: fc.integer({ min: 1, max: 2 }),
    c: fc.integer({ min: 1, max: 2 }),
    window: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    strides: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    extra: fc.tuple(fc.nat(3), fc.nat(3)),
  })
  .map(({ extra, ...g }) => ({
    ...g,
    inputShape: [g.n, g.c, g.window[0] + extra[0], g.window[1] + extra[1]] as const,
    outShape: [
      g.n,
      g.c,
      Math.floor(extra[0] / g.strides[0]) + 1,
      Math.floor(extra[1] / g.strides[1]) + 1,
    ] as const,
  }));

/** Primitives with kinks or jumps everywhere they are tested: no second-order checks. */
export const nonSmooth: ReadonlySet<Primitive> = new Set<Primitive>([
  'abs',
  'sign',
  'max',
  'min',
  'compare',
  'argmax',
  'reduceMax',
  'maxPool2d',
  'maxPool2dGather',
  'maxPool2dScatter',
]);

/**
 * A generator of arguments for every primitive of `@tessera/tensor`: the table is keyed by
 * `Primitive`, so a primitive added without a case here fails to compile.
 */
export const cases: { readonly [P in Primitive]: () => fc.Arbitrary<Case> } = {
  neg: unary(values),
  exp: unary(values),
  log: unary(positive),
  sqrt: unary(positive),
  abs: unary(awayFromZero, false),
  sign: unary(awayFromZero, false),
  tanh: unary(values),
  sigmoid: unary(values),
  add: binary(values),
  sub: binary(values),
  mul: binary(values),
  div: binary(values, awayFromZero),
  pow: binary(positive, values),
  max: () =>
    shape().chain((s) =>
      distinctPair(s).map((args) => ({ args, params: none, diff: [0, 1], smooth: false })),
    ),
  min: () =>
    shape().chain((s) =>
      distinctPair(s).map((args) => ({ args, params: none, diff: [0, 1], smooth: false })),
    ),
  compare: () =>
    shape().chain((s) =>
      fc
        .tuple(distinctPair(s), fc.constantFrom('lt', 'le', 'gt', 'ge', 'eq', 'ne' as const))
        .map(([args, op]) => ({ args, params: { op }, diff: [0, 1], smooth: false })),
    ),
  where: () =>
    shape().chain((s) =>
      fc
        .tuple(bools(s), values(s), values(s))
        .map(([c, a, b]) => ({ args: [c, a, b], params: none, diff: [1, 2], smooth: true })),
    ),
  // Values half-way between grid points are never integers, so truncation has no jump near them.
  cast: () =>
    shape().chain((s) =>
      fc
        .tuple(offGrid(s), fc.constantFrom('float32', 'float64', 'int32' as const))
        .map(([x, dtype]) => ({
          args: [x],
          params: { dtype },
          diff: [0],
          smooth: dtype === 'float64',
          ...(dtype === 'float32' ? { tolerance: { eps: 1e-3, atol: 1e-3 } } : {}),
        })),
    ),
  reduceSum: () =>
    shape(1).chain((s) =>
      fc
        .tuple(values(s), axesOf(s))
        .map(([x, axes]) => ({ args: [x], params: { axes }, diff: [0], smooth: true })),
    ),
  reduceMax: () =>
    shape(1).chain((s) =>
      fc
        .tuple(distinct(s), axesOf(s))
        .map(([x, axes]) => ({ args: [x], params: { axes }, diff: [0], smooth: false })),
    ),
  argmax: () =>
    shape(1).chain((s) =>
      fc
        .tuple(distinct(s), fc.nat(s.length - 1))
        .map(([x, axis]) => ({ args: [x], params: { axis }, diff: [0], smooth: false })),
    ),
  reshape: () =>
    shape().chain((s) =>
      values(s).map((x) => ({
        args: [x],
        params: { shape: [...s].reverse() },
        diff: [0],
        smooth: true,
      })),
    ),
  transpose: () =>
    shape().chain((s) =>
      fc
        .tuple(
          values(s),
          fc.shuffledSubarray(
            s.map((_, i) => i),
            { minLength: s.length, maxLength: s.length },
          ),
        )
        .map(([x, perm]) => ({ args: [x], params: { perm }, diff: [0], smooth: true })),
    ),
  broadcast: () =>
    shape().chain((target) =>
      fc
        .array(fc.boolean(), { minLength: target.length, maxLength: target.length })
        .chain((ones) => {
          const s = target.map((d, i) => (ones[i] ? 1 : d));
          return values(s).map((x) => ({
            args: [x],
            params: { shape: target },
            diff: [0],
            smooth: true,
          }));
        }),
    ),
  slice: () =>
    shape(1, 3)
      .map((s) => s.map((d) => d + 2))
      .chain((s) =>
        fc
          .tuple(
            values(s),
            fc.tuple(
              ...s.map((d) =>
                fc.tuple(fc.nat(d - 1), fc.nat(d - 1), fc.integer({ min: 1, max: 3 })),
              ),
            ),
          )
          .map(([x, ranges]) => ({
            args: [x],
            params: {
              begin: ranges.map(([a, b]) => Math.min(a, b)),
              end: ranges.map(([a, b]) => Math.max(a, b) + 1),
              strides: ranges.map(([, , st]) => st),
            },
            diff: [0],
            smooth: true,
          })),
      ),
  pad: () =>
    shape(0, 3).chain((s) =>
      fc
        .tuple(
          values(s),
          fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { minLength: s.length, maxLength: s.length }),
          fc.integer({ min: -3, max: 3 }),
        )
        .map(([x, w, value]) => ({
          args: [x],
          params: { low: w.map((p) => p[0]), high: w.map((p) => p[1]), value },
          diff: [0],
          smooth: true,
        })),
    ),
  concat: () =>
    shape(1).chain((s) =>
      fc
        .tuple(fc.nat(s.length - 1), fc.array(dim, { minLength: 1, maxLength: 3 }))
        .chain(([axis, lengths]) =>
          fc
            .tuple(...lengths.map((len) => values(s.map((d, i) => (i === axis ? len : d)))))
            .map((xs) => ({ args: xs, params: { axis }, diff: xs.map((_, i) => i), smooth: true })),
        ),
    ),
  gather: () =>
    shape(1).chain((s) =>
      fc
        .tuple(fc.nat(s.length - 1), shape(0, 2))
        .chain(([axis, is]) =>
          fc
            .tuple(values(s), ints(is, s[axis]!))
            .map(([x, i]) => ({ args: [x, i], params: { axis }, diff: [0], smooth: true })),
        ),
    ),
  scatterAdd: () =>
    shape(1).chain((s) =>
      fc.tuple(fc.nat(s.length - 1), shape(0, 2)).chain(([axis, is]) => {
        const updates = [...s.slice(0, axis), ...is, ...s.slice(axis + 1)];
        return fc
          .tuple(ints(is, s[axis]!), values(updates))
          .map(([i, u]) => ({ args: [i, u], params: { axis, shape: s }, diff: [1], smooth: true }));
      }),
    ),
  matmul: () =>
    fc
      .tuple(dim, dim, dim, dim, fc.boolean(), fc.boolean())
      .chain(([b, m, k, n, transposeA, transposeB]) =>
        fc
          .tuple(
            values(transposeA ? [b, k, m] : [b, m, k]),
            values(transposeB ? [b, n, k] : [b, k, n]),
          )
          .map(([x, y]) => ({
            args: [x, y],
            params: { transposeA, transposeB },
            diff: [0, 1],
            smooth: true,
          })),
      ),
  conv2d: () =>
    convGeometry.chain((g) =>
      fc.tuple(values([g.n, g.c, g.h, g.w]), values([g.o, g.c, g.kh, g.kw])).map(([x, w]) => ({
        args: [x, w],
        params: { strides: g.strides, padding: g.padding },
        diff: [0, 1],
        smooth: true,
      })),
    ),
  conv2dBackwardInput: () =>
    convGeometry.chain((g) =>
      fc.tuple(values(convOut(g)), values([g.o, g.c, g.kh, g.kw])).map(([dy, w]) => ({
        args: [dy, w],
        params: { strides: g.strides, padding: g.padding, inputShape: [g.n, g.c, g.h, g.w] },
        diff: [0, 1],
        smooth: true,
      })),
    ),
  conv2dBackwardFilter: () =>
    convGeometry.chain((g) =>
      fc.tuple(values([g.n, g.c, g.h, g.w]), values(convOut(g))).map(([x, dy]) => ({
        args: [x, dy],
        params: { strides: g.strides, padding: g.padding, filterShape: [g.o, g.c, g.kh, g.kw] },
        diff: [0, 1],
        smooth: true,
      })),
    ),
  sumPool2d: () =>
    poolGeometry.chain((g) =>
      values(g.inputShape).map((x) => ({
        args: [x],
        params: { window: g.window, strides: g.strides },
        diff: [0],
        smooth: true,
      })),
    ),
  sumPool2dBackward: () =>
    poolGeometry.chain((g) =>
      values(g.outShape).map((dy) => ({
        args: [dy],
        params: { window: g.window, strides: g.strides, inputShape: g.inputShape },
        diff: [0],
        smooth: true,
      })),
    ),
  maxPool2d: () =>
    poolGeometry.chain((g) =>
      distinct(g.inputShape).map((x) => ({
        args: [x],
        params: { window: g.window, strides: g.strides },
        diff: [0],
        smooth: false,
      })),
    ),
  maxPool2dGather: () =>
    poolGeometry.chain((g) =>
      fc.tuple(distinct(g.inputShape), values(g.inputShape)).map(([x, t]) => ({
        args: [x, t],
        params: { window: g.window, strides: g.strides },
        diff: [0, 1],
        smooth: false,
      })),
    ),
  maxPool2dScatter: () =>
    poolGeometry.chain((g) =>
      fc.tuple(distinct(g.inputShape), values(g.outShape)).map(([x, dy]) => ({
        args: [x, dy],
        params: { window: g.window, strides: g.strides },
        diff: [0, 1],
        smooth: false,
      })),
    ),
};

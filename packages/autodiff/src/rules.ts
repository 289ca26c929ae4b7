import {
  add,
  astype,
  bind,
  broadcastTo,
  div,
  equal,
  greater,
  log,
  mul,
  neg,
  type Primitive,
  type PrimitiveParams,
  pad,
  reshape,
  sign,
  slice,
  square,
  sub,
  sum,
  type Tensor,
  where,
  zerosLike,
} from '@tessera/tensor';

/** A linear map on tensors: a directional derivative, or its transpose. */
export type Linear = (t: Tensor) => Tensor;

/**
 * The derivative of a primitive with respect to one argument, at a point: the linear map
 * `jvp` (tangent of the argument to tangent of the output) and its transpose `vjp`
 * (cotangent of the output to cotangent of the argument).
 */
export interface Partial {
  readonly jvp: Linear;
  readonly vjp: Linear;
}

/**
 * The partial derivatives of a primitive at `primals` (with output `out`), one per argument;
 * `undefined` where the output does not depend differentiably on that argument (indices,
 * conditions, comparisons). Rules are written with tensor ops, so their own derivatives come
 * from the same table: that is what makes `grad(grad(f))` work.
 */
export type Rule<P extends Primitive> = (
  primals: readonly Tensor[],
  params: PrimitiveParams[P],
  out: Tensor,
) => readonly (Partial | undefined)[];

/** The partial of a map that is its own transpose pattern: `t -> f(t)`, `g -> fT(g)`. */
const partial = (jvp: Linear, vjp: Linear): Partial => ({ jvp, vjp });

/** Multiplication by a fixed tensor `m` is self-adjoint. */
const scaleBy = (m: Tensor): Partial =>
  partial(
    (t) => mul(t, m),
    (g) => mul(g, m),
  );

const unaryScale =
  (factor: (x: Tensor, out: Tensor) => Tensor): Rule<Primitive> =>
  ([x], _p, out) => [scaleBy(factor(x!, out))];

const noDerivative: Rule<Primitive> = (primals) => primals.map(() => undefined);

/** Where the derivative of max/min goes: all of it to the winner, half each at a tie. */
function winnerShare(winner: Tensor, other: Tensor): Tensor {
  const dtype = winner.dtype;
  return add(astype(greater(winner, other), dtype), mul(astype(equal(winner, other), dtype), 0.5));
}

/** `x.shape` with the reduced `axes` kept as length 1. */
function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/** Sums `g` over the axes along which `broadcast` repeated an input of `shape`. */
function unbroadcast(g: Tensor, shape: readonly number[]): Tensor {
  const axes = shape.flatMap((d, i) => (d === 1 && g.shape[i] !== 1 ? [i] : []));
  return reshape(sum(g, { axis: axes }), shape);
}

/**
 * The transpose of a strided slice: zeros of `shape` with `g` written at
 * `begin[i] + k * strides[i]`. Along a strided axis, each element is followed by
 * `stride - 1` zeros (an expand, pad and merge), then the axis is shifted into place.
 */
function unslice(
  g: Tensor,
  shape: readonly number[],
  { begin, strides }: PrimitiveParams['slice'],
): Tensor {
  let out = g;
  shape.forEach((d, axis) => {
    const s = strides[axis]!;
    const m = out.shape[axis]!;
    if (s > 1 && m > 0) {
      const spread = [...out.shape.slice(0, axis + 1), 1, ...out.shape.slice(axis + 1)];
      const widths = spread.map((_, i): [number, number] => (i === axis + 1 ? [0, s - 1] : [0, 0]));
      const merged = [...out.shape];
      merged[axis] = m * s;
      out = reshape(pad(reshape(out, spread), widths), merged);
    }
    const lo = begin[axis]!;
    const length = out.shape[axis]!;
    const keep = Math.min(length, d - lo);
    if (keep < length) {
      out = slice(
        out,
        out.shape.map(() => 0),
        out.shape.map((n, i) => (i === axis ? keep : n)),
      );
    }
    const widths = out.shape.map((_, i): [number, number] =>
      i === axis ? [lo, d - lo - keep] : [0, 0],
    );
    out = pad(out, widths);
  });
  return out;
}

function inversePermutation(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => {
    inv[p] = i;
  });
  return inv;
}

const isFloat = (t: Tensor) => t.dtype === 'float32' || t.dtype === 'float64';

/**
 * Derivative rules for every primitive of `@tessera/tensor`; a missing entry is a compile error.
 *
 * Conventions at points where a function is not differentiable: `abs` and `sign` use
 * `sign(x)` and 0, so both have derivative 0 at 0 (as JAX); `max`/`min` give all of the
 * derivative to the larger (smaller) argument and half to each at a tie (as JAX);
 * `reduceMax` shares the derivative equally among tied maxima (as JAX); max pooling gives it
 * to the first maximum of each window (as the kernels select). `relu` is `where(x > 0, x, 0)`
 * in `@tessera/tensor`, so its derivative at 0 is 0.
 */
export const rules: { readonly [P in Primitive]: Rule<P> } = {
  // d(-x) = -dx
  neg: () => [partial(neg, neg)],
  // d e^x = e^x dx
  exp: unaryScale((_x, out) => out),
  // d log x = dx / x
  log: ([x]) => [
    partial(
      (t) => div(t, x!),
      (g) => div(g, x!),
    ),
  ],
  // d sqrt(x) = dx / (2 sqrt(x))
  sqrt: (_p, _q, out) => [
    partial(
      (t) => div(t, mul(out, 2)),
      (g) => div(g, mul(out, 2)),
    ),
  ],
  // d |x| = sign(x) dx (0 at 0)
  abs: unaryScale((x) => sign(x)),
  // d sign(x) = 0 almost everywhere
  sign: noDerivative,
  // d tanh(x) = (1 - tanh(x)^2) dx
  tanh: unaryScale((_x, out) => sub(1, square(out))),
  // d sigmoid(x) = sigmoid(x) (1 - sigmoid(x)) dx
  sigmoid: unaryScale((_x, out) => mul(out, sub(1, out))),
  // d(a + b) = da + db
  add: () => [
    partial(
      (t) => t,
      (g) => g,
    ),
    partial(
      (t) => t,
      (g) => g,
    ),
  ],
  // d(a - b) = da - db
  sub: () => [
    partial(
      (t) => t,
      (g) => g,
    ),
    partial(neg, neg),
  ],
  // d(a b) = b da + a db
  mul: ([a, b]) => [scaleBy(b!), scaleBy(a!)],
  // d(a / b) = da / b - (a / b) db / b
  div: ([, b], _p, out) => [
    partial(
      (t) => div(t, b!),
      (g) => div(g, b!),
    ),
    scaleBy(neg(div(out, b!))),
  ],
  // d a^b = b a^(b-1) da + a^b log(a) db, with log(a) read as 0 at a = 0 (as JAX)
  pow: ([a, b], _p, out) => [
    isFloat(a!) ? scaleBy(mul(b!, bind('pow', [a!, sub(b!, 1)], {}))) : undefined,
    isFloat(b!) ? scaleBy(mul(out, log(where(equal(a!, 0), 1, a!)))) : undefined,
  ],
  // d max(a, b) = [a > b] da + [b > a] db, split evenly at ties
  max: ([a, b]) => [scaleBy(winnerShare(a!, b!)), scaleBy(winnerShare(b!, a!))],
  // d min(a, b) = [a < b] da + [b < a] db, split evenly at ties
  min: ([a, b]) => [scaleBy(winnerShare(neg(a!), neg(b!))), scaleBy(winnerShare(neg(b!), neg(a!)))],
  compare: noDerivative,
  // d where(c, x, y) = where(c, dx, 0) + where(c, 0, dy)
  where: ([c]) => [
    undefined,
    partial(
      (t) => where(c!, t, zerosLike(t)),
      (g) => where(c!, g, zerosLike(g)),
    ),
    partial(
      (t) => where(c!, zerosLike(t), t),
      (g) => where(c!, zerosLike(g), g),
    ),
  ],
  // d cast(x) = cast(dx) between real dtypes; integer and bool results carry no derivative
  cast: ([x], { dtype }) =>
    isFloat(x!) && (dtype === 'float32' || dtype === 'float64')
      ? [
          partial(
            (t) => astype(t, dtype),
            (g) => astype(g, x!.dtype),
          ),
        ]
      : [undefined],
  // d sum(x) = sum(dx); its transpose broadcasts back over the reduced axes
  reduceSum: ([x], { axes }) => [
    partial(
      (t) => bind('reduceSum', [t], { axes }),
      (g) => broadcastTo(reshape(g, keptShape(x!.shape, axes)), x!.shape),
    ),
  ],
  // d max(x) = sum(dx * m) / sum(m), m marking the maxima (shared evenly among ties)
  reduceMax: ([x], { axes }, out) => {
    const kept = keptShape(x!.shape, axes);
    const hits = astype(equal(x!, broadcastTo(reshape(out, kept), x!.shape)), x!.dtype);
    const share = div(hits, broadcastTo(sum(hits, { axis: axes, keepDims: true }), x!.shape));
    return [
      partial(
        (t) => bind('reduceSum', [mul(t, share)], { axes }),
        (g) => mul(broadcastTo(reshape(g, kept), x!.shape), share),
      ),
    ];
  },
  argmax: noDerivative,
  // reshaping is linear; its transpose reshapes back
  reshape: ([x], { shape }) => [
    partial(
      (t) => reshape(t, shape),
      (g) => reshape(g, x!.shape),
    ),
  ],
  // transposing is linear; its transpose applies the inverse permutation
  transpose: (_p, { perm }) => [
    partial(
      (t) => bind('transpose', [t], { perm }),
      (g) => bind('transpose', [g], { perm: inversePermutation(perm) }),
    ),
  ],
  // broadcasting repeats values; its transpose sums the repeats
  broadcast: ([x], { shape }) => [
    partial(
      (t) => bind('broadcast', [t], { shape }),
      (g) => unbroadcast(g, x!.shape),
    ),
  ],
  // slicing is linear; its transpose writes the slice back into zeros
  slice: ([x], params) => [
    partial(
      (t) => bind('slice', [t], params),
      (g) => unslice(g, x!.shape, params),
    ),
  ],
  // padding with a constant: d pad(x) = pad(dx, 0); its transpose cuts the padding off
  pad: ([x], { low, high }) => [
    partial(
      (t) => bind('pad', [t], { low, high, value: 0 }),
      (g) =>
        slice(
          g,
          low,
          low.map((l, i) => l + x!.shape[i]!),
        ),
    ),
  ],
  // each input of a concat fills one block of the output
  concat: (xs, { axis }) => {
    let offset = 0;
    const total = xs.reduce((n, x) => n + x.shape[axis]!, 0);
    return xs.map((x) => {
      const start = offset;
      const length = x.shape[axis]!;
      offset += length;
      const widths = x.shape.map((_, i): [number, number] =>
        i === axis ? [start, total - start - length] : [0, 0],
      );
      return partial(
        (t) => pad(t, widths),
        (g) =>
          slice(
            g,
            g.shape.map((_, i) => (i === axis ? start : 0)),
            g.shape.map((d, i) => (i === axis ? start + length : d)),
          ),
      );
    });
  },
  // gather is linear in the data; its transpose adds back at the same indices
  gather: ([x, indices], { axis }) => [
    partial(
      (t) => bind('gather', [t, indices!], { axis }),
      (g) => bind('scatterAdd', [indices!, g], { axis, shape: x!.shape }),
    ),
    undefined,
  ],
  // scatterAdd is linear in the updates; its transpose gathers
  scatterAdd: ([indices], params) => [
    undefined,
    partial(
      (t) => bind('scatterAdd', [indices!, t], params),
      (g) => bind('gather', [g, indices!], { axis: params.axis }),
    ),
  ],
  // d(A B) = dA B + A dB, with the operands' transposition flags carried through
  matmul: ([a, b], { transposeA: ta, transposeB: tb }) => [
    partial(
      (t) => bind('matmul', [t, b!], { transposeA: ta, transposeB: tb }),
      // op(A) = G op(B)^T, transposed back when A was stored transposed
      (g) =>
        ta
          ? bind('matmul', [b!, g], { transposeA: tb, transposeB: true })
          : bind('matmul', [g, b!], { transposeA: false, transposeB: !tb }),
    ),
    partial(
      (t) => bind('matmul', [a!, t], { transposeA: ta, transposeB: tb }),
      // op(B) = op(A)^T G, transposed back when B was stored transposed
      (g) =>
        tb
          ? bind('matmul', [g, a!], { transposeA: true, transposeB: ta })
          : bind('matmul', [a!, g], { transposeA: !ta, transposeB: false }),
    ),
  ],
  // conv2d, conv2dBackwardInput and conv2dBackwardFilter are the three partial maps of the
  // trilinear form <conv2d(x, w), dy> = <x, dx(dy, w)> = <w, dw(x, dy)>, so each one's
  // derivatives and transposes are the other two.
  conv2d: ([x, w], geometry) => [
    partial(
      (t) => bind('conv2d', [t, w!], geometry),
      (g) => bind('conv2dBackwardInput', [g, w!], { ...geometry, inputShape: x!.shape }),
    ),
    partial(
      (t) => bind('conv2d', [x!, t], geometry),
      (g) => bind('conv2dBackwardFilter', [x!, g], { ...geometry, filterShape: w!.shape }),
    ),
  ],
  conv2dBackwardInput: ([dy, w], params) => {
    const { inputShape: _, ...geometry } = params;
    return [
      partial(
        (t) => bind('conv2dBackwardInput', [t, w!], params),
        (g) => bind('conv2d', [g, w!], geometry),
      ),
      partial(
        (t) => bind('conv2dBackwardInput', [dy!, t], params),
        (g) => bind('conv2dBackwardFilter', [g, dy!], { ...geometry, filterShape: w!.shape }),
      ),
    ];
  },
  conv2dBackwardFilter: ([x, dy], params) => {
    const { filterShape: _, ...geometry } = params;
    return [
      partial(
        (t) => bind('conv2dBackwardFilter', [t, dy!], params),
        (g) => bind('conv2dBackwardInput', [dy!, g], { ...geometry, inputShape: x!.shape }),
      ),
      partial(
        (t) => bind('conv2dBackwardFilter', [x!, t], params),
        (g) => bind('conv2d', [x!, g], geometry),
      ),
    ];
  },
  // sum pooling is linear; its transpose spreads each value over its window
  sumPool2d: ([x], geometry) => [
    partial(
      (t) => bind('sumPool2d', [t], geometry),
      (g) => bind('sumPool2dBackward', [g], { ...geometry, inputShape: x!.shape }),
    ),
  ],
  sumPool2dBackward: (_p, params) => {
    const { inputShape: _, ...geometry } = params;
    return [
      partial(
        (t) => bind('sumPool2dBackward', [t], params),
        (g) => bind('sumPool2d', [g], geometry),
      ),
    ];
  },
  // d maxpool(x) picks dx at each window's (first) maximum; its transpose scatters there
  maxPool2d: ([x], geometry) => [
    partial(
      (t) => bind('maxPool2dGather', [x!, t], geometry),
      (g) => bind('maxPool2dScatter', [x!, g], geometry),
    ),
  ],
  // linear in t with positions fixed by x, so no derivative in x
  maxPool2dGather: ([x], geometry) => [
    undefined,
    partial(
      (t) => bind('maxPool2dGather', [x!, t], geometry),
      (g) => bind('maxPool2dScatter', [x!, g], geometry),
    ),
  ],
  maxPool2dScatter: ([x], geometry) => [
    undefined,
    partial(
      (t) => bind('maxPool2dScatter', [x!, t], geometry),
      (g) => bind('maxPool2dGather', [x!, g], geometry),
    ),
  ],
};

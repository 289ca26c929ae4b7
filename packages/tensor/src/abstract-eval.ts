import type { Conv2dGeometry, DType, Pool2dGeometry, Shape } from '@tessera/kernels';
import { requireFloating, requireNumeric, requireSameDType } from './dtype.js';
import { ShapeError, showShape } from './errors.js';
import type { Aval } from './interpreter.js';
import type { Primitive, PrimitiveParams } from './primitives.js';

type ShapeRule<P extends Primitive> = (
  args: readonly Aval[],
  params: PrimitiveParams[P],
  name: P,
) => Aval;

function arity(name: string, args: readonly Aval[], n: number): void {
  if (args.length !== n)
    throw new ShapeError(`${name}: expected ${n} arguments, got ${args.length}`);
}

function sameShape(name: string, a: Shape, b: Shape): void {
  if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
    throw new ShapeError(`${name}: shapes ${showShape(a)} and ${showShape(b)} differ`);
  }
}

function rankIs(name: string, what: string, shape: Shape, rank: number): void {
  if (shape.length !== rank) {
    throw new ShapeError(`${name}: ${what} must have rank ${rank}, got shape ${showShape(shape)}`);
  }
}

function validShape(name: string, shape: Shape): void {
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ShapeError(`${name}: invalid shape ${showShape(shape)}`);
  }
}

/** Floating in, same out: exp, log, sqrt, tanh, sigmoid. */
const floatUnary: ShapeRule<Primitive> = (args, _p, name) => {
  arity(name, args, 1);
  requireFloating(name, args[0]!.dtype);
  return args[0]!;
};

/** Numeric in, same out: neg, abs, sign. */
const numericUnary: ShapeRule<Primitive> = (args, _p, name) => {
  arity(name, args, 1);
  requireNumeric(name, args[0]!.dtype);
  return args[0]!;
};

const elementwise = (args: readonly Aval[], name: string): Aval => {
  const [a, b] = args as [Aval, Aval];
  sameShape(name, a.shape, b.shape);
  const dtype = requireSameDType(name, [a.dtype, b.dtype]);
  return { shape: a.shape, dtype };
};

const numericBinary: ShapeRule<Primitive> = (args, _p, name) => {
  arity(name, args, 2);
  const out = elementwise(args, name);
  requireNumeric(name, out.dtype);
  return out;
};

function axesInRange(name: string, axes: readonly number[], rank: number): void {
  axes.forEach((a, i) => {
    if (!Number.isInteger(a) || a < 0 || a >= rank || (i > 0 && a <= axes[i - 1]!)) {
      throw new ShapeError(
        `${name}: axes [${axes.join(',')}] must be sorted, distinct and in [0, ${rank})`,
      );
    }
  });
}

const reduction: ShapeRule<'reduceSum' | 'reduceMax'> = (args, { axes }, name) => {
  arity(name, args, 1);
  const x = args[0]!;
  requireNumeric(name, x.dtype);
  axesInRange(name, axes, x.shape.length);
  return { shape: x.shape.filter((_, i) => !axes.includes(i)), dtype: x.dtype };
};

function convOutput(name: string, x: Shape, k: Pair2, g: Conv2dGeometry): [number, number] {
  const out = [0, 1].map((i) => {
    const padded = x[i]! + g.padding[i]![0] + g.padding[i]![1];
    if (g.strides[i]! < 1 || !Number.isInteger(g.strides[i])) {
      throw new ShapeError(`${name}: strides [${g.strides.join(',')}] must be positive integers`);
    }
    if (g.padding[i]!.some((p) => p < 0 || !Number.isInteger(p))) {
      throw new ShapeError(`${name}: padding must be non-negative integers`);
    }
    if (padded < k[i]!) {
      throw new ShapeError(
        `${name}: window ${k.join('x')} is larger than the padded input ${x[0]! + g.padding[0][0] + g.padding[0][1]}x${x[1]! + g.padding[1][0] + g.padding[1][1]}`,
      );
    }
    return Math.floor((padded - k[i]!) / g.strides[i]!) + 1;
  });
  return out as [number, number];
}

type Pair2 = readonly [number, number];

function spatial(shape: Shape): Pair2 {
  return [shape[2]!, shape[3]!];
}

function poolOutput(name: string, x: Shape, g: Pool2dGeometry): Shape {
  rankIs(name, 'input', x, 4);
  const [oh, ow] = convOutput(name, spatial(x), g.window, {
    strides: g.strides,
    padding: [
      [0, 0],
      [0, 0],
    ],
  });
  return [x[0]!, x[1]!, oh, ow];
}

function conv2dOutput(name: string, x: Shape, w: Shape, g: Conv2dGeometry): Shape {
  rankIs(name, 'input', x, 4);
  rankIs(name, 'filter', w, 4);
  if (x[1] !== w[1]) {
    throw new ShapeError(
      `${name}: input ${showShape(x)} has ${x[1]} channels but filter ${showShape(w)} expects ${w[1]}`,
    );
  }
  const [oh, ow] = convOutput(name, spatial(x), spatial(w), g);
  return [x[0]!, w[0]!, oh, ow];
}

function expectShape(name: string, what: string, actual: Shape, expected: Shape): void {
  if (actual.length !== expected.length || actual.some((d, i) => d !== expected[i])) {
    throw new ShapeError(
      `${name}: ${what} has shape ${showShape(actual)}, expected ${showShape(expected)}`,
    );
  }
}

function floatPair(name: string, a: Aval, b: Aval): DType {
  const dtype = requireSameDType(name, [a.dtype, b.dtype]);
  requireFloating(name, dtype);
  return dtype;
}

function sizeOf(shape: Shape): number {
  return shape.reduce((n, d) => n * d, 1);
}

/**
 * Shape and dtype inference for every primitive, with the checks that keep a kernel from
 * reading out of bounds. Ops validate their user-facing arguments first and give friendlier
 * messages; these rules are the last line, and what transformations use to know a result's
 * shape without computing it.
 */
const rules: { readonly [P in Primitive]: ShapeRule<P> } = {
  neg: numericUnary,
  exp: floatUnary,
  log: floatUnary,
  sqrt: floatUnary,
  abs: numericUnary,
  sign: numericUnary,
  tanh: floatUnary,
  sigmoid: floatUnary,
  add: numericBinary,
  sub: numericBinary,
  mul: numericBinary,
  div: numericBinary,
  pow: numericBinary,
  max: numericBinary,
  min: numericBinary,
  compare: (args, _p, name) => {
    arity(name, args, 2);
    return { shape: elementwise(args, name).shape, dtype: 'bool' };
  },
  where: (args, _p, name) => {
    arity(name, args, 3);
    const [c, a, b] = args as [Aval, Aval, Aval];
    if (c.dtype !== 'bool') throw new ShapeError(`${name}: condition must be bool, got ${c.dtype}`);
    sameShape(name, c.shape, a.shape);
    return elementwise([a, b], name);
  },
  cast: (args, { dtype }, name) => {
    arity(name, args, 1);
    return { shape: args[0]!.shape, dtype };
  },
  reduceSum: reduction,
  reduceMax: reduction,
  argmax: (args, { axis }, name) => {
    arity(name, args, 1);
    const x = args[0]!;
    requireNumeric(name, x.dtype);
    axesInRange(name, [axis], x.shape.length);
    if (x.shape[axis] === 0)
      throw new ShapeError(`${name}: axis ${axis} of ${showShape(x.shape)} is empty`);
    return { shape: x.shape.filter((_, i) => i !== axis), dtype: 'int32' };
  },
  reshape: (args, { shape }, name) => {
    arity(name, args, 1);
    validShape(name, shape);
    const x = args[0]!;
    if (sizeOf(shape) !== sizeOf(x.shape)) {
      throw new ShapeError(
        `${name}: cannot reshape ${showShape(x.shape)} (${sizeOf(x.shape)} elements) to ${showShape(shape)} (${sizeOf(shape)} elements)`,
      );
    }
    return { shape, dtype: x.dtype };
  },
  transpose: (args, { perm }, name) => {
    arity(name, args, 1);
    const x = args[0]!;
    const sorted = [...perm].sort((a, b) => a - b);
    if (perm.length !== x.shape.length || sorted.some((a, i) => a !== i)) {
      throw new ShapeError(
        `${name}: [${perm.join(',')}] is not a permutation of the axes of ${showShape(x.shape)}`,
      );
    }
    return { shape: perm.map((a) => x.shape[a]!), dtype: x.dtype };
  },
  broadcast: (args, { shape }, name) => {
    arity(name, args, 1);
    const x = args[0]!;
    validShape(name, shape);
    if (x.shape.length !== shape.length || x.shape.some((d, i) => d !== 1 && d !== shape[i])) {
      throw new ShapeError(
        `${name}: cannot broadcast ${showShape(x.shape)} to ${showShape(shape)}`,
      );
    }
    return { shape, dtype: x.dtype };
  },
  slice: (args, { begin, end, strides }, name) => {
    arity(name, args, 1);
    const x = args[0]!;
    const n = x.shape.length;
    const ok =
      begin.length === n &&
      end.length === n &&
      strides.length === n &&
      x.shape.every(
        (d, i) =>
          Number.isInteger(begin[i]) &&
          Number.isInteger(end[i]) &&
          0 <= begin[i]! &&
          begin[i]! <= end[i]! &&
          end[i]! <= d &&
          Number.isInteger(strides[i]) &&
          strides[i]! >= 1,
      );
    if (!ok) {
      throw new ShapeError(
        `${name}: begin [${begin.join(',')}], end [${end.join(',')}], strides [${strides.join(',')}] do not fit ${showShape(x.shape)}`,
      );
    }
    return {
      shape: x.shape.map((_, i) => Math.ceil((end[i]! - begin[i]!) / strides[i]!)),
      dtype: x.dtype,
    };
  },
  pad: (args, { low, high }, name) => {
    arity(name, args, 1);
    const x = args[0]!;
    const n = x.shape.length;
    if (
      low.length !== n ||
      high.length !== n ||
      [...low, ...high].some((p) => !Number.isInteger(p) || p < 0)
    ) {
      throw new ShapeError(
        `${name}: padding low [${low.join(',')}], high [${high.join(',')}] must be ${n} non-negative integers each for ${showShape(x.shape)}`,
      );
    }
    return { shape: x.shape.map((d, i) => d + low[i]! + high[i]!), dtype: x.dtype };
  },
  concat: (args, { axis }, name) => {
    if (args.length === 0) throw new ShapeError(`${name}: needs at least one tensor`);
    const first = args[0]!;
    const dtype = requireSameDType(
      name,
      args.map((a) => a.dtype),
    );
    axesInRange(name, [axis], first.shape.length);
    for (const a of args) {
      if (
        a.shape.length !== first.shape.length ||
        a.shape.some((d, i) => i !== axis && d !== first.shape[i])
      ) {
        throw new ShapeError(
          `${name}: shapes ${args.map((s) => showShape(s.shape)).join(', ')} differ outside axis ${axis}`,
        );
      }
    }
    const shape = [...first.shape];
    shape[axis] = args.reduce((n, a) => n + a.shape[axis]!, 0);
    return { shape, dtype };
  },
  gather: (args, { axis }, name) => {
    arity(name, args, 2);
    const [x, i] = args as [Aval, Aval];
    if (i.dtype !== 'int32') throw new ShapeError(`${name}: indices must be int32, got ${i.dtype}`);
    axesInRange(name, [axis], x.shape.length);
    return {
      shape: [...x.shape.slice(0, axis), ...i.shape, ...x.shape.slice(axis + 1)],
      dtype: x.dtype,
    };
  },
  scatterAdd: (args, { axis, shape }, name) => {
    arity(name, args, 2);
    const [i, u] = args as [Aval, Aval];
    if (i.dtype !== 'int32') throw new ShapeError(`${name}: indices must be int32, got ${i.dtype}`);
    validShape(name, shape);
    axesInRange(name, [axis], shape.length);
    expectShape(name, 'updates', u.shape, [
      ...shape.slice(0, axis),
      ...i.shape,
      ...shape.slice(axis + 1),
    ]);
    requireNumeric(name, u.dtype);
    return { shape, dtype: u.dtype };
  },
  matmul: (args, { transposeA, transposeB }, name) => {
    arity(name, args, 2);
    const [a, b] = args as [Aval, Aval];
    rankIs(name, 'left operand', a.shape, 3);
    rankIs(name, 'right operand', b.shape, 3);
    const dtype = requireSameDType(name, [a.dtype, b.dtype]);
    requireNumeric(name, dtype);
    const [batch, m, k] = transposeA ? [a.shape[0]!, a.shape[2]!, a.shape[1]!] : a.shape;
    const [batchB, kB, n] = transposeB ? [b.shape[0]!, b.shape[2]!, b.shape[1]!] : b.shape;
    if (batch !== batchB || k !== kB) {
      throw new ShapeError(
        `${name}: ${showShape(a.shape)} x ${showShape(b.shape)} do not multiply`,
      );
    }
    return { shape: [batch!, m!, n!], dtype };
  },
  conv2d: (args, g, name) => {
    arity(name, args, 2);
    const [x, w] = args as [Aval, Aval];
    return { shape: conv2dOutput(name, x.shape, w.shape, g), dtype: floatPair(name, x, w) };
  },
  conv2dBackwardInput: (args, g, name) => {
    arity(name, args, 2);
    const [dy, w] = args as [Aval, Aval];
    expectShape(name, 'dy', dy.shape, conv2dOutput(name, g.inputShape, w.shape, g));
    return { shape: g.inputShape, dtype: floatPair(name, dy, w) };
  },
  conv2dBackwardFilter: (args, g, name) => {
    arity(name, args, 2);
    const [x, dy] = args as [Aval, Aval];
    expectShape(name, 'dy', dy.shape, conv2dOutput(name, x.shape, g.filterShape, g));
    return { shape: g.filterShape, dtype: floatPair(name, x, dy) };
  },
  sumPool2d: (args, g, name) => {
    arity(name, args, 1);
    requireNumeric(name, args[0]!.dtype);
    return { shape: poolOutput(name, args[0]!.shape, g), dtype: args[0]!.dtype };
  },
  sumPool2dBackward: (args, g, name) => {
    arity(name, args, 1);
    expectShape(name, 'dy', args[0]!.shape, poolOutput(name, g.inputShape, g));
    return { shape: g.inputShape, dtype: args[0]!.dtype };
  },
  maxPool2d: (args, g, name) => {
    arity(name, args, 1);
    requireNumeric(name, args[0]!.dtype);
    return { shape: poolOutput(name, args[0]!.shape, g), dtype: args[0]!.dtype };
  },
  maxPool2dGather: (args, g, name) => {
    arity(name, args, 2);
    const [x, t] = args as [Aval, Aval];
    sameShape(name, x.shape, t.shape);
    return { shape: poolOutput(name, x.shape, g), dtype: t.dtype };
  },
  maxPool2dScatter: (args, g, name) => {
    arity(name, args, 2);
    const [x, dy] = args as [Aval, Aval];
    expectShape(name, 'dy', dy.shape, poolOutput(name, x.shape, g));
    return { shape: x.shape, dtype: dy.dtype };
  },
};

/**
 * The shape and dtype of `primitive` applied to arguments of the given shapes and dtypes;
 * throws a {@link ShapeError} or `DTypeError` naming the primitive when they do not fit.
 *
 * @example
 * ```ts
 * abstractEval('matmul', [{ shape: [1, 2, 3], dtype: 'float32' }, { shape: [1, 3, 4], dtype: 'float32' }],
 *   { transposeA: false, transposeB: false }); // { shape: [1, 2, 4], dtype: 'float32' }
 * ```
 */
export function abstractEval<P extends Primitive>(
  primitive: P,
  args: readonly Aval[],
  params: PrimitiveParams[P],
): Aval {
  const rule = rules[primitive] as ShapeRule<P>;
  return rule(args, params, primitive);
}

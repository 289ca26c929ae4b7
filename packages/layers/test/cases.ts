/**
 * Random configurations of every layer and combinator: one fast-check arbitrary per export,
 * each giving a layer, an input shape (per example) and the context `apply` needs. Shapes are
 * small so gradient checks stay fast.
 */
import { key } from '@tessera/random';
import fc from 'fast-check';
import {
  type AnyLayer,
  type ApplyContext,
  avgPool2d,
  conv2d,
  dense,
  dropout,
  elementwise,
  fanInConcat,
  fanInSum,
  fanOut,
  flatten,
  identity,
  LecunTanh,
  LogSoftmax,
  maxPool2d,
  parallel,
  Relu,
  rbf,
  reshape,
  residual,
  type Shape,
  Sigmoid,
  Softmax,
  serial,
  shapeDependent,
  subsample2d,
  sumPool2d,
  Tanh,
} from '../src/index.js';
import { randn } from './helpers.js';

export interface Case {
  readonly layer: AnyLayer;
  readonly inShape: Shape | readonly Shape[];
  readonly ctx?: ApplyContext;
  /** For reports. */
  readonly label: string;
}

const size = (lo: number, hi: number) => fc.integer({ min: lo, max: hi });
const shape = (rank: { min: number; max: number }, lo = 1, hi = 3) =>
  fc.array(size(lo, hi), { minLength: rank.min, maxLength: rank.max });
const seed = fc.integer({ min: 0, max: 1e6 });

/** `[C, H, W]` maps at least `k` high and wide. */
const maps = (k: number, cMax = 2) =>
  fc.tuple(size(1, cMax), size(k, k + 3), size(k, k + 3)).map(([c, h, w]) => [c, h, w]);

const stateless = (name: string, layer: AnyLayer): fc.Arbitrary<Case> =>
  shape({ min: 1, max: 3 }).map((inShape) => ({ layer, inShape, label: name }));

const pooling = (name: string, make: typeof avgPool2d): fc.Arbitrary<Case> =>
  fc
    .record({ window: size(1, 3), stride: fc.option(size(1, 2), { nil: undefined }) })
    .chain(({ window, stride }) =>
      maps(window).map((inShape) => ({
        layer: make(window, stride === undefined ? {} : { strides: stride }),
        inShape,
        label: `${name}(${window}, strides ${stride ?? window}) on [${inShape}]`,
      })),
    );

const table = (filters: number, channels: number) =>
  fc.array(
    fc.array(fc.boolean(), { minLength: channels, maxLength: channels }).map((row) => {
      const fixed = [...row];
      if (!fixed.includes(true)) fixed[0] = true;
      return fixed;
    }),
    { minLength: filters, maxLength: filters },
  );

/** Every layer and combinator of the package, by export name. */
export const cases: Readonly<Record<string, fc.Arbitrary<Case>>> = {
  dense: fc
    .record({
      units: size(1, 3),
      inShape: shape({ min: 1, max: 2 }),
      useBias: fc.boolean(),
    })
    .map(({ units, inShape, useBias }) => ({
      layer: dense(units, { useBias }),
      inShape,
      label: `dense(${units}, useBias ${useBias}) on [${inShape}]`,
    })),
  conv2d: fc
    .record({
      filters: size(1, 3),
      kernel: fc.tuple(size(1, 3), size(1, 3)),
      strides: size(1, 2),
      padding: fc.constantFrom<'valid' | 'same' | 1 | readonly [number, number]>(
        'valid',
        'same',
        1,
        [1, 0],
      ),
      useTable: fc.boolean(),
    })
    .chain(({ filters, kernel, strides, padding, useTable }) =>
      maps(Math.max(...kernel)).chain((inShape) =>
        (useTable ? table(filters, inShape[0]!) : fc.constant(undefined)).map((t) => ({
          layer: conv2d(filters, kernel, {
            strides,
            padding,
            ...(t === undefined ? {} : { table: t }),
          }),
          inShape,
          label: `conv2d(${filters}, ${kernel}, strides ${strides}, padding ${padding}, table ${JSON.stringify(t)}) on [${inShape}]`,
        })),
      ),
    ),
  avgPool2d: pooling('avgPool2d', avgPool2d),
  maxPool2d: pooling('maxPool2d', maxPool2d),
  sumPool2d: pooling('sumPool2d', sumPool2d),
  subsample2d: size(1, 3).chain((window) =>
    maps(window).map((inShape) => ({
      layer: subsample2d(window),
      inShape,
      label: `subsample2d(${window}) on [${inShape}]`,
    })),
  ),
  flatten: shape({ min: 1, max: 3 }).map((inShape) => ({
    layer: flatten(),
    inShape,
    label: `flatten() on [${inShape}]`,
  })),
  reshape: fc.tuple(size(1, 3), size(1, 3), fc.boolean()).map(([a, b, infer]) => ({
    layer: reshape(infer ? [-1, a] : [b, a]),
    inShape: [a * b],
    label: `reshape to [${infer ? -1 : b}, ${a}]`,
  })),
  dropout: fc
    .tuple(fc.double({ min: 0, max: 0.9, noNaN: true }), seed, fc.boolean())
    .chain(([rate, s, train]) =>
      shape({ min: 1, max: 2 }).map((inShape) => ({
        layer: dropout(rate),
        inShape,
        ctx: { train, key: key(s) },
        label: `dropout(${rate}) train ${train}`,
      })),
    ),
  rbf: fc.tuple(size(1, 4), size(1, 4), seed).map(([k, d, s]) => ({
    layer: rbf(randn(s, [k, d])),
    inShape: [d],
    label: `rbf(${k}x${d})`,
  })),
  elementwise: stateless(
    'elementwise',
    elementwise((x) => Tanh.apply(null, x)),
  ),
  Sigmoid: stateless('Sigmoid', Sigmoid),
  Tanh: stateless('Tanh', Tanh),
  LecunTanh: stateless('LecunTanh', LecunTanh),
  Relu: stateless('Relu', Relu),
  Softmax: stateless('Softmax', Softmax),
  LogSoftmax: stateless('LogSoftmax', LogSoftmax),
  serial: fc.tuple(size(1, 3), size(1, 3), size(1, 3), fc.boolean()).map(([d, h, o, named]) => ({
    layer: named
      ? serial({ hidden: dense(h), act: Tanh, out: dense(o) })
      : serial(dense(h), Tanh, dense(o), LogSoftmax),
    inShape: [d],
    label: `serial ${named ? 'named' : 'array'} ${d}-${h}-${o}`,
  })),
  parallel: fc.tuple(size(1, 3), size(1, 3), size(1, 3)).map(([a, b, u]) => ({
    layer: parallel(dense(u), Tanh),
    inShape: [[a], [b]],
    label: `parallel(dense(${u}), Tanh) on [${a}], [${b}]`,
  })),
  fanOut: fc.tuple(size(1, 3), shape({ min: 1, max: 2 })).map(([n, inShape]) => ({
    layer: fanOut(n),
    inShape,
    label: `fanOut(${n})`,
  })),
  fanInSum: fc.tuple(size(1, 3), shape({ min: 1, max: 2 })).map(([n, s]) => ({
    layer: fanInSum,
    inShape: Array.from({ length: n }, () => s),
    label: `fanInSum of ${n} [${s}]`,
  })),
  fanInConcat: fc
    .tuple(shape({ min: 1, max: 3 }), size(1, 3), fc.boolean())
    .chain(([s, n, negative]) =>
      fc
        .tuple(size(0, s.length - 1), fc.array(size(1, 3), { minLength: n, maxLength: n }))
        .map(([axis, lengths]) => ({
          layer: fanInConcat(negative ? axis - s.length : axis),
          inShape: lengths.map((len) => s.map((d, i) => (i === axis ? len : d))),
          label: `fanInConcat(${negative ? axis - s.length : axis}) of ${lengths} along [${s}]`,
        })),
    ),
  residual: size(1, 3).map((d) => ({
    layer: residual(serial(dense(d), Tanh)),
    inShape: [d],
    label: `residual(dense(${d}), Tanh)`,
  })),
  identity: stateless('identity', identity),
  shapeDependent: shape({ min: 1, max: 1 }).map((inShape) => ({
    layer: shapeDependent((s) => serial(dense(2), Relu, dense(s[0]!))),
    inShape,
    label: `shapeDependent on [${inShape}]`,
  })),
};

/** A composite of several of the above: fanOut, parallel branches, concat and a head. */
export const composite: fc.Arbitrary<Case> = fc.tuple(size(1, 3), size(2, 3)).map(([c, k]) => ({
  layer: serial(
    fanOut(2),
    parallel(conv2d(2, k, { padding: 'same' }), serial(conv2d(1, 1), Sigmoid)),
    fanInConcat(0),
    subsample2d(2),
    LecunTanh,
    flatten(),
    dense(3),
  ),
  inShape: [c, 4, 4],
  label: `composite on [${c}, 4, 4] kernel ${k}`,
}));

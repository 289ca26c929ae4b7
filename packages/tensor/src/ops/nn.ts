import type { Conv2dGeometry, Pair } from '@tessera/kernels';
import { ShapeError, showShape } from '../errors.js';
import { bind } from '../interpreter.js';
import { ConcreteTensor, Tensor } from '../tensor.js';
import { arange, astype, type CreationOptions, tensor } from './creation.js';
import { div, equal, exp, mul, sub } from './elementwise.js';
import { logSumExp, max, sum } from './reduce.js';
import { expandDims, reshape } from './shape.js';

/**
 * `exp(x) / sum(exp(x))` along `axis` (default: last), shifted by the maximum for stability.
 * @example
 * ```ts
 * softmax(tensor([0, 0])); // [0.5, 0.5]
 * ```
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  const e = exp(sub(x, max(x, { axis, keepDims: true })));
  return div(e, sum(e, { axis, keepDims: true }));
}

/**
 * `x - logSumExp(x)` along `axis` (default: last): log-probabilities without overflow.
 * @example
 * ```ts
 * logSoftmax(tensor([0, 0])); // [-0.6931, -0.6931]
 * ```
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return sub(x, logSumExp(x, { axis, keepDims: true }));
}

/**
 * One-hot rows: `labels` (`int32`, any shape) become `labels.shape + [depth]` with a 1 at each
 * label. A label outside `[0, depth)` is an error.
 * @example
 * ```ts
 * oneHot(tensor([2, 0], { dtype: 'int32' }), 3); // [[0, 0, 1], [1, 0, 0]]
 * ```
 */
export function oneHot(labels: Tensor, depth: number, options: CreationOptions = {}): Tensor {
  if (labels.dtype !== 'int32')
    throw new ShapeError(`oneHot: labels must be int32, got ${labels.dtype}`);
  if (labels instanceof ConcreteTensor) {
    const bad = labels.buffer.data.find((l) => l < 0 || l >= depth);
    if (bad !== undefined) throw new RangeError(`oneHot: label ${bad} is outside [0, ${depth})`);
  }
  const hits = equal(expandDims(labels, -1), arange(depth, undefined, 1, { dtype: 'int32' }));
  return astype(hits, options.dtype ?? 'float32');
}

/** Padding of a convolution: a mode, one number for all sides, a pair per axis, or all four. */
export type Padding = 'valid' | 'same' | number | Pair | readonly [Pair, Pair];

/** Options of {@link conv2d}. */
export interface Conv2dOptions {
  /** Step between windows, one number or `[h, w]`; default 1. */
  readonly strides?: number | Pair;
  /**
   * Zeros around the input: `'valid'` (none, the default), `'same'` (output size
   * `ceil(in / stride)`, extra padding at the bottom/right as in TensorFlow), a number for all
   * sides, `[ph, pw]`, or `[[top, bottom], [left, right]]`.
   */
  readonly padding?: Padding;
  /**
   * A connection table `[outChannels, inChannels]` (`bool` tensor or nested booleans): output
   * map `o` sees input map `c` only where `table[o][c]`, as LeNet-5's layer C3 (LeCun et al.
   * 1998, Table I). Implemented by masking the filter, so masked weights get zero gradient.
   */
  readonly table?: Tensor | readonly (readonly boolean[])[];
}

function pair(op: string, v: number | Pair, what: string): Pair {
  const p: Pair = typeof v === 'number' ? [v, v] : v;
  if (p.some((x) => !Number.isInteger(x) || x < 1)) {
    throw new ShapeError(`${op}: ${what} must be positive integers, got ${JSON.stringify(v)}`);
  }
  return p;
}

/**
 * The zeros a convolution with `padding` adds around an input of spatial size `input`:
 * `[[top, bottom], [left, right]]`. `'same'` gives an output of `ceil(in / stride)` with the
 * extra row or column at the bottom or right, as TensorFlow does. Bad values are a
 * {@link ShapeError} naming `op`.
 *
 * @example
 * ```ts
 * resolvePadding('conv2d', 'same', [28, 28], [5, 5], [1, 1]); // [[2, 2], [2, 2]]
 * ```
 */
export function resolvePadding(
  op: string,
  padding: Padding,
  input: Pair,
  kernel: Pair,
  strides: Pair,
): readonly [Pair, Pair] {
  if (padding === 'valid')
    return [
      [0, 0],
      [0, 0],
    ];
  if (padding === 'same') {
    return [0, 1].map((i) => {
      const out = Math.ceil(input[i]! / strides[i]!);
      const total = Math.max((out - 1) * strides[i]! + kernel[i]! - input[i]!, 0);
      return [Math.floor(total / 2), total - Math.floor(total / 2)] as const;
    }) as unknown as readonly [Pair, Pair];
  }
  const sides: readonly [Pair, Pair] =
    typeof padding === 'number'
      ? [
          [padding, padding],
          [padding, padding],
        ]
      : typeof padding[0] === 'number'
        ? [
            [padding[0], padding[0]],
            [padding[1] as number, padding[1] as number],
          ]
        : (padding as readonly [Pair, Pair]);
  if (sides.flat().some((p) => !Number.isInteger(p) || p < 0)) {
    throw new ShapeError(
      `${op}: padding must be non-negative integers, got ${JSON.stringify(padding)}`,
    );
  }
  return sides;
}

function connectionMask(
  op: string,
  table: Tensor | readonly (readonly boolean[])[],
  w: Tensor,
): Tensor {
  const mask =
    table instanceof Tensor
      ? table
      : tensor(
          table.map((row) => row.map(Number)),
          { dtype: 'bool' },
        );
  const [o, c] = w.shape as [number, number];
  if (mask.rank !== 2 || mask.shape[0] !== o || mask.shape[1] !== c) {
    throw new ShapeError(
      `${op}: connection table ${showShape(mask.shape)} must be [${o},${c}] for filter ${showShape(w.shape)}`,
    );
  }
  return reshape(astype(mask, w.dtype), [o, c, 1, 1]);
}

/**
 * 2-D convolution (cross-correlation) of `x` `[N, C, H, W]` with filters `w`
 * `[O, C, KH, KW]`, giving `[N, O, OH, OW]` with `OH = floor((H + padTop + padBottom - KH) /
 * strideH) + 1` (likewise `OW`).
 * @example
 * ```ts
 * conv2d(ones([1, 1, 5, 5]), ones([6, 1, 3, 3]), { padding: 'same' }).shape; // [1, 6, 5, 5]
 * ```
 */
export function conv2d(x: Tensor, w: Tensor, options: Conv2dOptions = {}): Tensor {
  if (x.rank !== 4 || w.rank !== 4) {
    throw new ShapeError(
      `conv2d: expected input [N,C,H,W] and filter [O,C,KH,KW], got ${showShape(x.shape)} and ${showShape(w.shape)}`,
    );
  }
  if (x.shape[1] !== w.shape[1]) {
    throw new ShapeError(
      `conv2d: input ${showShape(x.shape)} has ${x.shape[1]} channels but filter ${showShape(w.shape)} expects ${w.shape[1]}`,
    );
  }
  const strides = pair('conv2d', options.strides ?? 1, 'strides');
  const geometry: Conv2dGeometry = {
    strides,
    padding: resolvePadding(
      'conv2d',
      options.padding ?? 'valid',
      [x.shape[2]!, x.shape[3]!],
      [w.shape[2]!, w.shape[3]!],
      strides,
    ),
  };
  const filter =
    options.table === undefined ? w : mul(w, connectionMask('conv2d', options.table, w));
  return bind('conv2d', [x, filter], geometry);
}

/** Options of the pooling ops. */
export interface Pool2dOptions {
  /** Step between windows, one number or `[h, w]`; default: the window (no overlap). */
  readonly strides?: number | Pair;
}

function poolGeometry(op: string, x: Tensor, window: number | Pair, options: Pool2dOptions) {
  if (x.rank !== 4)
    throw new ShapeError(`${op}: expected input [N,C,H,W], got ${showShape(x.shape)}`);
  const w = pair(op, window, 'window');
  const geometry = { window: w, strides: pair(op, options.strides ?? w, 'strides') };
  if (x.shape[2]! < w[0] || x.shape[3]! < w[1]) {
    throw new ShapeError(
      `${op}: window ${w.join('x')} is larger than the input ${showShape(x.shape)}`,
    );
  }
  return geometry;
}

/**
 * Sum over each `window` of `x` `[N, C, H, W]` (windows that do not fit are dropped).
 * @example
 * ```ts
 * sumPool2d(ones([1, 1, 4, 4]), 2); // [[[[4, 4], [4, 4]]]]
 * ```
 */
export function sumPool2d(x: Tensor, window: number | Pair, options: Pool2dOptions = {}): Tensor {
  return bind('sumPool2d', [x], poolGeometry('sumPool2d', x, window, options));
}

/**
 * Mean over each `window` of `x` `[N, C, H, W]`.
 * @example
 * ```ts
 * avgPool2d(ones([1, 1, 4, 4]), 2); // [[[[1, 1], [1, 1]]]]
 * ```
 */
export function avgPool2d(x: Tensor, window: number | Pair, options: Pool2dOptions = {}): Tensor {
  const g = poolGeometry('avgPool2d', x, window, options);
  return div(bind('sumPool2d', [x], g), g.window[0] * g.window[1]);
}

/**
 * Maximum over each `window` of `x` `[N, C, H, W]`; the gradient goes to the first maximum
 * of each window.
 * @example
 * ```ts
 * maxPool2d(x, 2).shape; // [n, c, h / 2, w / 2]
 * ```
 */
export function maxPool2d(x: Tensor, window: number | Pair, options: Pool2dOptions = {}): Tensor {
  return bind('maxPool2d', [x], poolGeometry('maxPool2d', x, window, options));
}

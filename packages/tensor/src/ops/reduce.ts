import { ShapeError, showShape } from '../errors.js';
import { bind } from '../interpreter.js';
import type { Tensor } from '../tensor.js';
import { abs, add, div, exp, less, log, neg, sub, where } from './elementwise.js';
import { reshape } from './shape.js';
import { normalizeAxes, normalizeAxis } from './util.js';

/** Options of the reductions. */
export interface ReduceOptions {
  /** The axis or axes to reduce (negative counts from the end); all when omitted. */
  readonly axis?: number | readonly number[];
  /** Keep reduced axes with length 1, so the result broadcasts against the input. */
  readonly keepDims?: boolean;
}

function keep(
  x: Tensor,
  reduced: Tensor,
  axes: readonly number[],
  keepDims: boolean | undefined,
): Tensor {
  return keepDims
    ? reshape(
        reduced,
        x.shape.map((d, i) => (axes.includes(i) ? 1 : d)),
      )
    : reduced;
}

/**
 * Sum over `axis` (all axes by default).
 * @example
 * ```ts
 * sum(tensor([[1, 2], [3, 4]]), { axis: 1 }); // [3, 7]
 * ```
 */
export function sum(x: Tensor, options: ReduceOptions = {}): Tensor {
  const axes = normalizeAxes('sum', options.axis, x.shape);
  const reduced = axes.length === 0 ? x : bind('reduceSum', [x], { axes });
  return keep(x, reduced, axes, options.keepDims);
}

/**
 * Arithmetic mean over `axis` (all axes by default); floating dtypes only.
 * @example
 * ```ts
 * mean(tensor([1, 2, 3, 6])); // 3
 * ```
 */
export function mean(x: Tensor, options: ReduceOptions = {}): Tensor {
  const axes = normalizeAxes('mean', options.axis, x.shape);
  const count = axes.reduce((n, a) => n * x.shape[a]!, 1);
  if (count === 0) throw new ShapeError(`mean: reducing ${showShape(x.shape)} over an empty axis`);
  return div(sum(x, options), count);
}

function nonEmpty(op: string, x: Tensor, axes: readonly number[]): void {
  if (axes.some((a) => x.shape[a] === 0)) {
    throw new ShapeError(
      `${op}: reducing ${showShape(x.shape)} over an empty axis has no identity`,
    );
  }
}

/**
 * Maximum over `axis` (all axes by default); NaN if any reduced element is NaN.
 * @example
 * ```ts
 * max(tensor([[1, 5], [3, 4]]), { axis: 0 }); // [3, 5]
 * ```
 */
export function max(x: Tensor, options: ReduceOptions = {}): Tensor {
  const axes = normalizeAxes('max', options.axis, x.shape);
  nonEmpty('max', x, axes);
  const reduced = axes.length === 0 ? x : bind('reduceMax', [x], { axes });
  return keep(x, reduced, axes, options.keepDims);
}

/**
 * Minimum over `axis` (all axes by default), as `-max(-x)`.
 * @example
 * ```ts
 * min(tensor([3, 1, 2])); // 1
 * ```
 */
export function min(x: Tensor, options: ReduceOptions = {}): Tensor {
  nonEmpty('min', x, normalizeAxes('min', options.axis, x.shape));
  return neg(max(neg(x), options));
}

/** Options of {@link argmax} and {@link argmin}. */
export interface ArgOptions {
  /** The axis to search (negative counts from the end); the flattened tensor when omitted. */
  readonly axis?: number;
  /** Keep the searched axis with length 1. */
  readonly keepDims?: boolean;
}

/**
 * Index (`int32`) of the first maximum along `axis`, or in the flattened tensor.
 * @example
 * ```ts
 * argmax(tensor([[1, 5], [7, 4]]), { axis: 1 }); // [1, 0]
 * ```
 */
export function argmax(x: Tensor, options: ArgOptions = {}): Tensor {
  const source = options.axis === undefined ? reshape(x, [-1]) : x;
  const axis = normalizeAxis('argmax', options.axis ?? 0, source.rank);
  const out = bind('argmax', [source], { axis });
  return options.keepDims && options.axis !== undefined ? keep(x, out, [axis], true) : out;
}

/**
 * Index of the first minimum along `axis`, or in the flattened tensor.
 * @example
 * ```ts
 * argmin(tensor([3, 1, 2])); // 1
 * ```
 */
export function argmin(x: Tensor, options: ArgOptions = {}): Tensor {
  return argmax(neg(x), options);
}

/**
 * `log(sum(exp(x)))` over `axis`, computed as `m + log(sum(exp(x - m)))` with `m` the maximum
 * so that large inputs do not overflow; a slice of only `-Infinity` gives `-Infinity`.
 * @example
 * ```ts
 * logSumExp(tensor([1000, 1000])); // 1000.6931
 * ```
 */
export function logSumExp(x: Tensor, options: ReduceOptions = {}): Tensor {
  const m = max(x, { ...options, keepDims: true });
  // Shift by 0 where the maximum is infinite, so -Infinity - -Infinity never makes a NaN.
  const shift = where(less(abs(m), Number.POSITIVE_INFINITY), m, 0);
  const out = add(log(sum(exp(sub(x, shift)), { ...options, keepDims: true })), shift);
  const axes = normalizeAxes('logSumExp', options.axis, x.shape);
  return options.keepDims
    ? out
    : reshape(
        out,
        x.shape.filter((_, i) => !axes.includes(i)),
      );
}

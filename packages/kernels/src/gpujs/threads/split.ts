/**
 * How a backend call splits over threads: by samples (the first axis) for convolutions, by
 * rows or by the contraction for matrix products. Each rule gives the arguments of every part
 * and how the parts' results combine: side by side along an axis, or summed (the filter
 * gradient is a sum over samples, so each thread sums its own samples). Pooling does not
 * split: a thread's round trip (about 1 ms with the copies) costs more than pooling a whole
 * LeNet-5 batch (0.5-1.7 ms at batch 128).
 */
import type { Backend, NdArray } from '../../backend.js';
import { reference } from '../../reference/index.js';
import { sizeOf } from '../../shape.js';
import { evenRanges } from '../../threads/sync.js';

/** The methods that split, each with the arguments it takes. */
export type SplitMethod = 'matmul' | 'conv2d' | 'conv2dBackwardInput' | 'conv2dBackwardFilter';

type ArgsOf<M extends SplitMethod> = Parameters<Backend[M]>;

/** One call cut in parts: each part's arguments, and how to join the parts' results. */
export interface Split<M extends SplitMethod> {
  readonly parts: readonly ArgsOf<M>[];
  readonly join: Join;
}

/** Results side by side along `axis`, or summed elementwise. */
export type Join = { readonly kind: 'concat'; readonly axis: number } | { readonly kind: 'sum' };

/** Rows `[from, to)` of `x` along `axis`. */
export function sliceAxis(x: NdArray, axis: number, from: number, to: number): NdArray {
  const begin = x.shape.map((_, a) => (a === axis ? from : 0));
  const end = x.shape.map((d, a) => (a === axis ? to : d));
  return reference.slice(x, { begin, end, strides: x.shape.map(() => 1) });
}

/** The results of the parts, joined. */
export function join(results: readonly NdArray[], how: Join): NdArray {
  if (how.kind === 'concat') return reference.concat(results, { axis: how.axis });
  return results.reduce((sum, part) => reference.binary('add', sum, part));
}

/** Splits samples (axis 0) of the listed arguments; the rest are shared. */
function bySamples<M extends SplitMethod>(
  args: ArgsOf<M>,
  sampled: readonly number[],
  parts: number,
  rebuild: (args: ArgsOf<M>, count: number) => ArgsOf<M>,
  how: Join,
): Split<M> {
  const n = (args[sampled[0]!] as NdArray).shape[0]!;
  return {
    parts: evenRanges(n, parts).map(([from, to]) => {
      const cut = args.map((a, i) =>
        sampled.includes(i) ? sliceAxis(a as NdArray, 0, from, to) : a,
      ) as unknown as ArgsOf<M>;
      return rebuild(cut, to - from);
    }),
    join: how,
  };
}

const same = <A>(args: A): A => args;
const samples: Join = { kind: 'concat', axis: 0 };

/** A geometry whose `inputShape` has `count` samples. */
function withSamples<G extends { readonly inputShape: readonly number[] }>(g: G, count: number): G {
  return { ...g, inputShape: [count, ...g.inputShape.slice(1)] };
}

/** `[N, C, KH, KW]` multiply-adds per element of an `[N, O, OH, OW]` output: `C * KH * KW`. */
function taps(filterShape: readonly number[]): number {
  return sizeOf(filterShape.slice(1));
}

/**
 * Multiply-adds of a call: only calls of at least {@link MIN_SPLIT_WORK} are cut. Measured
 * (webasm, batch 128): LeNet-5's C1 filter gradient, 15 M multiply-adds, 14.0 ms on one thread
 * against 8.0 on two; C5 as a matrix product, 6 M, 4.7 against 5.7; a 1.3 M matrix product
 * 1.0 against 1.1.
 */
export const WORK: { [M in SplitMethod]: (args: ArgsOf<M>) => number } = {
  matmul: ([a, b, o]) => sizeOf(a.shape) * (o.transposeB ? b.shape[1]! : b.shape[2]!),
  conv2d: ([x, w]) => sizeOf(x.shape) * w.shape[0]! * w.shape[2]! * w.shape[3]!,
  conv2dBackwardInput: ([dy, w]) => sizeOf(dy.shape) * taps(w.shape),
  conv2dBackwardFilter: ([, dy, g]) => sizeOf(dy.shape) * taps(g.filterShape),
};

/** The multiply-adds from which a call is cut across threads. */
export const MIN_SPLIT_WORK = 2 ** 23;

/**
 * The split rule of every method: `null` when the call does not split (a matmul over several
 * batches, or one whose sides are too short).
 */
export const SPLITS: { [M in SplitMethod]: (args: ArgsOf<M>, parts: number) => Split<M> | null } = {
  matmul(args, parts) {
    const [a, b, o] = args;
    if (a.shape[0] !== 1 || b.shape[0] !== 1) return null;
    if (!o.transposeA) {
      // Rows of A give rows of C.
      return {
        parts: evenRanges(a.shape[1]!, parts).map(([f, t]) => [sliceAxis(a, 1, f, t), b, o]),
        join: { kind: 'concat', axis: 1 },
      };
    }
    if (o.transposeB) return null;
    // A^T B with A [1, K, M] and B [1, K, N]: each part sums over its own slice of K.
    return {
      parts: evenRanges(a.shape[1]!, parts).map(([f, t]) => [
        sliceAxis(a, 1, f, t),
        sliceAxis(b, 1, f, t),
        o,
      ]),
      join: { kind: 'sum' },
    };
  },
  conv2d: (args, parts) => bySamples(args, [0], parts, same, samples),
  conv2dBackwardInput: (args, parts) =>
    bySamples(args, [0], parts, ([dy, w, g], n) => [dy, w, withSamples(g, n)], samples),
  conv2dBackwardFilter: (args, parts) => bySamples(args, [0, 1], parts, same, { kind: 'sum' }),
};

import { foldIn, type Key } from '@tessera/random';
import { gatherOrStack } from './gather.js';
import { splitKey } from './keys.js';
import { interleaveRows } from './tree.js';
import type { DatasetPlan, DatasetView } from './view.js';

/** The part holding position `i`, by binary search over the parts' start positions. */
function partOf(starts: readonly number[], i: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Parts one after another. Each part's view is made on first use, so repeating a shuffled
 * dataset many times draws each repetition's permutation only when iteration reaches it.
 * A gather splits the indices by part, gathers from each part, then interleaves the rows
 * back into the requested order.
 */
function concatView<T>(
  sizes: readonly number[],
  makePart: (j: number) => DatasetView<T>,
): DatasetView<T> {
  const starts: number[] = [];
  let size = 0;
  for (const n of sizes) {
    starts.push(size);
    size += n;
  }
  const parts: (DatasetView<T> | undefined)[] = sizes.map(() => undefined);
  const part = (j: number): DatasetView<T> => {
    parts[j] ??= makePart(j);
    return parts[j]!;
  };
  const at = (i: number): T => {
    const j = partOf(starts, i);
    return part(j).at(i - starts[j]!);
  };
  const gather = (indices: Int32Array): T => {
    const which = new Int32Array(indices.length);
    const local = new Int32Array(indices.length);
    const counts = new Int32Array(sizes.length);
    indices.forEach((i, r) => {
      const j = partOf(starts, i);
      which[r] = j;
      local[r] = counts[j]!;
      counts[j]! += 1;
    });
    const used = [...counts.keys()].filter((j) => counts[j]! > 0);
    if (used.length === 1) {
      const j = used[0]!;
      return gatherOrStack(
        'batch',
        part(j),
        indices.map((i) => i - starts[j]!),
      );
    }
    // Gather each used part's rows, then renumber parts densely for the interleave.
    const dense = new Int32Array(sizes.length);
    const batches = used.map((j, d) => {
      dense[j] = d;
      const mine = indices.filter((_, r) => which[r] === j).map((i) => i - starts[j]!);
      return gatherOrStack('batch', part(j), mine);
    });
    return interleaveRows(
      'concat',
      batches,
      which.map((j) => dense[j]!),
      local,
    );
  };
  return { size, at, gather };
}

/** Plans one after another, each under its own key split from the epoch key. */
export function concatPlan<T>(
  plans: readonly DatasetPlan<T>[],
  sizes: readonly number[],
): DatasetPlan<T> {
  return (key) => {
    const keys = splitKey(key, plans.length);
    return concatView(sizes, (j) => plans[j]!(keys[j]));
  };
}

/** A plan `count` times over; repetition `r` runs under `foldIn(key, r)`, so each differs. */
export function repeatPlan<T>(plan: DatasetPlan<T>, size: number, count: number): DatasetPlan<T> {
  return (key: Key | undefined) =>
    concatView(
      Array.from({ length: count }, () => size),
      (r) => plan(key === undefined ? undefined : foldIn(key, r)),
    );
}

/** Pairs of corresponding elements of two plans, the shorter deciding the size. */
export function zipPlan<A, B>(
  a: DatasetPlan<A>,
  b: DatasetPlan<B>,
  size: number,
): DatasetPlan<[A, B]> {
  return (key) => {
    const [ka, kb] = splitKey(key, 2);
    const va = a(ka);
    const vb = b(kb);
    return {
      size,
      at: (i) => [va.at(i), vb.at(i)],
      gather: (indices) => [
        gatherOrStack('batch', va, indices),
        gatherOrStack('batch', vb, indices),
      ],
    };
  };
}

import { gatherOrStack } from './gather.js';
import type { DatasetPlan } from './view.js';

/** The number of batches of `size` elements in `n`, with or without a final short batch. */
export function batchCount(n: number, size: number, dropRemainder: boolean): number {
  return dropRemainder ? Math.floor(n / size) : Math.ceil(n / size);
}

/**
 * Consecutive runs of `size` elements, each batched into one tree: batch `j` gathers
 * positions `j * size` up to `(j + 1) * size` (fewer for a final short batch). Only the rows
 * of that batch are copied.
 */
export function batchPlan<T>(
  plan: DatasetPlan<T>,
  n: number,
  size: number,
  dropRemainder: boolean,
): DatasetPlan<T> {
  const count = batchCount(n, size, dropRemainder);
  return (key) => {
    const parent = plan(key);
    const at = (j: number): T => {
      const first = j * size;
      const length = Math.min(size, n - first);
      const indices = new Int32Array(length);
      for (let r = 0; r < length; r++) indices[r] = first + r;
      return gatherOrStack('batch', parent, indices);
    };
    return { size: count, at };
  };
}

import { Dataset } from './dataset.js';
import { gatherRows, rowCount, rowOf, type TensorTree, zipLeaves } from './tree.js';
import type { DatasetView } from './view.js';

/**
 * A dataset whose element `i` is row `i` of every tensor in a tree: `fromTensors({ images,
 * labels })` has elements `{ images: images[i], labels: labels[i] }`. Elements share the
 * tensors' (immutable) buffers; batches gather their rows by index, so no epoch copies the
 * set. Every tensor needs the same number of rows.
 *
 * @param tree - tensors with values, or arrays and plain objects of them
 * @throws TypeError if a leaf is not a tensor with values or is a scalar
 * @throws RangeError if the tensors' row counts differ
 *
 * @example
 * ```ts
 * const test = fromTensors(mnist({ split: 'test' }));
 * test.size;                       // 10000
 * test.at(0).labels.item();        // 7
 * ```
 */
export function fromTensors<T extends TensorTree>(tree: T): Dataset<T> {
  const size = rowCount('fromTensors', tree);
  const view: DatasetView<T> = {
    size,
    at: (i) => zipLeaves<T>('fromTensors', [tree], ([leaf]) => rowOf(leaf!, i)),
    gather: (indices) =>
      zipLeaves<T>('fromTensors', [tree], ([leaf]) => gatherRows(leaf!, indices)),
  };
  return new Dataset(size, () => view);
}

/**
 * A dataset of the items of an array (copied, so later changes to the array do not reach
 * it). Items that are tensor trees can be batched; they are then stacked.
 *
 * @example
 * ```ts
 * fromArray(['a', 'b', 'c']).shuffle(key(0)).toArray(); // a permutation of the three
 * ```
 */
export function fromArray<T>(items: readonly T[]): Dataset<T> {
  const copy = Object.freeze([...items]);
  const view: DatasetView<T> = { size: copy.length, at: (i) => copy[i]! };
  return new Dataset(copy.length, () => view);
}

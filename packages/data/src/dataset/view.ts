import type { Key } from '@tessera/random';

/**
 * One epoch of a dataset: its elements under one key, by position. A view is cheap to make
 * and holds no copy of the data; the randomness of the epoch (a permutation, say) is drawn
 * once when the view is made.
 *
 * @example
 * ```ts
 * const view: DatasetView<number> = { size: 3, at: (i) => i * i };
 * ```
 */
export interface DatasetView<T> {
  /** The number of elements. */
  readonly size: number;
  /** Element `index`, for an integer in [0, size); views do not check it. */
  at(index: number): T;
  /**
   * Elements `indices` batched (stacked along a new leading axis), when the view can gather
   * them straight from rows of tensors without building each element. Batching uses it when
   * present, so a batch costs one copy of its own rows and nothing more.
   */
  readonly gather?: (indices: Int32Array) => T;
}

/**
 * How a dataset makes the view of an epoch from that epoch's key (`undefined` when iterated
 * without one; a plan that needs randomness throws then). The same key must give the same
 * view.
 *
 * @example
 * ```ts
 * const squares: DatasetPlan<number> = () => ({ size: 3, at: (i) => i * i });
 * new Dataset(3, squares).toArray(); // [0, 1, 4]
 * ```
 */
export type DatasetPlan<T> = (key: Key | undefined) => DatasetView<T>;

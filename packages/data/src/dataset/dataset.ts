import type { Key } from '@tessera/random';
import { batchCount, batchPlan } from './batch.js';
import { concatPlan, repeatPlan, zipPlan } from './combine.js';
import { shufflePlan, slicePlan } from './order.js';
import { mapPlan, mapWithKeyPlan } from './transform.js';
import type { TensorTree } from './tree.js';
import type { DatasetPlan, DatasetView } from './view.js';

/**
 * Options of {@link Dataset.batch}.
 *
 * @example
 * ```ts
 * const options: BatchOptions = { dropRemainder: true };
 * ```
 */
export interface BatchOptions {
  /** Leave out a final batch shorter than the batch size (default false). */
  readonly dropRemainder?: boolean;
}

function checkCount(op: string, name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`Dataset.${op}: ${name} must be a non-negative integer, got ${n}`);
  }
}

/**
 * A lazy, pure sequence of elements: a size and a plan that makes the view of an epoch
 * from the epoch's key. Nothing is read, copied or drawn until an epoch is iterated, and the
 * same key always gives the same elements in the same order.
 *
 * Pipelines are built from sources ({@link fromTensors}, {@link fromArray}) with the methods
 * below; each returns a new dataset and leaves its receiver unchanged. Randomness comes from
 * the key given to {@link Dataset.iterate}: `shuffle()` draws a new order each epoch and
 * `mapWithKey` a new key per element, both from that key. Batching gathers rows by index
 * from the source tensors, so an epoch never copies the whole set.
 *
 * @example
 * ```ts
 * import { foldIn, key } from '@tessera/random';
 *
 * const train = fromTensors(mnist({ split: 'train' }));
 * const batches = train.shuffle().batch(128, { dropRemainder: true });
 * for (let epoch = 0; epoch < 10; epoch++) {
 *   for (const { images, labels } of batches.iterate(foldIn(key(0), epoch))) {
 *     // images: float32 [128, 1, 28, 28], labels: int32 [128]
 *   }
 * }
 * ```
 */
export class Dataset<T> {
  /** The number of elements (of batches, after {@link Dataset.batch}). */
  readonly size: number;
  readonly #plan: DatasetPlan<T>;

  /**
   * A dataset from a size and a plan; the sources and methods build these for you.
   *
   * @param size - the number of elements, which every view of the plan must have
   * @param plan - makes the view of an epoch from its key
   */
  constructor(size: number, plan: DatasetPlan<T>) {
    checkCount('constructor', 'size', size);
    this.size = size;
    this.#plan = plan;
    Object.freeze(this);
  }

  /**
   * The view of one epoch: random access to its elements by position, for loops that want
   * to index rather than iterate. Makes the epoch's randomness (permutations) once.
   *
   * @param key - the epoch's key (needed if the pipeline draws random numbers)
   * @throws TypeError if the pipeline needs a key and none is given
   *
   * @example
   * ```ts
   * const epoch = fromArray(['a', 'b', 'c']).shuffle().epoch(key(0));
   * epoch.at(0); // one of 'a', 'b', 'c'
   * ```
   */
  epoch(key?: Key): DatasetView<T> {
    const view = this.#plan(key);
    if (view.size !== this.size) {
      throw new RangeError(
        `Dataset: the plan made a view of ${view.size} elements, expected ${this.size}`,
      );
    }
    return view;
  }

  /**
   * The elements of one epoch, in order.
   *
   * @param key - the epoch's key (needed if the pipeline draws random numbers)
   * @throws TypeError if the pipeline needs a key and none is given
   *
   * @example
   * ```ts
   * for (const batch of train.shuffle().batch(128).iterate(foldIn(key(0), epoch))) {
   *   // ...
   * }
   * ```
   */
  *iterate(key?: Key): IterableIterator<T> {
    const view = this.epoch(key);
    for (let i = 0; i < view.size; i++) yield view.at(i);
  }

  /**
   * Iterates without a key, for pipelines that draw no random numbers.
   *
   * @example
   * ```ts
   * for (const x of fromArray([1, 2, 3]).map((v) => v * 2)) console.log(x); // 2, 4, 6
   * ```
   */
  [Symbol.iterator](): IterableIterator<T> {
    return this.iterate();
  }

  /**
   * The elements of one epoch in an array.
   *
   * @example
   * ```ts
   * fromArray([1, 2, 3]).skip(1).toArray(); // [2, 3]
   * ```
   */
  toArray(key?: Key): T[] {
    return [...this.iterate(key)];
  }

  /**
   * Element `index` of the epoch with `key`. Makes the epoch's view each time, so prefer
   * {@link Dataset.epoch} for many lookups in a shuffled dataset.
   *
   * @throws RangeError if `index` is not an integer in [0, size)
   *
   * @example
   * ```ts
   * fromArray(['a', 'b']).at(1); // 'b'
   * ```
   */
  at(index: number, key?: Key): T {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`Dataset.at: index ${index} is outside [0, ${this.size})`);
    }
    return this.epoch(key).at(index);
  }

  /**
   * The elements in a random order: with `key`, the same order every epoch (for fixed
   * partitions); without, a new order each epoch drawn from the epoch's key (for training).
   * The order is a permutation from `@tessera/random`; nothing is copied.
   *
   * @example
   * ```ts
   * const fixed = data.shuffle(key(1));  // one order, whatever the epoch
   * const fresh = data.shuffle();        // a new order for each epoch key
   * ```
   */
  shuffle(key?: Key): Dataset<T> {
    return new Dataset(this.size, shufflePlan(this.#plan, this.size, key));
  }

  /**
   * Consecutive elements in batches of `size`: every tensor of the element's tree gains a
   * leading axis of length `size` (shorter for a final partial batch unless
   * `dropRemainder`). Elements that come from rows of tensors are gathered by index, one
   * block copy per row; others are built and stacked.
   *
   * @throws RangeError if `size` is not a positive integer
   *
   * @example
   * ```ts
   * const batches = fromTensors({ x: zeros([10, 3]) }).batch(4);
   * batches.size;                 // 3 (4, 4 and 2 rows)
   * batches.at(0).x.shape;        // [4, 3]
   * ```
   */
  batch<U extends TensorTree>(
    this: Dataset<U>,
    size: number,
    options: BatchOptions = {},
  ): Dataset<U> {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`Dataset.batch: size must be a positive integer, got ${size}`);
    }
    const drop = options.dropRemainder ?? false;
    return new Dataset(
      batchCount(this.size, size, drop),
      batchPlan(this.#plan, this.size, size, drop),
    );
  }

  /**
   * The batches of one epoch: `batch(size, options).iterate(key)`, the shape of the design's
   * `batches(key, batchSize)`.
   *
   * @example
   * ```ts
   * for (const batch of train.shuffle().batches(foldIn(key(0), epoch), 128)) {
   *   // ...
   * }
   * ```
   */
  batches<U extends TensorTree>(
    this: Dataset<U>,
    key: Key | undefined,
    size: number,
    options: BatchOptions = {},
  ): IterableIterator<U> {
    return this.batch(size, options).iterate(key);
  }

  /**
   * `fn` applied to each element as it is read. `fn` should be pure; use
   * {@link Dataset.mapWithKey} for random transformations.
   *
   * @example
   * ```ts
   * fromArray([1, 2, 3]).map((x) => x * x).toArray(); // [1, 4, 9]
   * ```
   */
  map<U>(fn: (x: T) => U): Dataset<U> {
    return new Dataset(this.size, mapPlan(this.#plan, fn));
  }

  /**
   * `fn` applied to each element with a key of its own (`foldIn` of a key split from the
   * epoch's key, by position): after {@link Dataset.batch}, one key per batch, which is how
   * distortions are applied on the fly. Needs an epoch key.
   *
   * @example
   * ```ts
   * const distorted = train.shuffle().batch(128).mapWithKey(distortImages({ affine: {} }));
   * ```
   */
  mapWithKey<U>(fn: (x: T, key: Key) => U): Dataset<U> {
    return new Dataset(this.size, mapWithKeyPlan(this.#plan, fn));
  }

  /**
   * The first `n` elements (all of them if there are fewer).
   *
   * @throws RangeError if `n` is not a non-negative integer
   *
   * @example
   * ```ts
   * fromArray([1, 2, 3]).take(2).toArray(); // [1, 2]
   * ```
   */
  take(n: number): Dataset<T> {
    checkCount('take', 'n', n);
    const length = Math.min(n, this.size);
    return new Dataset(length, slicePlan(this.#plan, 0, length));
  }

  /**
   * All but the first `n` elements (none if there are fewer).
   *
   * @throws RangeError if `n` is not a non-negative integer
   *
   * @example
   * ```ts
   * fromArray([1, 2, 3]).skip(2).toArray(); // [3]
   * ```
   */
  skip(n: number): Dataset<T> {
    checkCount('skip', 'n', n);
    const start = Math.min(n, this.size);
    return new Dataset(this.size - start, slicePlan(this.#plan, start, this.size - start));
  }

  /**
   * Consecutive pieces: one of each given size, then the rest. A size is a count (an
   * integer) or a fraction of the whole in (0, 1), rounded to the nearest count. Shuffle
   * with a fixed key first for a random partition that stays the same every epoch.
   *
   * @throws RangeError if a size is neither, or the sizes add up to more than the dataset
   *
   * @example
   * ```ts
   * const [train, validation] = fromTensors(mnist({ split: 'train' })).split(50_000);
   * const [a, b, rest] = data.shuffle(key(7)).split(0.8, 0.1); // 80%, 10%, 10%
   * ```
   */
  split(...sizes: number[]): Dataset<T>[] {
    const counts = sizes.map((s) => {
      if (Number.isInteger(s) && s >= 0) return s;
      if (s > 0 && s < 1) return Math.round(s * this.size);
      throw new RangeError(`Dataset.split: ${s} is neither a count nor a fraction in (0, 1)`);
    });
    const total = counts.reduce((a, b) => a + b, 0);
    if (total > this.size) {
      throw new RangeError(
        `Dataset.split: sizes [${counts.join(', ')}] add up to ${total} > ${this.size}`,
      );
    }
    const pieces: Dataset<T>[] = [];
    let start = 0;
    for (const n of [...counts, this.size - total]) {
      pieces.push(new Dataset(n, slicePlan(this.#plan, start, n)));
      start += n;
    }
    return pieces;
  }

  /**
   * This dataset's elements followed by `others'`. Each part runs under its own key split
   * from the epoch's; batches that span parts gather from each.
   *
   * @example
   * ```ts
   * fromArray([1, 2]).concat(fromArray([3])).toArray(); // [1, 2, 3]
   * ```
   */
  concat(...others: Dataset<T>[]): Dataset<T> {
    const parts: Dataset<T>[] = [this, ...others];
    const sizes = parts.map((d) => d.size);
    const plans = parts.map((d) => d.#plan);
    return new Dataset(
      sizes.reduce((a, b) => a + b, 0),
      concatPlan(plans, sizes),
    );
  }

  /**
   * The elements `count` times over. Repetition `r` runs under `foldIn(key, r)`, so a
   * shuffled dataset comes in a new order each time round.
   *
   * @throws RangeError if `count` is not a non-negative integer
   *
   * @example
   * ```ts
   * fromArray([1, 2]).repeat(2).toArray(); // [1, 2, 1, 2]
   * ```
   */
  repeat(count: number): Dataset<T> {
    checkCount('repeat', 'count', count);
    return new Dataset(this.size * count, repeatPlan(this.#plan, this.size, count));
  }

  /**
   * Pairs of corresponding elements, as long as the shorter dataset.
   *
   * @example
   * ```ts
   * fromArray([1, 2, 3]).zip(fromArray(['a', 'b'])).toArray(); // [[1, 'a'], [2, 'b']]
   * ```
   */
  zip<U>(other: Dataset<U>): Dataset<[T, U]> {
    const size = Math.min(this.size, other.size);
    return new Dataset(size, zipPlan(this.#plan, other.#plan, size));
  }
}

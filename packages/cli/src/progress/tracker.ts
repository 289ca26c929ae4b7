import type { ProgressSnapshot } from './format.js';

/**
 * Accumulates one epoch's steps into {@link ProgressSnapshot}s: images done, the running mean
 * loss (weighted by batch size) and the time since the epoch began.
 *
 * @example
 * ```ts
 * import { EpochTracker } from '@tessera/cli';
 *
 * const tracker = new EpochTracker({ epoch: 1, epochs: 20, total: 60_000 }, performance.now());
 * reporter.step(tracker.add(loss, 128, performance.now()));
 * ```
 */
export class EpochTracker {
  readonly #epoch: number;
  readonly #epochs: number;
  readonly #total: number;
  readonly #start: number;
  #done = 0;
  #lossSum = 0;

  /**
   * @param epoch - the epoch, from 1, its count, and its number of images.
   * @param startMs - when it began, in milliseconds on the clock later passed to {@link add}.
   */
  constructor(
    epoch: { readonly epoch: number; readonly epochs: number; readonly total: number },
    startMs: number,
  ) {
    this.#epoch = epoch.epoch;
    this.#epochs = epoch.epochs;
    this.#total = epoch.total;
    this.#start = startMs;
  }

  /** Records a batch of `images` with mean loss `loss`, finished at `nowMs`. */
  add(loss: number, images: number, nowMs: number): ProgressSnapshot {
    this.#done += images;
    this.#lossSum += loss * images;
    return this.snapshot(nowMs);
  }

  /** Where the epoch stands at `nowMs`. */
  snapshot(nowMs: number): ProgressSnapshot {
    return {
      epoch: this.#epoch,
      epochs: this.#epochs,
      done: this.#done,
      total: this.#total,
      seconds: (nowMs - this.#start) / 1000,
      loss: this.#done > 0 ? this.#lossSum / this.#done : Number.NaN,
    };
  }
}

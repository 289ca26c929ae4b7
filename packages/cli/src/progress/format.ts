/**
 * Where training stands within an epoch: what the progress bar shows.
 *
 * @example
 * ```ts
 * import type { ProgressSnapshot } from '@tessera/cli';
 *
 * const now: ProgressSnapshot = {
 *   epoch: 3, epochs: 20, done: 27_000, total: 60_000, seconds: 9.5, loss: 0.1234,
 * };
 * ```
 */
export interface ProgressSnapshot {
  /** The current epoch, from 1. */
  readonly epoch: number;
  /** Epochs in the run. */
  readonly epochs: number;
  /** Images processed so far in this epoch. */
  readonly done: number;
  /** Images in one epoch. */
  readonly total: number;
  /** Seconds since the epoch started. */
  readonly seconds: number;
  /** The mean training loss over the epoch so far. */
  readonly loss: number;
}

/**
 * What one epoch achieved: the plain line printed after it.
 *
 * @example
 * ```ts
 * import type { EpochSummary } from '@tessera/cli';
 *
 * const summary: EpochSummary = {
 *   epoch: 3, epochs: 20, trainLoss: 0.05, valLoss: 0.04, valError: 0.0098,
 *   seconds: 41.2, images: 60_000,
 * };
 * ```
 */
export interface EpochSummary {
  /** The epoch just finished, from 1. */
  readonly epoch: number;
  /** Epochs in the run. */
  readonly epochs: number;
  /** Mean training loss over the epoch. */
  readonly trainLoss: number;
  /** Training error rate in [0, 1], when measured. */
  readonly trainError?: number;
  /** Validation loss, when there is a validation set. */
  readonly valLoss?: number;
  /** Validation error rate in [0, 1]. */
  readonly valError?: number;
  /** Seconds the epoch took. */
  readonly seconds: number;
  /** Images trained on in the epoch. */
  readonly images: number;
}

/**
 * A duration as a clock: `0:07`, `12:05`, `1:02:03`; `--:--` when unknown (not finite or
 * negative), as an ETA is before the first batch.
 *
 * @example
 * ```ts
 * import { formatDuration } from '@tessera/cli';
 *
 * formatDuration(65); // '1:05'
 * formatDuration(3723); // '1:02:03'
 * formatDuration(Number.NaN); // '--:--'
 * ```
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * A loss with four significant digits (`0.1234`, `2.303`, `1.2e-5`), `NaN` and `Infinity`
 * as they are, so a diverging run is visible at a glance.
 *
 * @example
 * ```ts
 * import { formatLoss } from '@tessera/cli';
 *
 * formatLoss(0.123456); // '0.1235'
 * formatLoss(0.0000123); // '1.230e-5'
 * ```
 */
export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss);
  if (loss !== 0 && Math.abs(loss) < 1e-3) return loss.toExponential(3);
  return loss.toPrecision(4);
}

/**
 * An error rate in [0, 1] as a percentage with two decimals: `0.0098` is `0.98%`.
 *
 * @example
 * ```ts
 * import { formatPercent } from '@tessera/cli';
 *
 * formatPercent(0.0098); // '0.98%'
 * ```
 */
export function formatPercent(rate: number): string {
  return Number.isFinite(rate) ? `${(rate * 100).toFixed(2)}%` : String(rate);
}

/**
 * Throughput as images per second: whole numbers from 100 up, one decimal below.
 *
 * @example
 * ```ts
 * import { formatRate } from '@tessera/cli';
 *
 * formatRate(2841.7); // '2842 img/s'
 * formatRate(12.34); // '12.3 img/s'
 * ```
 */
export function formatRate(imagesPerSecond: number): string {
  if (!Number.isFinite(imagesPerSecond)) return '- img/s';
  return `${imagesPerSecond >= 100 ? Math.round(imagesPerSecond) : imagesPerSecond.toFixed(1)} img/s`;
}

/**
 * The progress bar line for a terminal, at most `width` characters:
 * `epoch 3/20 [######-------]  45% 27000/60000  2842 img/s  ETA 0:11  loss 0.1234`.
 * The ETA is for the rest of the epoch at the epoch's rate so far. When `width` is narrow
 * the bar shrinks, then goes, then the line is cut.
 *
 * @example
 * ```ts
 * import { formatProgressBar } from '@tessera/cli';
 *
 * const snapshot = { epoch: 1, epochs: 2, done: 30, total: 60, seconds: 3, loss: 0.5 };
 * formatProgressBar(snapshot, 80);
 * // 'epoch 1/2 [###########-----------]  50% 30/60  10.0 img/s  ETA 0:03  loss 0.5000'
 * formatProgressBar(snapshot, 60); // no room for the bar:
 * // 'epoch 1/2  50% 30/60  10.0 img/s  ETA 0:03  loss 0.5000'
 * ```
 */
export function formatProgressBar(snapshot: ProgressSnapshot, width = 80): string {
  const { epoch, epochs, done, total, seconds, loss } = snapshot;
  const fraction = total > 0 ? Math.min(Math.max(done / total, 0), 1) : 0;
  const rate = seconds > 0 ? done / seconds : Number.NaN;
  const eta = done > 0 ? ((total - done) / done) * seconds : Number.NaN;
  const head = `epoch ${epoch}/${epochs}`;
  const tail = [
    `${String(Math.floor(fraction * 100)).padStart(3)}% ${done}/${total}`,
    formatRate(rate),
    `ETA ${formatDuration(eta)}`,
    `loss ${formatLoss(loss)}`,
  ].join('  ');
  const room = width - head.length - tail.length - 4; // spaces and brackets
  if (room < 10) return `${head} ${tail}`.slice(0, Math.max(width, 0));
  const barWidth = Math.min(room, 30);
  const filled = Math.round(fraction * barWidth);
  return `${head} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${tail}`;
}

/**
 * The plain line printed after each epoch (also what a non-terminal gets instead of a bar):
 * `epoch 3/20  loss 0.05000  val loss 0.04000  val error 0.98%  41.2s  1456 img/s`.
 *
 * @example
 * ```ts
 * import { formatEpochLine } from '@tessera/cli';
 *
 * formatEpochLine({ epoch: 1, epochs: 2, trainLoss: 0.5, valError: 0.1, seconds: 10, images: 600 });
 * // 'epoch 1/2  loss 0.5000  val error 10.00%  10.0s  60.0 img/s'
 * ```
 */
export function formatEpochLine(summary: EpochSummary): string {
  const { epoch, epochs, trainLoss, trainError, valLoss, valError, seconds, images } = summary;
  const parts = [`epoch ${epoch}/${epochs}`, `loss ${formatLoss(trainLoss)}`];
  if (trainError !== undefined) parts.push(`error ${formatPercent(trainError)}`);
  if (valLoss !== undefined) parts.push(`val loss ${formatLoss(valLoss)}`);
  if (valError !== undefined) parts.push(`val error ${formatPercent(valError)}`);
  parts.push(`${seconds.toFixed(1)}s`, formatRate(seconds > 0 ? images / seconds : Number.NaN));
  return parts.join('  ');
}

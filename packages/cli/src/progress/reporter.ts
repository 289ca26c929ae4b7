import {
  type EpochSummary,
  formatEpochLine,
  formatProgressBar,
  type ProgressSnapshot,
} from './format.js';

/**
 * Where output goes: `process.stdout` or anything with its `write`, `isTTY` and `columns`.
 *
 * @example
 * ```ts
 * import type { OutputStream } from '@tessera/cli';
 *
 * const lines: string[] = [];
 * const captured: OutputStream = { write: (text) => lines.push(text), isTTY: false };
 * ```
 */
export interface OutputStream {
  /** Writes `text` as it is (no line break added). */
  write(text: string): unknown;
  /** Whether it is a terminal; progress bars are drawn only there. */
  readonly isTTY?: boolean;
  /** The terminal's width in characters. */
  readonly columns?: number;
}

/**
 * Shows training progress: a live bar on a terminal, one plain line per epoch elsewhere (a
 * log file or CI), so logs stay readable.
 *
 * @example
 * ```ts
 * import { createProgressReporter } from '@tessera/cli';
 *
 * const progress = createProgressReporter(process.stdout);
 * progress.step(snapshot); // redraws the bar at most 10 times a second
 * progress.epoch(summary); // replaces the bar by the epoch's line
 * progress.close();
 * ```
 */
export interface ProgressReporter {
  /** Shows progress within an epoch (terminal only; throttled). */
  step(snapshot: ProgressSnapshot): void;
  /** Prints the epoch's line, replacing the bar. */
  epoch(summary: EpochSummary): void;
  /** Prints a line of text without breaking the bar. */
  message(text: string): void;
  /** Clears the bar, if one is drawn. */
  close(): void;
}

/**
 * Options of {@link createProgressReporter}.
 *
 * @example
 * ```ts
 * import type { ProgressOptions } from '@tessera/cli';
 *
 * const options: ProgressOptions = { tty: true, intervalMs: 0, now: () => 0 };
 * ```
 */
export interface ProgressOptions {
  /** Draw a bar; by default when the stream is a terminal. */
  readonly tty?: boolean;
  /** The least time between redraws of the bar, in milliseconds (default 100). */
  readonly intervalMs?: number;
  /** The clock, in milliseconds (default `performance.now`). */
  readonly now?: () => number;
}

/** Carriage return, then "erase to the end of the line": redraws a line in place. */
const REDRAW = '\r\x1b[K';

/**
 * A {@link ProgressReporter} writing to `stream`: the formatting is done by
 * {@link formatProgressBar} and {@link formatEpochLine}; this only decides when to write.
 *
 * @example
 * ```ts
 * import { createProgressReporter } from '@tessera/cli';
 *
 * const progress = createProgressReporter(process.stdout);
 * ```
 */
export function createProgressReporter(
  stream: OutputStream,
  options: ProgressOptions = {},
): ProgressReporter {
  const tty = options.tty ?? stream.isTTY === true;
  const interval = options.intervalMs ?? 100;
  const now = options.now ?? (() => performance.now());
  let drawn = false;
  let last = Number.NEGATIVE_INFINITY;
  const clear = (): string => (drawn ? REDRAW : '');
  return {
    step(snapshot) {
      if (!tty) return;
      const t = now();
      // Always draw the last step of an epoch, so the bar ends full.
      if (t - last < interval && snapshot.done < snapshot.total) return;
      last = t;
      // One column less than the width: writing the last column wraps on some terminals. A
      // terminal of unknown size (columns 0, as under `script`) counts as 80 wide.
      stream.write(REDRAW + formatProgressBar(snapshot, (stream.columns || 80) - 1));
      drawn = true;
    },
    epoch(summary) {
      stream.write(`${clear()}${formatEpochLine(summary)}\n`);
      drawn = false;
      last = Number.NEGATIVE_INFINITY;
    },
    message(text) {
      stream.write(`${clear()}${text}\n`);
      drawn = false;
      last = Number.NEGATIVE_INFINITY;
    },
    close() {
      if (drawn) stream.write(REDRAW);
      drawn = false;
    },
  };
}

import { checkPieces, pieceIndex } from './piecewise-constant.js';
import type { Schedule } from './schedule.js';

/**
 * Runs `schedules[0]` until `boundaries[0]`, then `schedules[1]` until `boundaries[1]`, and so
 * on, as Optax's `join_schedules`. Each schedule after the first sees the count since its own
 * start: from step `boundaries[k - 1]` on the value is
 * `schedules[k](count - boundaries[k - 1])`.
 *
 * @throws RangeError unless there is one more schedule than boundaries and the boundaries are
 *   strictly increasing integers `>= 0`.
 *
 * @example
 * ```ts
 * import { constantSchedule, cosineDecay, joinSchedules, linearWarmup } from '@tessera/optim';
 *
 * // Warm up for 100 steps, hold for 900, then decay to 0 over 1000.
 * const lr = joinSchedules(
 *   [
 *     linearWarmup({ peakValue: 0.1, warmupSteps: 100 }),
 *     constantSchedule(0.1),
 *     cosineDecay({ initValue: 0.1, decaySteps: 1000 }),
 *   ],
 *   [100, 1000],
 * );
 * lr(1500); // 0.05
 * ```
 */
export function joinSchedules(
  schedules: readonly Schedule[],
  boundaries: readonly number[],
): Schedule {
  const pieces = [...schedules];
  const starts = [...boundaries];
  checkPieces('joinSchedules', pieces.length, starts);
  return (count) => {
    const k = pieceIndex(starts, count);
    return pieces[k]!(k === 0 ? count : count - starts[k - 1]!);
  };
}

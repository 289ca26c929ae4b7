import { checkFiniteNumber, checkPositive, checkStepCount } from '../checks.js';
import type { Schedule } from './schedule.js';

/** Options of {@link linearSchedule}. */
export type LinearScheduleOptions = {
  /** The value up to step `transitionBegin`. */
  readonly initValue: number;
  /** The value from step `transitionBegin + transitionSteps` on. */
  readonly endValue: number;
  /** How many steps the straight line from `initValue` to `endValue` takes. */
  readonly transitionSteps: number;
  /** The step at which the line starts. Default 0. */
  readonly transitionBegin?: number;
};

/**
 * A straight line from `initValue` to `endValue` over `transitionSteps` steps, constant before
 * and after, as Optax's `linear_schedule`:
 * `initValue + (endValue - initValue) * clamp((count - transitionBegin) / transitionSteps, 0, 1)`.
 *
 * @example
 * ```ts
 * import { linearSchedule } from '@tessera/optim';
 *
 * const lr = linearSchedule({ initValue: 0.1, endValue: 0.01, transitionSteps: 90 });
 * lr(0); // 0.1
 * lr(45); // 0.055
 * lr(1000); // 0.01
 * ```
 */
export function linearSchedule(options: LinearScheduleOptions): Schedule {
  const { initValue, endValue, transitionSteps, transitionBegin = 0 } = options;
  const op = 'linearSchedule';
  checkFiniteNumber(op, 'initValue', initValue);
  checkFiniteNumber(op, 'endValue', endValue);
  checkPositive(op, 'transitionSteps', transitionSteps);
  checkStepCount(op, 'transitionBegin', transitionBegin);
  return (count) => {
    const progress = Math.min(Math.max((count - transitionBegin) / transitionSteps, 0), 1);
    return initValue + (endValue - initValue) * progress;
  };
}

/** Options of {@link linearWarmup}. */
export type LinearWarmupOptions = {
  /** The value reached at step `warmupSteps` and kept afterwards. */
  readonly peakValue: number;
  /** How many steps the warm-up takes. */
  readonly warmupSteps: number;
  /** The value at step 0. Default 0. */
  readonly initValue?: number;
};

/**
 * Linear warm-up (Goyal et al. 2017): from `initValue` (default 0) up to `peakValue` over
 * `warmupSteps` steps, then constant. To decay afterwards, join it with another schedule with
 * {@link joinSchedules}, or use {@link warmupCosineDecay}.
 *
 * @example
 * ```ts
 * import { linearWarmup } from '@tessera/optim';
 *
 * const lr = linearWarmup({ peakValue: 0.1, warmupSteps: 100 });
 * lr(0); // 0
 * lr(50); // 0.05
 * lr(5000); // 0.1
 * ```
 */
export function linearWarmup(options: LinearWarmupOptions): Schedule {
  const { peakValue, warmupSteps, initValue = 0 } = options;
  return linearSchedule({ initValue, endValue: peakValue, transitionSteps: warmupSteps });
}

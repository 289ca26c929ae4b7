import { checkFiniteNumber } from '../checks.js';

/**
 * A learning-rate (or other hyperparameter) schedule: a pure function from the step count to a
 * value. The count is the number of updates made before this one, so the first update uses
 * `schedule(0)`; transformations keep the count in their state, so a schedule holds no state.
 *
 * @example
 * ```ts
 * import { adam, type Schedule } from '@tessera/optim';
 *
 * const halving: Schedule = (count) => 0.1 * 0.5 ** Math.floor(count / 1000);
 * const optimizer = adam(halving);
 * ```
 */
export type Schedule = (count: number) => number;

/**
 * A learning rate: a constant, or a {@link Schedule} of the step count. Every optimizer takes
 * one.
 *
 * @example
 * ```ts
 * import { cosineDecay, sgd, type LearningRate } from '@tessera/optim';
 *
 * const fixed: LearningRate = 0.1;
 * const decaying: LearningRate = cosineDecay({ initValue: 0.1, decaySteps: 10_000 });
 * sgd(fixed);
 * sgd(decaying);
 * ```
 */
export type LearningRate = number | Schedule;

/**
 * The schedule that is `value` at every step.
 *
 * @example
 * ```ts
 * import { constantSchedule } from '@tessera/optim';
 *
 * constantSchedule(0.01)(12345); // 0.01
 * ```
 */
export function constantSchedule(value: number): Schedule {
  checkFiniteNumber('constantSchedule', 'value', value);
  return () => value;
}

/** A number as a constant schedule; a schedule as it is. */
export function asSchedule(op: string, rate: LearningRate): Schedule {
  if (typeof rate === 'function') return rate;
  checkFiniteNumber(op, 'the rate', rate);
  return () => rate;
}

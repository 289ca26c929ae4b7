import { mul } from '@tessera/tensor';
import { map } from '@tessera/tree';
import { checkFiniteNumber, checkNonNegative, checkStepCount } from '../checks.js';
import { asSchedule, type LearningRate, type Schedule } from '../schedules/schedule.js';
import type { GradientTransformation } from '../types.js';

/**
 * The state of a transformation that only counts its updates, so that a schedule can be
 * evaluated at the current step.
 *
 * @example
 * ```ts
 * import { scaleByLearningRate, type CountState } from '@tessera/optim';
 *
 * const state: CountState = scaleByLearningRate(0.1).init(params); // { count: 0 }
 * ```
 */
export type CountState = {
  /** How many updates have been made: 0 after `init`. */
  readonly count: number;
};

/**
 * The last step of every optimizer: multiplies updates by minus the learning rate,
 * `u = -lr(count) * g`. It owns the sign, so every building block before it works with the
 * gradient's sign and {@link applyUpdates} adds. The learning rate may be a number or a
 * {@link Schedule}, evaluated at the number of updates made before this one.
 *
 * @param learningRate - a non-negative number, or a schedule whose values are non-negative.
 * @throws RangeError if the learning rate (or a schedule's value) is negative or not finite.
 *
 * @example
 * ```ts
 * import { chain, exponentialDecay, scaleByLearningRate, traceMomentum } from '@tessera/optim';
 *
 * const lr = exponentialDecay({ initValue: 0.1, decayRate: 0.5, transitionSteps: 1000 });
 * const momentumSgd = chain(traceMomentum({ decay: 0.9 }), scaleByLearningRate(lr));
 * ```
 */
export function scaleByLearningRate(
  learningRate: LearningRate,
): GradientTransformation<CountState> {
  const op = 'scaleByLearningRate';
  if (typeof learningRate === 'number' && !(learningRate >= 0 && Number.isFinite(learningRate))) {
    throw new RangeError(
      `${op}: the learning rate must be a finite number >= 0, got ${learningRate} ` +
        '(it owns the sign: updates are -lr * grads)',
    );
  }
  return scaleByScheduleAs(op, asSchedule(op, learningRate), -1);
}

/**
 * Multiplies updates by a schedule's value at the current step, `u = schedule(count) * g`,
 * without flipping the sign (Optax's `scale_by_schedule`). The state counts the updates.
 *
 * @example
 * ```ts
 * import { chain, linearWarmup, scale, scaleByAdam, scaleBySchedule } from '@tessera/optim';
 *
 * // Adam with a learning rate of 1e-3 warmed up over 100 steps.
 * const optimizer = chain(
 *   scaleByAdam(),
 *   scaleBySchedule(linearWarmup({ peakValue: 1, warmupSteps: 100 })),
 *   scale(-1e-3),
 * );
 * ```
 */
export function scaleBySchedule(schedule: Schedule): GradientTransformation<CountState> {
  return scaleByScheduleAs('scaleBySchedule', schedule, 1);
}

function scaleByScheduleAs(
  op: string,
  schedule: Schedule,
  sign: 1 | -1,
): GradientTransformation<CountState> {
  return {
    init: () => ({ count: 0 }),
    update(grads, state) {
      const { count } = state;
      checkStepCount(op, 'state.count', count);
      const value = schedule(count);
      if (sign < 0) checkNonNegative(op, `the learning rate at step ${count}`, value);
      else checkFiniteNumber(op, `the scale at step ${count}`, value);
      const factor = sign * value;
      return [map(grads, (g) => mul(g, factor)), { count: count + 1 }];
    },
  };
}

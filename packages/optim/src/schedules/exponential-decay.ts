import { checkFiniteNumber, checkNonNegative, checkPositive, checkStepCount } from '../checks.js';
import type { Schedule } from './schedule.js';

/** Options of {@link exponentialDecay}. */
export type ExponentialDecayOptions = {
  /** The value up to step `transitionBegin`. */
  readonly initValue: number;
  /** The factor applied every `transitionSteps` steps (below 1 to decay). */
  readonly decayRate: number;
  /** How many steps one factor of `decayRate` takes. */
  readonly transitionSteps: number;
  /** Decay in whole jumps every `transitionSteps` steps rather than smoothly. Default `false`. */
  readonly staircase?: boolean;
  /** The step at which decay starts; the value is `initValue` before it. Default 0. */
  readonly transitionBegin?: number;
  /** A bound the value never passes: a floor when decaying, a ceiling when growing. */
  readonly endValue?: number;
};

/**
 * Exponential decay, as Optax's `exponential_decay`:
 * `initValue * decayRate ^ (max(0, count - transitionBegin) / transitionSteps)`, with the
 * exponent floored when `staircase`, and bounded by `endValue` when given.
 *
 * @example
 * ```ts
 * import { exponentialDecay } from '@tessera/optim';
 *
 * const lr = exponentialDecay({ initValue: 0.1, decayRate: 0.5, transitionSteps: 100 });
 * lr(0); // 0.1
 * lr(100); // 0.05
 * lr(150); // 0.1 * 0.5 ** 1.5
 * ```
 */
export function exponentialDecay(options: ExponentialDecayOptions): Schedule {
  const { initValue, decayRate, transitionSteps } = options;
  const { staircase = false, transitionBegin = 0, endValue } = options;
  const op = 'exponentialDecay';
  checkFiniteNumber(op, 'initValue', initValue);
  checkNonNegative(op, 'decayRate', decayRate);
  checkPositive(op, 'transitionSteps', transitionSteps);
  checkStepCount(op, 'transitionBegin', transitionBegin);
  if (endValue !== undefined) checkFiniteNumber(op, 'endValue', endValue);
  const bound = (value: number): number => {
    if (endValue === undefined) return value;
    return decayRate < 1 ? Math.max(value, endValue) : Math.min(value, endValue);
  };
  return (count) => {
    const progress = Math.max(0, count - transitionBegin) / transitionSteps;
    return bound(initValue * decayRate ** (staircase ? Math.floor(progress) : progress));
  };
}

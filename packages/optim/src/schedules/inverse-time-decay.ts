import { checkFiniteNumber, checkNonNegative, checkPositive } from '../checks.js';
import type { Schedule } from './schedule.js';

/** Options of {@link inverseTimeDecay}. */
export type InverseTimeDecayOptions = {
  /** The value at step 0. */
  readonly initValue: number;
  /** How fast the value falls: it halves when `decayRate * count / decaySteps` reaches 1. */
  readonly decayRate: number;
  /** The unit of time in steps. */
  readonly decaySteps: number;
  /** Use `floor(count / decaySteps)`, so the value drops in jumps. Default `false`. */
  readonly staircase?: boolean;
};

/**
 * Inverse-time decay, as Keras's `InverseTimeDecay`:
 * `initValue / (1 + decayRate * count / decaySteps)`, with `count / decaySteps` floored when
 * `staircase`. This is the `1/t` rate of stochastic approximation (Robbins & Monro 1951), the
 * classical guarantee of convergence for SGD.
 *
 * @example
 * ```ts
 * import { inverseTimeDecay } from '@tessera/optim';
 *
 * const lr = inverseTimeDecay({ initValue: 0.1, decayRate: 1, decaySteps: 1000 });
 * lr(0); // 0.1
 * lr(1000); // 0.05
 * lr(3000); // 0.025
 * ```
 */
export function inverseTimeDecay(options: InverseTimeDecayOptions): Schedule {
  const { initValue, decayRate, decaySteps, staircase = false } = options;
  const op = 'inverseTimeDecay';
  checkFiniteNumber(op, 'initValue', initValue);
  checkNonNegative(op, 'decayRate', decayRate);
  checkPositive(op, 'decaySteps', decaySteps);
  return (count) => {
    const time = count / decaySteps;
    return initValue / (1 + decayRate * (staircase ? Math.floor(time) : time));
  };
}

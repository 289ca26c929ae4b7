import { checkFiniteNumber, checkPositive, checkRange } from '../checks.js';
import type { Schedule } from './schedule.js';

/** Options of {@link cosineDecay}. */
export type CosineDecayOptions = {
  /** The value at step 0. */
  readonly initValue: number;
  /** The step at which the value reaches `alpha * initValue`, where it stays. */
  readonly decaySteps: number;
  /** The final value as a fraction of `initValue`. Default 0. */
  readonly alpha?: number;
  /** The power the cosine factor is raised to. Default 1. */
  readonly exponent?: number;
};

/**
 * Cosine decay (Loshchilov & Hutter 2017, SGDR, without restarts), as Optax's `cosine_decay_schedule`:
 * `initValue * ((1 - alpha) * c ^ exponent + alpha)` with
 * `c = (1 + cos(pi * min(count, decaySteps) / decaySteps)) / 2`.
 *
 * @example
 * ```ts
 * import { cosineDecay } from '@tessera/optim';
 *
 * const lr = cosineDecay({ initValue: 0.1, decaySteps: 1000 });
 * lr(0); // 0.1
 * lr(500); // 0.05
 * lr(1000); // 0
 * ```
 */
export function cosineDecay(options: CosineDecayOptions): Schedule {
  const { initValue, decaySteps, alpha = 0, exponent = 1 } = options;
  const op = 'cosineDecay';
  checkFiniteNumber(op, 'initValue', initValue);
  checkPositive(op, 'decaySteps', decaySteps);
  checkRange(op, 'alpha', alpha, 0, 1);
  checkPositive(op, 'exponent', exponent);
  return (count) => {
    const progress = Math.min(Math.max(count, 0), decaySteps) / decaySteps;
    const cosine = (1 + Math.cos(Math.PI * progress)) / 2;
    return initValue * ((1 - alpha) * cosine ** exponent + alpha);
  };
}

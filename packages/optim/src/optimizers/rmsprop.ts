import type { LearningRate } from '../schedules/schedule.js';
import { chain } from '../transform/chain.js';
import { identity } from '../transform/identity.js';
import { type CountState, scaleByLearningRate } from '../transform/scale-by-learning-rate.js';
import {
  type ScaleByRmsOptions,
  type ScaleByRmsState,
  scaleByRms,
} from '../transform/scale-by-rms.js';
import { type TraceState, traceMomentum } from '../transform/trace-momentum.js';
import type { GradientTransformation } from '../types.js';

/** Options of {@link rmsprop}. */
export type RmspropOptions = ScaleByRmsOptions & {
  /** Momentum on the scaled gradients, as PyTorch's `RMSprop`; none if omitted. */
  readonly momentum?: number;
  /** Nesterov momentum; needs `momentum`. Default `false`. */
  readonly nesterov?: boolean;
};

/**
 * RMSprop (Tieleman & Hinton 2012, Coursera "Neural Networks for Machine Learning", lecture 6.5):
 * divides each gradient by a running root mean square of its recent values,
 * `nu <- rho * nu + (1 - rho) * g^2`, `w <- w - lr * g / (sqrt(nu) + eps)`; with `momentum`,
 * `v <- mu * v + g / (sqrt(nu) + eps)` and `w <- w - lr * v`, as PyTorch.
 *
 * `chain(scaleByRms(options), traceMomentum({ decay: momentum, nesterov }),
 * scaleByLearningRate(lr))`, with `identity()` in place of the momentum when there is none.
 *
 * @throws RangeError if `nesterov` is set without `momentum`.
 *
 * @example
 * ```ts
 * import { rmsprop } from '@tessera/optim';
 *
 * const optimizer = rmsprop(1e-3, { decay: 0.9, eps: 1e-8, momentum: 0.9 });
 * ```
 */
export function rmsprop(
  learningRate: LearningRate,
  options: RmspropOptions = {},
): GradientTransformation<readonly [ScaleByRmsState, TraceState | null, CountState]> {
  const { momentum, nesterov = false, ...rms } = options;
  if (nesterov && momentum === undefined) {
    throw new RangeError(
      'rmsprop: nesterov needs a momentum; pass { momentum: 0.9, nesterov: true }',
    );
  }
  return chain(
    scaleByRms(rms),
    momentum === undefined ? identity() : traceMomentum({ decay: momentum, nesterov }),
    scaleByLearningRate(learningRate),
  );
}

import type { LearningRate } from '../schedules/schedule.js';
import { chain } from '../transform/chain.js';
import {
  type ScaleByAdamOptions,
  type ScaleByAdamState,
  scaleByAdam,
} from '../transform/scale-by-adam.js';
import { type CountState, scaleByLearningRate } from '../transform/scale-by-learning-rate.js';
import type { GradientTransformation } from '../types.js';

/**
 * Adam (Kingma & Ba 2015, "Adam: a method for stochastic optimization", Algorithm 1): at step
 * `t`, `m <- b1 * m + (1 - b1) * g`, `v <- b2 * v + (1 - b2) * g^2`,
 * `w <- w - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t) + epsRoot) + eps)`.
 * Defaults `b1 = 0.9`, `b2 = 0.999`, `eps = 1e-8`, `epsRoot = 0`, as in the paper.
 *
 * `chain(scaleByAdam(options), scaleByLearningRate(lr))`.
 *
 * @example
 * ```ts
 * import { adam, warmupCosineDecay } from '@tessera/optim';
 *
 * const optimizer = adam(1e-3);
 * const scheduled = adam(warmupCosineDecay({ peakValue: 1e-3, warmupSteps: 500, decaySteps: 10_000 }));
 * ```
 */
export function adam(
  learningRate: LearningRate,
  options: ScaleByAdamOptions = {},
): GradientTransformation<readonly [ScaleByAdamState, CountState]> {
  return chain(scaleByAdam(options), scaleByLearningRate(learningRate));
}

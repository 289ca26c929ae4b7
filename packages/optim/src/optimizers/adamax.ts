import type { LearningRate } from '../schedules/schedule.js';
import { chain } from '../transform/chain.js';
import type { ScaleByAdamState } from '../transform/scale-by-adam.js';
import { type ScaleByAdamaxOptions, scaleByAdamax } from '../transform/scale-by-adamax.js';
import { type CountState, scaleByLearningRate } from '../transform/scale-by-learning-rate.js';
import type { GradientTransformation } from '../types.js';

/**
 * Adamax (Kingma & Ba 2015, Section 7.1, Algorithm 2): Adam with the infinity norm,
 * `m <- b1 * m + (1 - b1) * g`, `u_inf <- max(b2 * u_inf, |g| + eps)`,
 * `w <- w - lr * (m / (1 - b1^t)) / u_inf`. The paper suggests `lr = 0.002`.
 *
 * `chain(scaleByAdamax(options), scaleByLearningRate(lr))`.
 *
 * @example
 * ```ts
 * import { adamax } from '@tessera/optim';
 *
 * const optimizer = adamax(2e-3, { b1: 0.9, b2: 0.999 });
 * ```
 */
export function adamax(
  learningRate: LearningRate,
  options: ScaleByAdamaxOptions = {},
): GradientTransformation<readonly [ScaleByAdamState, CountState]> {
  return chain(scaleByAdamax(options), scaleByLearningRate(learningRate));
}

import type { LearningRate } from '../schedules/schedule.js';
import { chain } from '../transform/chain.js';
import { type CountState, scaleByLearningRate } from '../transform/scale-by-learning-rate.js';
import {
  type ScaleByRssOptions,
  type ScaleByRssState,
  scaleByRss,
} from '../transform/scale-by-rss.js';
import type { GradientTransformation } from '../types.js';

/**
 * Adagrad (Duchi, Hazan & Singer 2011, "Adaptive subgradient methods for online learning and
 * stochastic optimization"): each parameter's step shrinks with the root of the sum of its squared
 * gradients, `G <- G + g^2`, `w <- w - lr * g / (sqrt(G) + eps)`. `G` starts at
 * `initialAccumulatorValue` (default 0.1, as Optax and TensorFlow).
 *
 * `chain(scaleByRss(options), scaleByLearningRate(lr))`.
 *
 * @example
 * ```ts
 * import { adagrad } from '@tessera/optim';
 *
 * const optimizer = adagrad(0.1, { initialAccumulatorValue: 0.1, eps: 1e-7 });
 * ```
 */
export function adagrad(
  learningRate: LearningRate,
  options: ScaleByRssOptions = {},
): GradientTransformation<readonly [ScaleByRssState, CountState]> {
  return chain(scaleByRss(options), scaleByLearningRate(learningRate));
}

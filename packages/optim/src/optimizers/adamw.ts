import type { LearningRate } from '../schedules/schedule.js';
import { addDecayedWeights } from '../transform/add-decayed-weights.js';
import { chain } from '../transform/chain.js';
import type { Mask } from '../transform/masked.js';
import {
  type ScaleByAdamOptions,
  type ScaleByAdamState,
  scaleByAdam,
} from '../transform/scale-by-adam.js';
import { type CountState, scaleByLearningRate } from '../transform/scale-by-learning-rate.js';
import type { GradientTransformation } from '../types.js';

/** Options of {@link adamw}. */
export type AdamwOptions = ScaleByAdamOptions & {
  /** `lambda`, the decoupled weight decay. Default 1e-4, as Optax. */
  readonly weightDecay?: number;
  /** Which parameters to decay; all when omitted. */
  readonly mask?: Mask;
};

/**
 * AdamW (Loshchilov & Hutter 2019, "Decoupled weight decay regularization", Algorithm 2): Adam
 * with the weight decay applied to the weights directly rather than added to the gradient, so
 * it is not divided by Adam's adaptive denominator:
 * `w <- w - lr * (mHat / (sqrt(vHat + epsRoot) + eps) + lambda * w)`.
 * As in Optax and PyTorch, the decay is multiplied by the learning rate (the paper's schedule
 * multiplier `eta_t` is the learning rate's schedule here). Needs the parameters in `update`.
 *
 * `chain(scaleByAdam(options), addDecayedWeights(weightDecay, { mask }), scaleByLearningRate(lr))`.
 *
 * @example
 * ```ts
 * import { adamw } from '@tessera/optim';
 * import { map } from '@tessera/tree';
 *
 * const optimizer = adamw(1e-3, { weightDecay: 0.01, mask: (p) => map(p, (w) => w.rank > 1) });
 * const [updates, state] = optimizer.update(grads, optimizer.init(params), params);
 * ```
 */
export function adamw(
  learningRate: LearningRate,
  options: AdamwOptions = {},
): GradientTransformation<readonly [ScaleByAdamState, null, CountState]> {
  const { weightDecay = 1e-4, mask, ...adamOptions } = options;
  return chain(
    scaleByAdam(adamOptions),
    addDecayedWeights(weightDecay, mask === undefined ? {} : { mask }),
    scaleByLearningRate(learningRate),
  );
}

import type { LearningRate } from '../schedules/schedule.js';
import { chain } from '../transform/chain.js';
import { type CountState, scaleByLearningRate } from '../transform/scale-by-learning-rate.js';
import {
  type ScaleBySdlmOptions,
  type ScaleBySdlmState,
  scaleBySdlm,
} from '../transform/scale-by-sdlm.js';
import type { GradientTransformation } from '../types.js';

/**
 * LeCun's stochastic diagonal Levenberg-Marquardt method (LeCun, Bottou, Bengio & Haffner 1998,
 * "Gradient-based learning applied to document recognition", Appendix C), which trained LeNet-5:
 * every parameter `k` has its own step size `eta / (mu + h_kk)`,
 * `w_k <- w_k - eta / (mu + h_kk) * g_k`, where `h_kk` estimates the diagonal of the
 * Gauss-Newton approximation of the Hessian and `mu` (default 0.02, the paper's) keeps steps
 * bounded where the curvature is small. Parameters in flat directions move fast, those in
 * steep ones slowly: a diagonal Newton step, damped as in Levenberg-Marquardt.
 *
 * The training loop supplies the curvature, since computing it needs the model: pass
 * `{ curvature }` as `update`'s fourth argument, a tree of the parameters' structure whose
 * leaves are non-negative tensors of the parameters' shapes and dtypes, holding
 * `h_kk ~ sum_i J_ik^2 * d2L/dz_i^2` for the same loss (same averaging over the batch) whose
 * gradient is `grads`. It becomes `h <- (1 - w) * h + w * curvature`, `w = max(gamma, 1 / n)`
 * for the `n`-th estimate, `gamma` being `curvatureWeight` (default 1: replace): a running mean
 * of the first estimates, then an exponential moving average, never biased towards the zeros
 * of `init`. The paper re-estimates `h` on 500 samples before each
 * pass and keeps it for the pass: pass the estimate with the first update of each pass and
 * nothing afterwards. With the paper's global learning rates use {@link lecun1998Schedule}.
 *
 * `chain(scaleBySdlm(options), scaleByLearningRate(eta))`.
 *
 * @example
 * ```ts
 * import { applyUpdates, lecun1998Schedule, sdlm } from '@tessera/optim';
 *
 * const optimizer = sdlm(lecun1998Schedule(60_000), { damping: 0.02 });
 * let state = optimizer.init(params);
 * for (let pass = 0; pass < 20; pass++) {
 *   const curvature = diagGaussNewton(lossParts, params, first500Samples); // from the model's side
 *   for (const [i, sample] of samples.entries()) {
 *     const grads = grad(loss)(params, sample);
 *     const [updates, next] = optimizer.update(grads, state, params, i === 0 ? { curvature } : {});
 *     params = applyUpdates(params, updates);
 *     state = next;
 *   }
 * }
 * ```
 */
export function sdlm(
  learningRate: LearningRate,
  options: ScaleBySdlmOptions = {},
): GradientTransformation<readonly [ScaleBySdlmState, CountState]> {
  return chain(scaleBySdlm(options), scaleByLearningRate(learningRate));
}

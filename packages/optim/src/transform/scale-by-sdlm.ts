import { add, div, mul, zerosLike } from '@tessera/tensor';
import { keyPath, leafPaths, leaves, map } from '@tessera/tree';
import { checkNonNegative, checkRange } from '../checks.js';
import type { GradientTransformation, TensorTree } from '../types.js';
import { zipTensors } from '../zip.js';
import { firstNonFinite, formatIndex } from './check-finite.js';

/** Options of {@link scaleBySdlm}. */
export type ScaleBySdlmOptions = {
  /**
   * `mu`, added to the curvature so that a parameter whose second derivative is tiny does not
   * take a huge step. Default 0.02, the value of LeCun et al. 1998 for LeNet-5.
   */
  readonly damping?: number;
  /**
   * `gamma`, the weight of a new curvature estimate in the running average
   * `h <- (1 - w) * h + w * estimate`, `w = max(gamma, 1 / n)` for the `n`-th estimate: the
   * first estimate replaces the zeros of `init`, the next ones are averaged equally until `1 / n`
   * falls below `gamma`, then the average moves exponentially, so `h` is never biased towards
   * zero (which would make the first steps too large). Default 1: each estimate replaces the
   * last, the paper's protocol when the estimate is already an average over 500 samples; pass a
   * smaller value (say 0.1) to average per-batch estimates given at every step (Appendix C).
   */
  readonly curvatureWeight?: number;
};

/**
 * The state of {@link scaleBySdlm}.
 *
 * @example
 * ```ts
 * import { scaleBySdlm, type ScaleBySdlmState } from '@tessera/optim';
 *
 * const state: ScaleBySdlmState = scaleBySdlm().init(params); // { curvature: zeros, estimates: 0 }
 * ```
 */
export type ScaleBySdlmState = {
  /** `h`, the running estimate of the Hessian's diagonal, per parameter; zeros after `init`. */
  readonly curvature: TensorTree;
  /** How many estimates `h` averages: 0 after `init`. */
  readonly estimates: number;
};

/**
 * The scaling of LeCun's stochastic diagonal Levenberg-Marquardt method (LeCun, Bottou, Bengio
 * & Haffner 1998, "Gradient-based learning applied to document recognition", Appendix C):
 * each parameter `k` gets its own step size `eta / (mu + h_kk)`, where `h_kk` is a running
 * estimate of the diagonal of the Gauss-Newton approximation of the Hessian. This block computes
 * `u = g / (mu + h)`; the final `scaleByLearningRate(eta)` of {@link sdlm} supplies `-eta`.
 *
 * The estimate comes from outside, since computing it needs the model: pass it to `update` as
 * `extra.curvature` (a tree of the parameters' structure, each leaf a tensor of its
 * parameter's shape and dtype with non-negative values), and the state blends it in with
 * `h <- (1 - w) * h + w * estimate`, `w = max(gamma, 1 / n)` for the `n`-th estimate, before the
 * step. Updates without it keep `h` as it is.
 * Until a first estimate arrives, `h` is 0 and the step is `eta / mu`.
 *
 * @throws RangeError if a curvature estimate holds a negative, NaN or infinite value (the
 *   message names the leaf and the element).
 *
 * @example
 * ```ts
 * import { chain, scaleByLearningRate, scaleBySdlm } from '@tessera/optim';
 *
 * const optimizer = chain(scaleBySdlm({ damping: 0.02 }), scaleByLearningRate(0.0005));
 * let state = optimizer.init(params);
 * [updates, state] = optimizer.update(grads, state, params, { curvature });
 * ```
 */
export function scaleBySdlm(
  options: ScaleBySdlmOptions = {},
): GradientTransformation<ScaleBySdlmState> {
  const { damping = 0.02, curvatureWeight = 1 } = options;
  const op = 'scaleBySdlm';
  checkNonNegative(op, 'damping', damping);
  checkRange(op, 'curvatureWeight', curvatureWeight, 0, 1);
  return {
    init: (params) => ({ curvature: map(params, zerosLike), estimates: 0 }),
    update(grads, state, _params, extra) {
      const estimate = extra?.curvature;
      const estimates = state.estimates + (estimate === undefined ? 0 : 1);
      // A running mean of the first 1 / gamma estimates, then an exponential moving average.
      const weight = Math.max(curvatureWeight, 1 / estimates);
      const curvature =
        estimate === undefined
          ? state.curvature
          : zipTensors(
              op,
              [
                ['state.curvature', state.curvature],
                ['extra.curvature', checkCurvature(op, estimate)],
              ],
              (h, e) => add(mul(h, 1 - weight), mul(e, weight)),
            );
      const updates = zipTensors(
        op,
        [
          ['state.curvature', curvature],
          ['grads', grads],
        ],
        (h, g) => div(g, add(h, damping)),
      );
      return [updates, { curvature, estimates }];
    },
  };
}

/** Returns `estimate` if every value is finite and non-negative, as a Gauss-Newton diagonal is. */
function checkCurvature(op: string, estimate: TensorTree): TensorTree {
  const paths = leafPaths(estimate);
  leaves(estimate).forEach((h, i) => {
    const values = h.data();
    const bad = firstNonFinite(values) ?? values.findIndex((x) => x < 0);
    if (bad === undefined || bad < 0) return;
    throw new RangeError(
      `${op}: ${keyPath(paths[i]!, 'extra.curvature')}${formatIndex(bad, h.shape)} is ` +
        `${values[bad]}; a diagonal Gauss-Newton estimate is finite and never negative`,
    );
  });
  return estimate;
}

import { add, div, mul, sqrt, square, type Tensor, zerosLike } from '@tessera/tensor';
import { map } from '@tessera/tree';
import { checkNonNegative, checkRange, checkStepCount } from '../checks.js';
import type { GradientTransformation, TensorTree } from '../types.js';
import { zipTensors } from '../zip.js';

/** Options of {@link scaleByAdam}. */
export type ScaleByAdamOptions = {
  /** `beta1`, the decay of the first-moment estimate. Default 0.9. */
  readonly b1?: number;
  /** `beta2`, the decay of the second-moment estimate. Default 0.999. */
  readonly b2?: number;
  /** Added to the root of the second moment. Default 1e-8. */
  readonly eps?: number;
  /** Added to the second moment inside the root. Default 0. */
  readonly epsRoot?: number;
};

/**
 * The state of {@link scaleByAdam} and {@link scaleByAdamax}.
 *
 * @example
 * ```ts
 * import { scaleByAdam, type ScaleByAdamState } from '@tessera/optim';
 *
 * const state: ScaleByAdamState = scaleByAdam().init(params); // { count: 0, mu: 0s, nu: 0s }
 * ```
 */
export type ScaleByAdamState = {
  /** How many updates have been made, for the bias correction. */
  readonly count: number;
  /** `m`, the running mean of the gradients, per parameter. */
  readonly mu: TensorTree;
  /** `v`, the running mean of the squared gradients (Adamax: the decayed maximum of `|g|`). */
  readonly nu: TensorTree;
};

/**
 * Adam's scaling (Kingma & Ba 2015, "Adam: a method for stochastic optimization", Algorithm 1):
 * at step `t = count + 1`,
 * `m <- b1 * m + (1 - b1) * g`, `v <- b2 * v + (1 - b2) * g^2`,
 * `mHat = m / (1 - b1^t)`, `vHat = v / (1 - b2^t)`, `u = mHat / (sqrt(vHat + epsRoot) + eps)`.
 *
 * @example
 * ```ts
 * import { chain, scaleByAdam, scaleByLearningRate } from '@tessera/optim';
 *
 * const adam = chain(scaleByAdam({ b1: 0.9, b2: 0.999 }), scaleByLearningRate(1e-3));
 * ```
 */
export function scaleByAdam(
  options: ScaleByAdamOptions = {},
): GradientTransformation<ScaleByAdamState> {
  const { b1 = 0.9, b2 = 0.999, eps = 1e-8, epsRoot = 0 } = options;
  const op = 'scaleByAdam';
  checkRange(op, 'b1', b1, 0, 1, true);
  checkRange(op, 'b2', b2, 0, 1, true);
  checkNonNegative(op, 'eps', eps);
  checkNonNegative(op, 'epsRoot', epsRoot);
  return {
    init: (params) => ({ count: 0, mu: map(params, zerosLike), nu: map(params, zerosLike) }),
    update(grads, state) {
      checkStepCount(op, 'state.count', state.count);
      const mu = movingAverage(op, ['state.mu', state.mu], grads, b1, (g) => g);
      const nu = movingAverage(op, ['state.nu', state.nu], grads, b2, square);
      const t = state.count + 1;
      const muCorrection = 1 / (1 - b1 ** t);
      const nuCorrection = 1 / (1 - b2 ** t);
      const updates = zipTensors(
        op,
        [
          ['mu', mu],
          ['nu', nu],
        ],
        (m, v) => div(mul(m, muCorrection), add(sqrt(add(mul(v, nuCorrection), epsRoot)), eps)),
      );
      return [updates, { count: t, mu, nu }];
    },
  };
}

/**
 * `decay * average + (1 - decay) * f(g)` leaf by leaf: an exponential moving average of `f(g)`,
 * checking that `grads` has the structure of the average.
 */
export function movingAverage(
  op: string,
  average: readonly [name: string, tree: TensorTree],
  grads: TensorTree,
  decay: number,
  f: (g: Tensor) => Tensor,
): TensorTree {
  return zipTensors(op, [average, ['grads', grads]], (a, g) =>
    add(mul(a, decay), mul(f(g), 1 - decay)),
  );
}

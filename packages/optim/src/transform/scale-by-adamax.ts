import { abs, add, div, maximum, mul, zerosLike } from '@tessera/tensor';
import { map } from '@tessera/tree';
import { checkNonNegative, checkRange, checkStepCount } from '../checks.js';
import type { GradientTransformation } from '../types.js';
import { zipTensors } from '../zip.js';
import { movingAverage, type ScaleByAdamState } from './scale-by-adam.js';

/** Options of {@link scaleByAdamax}. */
export type ScaleByAdamaxOptions = {
  /** `beta1`, the decay of the first-moment estimate. Default 0.9. */
  readonly b1?: number;
  /** `beta2`, the decay of the infinity norm. Default 0.999. */
  readonly b2?: number;
  /** Added to `|g|` in the maximum, so the division stays finite. Default 1e-8. */
  readonly eps?: number;
};

/**
 * Adamax's scaling (Kingma & Ba 2015, Section 7.1, Algorithm 2): Adam with the infinity norm in
 * place of the root mean square. At step `t = count + 1`,
 * `m <- b1 * m + (1 - b1) * g`, `u_inf <- max(b2 * u_inf, |g| + eps)`,
 * `u = m / (1 - b1^t) / u_inf`. The `eps` inside the maximum follows Optax.
 *
 * @example
 * ```ts
 * import { chain, scaleByAdamax, scaleByLearningRate } from '@tessera/optim';
 *
 * const adamax = chain(scaleByAdamax(), scaleByLearningRate(2e-3));
 * ```
 */
export function scaleByAdamax(
  options: ScaleByAdamaxOptions = {},
): GradientTransformation<ScaleByAdamState> {
  const { b1 = 0.9, b2 = 0.999, eps = 1e-8 } = options;
  const op = 'scaleByAdamax';
  checkRange(op, 'b1', b1, 0, 1, true);
  checkRange(op, 'b2', b2, 0, 1);
  checkNonNegative(op, 'eps', eps);
  return {
    init: (params) => ({ count: 0, mu: map(params, zerosLike), nu: map(params, zerosLike) }),
    update(grads, state) {
      checkStepCount(op, 'state.count', state.count);
      const mu = movingAverage(op, ['state.mu', state.mu], grads, b1, (g) => g);
      const nu = zipTensors(
        op,
        [
          ['state.nu', state.nu],
          ['grads', grads],
        ],
        (u, g) => maximum(mul(u, b2), add(abs(g), eps)),
      );
      const t = state.count + 1;
      const muCorrection = 1 / (1 - b1 ** t);
      const updates = zipTensors(
        op,
        [
          ['mu', mu],
          ['nu', nu],
        ],
        (m, u) => div(mul(m, muCorrection), u),
      );
      return [updates, { count: t, mu, nu }];
    },
  };
}

import { add, div, full, mul, sqrt, square } from '@tessera/tensor';
import { map } from '@tessera/tree';
import { checkNonNegative, checkRange } from '../checks.js';
import type { GradientTransformation, TensorTree } from '../types.js';
import { zipTensors } from '../zip.js';

/** Options of {@link scaleByRms}. */
export type ScaleByRmsOptions = {
  /** `rho`, the weight of the past in the running mean of squares. Default 0.9. */
  readonly decay?: number;
  /** Added to the root to keep the division finite. Default 1e-8. */
  readonly eps?: number;
  /** The value the mean of squares starts at. Default 0. */
  readonly initialScale?: number;
};

/**
 * The state of {@link scaleByRms}.
 *
 * @example
 * ```ts
 * import { scaleByRms, type ScaleByRmsState } from '@tessera/optim';
 *
 * const state: ScaleByRmsState = scaleByRms().init(params); // { nu: zeros }
 * ```
 */
export type ScaleByRmsState = {
  /** `nu`, the running mean of the squared gradients, per parameter. */
  readonly nu: TensorTree;
};

/**
 * RMSprop's scaling (Tieleman & Hinton 2012, Coursera "Neural Networks for Machine Learning",
 * lecture 6.5): divides each gradient by the root of a running mean of its squares,
 * `nu <- rho * nu + (1 - rho) * g^2`, `u = g / (sqrt(nu) + eps)`.
 *
 * @example
 * ```ts
 * import { chain, scaleByLearningRate, scaleByRms } from '@tessera/optim';
 *
 * const rmsprop = chain(scaleByRms({ decay: 0.9 }), scaleByLearningRate(1e-3));
 * ```
 */
export function scaleByRms(
  options: ScaleByRmsOptions = {},
): GradientTransformation<ScaleByRmsState> {
  const { decay = 0.9, eps = 1e-8, initialScale = 0 } = options;
  const op = 'scaleByRms';
  checkRange(op, 'decay', decay, 0, 1);
  checkNonNegative(op, 'eps', eps);
  checkNonNegative(op, 'initialScale', initialScale);
  return {
    init: (params) => ({
      nu: map(params, (p) => full(p.shape, initialScale, { dtype: p.dtype })),
    }),
    update(grads, state) {
      const nu = zipTensors(
        op,
        [
          ['state.nu', state.nu],
          ['grads', grads],
        ],
        (v, g) => add(mul(v, decay), mul(square(g), 1 - decay)),
      );
      const updates = zipTensors(
        op,
        [
          ['grads', grads],
          ['nu', nu],
        ],
        (g, v) => div(g, add(sqrt(v), eps)),
      );
      return [updates, { nu }];
    },
  };
}

import { add, div, full, sqrt, square } from '@tessera/tensor';
import { map } from '@tessera/tree';
import { checkNonNegative } from '../checks.js';
import type { GradientTransformation, TensorTree } from '../types.js';
import { zipTensors } from '../zip.js';

/** Options of {@link scaleByRss}. */
export type ScaleByRssOptions = {
  /** The value the sum of squares starts at, which bounds the first steps. Default 0.1. */
  readonly initialAccumulatorValue?: number;
  /** `delta`, added to the root to keep the division finite. Default 1e-7. */
  readonly eps?: number;
};

/**
 * The state of {@link scaleByRss}.
 *
 * @example
 * ```ts
 * import { scaleByRss, type ScaleByRssState } from '@tessera/optim';
 *
 * const state: ScaleByRssState = scaleByRss().init(params); // sums of squares at 0.1
 * ```
 */
export type ScaleByRssState = {
  /** `G`, the sum of the squared gradients so far (plus the initial value), per parameter. */
  readonly sumOfSquares: TensorTree;
};

/**
 * Adagrad's scaling (Duchi, Hazan & Singer 2011, "Adaptive subgradient methods for online
 * learning and stochastic optimization", diagonal version): divides each gradient by the root of
 * the sum of its squares so far, `G <- G + g^2`, `u = g / (sqrt(G) + eps)`.
 *
 * @example
 * ```ts
 * import { chain, scaleByLearningRate, scaleByRss } from '@tessera/optim';
 *
 * const adagrad = chain(scaleByRss({ initialAccumulatorValue: 0 }), scaleByLearningRate(0.1));
 * ```
 */
export function scaleByRss(
  options: ScaleByRssOptions = {},
): GradientTransformation<ScaleByRssState> {
  const { initialAccumulatorValue = 0.1, eps = 1e-7 } = options;
  const op = 'scaleByRss';
  checkNonNegative(op, 'initialAccumulatorValue', initialAccumulatorValue);
  checkNonNegative(op, 'eps', eps);
  return {
    init: (params) => ({
      sumOfSquares: map(params, (p) => full(p.shape, initialAccumulatorValue, { dtype: p.dtype })),
    }),
    update(grads, state) {
      const sumOfSquares = zipTensors(
        op,
        [
          ['state.sumOfSquares', state.sumOfSquares],
          ['grads', grads],
        ],
        (s, g) => add(s, square(g)),
      );
      const updates = zipTensors(
        op,
        [
          ['grads', grads],
          ['sumOfSquares', sumOfSquares],
        ],
        (g, s) => div(g, add(sqrt(s), eps)),
      );
      return [updates, { sumOfSquares }];
    },
  };
}

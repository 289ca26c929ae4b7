import type { LearningRate } from '../schedules/schedule.js';
import { chain } from '../transform/chain.js';
import { identity } from '../transform/identity.js';
import { type CountState, scaleByLearningRate } from '../transform/scale-by-learning-rate.js';
import { type TraceState, traceMomentum } from '../transform/trace-momentum.js';
import type { GradientTransformation } from '../types.js';

/** Options of {@link sgd}. */
export type SgdOptions = {
  /** `mu`, the momentum coefficient in `[0, 1]`; no momentum (and no velocity state) if omitted. */
  readonly momentum?: number;
  /** Nesterov momentum (Sutskever et al. 2013); needs `momentum`. Default `false`. */
  readonly nesterov?: boolean;
};

/**
 * Stochastic gradient descent (Robbins & Monro 1951), with optional heavy-ball momentum
 * (Polyak 1964) or Nesterov momentum (Nesterov 1983, in the form of Sutskever, Martens, Dahl &
 * Hinton 2013):
 * - plain: `w <- w - lr * g`;
 * - momentum: `v <- mu * v + g`, `w <- w - lr * v`;
 * - Nesterov: `v <- mu * v + g`, `w <- w - lr * (g + mu * v)`.
 *
 * `chain(traceMomentum({ decay: mu, nesterov }), scaleByLearningRate(lr))`, with `identity()` in
 * place of the momentum when there is none.
 *
 * @throws RangeError if `nesterov` is set without `momentum`.
 *
 * @example
 * ```ts
 * import { applyUpdates, sgd } from '@tessera/optim';
 *
 * const optimizer = sgd(0.01, { momentum: 0.9, nesterov: true });
 * let state = optimizer.init(params);
 * const [updates, nextState] = optimizer.update(grads, state);
 * params = applyUpdates(params, updates);
 * state = nextState;
 * ```
 */
export function sgd(
  learningRate: LearningRate,
  options: SgdOptions = {},
): GradientTransformation<readonly [TraceState | null, CountState]> {
  const { momentum, nesterov = false } = options;
  if (nesterov && momentum === undefined) {
    throw new RangeError('sgd: nesterov needs a momentum; pass { momentum: 0.9, nesterov: true }');
  }
  return chain(
    momentum === undefined ? identity() : traceMomentum({ decay: momentum, nesterov }),
    scaleByLearningRate(learningRate),
  );
}

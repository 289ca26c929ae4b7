import { add, mul } from '@tessera/tensor';
import { checkNonNegative } from '../checks.js';
import type { GradientTransformation } from '../types.js';
import { zipTensors } from '../zip.js';
import { type Mask, masked } from './masked.js';

/** Options of {@link addDecayedWeights}. */
export type AddDecayedWeightsOptions = {
  /** Which parameters to decay; all when omitted. Biases and norms are often left out. */
  readonly mask?: Mask;
};

/**
 * Decoupled weight decay (Loshchilov & Hutter 2019, "Decoupled weight decay regularization"):
 * adds `lambda * w` to the updates, `u = g + lambda * w`. Placed after an adaptive scaling such as
 * `scaleByAdam` and before `scaleByLearningRate(lr)`, the decay is not rescaled by the
 * adaptive denominator and the step becomes `w <- w - lr * (adamUpdate + lambda * w)`, AdamW.
 * Placed before it, it is L2 regularisation. Needs the parameters: pass them to `update`.
 *
 * @param weightDecay - `lambda`, finite and `>= 0`.
 * @throws TypeError from `update` if no parameters are given.
 *
 * @example
 * ```ts
 * import { addDecayedWeights, chain, scaleByAdam, scaleByLearningRate } from '@tessera/optim';
 *
 * const adamw = chain(scaleByAdam(), addDecayedWeights(1e-4), scaleByLearningRate(1e-3));
 * const [updates, state] = adamw.update(grads, adamw.init(params), params);
 * ```
 */
export function addDecayedWeights(
  weightDecay: number,
  options: AddDecayedWeightsOptions = {},
): GradientTransformation<null> {
  const op = 'addDecayedWeights';
  checkNonNegative(op, 'weightDecay', weightDecay);
  const decay: GradientTransformation<null> = {
    init: () => null,
    update(grads, _state, params) {
      if (params === undefined) {
        throw new TypeError(`${op}: needs the parameters; pass them as update's third argument`);
      }
      const updates = zipTensors(
        op,
        [
          ['params', params],
          ['grads', grads],
        ],
        (w, g) => add(g, mul(w, weightDecay)),
      );
      return [updates, null];
    },
  };
  return options.mask === undefined ? decay : masked(decay, options.mask);
}

import { add, mul, zerosLike } from '@tessera/tensor';
import { map } from '@tessera/tree';
import { checkRange } from '../checks.js';
import type { GradientTransformation, TensorTree } from '../types.js';
import { zipTensors } from '../zip.js';

/** Options of {@link traceMomentum}. */
export type TraceMomentumOptions = {
  /** The momentum coefficient `mu` in `[0, 1]`, typically 0.9. */
  readonly decay: number;
  /** Use Nesterov's accelerated gradient (Sutskever et al. 2013's form). Default `false`. */
  readonly nesterov?: boolean;
};

/**
 * The state of {@link traceMomentum}.
 *
 * @example
 * ```ts
 * import { traceMomentum, type TraceState } from '@tessera/optim';
 *
 * const state: TraceState = traceMomentum({ decay: 0.9 }).init(params); // { trace: zeros }
 * ```
 */
export type TraceState = {
  /** The velocity `v`, one tensor per parameter; zeros after `init`. */
  readonly trace: TensorTree;
};

/**
 * Momentum, as Optax's `trace` and PyTorch's SGD: keeps the velocity `v <- g + mu * v` and
 * returns `u = v`, or with `nesterov` `u = g + mu * v` (the velocity after this step applied
 * again: Nesterov 1983's look-ahead in the form of Sutskever et al. 2013, "On the importance
 * of initialization and momentum in deep learning"). Followed by `scaleByLearningRate(lr)`
 * this is heavy-ball SGD, `w <- w - lr * v` (Polyak 1964).
 *
 * @example
 * ```ts
 * import { chain, scaleByLearningRate, traceMomentum } from '@tessera/optim';
 *
 * const nesterovSgd = chain(traceMomentum({ decay: 0.9, nesterov: true }), scaleByLearningRate(0.1));
 * ```
 */
export function traceMomentum(options: TraceMomentumOptions): GradientTransformation<TraceState> {
  const { decay, nesterov = false } = options;
  const op = 'traceMomentum';
  checkRange(op, 'decay', decay, 0, 1);
  return {
    init: (params) => ({ trace: map(params, zerosLike) }),
    update(grads, state) {
      const trace = zipTensors(
        op,
        [
          ['state.trace', state.trace],
          ['grads', grads],
        ],
        (v, g) => add(g, mul(v, decay)),
      );
      const updates = nesterov
        ? zipTensors(
            op,
            [
              ['grads', grads],
              ['trace', trace],
            ],
            (g, v) => add(g, mul(v, decay)),
          )
        : trace;
      return [updates, { trace }];
    },
  };
}

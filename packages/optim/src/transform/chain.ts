import type { GradientTransformation, OptState, TensorTree } from '../types.js';

/**
 * The state of a transformation `T`.
 *
 * @example
 * ```ts
 * import type { adam, StateOf } from '@tessera/optim';
 *
 * type AdamState = StateOf<ReturnType<typeof adam>>; // readonly [ScaleByAdamState, CountState]
 * ```
 */
export type StateOf<T> = T extends GradientTransformation<infer S> ? S : never;

/**
 * The state of `chain(...transforms)`: the tuple of the members' states, in order.
 *
 * @example
 * ```ts
 * import type { ChainState, CountState, GradientTransformation, TraceState } from '@tessera/optim';
 *
 * type MomentumState = ChainState<
 *   [GradientTransformation<TraceState>, GradientTransformation<CountState>]
 * >; // readonly [TraceState, CountState]
 * ```
 */
export type ChainState<T extends readonly GradientTransformation[]> = {
  readonly [K in keyof T]: StateOf<T[K]>;
};

/**
 * Composes transformations: the updates of each are the gradients of the next, as Optax's
 * `chain`. The state is the tuple of the members' states; `params` and `extra` go to every
 * member unchanged.
 *
 * @throws TypeError from `update` if the state is not an array with one entry per member.
 *
 * @example
 * ```ts
 * import { chain, clipByGlobalNorm, scaleByAdam, scaleByLearningRate } from '@tessera/optim';
 *
 * const optimizer = chain(clipByGlobalNorm(1), scaleByAdam(), scaleByLearningRate(1e-3));
 * const state = optimizer.init(params); // [null, { count, mu, nu }, { count }]
 * ```
 */
export function chain<const T extends readonly GradientTransformation[]>(
  ...transforms: T
): GradientTransformation<ChainState<T>> {
  return {
    init: (params) => transforms.map((t) => t.init(params)) as OptState as ChainState<T>,
    update(grads, state, params, extra) {
      const states: readonly OptState[] = Array.isArray(state) ? state : [];
      if (!Array.isArray(state) || states.length !== transforms.length) {
        throw new TypeError(
          `chain: expected a state with one entry per transformation (${transforms.length}), ` +
            `got ${Array.isArray(state) ? `${states.length} entries` : String(state)}`,
        );
      }
      let updates: TensorTree = grads;
      const next = transforms.map((t, i) => {
        const [u, s] = t.update(updates, states[i]!, params, extra);
        updates = u;
        return s;
      });
      return [updates, next as OptState as ChainState<T>];
    },
  };
}

import type { Tensor } from '@tessera/tensor';
import type { Tree } from '@tessera/tree';

/**
 * A pytree of tensors: parameters, gradients and updates all have this type, and one model's
 * parameters, gradients and updates share one structure.
 *
 * @example
 * ```ts
 * import { tensor } from '@tessera/tensor';
 * import type { TensorTree } from '@tessera/optim';
 *
 * const params: TensorTree = { dense: { w: tensor([[1, 2]]), b: tensor([0]) }, frozen: null };
 * ```
 */
export type TensorTree = Tree<Tensor>;

/**
 * What an optimizer state may hold: a pytree of tensors and plain numbers (step counts), so a
 * state can be flattened, saved in a checkpoint and restored like any other tree. Stateless
 * transformations use `null`, the empty tree.
 *
 * @example
 * ```ts
 * import { adam, type OptState } from '@tessera/optim';
 * import { leaves } from '@tessera/tree';
 *
 * const state: OptState = adam(1e-3).init(params);
 * leaves(state); // step counts (numbers) and moment estimates (tensors)
 * ```
 */
export type OptState = Tree<Tensor | number>;

/**
 * Inputs to {@link GradientTransformation.update} besides the gradients, for transformations
 * that need more than a gradient. Each is a tree of the parameters' structure; `masked` masks
 * them together with the gradients, `chain` hands them to every member.
 *
 * @example
 * ```ts
 * import { sdlm } from '@tessera/optim';
 *
 * const optimizer = sdlm(0.0005);
 * const [updates, next] = optimizer.update(grads, state, params, { curvature });
 * ```
 */
export type UpdateExtras = {
  /**
   * An estimate of the diagonal of the Gauss-Newton approximation of the loss's Hessian: one
   * non-negative tensor per parameter tensor, of its shape and dtype, in the parameters'
   * structure. Read by `scaleBySdlm` (hence `sdlm`), ignored by every other transformation.
   */
  readonly curvature?: TensorTree;
};

/**
 * The Optax contract: a pair of pure functions. `init` makes the state for some parameters;
 * `update` turns gradients (or the updates of a previous transformation) and a state into
 * updates and a new state. Nothing is stored anywhere else and no input is modified, so a
 * training step is `(params, state) -> (params, state)` and can be repeated, tested and
 * checkpointed.
 *
 * Updates are added to the parameters by {@link applyUpdates}; a descent direction has the
 * sign of `-grads`, which the final `scaleByLearningRate` of every optimizer supplies.
 *
 * @typeParam S - the state: a tree of tensors and numbers ({@link OptState}).
 *
 * @example
 * ```ts
 * import { applyUpdates, sgd } from '@tessera/optim';
 *
 * const optimizer = sgd(0.1, { momentum: 0.9 });
 * let state = optimizer.init(params);
 * const [updates, nextState] = optimizer.update(grads, state, params);
 * params = applyUpdates(params, updates);
 * state = nextState;
 * ```
 */
export interface GradientTransformation<S extends OptState = OptState> {
  /**
   * The initial state for `params`: moment estimates start at zero (or at a documented
   * constant), step counts at 0.
   */
  init(params: TensorTree): S;

  /**
   * Transforms `grads` into updates. Returns the updates and the next state; `grads`, `state`,
   * `params` and `extra` are left unchanged.
   *
   * @param grads - gradients, or the updates of the previous transformation in a chain; the
   *   structure and leaf shapes of the parameters given to `init`.
   * @param state - the state returned by `init` or by the previous `update`.
   * @param params - the current parameters; needed by `addDecayedWeights` (hence `adamw`).
   * @param extra - further inputs, such as the curvature estimate `sdlm` reads.
   * @throws TreeMismatchError if `grads` does not have the structure of the state's trees.
   */
  update(
    grads: TensorTree,
    state: S,
    params?: TensorTree,
    extra?: UpdateExtras,
  ): readonly [updates: TensorTree, state: S];
}

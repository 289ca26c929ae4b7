import type { GradientTransformation } from '../types.js';

/**
 * The transformation that changes nothing: updates are the gradients, the state is `null`.
 * Useful as a placeholder in a {@link chain}, as `sgd` uses it when there is no momentum.
 *
 * @example
 * ```ts
 * import { identity } from '@tessera/optim';
 *
 * const [updates, state] = identity().update(grads, null); // updates === grads
 * ```
 */
export function identity(): GradientTransformation<null> {
  return {
    init: () => null,
    update: (grads) => [grads, null],
  };
}

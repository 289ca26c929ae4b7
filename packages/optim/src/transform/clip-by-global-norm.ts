import { mul, square, sum } from '@tessera/tensor';
import { leaves, map } from '@tessera/tree';
import { checkPositive } from '../checks.js';
import type { GradientTransformation, TensorTree } from '../types.js';

/**
 * The Euclidean norm of all the leaves of a tree taken together, `sqrt(sum of g^2 over every
 * element of every leaf)`, as a number. Each leaf's sum of squares is taken in its own dtype,
 * the total in float64, so leaves may have different dtypes.
 *
 * @example
 * ```ts
 * import { tensor } from '@tessera/tensor';
 * import { globalNorm } from '@tessera/optim';
 *
 * globalNorm({ a: tensor([3]), b: tensor([[4]]) }); // 5
 * ```
 */
export function globalNorm(tree: TensorTree): number {
  const squares = leaves(tree).reduce((total, x) => total + sum(square(x)).item(), 0);
  return Math.sqrt(squares);
}

/**
 * Clipping by global norm (Pascanu, Mikolov & Bengio 2013, "On the difficulty of training
 * recurrent neural networks", Algorithm 1): when the norm of all the updates together exceeds
 * `maxNorm`, scales them all by `maxNorm / norm`, so the direction is kept:
 * `u = g * min(1, maxNorm / ||g||)`. Stateless. It reads the values of every tensor; a NaN
 * norm lets the updates through unchanged, so chain {@link checkFinite} first to catch it.
 *
 * @param maxNorm - the largest norm let through, `> 0`.
 *
 * @example
 * ```ts
 * import { adam, chain, clipByGlobalNorm } from '@tessera/optim';
 *
 * const optimizer = chain(clipByGlobalNorm(1), adam(1e-3));
 * ```
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<null> {
  checkPositive('clipByGlobalNorm', 'maxNorm', maxNorm);
  return {
    init: () => null,
    update(grads) {
      const norm = globalNorm(grads);
      if (!(norm > maxNorm)) return [grads, null];
      const factor = maxNorm / norm;
      return [map(grads, (g) => mul(g, factor)), null];
    },
  };
}

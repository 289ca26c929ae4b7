import { mul } from '@tessera/tensor';
import { map } from '@tessera/tree';
import { checkFiniteNumber } from '../checks.js';
import type { GradientTransformation } from '../types.js';

/**
 * Multiplies every update by a constant: `u = factor * g`. Stateless. To scale by a schedule,
 * use {@link scaleBySchedule}; to descend, {@link scaleByLearningRate}, which flips the sign.
 *
 * @example
 * ```ts
 * import { chain, scale, scaleByAdam } from '@tessera/optim';
 *
 * // Adam with a fixed learning rate of 1e-3, written with the sign by hand.
 * const optimizer = chain(scaleByAdam(), scale(-1e-3));
 * ```
 */
export function scale(factor: number): GradientTransformation<null> {
  checkFiniteNumber('scale', 'factor', factor);
  return {
    init: () => null,
    update: (grads) => [map(grads, (g) => mul(g, factor)), null],
  };
}

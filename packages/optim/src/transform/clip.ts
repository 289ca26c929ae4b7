import { clip as clipValues } from '@tessera/tensor';
import { map } from '@tessera/tree';
import { checkNonNegative } from '../checks.js';
import type { GradientTransformation } from '../types.js';

/**
 * Clips every element of every update to `[-maxDelta, maxDelta]`, `u = clip(g, -maxDelta,
 * maxDelta)`: clipping by value (Mikolov 2012; compared with clipping by norm in Pascanu,
 * Mikolov & Bengio 2013). Stateless. It changes the direction of the update; to keep it, use
 * {@link clipByGlobalNorm}.
 *
 * @example
 * ```ts
 * import { chain, clip, sgd } from '@tessera/optim';
 *
 * const optimizer = chain(clip(1), sgd(0.1));
 * ```
 */
export function clip(maxDelta: number): GradientTransformation<null> {
  checkNonNegative('clip', 'maxDelta', maxDelta);
  return {
    init: () => null,
    update: (grads) => [map(grads, (g) => clipValues(g, -maxDelta, maxDelta)), null],
  };
}

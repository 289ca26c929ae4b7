import type { Initializer } from './types.js';
import { varianceScaling } from './variance-scaling.js';

/**
 * Glorot (Xavier) normal: a truncated normal with variance `2 / (fanIn + fanOut)` (Glorot &
 * Bengio 2010, equation 12's compromise between forward and backward variance; JAX's
 * `glorot_normal`, the default of stax's `Dense` and `Conv`).
 *
 * @example
 * ```ts
 * const w = glorotNormal(key(0), [784, 100], 784, 100);
 * ```
 */
export const glorotNormal: Initializer = varianceScaling(1, 'fanAvg', 'truncatedNormal');

/**
 * Glorot (Xavier) uniform: `U(-sqrt(6 / (fanIn + fanOut)), sqrt(6 / (fanIn + fanOut)))`, the
 * "normalized initialization" of Glorot & Bengio 2010 (equation 16).
 *
 * @example
 * ```ts
 * const w = glorotUniform(key(0), [784, 100], 784, 100);
 * ```
 */
export const glorotUniform: Initializer = varianceScaling(1, 'fanAvg', 'uniform');

import type { Initializer } from './types.js';
import { varianceScaling } from './variance-scaling.js';

/**
 * He (Kaiming) normal: a truncated normal with variance `2 / fanIn`, which keeps the variance
 * of activations constant through ReLU layers (He et al. 2015, Section 2.2, equation 10).
 *
 * @example
 * ```ts
 * const w = heNormal(key(0), [6, 1, 5, 5], 25, 150);
 * ```
 */
export const heNormal: Initializer = varianceScaling(2, 'fanIn', 'truncatedNormal');

/**
 * He (Kaiming) uniform: `U(-sqrt(6 / fanIn), sqrt(6 / fanIn))`, variance `2 / fanIn`
 * (He et al. 2015).
 *
 * @example
 * ```ts
 * const w = heUniform(key(0), [6, 1, 5, 5], 25, 150);
 * ```
 */
export const heUniform: Initializer = varianceScaling(2, 'fanIn', 'uniform');

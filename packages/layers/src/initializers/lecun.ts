import type { Initializer } from './types.js';
import { varianceScaling } from './variance-scaling.js';

/**
 * LeCun normal: a truncated normal with variance `1 / fanIn` (LeCun, Bottou, Orr and Müller,
 * "Efficient BackProp", 1998, Section 4.6; JAX's `lecun_normal`), which keeps the variance of
 * a weighted sum equal to that of its inputs. Flax's default for dense and convolution kernels.
 *
 * @example
 * ```ts
 * const w = lecunNormal(key(0), [784, 100], 784, 100); // std 1/28
 * ```
 */
export const lecunNormal: Initializer = varianceScaling(1, 'fanIn', 'truncatedNormal');

/**
 * LeCun uniform: `U(-sqrt(3 / fanIn), sqrt(3 / fanIn))`, variance `1 / fanIn`
 * (JAX's `lecun_uniform`).
 *
 * @example
 * ```ts
 * const w = lecunUniform(key(0), [784, 100], 784, 100);
 * ```
 */
export const lecunUniform: Initializer = varianceScaling(1, 'fanIn', 'uniform');

/**
 * `@tessera/random`: pure, splittable pseudo-random number generation with
 * Threefry-2x32 keys, as in JAX's `jax.random` (classic, non-partitionable mode).
 *
 * Everything is a function of an immutable {@link Key}: the same key gives the same
 * numbers, and new keys come from {@link split} and {@link foldIn}. Samplers return
 * plain typed arrays in row-major order for the requested shape.
 *
 * @example
 * ```ts
 * import { key, normal, split, uniform } from '@tessera/random';
 *
 * const [initKey, dataKey] = split(key(0));
 * const w = normal(initKey, [784, 300]);  // Float32Array(235200)
 * const u = uniform(dataKey, [3]);        // Float32Array(3) in [0, 1)
 * ```
 *
 * @packageDocumentation
 */

export {
  type DTypeOptions,
  type FloatArray,
  normal,
  truncatedNormal,
  type UniformOptions,
  uniform,
} from './continuous.js';
export { bernoulli, type ChoiceOptions, choice, permutation, randint } from './discrete.js';
export { bits, foldIn, Key, key, keyData, split } from './key.js';
export { threefry2x32, threefry2x32Batch, type Word2 } from './threefry.js';
export type { FloatDType } from './validate.js';

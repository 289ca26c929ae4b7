import { uniform } from '@tessera/random';
import { tensor } from '@tessera/tensor';
import { LayerConfigError } from '../errors.js';
import type { Initializer } from './types.js';

/**
 * The initialisation of LeCun et al. 1998 (Appendix C): weights drawn uniformly from
 * `(-2.4 / F, 2.4 / F)`, where `F` is the fan-in, "the total number of inputs of the unit to
 * which the connection belongs". The paper's aim is a weighted sum in the range where its
 * scaled tanh is near-linear. Note the scale is `1 / F`, not `1 / sqrt(F)` as in
 * {@link lecunUniform}: the variance is `1.92 / F^2`.
 *
 * This is the default weight initialiser of {@link dense}, {@link conv2d} and
 * {@link subsample2d}, so a LeNet-5 built from them is initialised as in the paper.
 *
 * @example
 * ```ts
 * const w = lecun1998Uniform(key(0), [16, 6, 5, 5], 150, 400); // U(-0.016, 0.016)
 * ```
 */
export const lecun1998Uniform: Initializer = (key, shape, fanIn, _fanOut, dtype = 'float32') => {
  if (!(fanIn > 0)) {
    throw new LayerConfigError(`lecun1998Uniform: fan-in must be positive, got ${fanIn}`);
  }
  const limit = 2.4 / fanIn;
  return tensor(uniform(key, shape, { minval: -limit, maxval: limit, dtype }), { shape });
};

import { normal, truncatedNormal, uniform } from '@tessera/random';
import { tensor } from '@tessera/tensor';
import { LayerConfigError } from '../errors.js';
import type { Initializer } from './types.js';

/**
 * Which fan a {@link varianceScaling} initialiser divides by.
 *
 * @example
 * ```ts
 * const mode: FanMode = 'fanAvg'; // Glorot & Bengio 2010
 * ```
 */
export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';

/**
 * The distribution of a {@link varianceScaling} initialiser.
 *
 * @example
 * ```ts
 * const d: Distribution = 'truncatedNormal';
 * ```
 */
export type Distribution = 'truncatedNormal' | 'normal' | 'uniform';

/**
 * The standard deviation of a unit normal truncated to [-2, 2]: dividing by it makes a
 * truncated normal draw have the variance asked for (as JAX's `variance_scaling`).
 */
const TRUNCATED_STDDEV = 0.8796256610342398;

/**
 * JAX's `variance_scaling`: zero-mean weights with variance `scale / n`, where `n` is the
 * fan-in, the fan-out or their mean. `'truncatedNormal'` draws from a normal truncated at two
 * standard deviations and rescaled so the variance is exact; `'uniform'` from
 * `U(-sqrt(3 scale / n), sqrt(3 scale / n))`. Every named initialiser of this package except
 * {@link lecun1998Uniform} is one of these.
 *
 * @example
 * ```ts
 * const init = varianceScaling(2, 'fanIn', 'truncatedNormal'); // heNormal
 * init(key(0), [3, 3], 3, 3).shape; // [3, 3]
 * ```
 */
export function varianceScaling(
  scale: number,
  mode: FanMode,
  distribution: Distribution,
): Initializer {
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new LayerConfigError(`varianceScaling: scale must be positive, got ${scale}`);
  }
  return (key, shape, fanIn, fanOut, dtype = 'float32') => {
    const n = mode === 'fanIn' ? fanIn : mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    if (!(n > 0)) {
      throw new LayerConfigError(
        `varianceScaling(${scale}, ${mode}): ${mode} must be positive, got ${n} (fanIn ${fanIn}, fanOut ${fanOut})`,
      );
    }
    const variance = scale / n;
    if (distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return tensor(uniform(key, shape, { minval: -limit, maxval: limit, dtype }), { shape });
    }
    const data =
      distribution === 'normal'
        ? normal(key, shape, { dtype })
        : truncatedNormal(key, -2, 2, shape, { dtype });
    const std = Math.sqrt(variance) / (distribution === 'normal' ? 1 : TRUNCATED_STDDEV);
    for (let i = 0; i < data.length; i++) data[i] = data[i]! * std;
    return tensor(data, { shape });
  };
}

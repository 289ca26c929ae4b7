import { full } from '@tessera/tensor';
import { LayerConfigError } from '../errors.js';
import type { Initializer } from './types.js';

/**
 * An initialiser that fills every element with `value` (the key is ignored).
 *
 * @example
 * ```ts
 * subsample2d(2, { init: constant(0.25) }); // starts as average pooling
 * constant(1)(key(0), [3], 1, 1); // [1, 1, 1]
 * ```
 */
export function constant(value: number): Initializer {
  if (!Number.isFinite(value)) {
    throw new LayerConfigError(`constant: value must be finite, got ${value}`);
  }
  return (_key, shape, _fanIn, _fanOut, dtype = 'float32') => full(shape, value, { dtype });
}

/**
 * Zeros: the default bias initialiser of every layer.
 *
 * @example
 * ```ts
 * dense(10, { biasInit: zeros }); // the default
 * ```
 */
export const zeros: Initializer = constant(0);

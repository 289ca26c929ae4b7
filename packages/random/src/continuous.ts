/**
 * Continuous samplers: uniform, normal and truncated normal, each a port of the
 * function of the same name in JAX's `jax/_src/random.py`.
 *
 * float32 results are computed with every operation rounded to float32
 * (`Math.fround`), as XLA computes them, so uniform samples agree with JAX bit for
 * bit and normal samples to within float32 rounding of `log1p` (a few ulp).
 */

import { checkKey, type Key, randomWords } from './key.js';
import { erf, erfinv32, erfinv64, nextDown32, nextDown64, nextUp32, nextUp64 } from './special.js';
import { checkFloatDType, checkReal, checkShape, type FloatDType } from './validate.js';

const f32 = Math.fround;

/**
 * The typed array a sampler returns for a dtype: `Float32Array` for `'float32'`,
 * `Float64Array` for `'float64'`.
 *
 * @example
 * ```ts
 * const u: FloatArray<'float64'> = uniform(key(0), [2], { dtype: 'float64' }); // Float64Array
 * ```
 */
export type FloatArray<D extends FloatDType> = D extends 'float64' ? Float64Array : Float32Array;

/**
 * Options shared by the floating-point samplers.
 *
 * @example
 * ```ts
 * const options: DTypeOptions<'float64'> = { dtype: 'float64' };
 * normal(key(0), [3], options); // Float64Array(3)
 * ```
 */
export interface DTypeOptions<D extends FloatDType = FloatDType> {
  /** Element type of the result (default `'float32'`, JAX's default without x64). */
  readonly dtype?: D;
}

/**
 * Options of {@link uniform}.
 *
 * @example
 * ```ts
 * const small: UniformOptions = { minval: -0.08, maxval: 0.08 };
 * uniform(key(0), [784, 300], small);
 * ```
 */
export interface UniformOptions<D extends FloatDType = FloatDType> extends DTypeOptions<D> {
  /** Inclusive lower bound (default 0). */
  readonly minval?: number;
  /** Exclusive upper bound (default 1). */
  readonly maxval?: number;
}

/**
 * Floats in [0, 1) with 23 random mantissa bits: JAX sets the exponent of
 * `bits >>> 9` to that of 1.0, reinterprets the word as a float in [1, 2) and
 * subtracts 1. Both steps are exact, so the result is `(bits >>> 9) * 2^-23`.
 */
function unitFloat32(words: Uint32Array): Float32Array {
  const out = new Float32Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = (words[i]! >>> 9) * 2 ** -23;
  return out;
}

/**
 * Floats in [0, 1) with 52 random mantissa bits, from 64 random bits per value as
 * JAX draws them for float64: word `i` is the high half and word `n + i` the low
 * half of a uint64 whose top 52 bits become the mantissa, i.e.
 * `(hi * 2^20 + (lo >>> 12)) * 2^-52`, exactly.
 */
function unitFloat64(words: Uint32Array): Float64Array {
  const n = words.length / 2;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = (words[i]! * 2 ** 20 + (words[n + i]! >>> 12)) * 2 ** -52;
  }
  return out;
}

/**
 * JAX's `_uniform` without argument checks: unit floats scaled to
 * `max(minval, u * (maxval - minval) + minval)` in the dtype's arithmetic.
 * The `max` guards against rounding below `minval`; as in JAX, rounding can
 * reach `maxval` when the span is large relative to the bounds.
 */
export function uniformUnchecked<D extends FloatDType>(
  k: Key,
  size: number,
  dtype: D,
  minval: number,
  maxval: number,
): FloatArray<D> {
  if (dtype === 'float64') {
    const out = unitFloat64(randomWords(k, 2 * size));
    const span = maxval - minval;
    for (let i = 0; i < size; i++) out[i] = Math.max(minval, out[i]! * span + minval);
    return out as FloatArray<D>;
  }
  const out = unitFloat32(randomWords(k, size));
  const lo = f32(minval);
  const span = f32(f32(maxval) - lo);
  for (let i = 0; i < size; i++) out[i] = Math.max(lo, f32(f32(out[i]! * span) + lo));
  return out as FloatArray<D>;
}

/**
 * Uniform samples in [minval, maxval), as JAX's `random.uniform`.
 *
 * float32: 23 random mantissa bits from each 32-bit word; agrees with JAX bit for
 * bit. float64: 52 random mantissa bits from two 32-bit words per value, laid out
 * as JAX's 64-bit random bits; agrees with JAX under `jax_enable_x64=True`.
 *
 * @param shape - the result shape (its product is the array length; `[]` gives one value)
 * @param options - `minval` (default 0), `maxval` (default 1), `dtype` (default float32)
 * @throws RangeError if the bounds are not finite, `minval >= maxval`, or the shape is invalid
 * @throws TypeError for an unknown dtype or a non-Key key
 *
 * @example
 * ```ts
 * const u = uniform(key(0), [2, 3]); // Float32Array(6) in [0, 1)
 * const w = uniform(key(0), [100], { minval: -0.1, maxval: 0.1, dtype: 'float64' });
 * ```
 */
export function uniform<D extends FloatDType = 'float32'>(
  k: Key,
  shape: readonly number[],
  options: UniformOptions<D> = {},
): FloatArray<D> {
  checkKey('uniform', k);
  const size = checkShape('uniform', shape);
  const dtype = checkFloatDType('uniform', options.dtype) as D;
  const { minval = 0, maxval = 1 } = options;
  checkReal('uniform', 'minval', minval);
  checkReal('uniform', 'maxval', maxval);
  if (!(minval < maxval)) {
    throw new RangeError(`uniform: minval ${minval} must be < maxval ${maxval}`);
  }
  const span = dtype === 'float64' ? maxval - minval : f32(f32(maxval) - f32(minval));
  if (!Number.isFinite(span)) {
    throw new RangeError(`uniform: maxval - minval = ${maxval - minval} overflows ${dtype}`);
  }
  return uniformUnchecked(k, size, dtype, minval, maxval);
}

const SQRT2_F32 = f32(Math.SQRT2);

/**
 * Standard normal samples, as JAX's `random.normal`: `sqrt(2) * erfinv(u)` with `u`
 * uniform in (-1, 1), by inverting the CDF rather than Box-Muller, so one uniform
 * gives one normal and the samples line up with JAX's.
 *
 * float32 values agree with JAX to within a few float32 ulp (JAX's own
 * known-value test allows 1e-6); float64 values follow JAX with
 * `jax_enable_x64=True` using XLA's double-precision `erfinv`.
 *
 * @param options - `dtype` (default float32)
 * @throws RangeError for an invalid shape
 * @throws TypeError for an unknown dtype or a non-Key key
 *
 * @example
 * ```ts
 * const [wKey, bKey] = split(key(0));
 * const w = normal(wKey, [784, 300]); // Float32Array(235200)
 * ```
 */
export function normal<D extends FloatDType = 'float32'>(
  k: Key,
  shape: readonly number[],
  options: DTypeOptions<D> = {},
): FloatArray<D> {
  checkKey('normal', k);
  const size = checkShape('normal', shape);
  const dtype = checkFloatDType('normal', options.dtype) as D;
  // JAX draws from [nextafter(-1, 0), 1) so that erfinv never sees -1.
  if (dtype === 'float64') {
    const u = uniformUnchecked(k, size, 'float64', nextUp64(-1), 1);
    for (let i = 0; i < size; i++) u[i] = Math.SQRT2 * erfinv64(u[i]!);
    return u as FloatArray<D>;
  }
  const u = uniformUnchecked(k, size, 'float32', nextUp32(-1), 1);
  for (let i = 0; i < size; i++) u[i] = f32(SQRT2_F32 * erfinv32(u[i]!));
  return u as FloatArray<D>;
}

/**
 * Standard normal samples conditioned on `lower < x < upper`, as JAX's
 * `random.truncated_normal`: inverse-CDF sampling, `u` uniform between
 * `erf(lower / sqrt 2)` and `erf(upper / sqrt 2)`, then `sqrt(2) * erfinv(u)`, clamped to
 * the open interval against rounding.
 *
 * Bounds may be infinite. Like JAX's, the method loses accuracy far in one tail
 * (bounds both beyond about 5 in float32 or 8 in float64 on the same side), where
 * `erf` rounds to +-1.
 *
 * @param lower - the lower bound (may be `-Infinity`)
 * @param upper - the upper bound (may be `Infinity`), greater than `lower`
 * @param options - `dtype` (default float32)
 * @throws RangeError if a bound is NaN, `lower >= upper`, or the shape is invalid
 * @throws TypeError for an unknown dtype or a non-Key key
 *
 * @example
 * ```ts
 * // Initialise weights from N(0, 1) truncated to two standard deviations.
 * const w = truncatedNormal(key(0), -2, 2, [256, 128]);
 * ```
 */
export function truncatedNormal<D extends FloatDType = 'float32'>(
  k: Key,
  lower: number,
  upper: number,
  shape: readonly number[],
  options: DTypeOptions<D> = {},
): FloatArray<D> {
  checkKey('truncatedNormal', k);
  checkReal('truncatedNormal', 'lower', lower, true);
  checkReal('truncatedNormal', 'upper', upper, true);
  if (!(lower < upper)) {
    throw new RangeError(`truncatedNormal: lower ${lower} must be < upper ${upper}`);
  }
  const size = checkShape('truncatedNormal', shape);
  const dtype = checkFloatDType('truncatedNormal', options.dtype) as D;
  if (dtype === 'float64') {
    const a = erf(lower / Math.SQRT2);
    const b = erf(upper / Math.SQRT2);
    const u = uniformUnchecked(k, size, 'float64', a, b);
    const lo = nextUp64(lower);
    const hi = nextDown64(upper);
    for (let i = 0; i < size; i++) {
      u[i] = Math.min(Math.max(Math.SQRT2 * erfinv64(u[i]!), lo), hi);
    }
    return u as FloatArray<D>;
  }
  const lower32 = f32(lower);
  const upper32 = f32(upper);
  const a = f32(erf(f32(lower32 / SQRT2_F32)));
  const b = f32(erf(f32(upper32 / SQRT2_F32)));
  const u = uniformUnchecked(k, size, 'float32', a, b);
  const lo = nextUp32(lower32);
  const hi = nextDown32(upper32);
  for (let i = 0; i < size; i++) {
    u[i] = Math.min(Math.max(f32(SQRT2_F32 * erfinv32(u[i]!)), lo), hi);
  }
  return u as FloatArray<D>;
}

/**
 * Discrete samplers: bernoulli, randint, permutation and choice, ported from JAX's
 * `jax/_src/random.py` (the default, 32-bit mode unless noted).
 */

import { uniformUnchecked } from './continuous.js';
import { checkKey, type Key, randomWords, split } from './key.js';
import { checkInteger, checkReal, checkShape, MAX_SIZE } from './validate.js';

const INT32_MIN = -(2 ** 31);
const INT32_LIMIT = 2 ** 31;
const TWO_POW_32 = 2 ** 32;
const UINT32_MAX = 0xffffffff;
/** The smallest normal float64, `jnp.finfo(float64).tiny`, JAX's lower bound for Gumbel noise. */
const FLOAT64_TINY = 2 ** -1022;

/**
 * Bernoulli samples: 1 with probability `p`, else 0, as JAX's `random.bernoulli`
 * (`uniform(key, shape) < p` in float32). Agrees with JAX's default 32-bit mode
 * bit for bit; with `jax_enable_x64=True` and a float64 `p`, JAX draws float64
 * uniforms and the samples differ.
 *
 * @param p - the probability of a 1, in [0, 1]
 * @returns a `Uint8Array` of 0s and 1s, one per element of `shape`
 * @throws RangeError if `p` is outside [0, 1] or the shape is invalid
 *
 * @example
 * ```ts
 * const keep = bernoulli(key(0), 0.9, [128]); // a dropout mask
 * ```
 */
export function bernoulli(k: Key, p: number, shape: readonly number[]): Uint8Array {
  checkKey('bernoulli', k);
  checkReal('bernoulli', 'p', p);
  if (p < 0 || p > 1) throw new RangeError(`bernoulli: p=${p} is outside [0, 1]`);
  const size = checkShape('bernoulli', shape);
  const u = uniformUnchecked(k, size, 'float32', 0, 1);
  const threshold = Math.fround(p);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = u[i]! < threshold ? 1 : 0;
  return out;
}

/**
 * `(a * b) mod m` exactly for `a, b < m <= 2^32`, without 64-bit integers: `b` is cut
 * into 16-bit halves so that every product stays below 2^49, inside a double's
 * 53-bit mantissa.
 */
function mulMod(a: number, b: number, m: number): number {
  const bHigh = Math.floor(b / 65536);
  const bLow = b % 65536;
  return (((a * bHigh) % m) * 65536 + a * bLow) % m;
}

/**
 * Uniform random integers in [minval, maxval), as JAX's `random.randint`.
 *
 * Method (JAX's): split the key, draw two 32-bit words `hi` and `lo` per value and
 * return `minval + (hi * 2^32 + lo) mod span` with `span = maxval - minval`.
 * Reducing 64 random bits makes the bias at most `span / 2^64` (under 2^-32 for
 * every span allowed here): not exactly uniform, but far below what any test could
 * detect. The remainder is computed exactly. JAX computes it in uint32 arithmetic
 * that wraps once `span > 2^16`, so results agree with JAX bit for bit for spans
 * up to 65536 (class labels, crop offsets) and differ, with less bias, above that.
 *
 * @param minval - inclusive lower bound, an integer in [-2^31, 2^31 - 1]
 * @param maxval - exclusive upper bound, an integer in [-2^31 + 1, 2^31]
 * @returns an `Int32Array`, one value per element of `shape`
 * @throws RangeError if the bounds are not such integers, `minval >= maxval`, or the
 *   shape is invalid
 *
 * @example
 * ```ts
 * const labels = randint(key(0), [32], 0, 10); // Int32Array(32) in [0, 10)
 * ```
 */
export function randint(
  k: Key,
  shape: readonly number[],
  minval: number,
  maxval: number,
): Int32Array {
  checkKey('randint', k);
  const size = checkShape('randint', shape);
  checkInteger('randint', 'minval', minval, INT32_MIN, INT32_LIMIT - 1);
  checkInteger('randint', 'maxval', maxval, INT32_MIN + 1, INT32_LIMIT);
  if (minval >= maxval) {
    throw new RangeError(`randint: minval ${minval} must be < maxval ${maxval}`);
  }
  return randintUnchecked(k, size, minval, maxval);
}

function randintUnchecked(k: Key, size: number, minval: number, maxval: number): Int32Array {
  const [highKey, lowKey] = split(k) as [Key, Key];
  const high = randomWords(highKey, size);
  const low = randomWords(lowKey, size);
  const span = maxval - minval;
  const shift = TWO_POW_32 % span; // 2^32 mod span: the weight of `hi` modulo span
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const offset = (mulMod(high[i]! % span, shift, span) + (low[i]! % span)) % span;
    out[i] = minval + offset;
  }
  return out;
}

/**
 * The indices that sort `sortKeys` stably (ties keep index order), as JAX's
 * stable `lax.sort_key_val` orders its values.
 */
function stableOrder(sortKeys: Uint32Array): Int32Array {
  const order = Int32Array.from({ length: sortKeys.length }, (_, i) => i);
  return order.sort((a, b) => sortKeys[a]! - sortKeys[b]! || a - b);
}

/**
 * A uniformly random permutation of `0, ..., n - 1`, as JAX's
 * `random.permutation(key, n)`.
 *
 * Method (JAX's `_shuffle`, after tjablin's analysis in TensorFlow's
 * `random_ops.cc`): repeat `ceil(3 ln n / ln(2^32 - 1))` times (once for
 * n <= 1625): split the key, draw a 32-bit sort key per element and stably sort by
 * it. Repeating makes collisions between sort keys, the only source of bias,
 * negligible. This is JAX's algorithm step for step; it has not been checked
 * against JAX output values.
 *
 * @param n - the number of elements, a non-negative integer
 * @returns an `Int32Array` holding each of `0, ..., n - 1` once
 * @throws RangeError if `n` is not a non-negative integer
 *
 * @example
 * ```ts
 * const order = permutation(key(0), 60000); // shuffle a training set
 * ```
 */
export function permutation(k: Key, n: number): Int32Array {
  checkKey('permutation', k);
  checkInteger('permutation', 'n', n, 0, MAX_SIZE);
  return permutationUnchecked(k, n);
}

function permutationUnchecked(k: Key, n: number): Int32Array {
  const rounds = Math.ceil((3 * Math.log(Math.max(1, n))) / Math.log(UINT32_MAX));
  let x = Int32Array.from({ length: n }, (_, i) => i);
  let current = k;
  for (let r = 0; r < rounds; r++) {
    const [next, sub] = split(current) as [Key, Key];
    const order = stableOrder(randomWords(sub, n));
    const previous = x;
    x = order.map((j) => previous[j]!);
    current = next;
  }
  return x;
}

/**
 * Options of {@link choice}.
 *
 * @example
 * ```ts
 * const options: ChoiceOptions = { replace: false, p: [0.5, 0.25, 0.25] };
 * choice(key(0), 3, [2], options); // two distinct indices, weighted
 * ```
 */
export interface ChoiceOptions {
  /** Whether a value may be drawn more than once (default true). */
  readonly replace?: boolean;
  /**
   * Probabilities of the n values: non-negative, finite, not all zero; normalised by
   * their sum. Uniform if absent.
   */
  readonly p?: ArrayLike<number>;
}

/** Checks `p` against `n` and returns it as float64 weights. */
function checkWeights(n: number, p: ArrayLike<number>): Float64Array {
  if (p.length !== n) {
    throw new RangeError(`choice: p has ${p.length} entries but n is ${n}`);
  }
  const weights = Float64Array.from(p);
  let total = 0;
  weights.forEach((w, i) => {
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new RangeError(`choice: p[${i}]=${w} must be a finite, non-negative number`);
    }
    total += w;
  });
  if (!(total > 0)) throw new RangeError('choice: p must have a positive sum');
  return weights;
}

/** The first index whose cumulative weight reaches `r` (`searchsorted`, side='left'). */
function searchSorted(cumulative: Float64Array, r: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** JAX's weighted draw with replacement: invert the cumulative weights at uniform points. */
function weightedWithReplacement(k: Key, size: number, weights: Float64Array): Int32Array {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    cumulative[i] = total;
  });
  const u = uniformUnchecked(k, size, 'float64', 0, 1);
  // total * (1 - u) lies in (0, total], so an index of weight zero is never chosen.
  return Int32Array.from(u, (ui) => searchSorted(cumulative, total * (1 - ui)));
}

/**
 * JAX's weighted draw without replacement, the Gumbel top-k trick: the `size`
 * smallest of `log(-log u_i) - log p_i` (that is, the largest of `log p_i + Gumbel_i`)
 * are a weighted sample without replacement.
 */
function weightedWithoutReplacement(k: Key, size: number, weights: Float64Array): Int32Array {
  const nonzero = weights.filter((w) => w > 0).length;
  if (size > nonzero) {
    throw new RangeError(
      `choice: cannot draw ${size} distinct values when only ${nonzero} have non-zero probability`,
    );
  }
  const u = uniformUnchecked(k, weights.length, 'float64', FLOAT64_TINY, 1);
  const scores = Float64Array.from(u, (ui, i) => Math.log(-Math.log(ui)) - Math.log(weights[i]!));
  const order = Int32Array.from({ length: weights.length }, (_, i) => i);
  order.sort((a, b) => scores[a]! - scores[b]! || a - b);
  return order.slice(0, size);
}

/**
 * Random draws from `0, ..., n - 1`, as JAX's `random.choice(key, n, shape, replace, p)`.
 *
 * Methods (JAX's): uniform with replacement is {@link randint}; uniform without
 * replacement is the first draws of a {@link permutation}; both agree with JAX where
 * those do. Weighted with replacement inverts the cumulative weights at uniform
 * points; weighted without replacement takes the top k of Gumbel-perturbed log
 * weights. The weighted methods compute in float64, as JAX does under
 * `jax_enable_x64=True`; they agree with it up to rounding in the cumulative sum.
 *
 * @param n - the number of values to choose from, a non-negative integer
 * @param shape - the result shape
 * @param options - `replace` (default true) and optional weights `p`
 * @returns an `Int32Array` of indices in [0, n), one per element of `shape`
 * @throws RangeError if `n` or `shape` is invalid, `p` is malformed, or more distinct
 *   values are asked for than there are (with non-zero weight)
 *
 * @example
 * ```ts
 * const batch = choice(key(0), 60000, [128], { replace: false }); // distinct indices
 * const biased = choice(key(1), 3, [10], { p: [0.7, 0.2, 0.1] });
 * ```
 */
export function choice(
  k: Key,
  n: number,
  shape: readonly number[],
  options: ChoiceOptions = {},
): Int32Array {
  checkKey('choice', k);
  checkInteger('choice', 'n', n, 0, MAX_SIZE);
  const size = checkShape('choice', shape);
  const { replace = true, p } = options;
  const weights = p === undefined ? undefined : checkWeights(n, p);
  if (!replace && size > n) {
    throw new RangeError(`choice: cannot draw ${size} values without replacement from n=${n}`);
  }
  if (size === 0) return new Int32Array(0);
  if (n === 0) throw new RangeError(`choice: cannot draw ${size} values from n=0`);
  if (weights === undefined) {
    return replace ? randintUnchecked(k, size, 0, n) : permutationUnchecked(k, n).slice(0, size);
  }
  return replace
    ? weightedWithReplacement(k, size, weights)
    : weightedWithoutReplacement(k, size, weights);
}

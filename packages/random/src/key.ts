/**
 * PRNG keys and the three operations on them: split, fold-in and random bits.
 * All three follow JAX's classic Threefry PRNG (`jax_threefry_partitionable=False`,
 * `jax/_src/prng.py`: `_threefry_split_original`, `_threefry_fold_in` and
 * `_threefry_random_bits_original`), so the keys and bits agree with JAX bit for bit.
 */

import { hashCounts, iota } from './threefry.js';
import { checkInteger, MAX_SIZE } from './validate.js';

const UINT32_MAX = 0xffffffff;
const TWO_POW_32 = 2 ** 32;

/**
 * An immutable PRNG key: two uint32 words, the key of the Threefry-2x32 block function.
 *
 * A key is a value, not a generator: drawing from it never changes it, and the same
 * key always gives the same numbers. To draw several independent things, derive new
 * keys with {@link split} or {@link foldIn} and use each key once.
 *
 * Prints as `Key(k0, k1)`, the two words JAX shows for `random.PRNGKey`.
 *
 * @example
 * ```ts
 * const k = new Key(0, 42); // the same key as key(42), or JAX's PRNGKey(42)
 * String(k); // 'Key(0, 42)'
 * ```
 */
export class Key {
  /** The first key word (for a key made by {@link key}, the seed's high 32 bits). */
  readonly k0: number;
  /** The second key word (for a key made by {@link key}, the seed's low 32 bits). */
  readonly k1: number;

  /**
   * Wraps two raw key words, as JAX's `random.wrap_key_data` does. Use {@link key}
   * to make a key from a seed.
   *
   * @throws RangeError if either word is not an integer in [0, 2^32 - 1]
   */
  constructor(k0: number, k1: number) {
    checkInteger('Key', 'k0', k0, 0, UINT32_MAX);
    checkInteger('Key', 'k1', k1, 0, UINT32_MAX);
    this.k0 = k0;
    this.k1 = k1;
    Object.freeze(this);
  }

  /** `Key(k0, k1)`. */
  toString(): string {
    return `Key(${this.k0}, ${this.k1})`;
  }

  /** Makes `console.log` and the Node REPL print `Key(k0, k1)` too. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** The key's words in the form the block function takes. */
function words(k: Key): readonly [number, number] {
  return [k.k0, k.k1];
}

/**
 * Checks that `value` is a {@link Key}; the first check of every public function
 * that takes one.
 *
 * @throws TypeError naming `fn` otherwise
 */
export function checkKey(fn: string, value: Key): void {
  if (!(value instanceof Key)) {
    throw new TypeError(
      `${fn}: key must be a Key (from key(), split() or foldIn()), got ${String(value)}`,
    );
  }
}

/**
 * Makes a key from an integer seed, as JAX's `random.PRNGKey(seed)`.
 *
 * The seed is read as a 64-bit two's-complement integer and split into its high and
 * low 32-bit words (`threefry_seed` in JAX). For seeds in [0, 2^32) this is
 * `Key(0, seed)` and agrees with JAX in every mode. For negative seeds and seeds of
 * 2^32 or more it agrees with JAX under `jax_enable_x64=True`; JAX's default 32-bit
 * mode keeps only the low word, so `PRNGKey(-1)` there is `[0, 4294967295]`, while
 * `key(-1)` here is `Key(4294967295, 4294967295)`.
 *
 * @param seed - a safe integer, in [-(2^53 - 1), 2^53 - 1]
 * @throws TypeError if `seed` is not a number
 * @throws RangeError if `seed` is not a safe integer
 *
 * @example
 * ```ts
 * key(42);        // Key(0, 42)
 * key(2 ** 32 + 7); // Key(1, 7)
 * key(-1);        // Key(4294967295, 4294967295)
 * ```
 */
export function key(seed: number): Key {
  if (typeof seed !== 'number') {
    throw new TypeError(`key: seed must be a number, got ${typeof seed}`);
  }
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`key: seed=${seed} must be a safe integer (|seed| <= 2^53 - 1)`);
  }
  // seed = hi * 2^32 + lo with 0 <= lo < 2^32; for a negative seed hi is negative and
  // `>>> 0` gives its two's-complement word, as bit-casting an int64 would.
  const hi = Math.floor(seed / TWO_POW_32);
  const lo = seed - hi * TWO_POW_32;
  return new Key(hi >>> 0, lo);
}

/**
 * The two uint32 words of a key, as JAX's `random.key_data`.
 *
 * @example
 * ```ts
 * keyData(key(42)); // [0, 42]
 * ```
 */
export function keyData(k: Key): [number, number] {
  checkKey('keyData', k);
  return [k.k0, k.k1];
}

/**
 * Splits a key into `n` new, independent keys, as JAX's `random.split(key, n)`.
 *
 * Classic JAX hashes the counts `0, 1, ..., 2n - 1` under the key (first half of
 * the counts as the first counter word, second half as the second) and reads the
 * 2n output words as n pairs. The result agrees with JAX bit for bit:
 * `split(key(0))` is `[Key(4146024105, 967050713), Key(2718843009, 1272950319)]`.
 *
 * Discipline: never use a key after splitting it; use the children instead.
 *
 * @param n - the number of keys, a non-negative integer (default 2)
 * @throws RangeError if `n` is not a non-negative integer or is too large
 *
 * @example
 * ```ts
 * const [params, dropout] = split(key(0));
 * const keys = split(key(0), 10); // one key per step
 * ```
 */
export function split(k: Key, n = 2): Key[] {
  checkKey('split', k);
  checkInteger('split', 'n', n, 0, MAX_SIZE);
  const out = hashCounts(words(k), iota(2 * n));
  return Array.from({ length: n }, (_, i) => new Key(out[2 * i]!, out[2 * i + 1]!));
}

/**
 * Derives a new key from a key and a 32-bit integer, as JAX's `random.fold_in`.
 *
 * The data becomes the counter `(0, data)` (JAX's `threefry_seed(data)`), and the
 * hashed block is the new key. Useful for per-step or per-example keys without
 * threading split keys around: `foldIn(k, step)`. Agrees with JAX bit for bit:
 * `foldIn(key(0), 4)` is `Key(2285895361, 433833334)`.
 *
 * @param data - an integer in [0, 2^32 - 1]
 * @throws RangeError if `data` is not an integer in that range
 *
 * @example
 * ```ts
 * const stepKey = foldIn(key(0), 1000);
 * ```
 */
export function foldIn(k: Key, data: number): Key {
  checkKey('foldIn', k);
  checkInteger('foldIn', 'data', data, 0, UINT32_MAX);
  const out = hashCounts(words(k), Uint32Array.of(0, data));
  return new Key(out[0]!, out[1]!);
}

/**
 * `count` uniformly random 32-bit words, as JAX's `random.bits(key, (count,),
 * dtype=jnp.uint32)` in classic mode: the hash of the counts `0, ..., count - 1`
 * under the key. Agrees with JAX bit for bit: `bits(key(1701), 3)` is
 * `[56197195, 4200222568, 961309823]`.
 *
 * Samplers that need 64 bits per value take `bits(key, 2 * n)` and, as JAX does
 * for `uint64`, pair word `i` (high) with word `n + i` (low).
 *
 * @param count - the number of words, an integer in [0, 2^31 - 1]
 * @throws RangeError if `count` is not such an integer
 *
 * @example
 * ```ts
 * bits(key(1701), 3); // Uint32Array [56197195, 4200222568, 961309823]
 * ```
 */
export function bits(k: Key, count: number): Uint32Array {
  checkKey('bits', k);
  checkInteger('bits', 'count', count, 0, MAX_SIZE);
  return randomWords(k, count);
}

/**
 * {@link bits} without the argument checks, for samplers that have checked their
 * own arguments; `count` may be up to 2 * MAX_SIZE, below JAX's 2^32 - 1 limit
 * for one block of counts.
 */
export function randomWords(k: Key, count: number): Uint32Array {
  return hashCounts(words(k), iota(count));
}

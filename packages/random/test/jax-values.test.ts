/**
 * Values produced by JAX itself, classic Threefry (`jax_threefry_partitionable=False`).
 *
 * Sources: `tests/random_test.py` in jax-ml/jax (`testPRNGValues`,
 * `testRngRandomBits`, `test_prng_seeds_and_keys` and the `_RANDOM_VALUES_CASES`
 * table of `testRandomDistributionValues`), and JAX's tutorial on pseudo-random
 * numbers, which splits `PRNGKey(0)` into `[4146024105 967050713]` and
 * `[2718843009 1272950319]` and draws `normal(subkey, (1,)) = [-1.2515389]`. In the table each case's
 * seed is `zlib.adler32((name + 'threefry2x32').encode())`; the seeds are written out
 * below. JAX compares the float cases with a tolerance of 1e-6, as do these tests.
 */
import { describe, expect, it } from 'vitest';
import {
  bernoulli,
  bits,
  foldIn,
  type Key,
  key,
  keyData,
  normal,
  randint,
  split,
  truncatedNormal,
  uniform,
} from '../src/index.js';

/** zlib.adler32 of e.g. b'uniformthreefry2x32'. */
const SEED = {
  bernoulli: 1612777541,
  bits: 942802475,
  normal: 1193674498,
  randint: 1319372649,
  truncated_normal: 2846034731,
  uniform: 1338574713,
} as const;

describe('keys, as jax.random', () => {
  it('split(PRNGKey(0))', () => {
    expect(split(key(0)).map(keyData)).toEqual([
      [4146024105, 967050713],
      [2718843009, 1272950319],
    ]);
  });

  it('split(PRNGKey(0), 4)', () => {
    expect(split(key(0), 4).map(keyData)).toEqual([
      [2285895361, 1501764800],
      [1518642379, 4090693311],
      [433833334, 4221794875],
      [839183663, 3740430601],
    ]);
  });

  it('fold_in(PRNGKey(0), 4)', () => {
    expect(keyData(foldIn(key(0), 4))).toEqual([2285895361, 433833334]);
  });

  // test_prng_seeds_and_keys, with jax_enable_x64=True for the seeds outside
  // [0, 2^32) (see key() for JAX's 32-bit mode).
  it.each([
    [0, [0, 0]],
    [1, [0, 1]],
    [2 ** 31 - 1 + 100, [0, 2147483747]],
    [2 ** 31 - 1 + 101, [0, 2147483748]],
    [-1, [4294967295, 4294967295]],
    [-3, [4294967295, 4294967293]],
    [-(2 ** 31) - 100, [4294967295, 2147483548]],
    [-(2 ** 31) - 101, [4294967295, 2147483547]],
  ])('PRNGKey(%d)', (seed, data) => {
    expect(keyData(key(seed))).toEqual(data);
  });
});

describe('random bits, as jax.random.bits', () => {
  it('PRNGKey(1701), 32-bit, shape (3,)', () => {
    expect([...bits(key(1701), 3)]).toEqual([56197195, 4200222568, 961309823]);
  });

  it('the bits case of the values table, uint32, shape (5,)', () => {
    expect([...bits(key(SEED.bits), 5)]).toEqual([
      1978747883, 4134381225, 3628107870, 689687174, 2788938207,
    ]);
  });

  // JAX (with x64) builds n uint64 values from 2n words: word i is the high half and
  // word n + i the low half. The float64 samplers rely on this layout.
  const uint64 = (k: Parameters<typeof bits>[0], n: number): bigint[] => {
    const w = bits(k, 2 * n);
    return Array.from({ length: n }, (_, i) => (BigInt(w[i]!) << 32n) | BigInt(w[n + i]!));
  };

  it('PRNGKey(1701), 64-bit, shape (3,)', () => {
    expect(uint64(key(1701), 3)).toEqual([
      3982329540505020460n,
      16822122385914693683n,
      7882654074788531506n,
    ]);
  });

  it('the bits case of the values table, uint64, shape (5,)', () => {
    expect(uint64(key(SEED.bits), 5)).toEqual([
      17649965731882839947n,
      1415307058040849897n,
      8282622628079774249n,
      14024425113645909402n,
      2012979996110532418n,
    ]);
  });

  it('float64 uniform takes the top 52 of those 64 bits, as JAX does with x64', () => {
    const expected = [
      17649965731882839947n,
      1415307058040849897n,
      8282622628079774249n,
      14024425113645909402n,
      2012979996110532418n,
    ].map((b) => Number(b >> 12n) * 2 ** -52);
    expect([...uniform(key(SEED.bits), [5], { dtype: 'float64' })]).toEqual(expected);
  });
});

describe('samplers, as jax.random in float32', () => {
  it('normal from the tutorial subkey', () => {
    const [, subkey] = split(key(0)) as [Key, Key];
    expect(normal(subkey, [1])[0]).toBeCloseTo(-1.2515389, 7);
  });

  it('uniform', () => {
    // JAX prints six decimals; the samples are float32 values k * 2^-23.
    const u = uniform(key(SEED.uniform), [5]);
    expect([...u].map((x) => Number(x.toFixed(6)))).toEqual([
      0.298671, 0.073213, 0.873356, 0.260549, 0.412797,
    ]);
    expect([...u].every((x) => Number.isInteger(x * 2 ** 23))).toBe(true);
  });

  it('normal', () => {
    const z = normal(key(SEED.normal), [5]);
    const expected = [-1.173234, -1.511662, 0.070593, -0.099764, 1.052845];
    expected.forEach((e, i) => {
      expect(z[i]).toBeCloseTo(e, 6);
    });
  });

  it('truncated_normal(lower=0, upper=2)', () => {
    const z = truncatedNormal(key(SEED.truncated_normal), 0, 2, [5]);
    const expected = [0.582807, 1.709771, 0.159513, 0.861376, 0.36148];
    expected.forEach((e, i) => {
      expect(z[i]).toBeCloseTo(e, 6);
    });
  });

  it('randint(minval=0, maxval=10)', () => {
    expect([...randint(key(SEED.randint), [5], 0, 10)]).toEqual([0, 5, 7, 7, 5]);
  });

  it('randint(PRNGKey(0), (3, 3), 0, 8) in int32', () => {
    expect([...randint(key(0), [3, 3], 0, 8)]).toEqual([2, 1, 3, 6, 1, 5, 6, 3, 4]);
  });

  it('bernoulli(p=0.5)', () => {
    expect([...bernoulli(key(SEED.bernoulli), 0.5, [5])]).toEqual([0, 1, 1, 1, 0]);
  });
});

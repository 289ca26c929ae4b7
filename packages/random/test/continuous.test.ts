import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Key, key, normal, split, truncatedNormal, uniform } from '../src/index.js';
import { erf } from '../src/special.js';
import {
  CHI2_19_LOWER,
  CHI2_UPPER,
  chiSquare,
  KS_CRITICAL,
  mean,
  scaledKs,
  variance,
  Z_CRITICAL,
  zScore,
} from './stats.js';

const N = 100_000;
const dtypes = ['float32', 'float64'] as const;
const keyArb = fc.nat().map(key);
const phi = (x: number): number => 0.5 * (1 + erf(x / Math.SQRT2));

describe('uniform', () => {
  it('returns the dtype’s typed array with one value per element of the shape', () => {
    expect(uniform(key(0), [2, 3])).toBeInstanceOf(Float32Array);
    expect(uniform(key(0), [2, 3])).toHaveLength(6);
    expect(uniform(key(0), [4], { dtype: 'float64' })).toBeInstanceOf(Float64Array);
    expect(uniform(key(0), [])).toHaveLength(1);
    expect(uniform(key(0), [3, 0])).toHaveLength(0);
  });

  it('is deterministic in the key and differs between split keys', () => {
    const [a, b] = split(key(5)) as [Key, Key];
    expect(uniform(a, [16])).toEqual(uniform(a, [16]));
    expect(uniform(a, [16])).not.toEqual(uniform(b, [16]));
  });

  it('uses 23 random mantissa bits in float32 and 52 in float64', () => {
    const u32 = uniform(key(1), [1000]);
    const u64 = uniform(key(1), [1000], { dtype: 'float64' });
    expect(u32.every((x) => x >= 0 && x < 1 && Number.isInteger(x * 2 ** 23))).toBe(true);
    expect(u64.every((x) => x >= 0 && x < 1 && Number.isInteger(x * 2 ** 52))).toBe(true);
    // With 52 bits, about half of the values need more than 23 of them.
    expect(u64.filter((x) => !Number.isInteger(x * 2 ** 23)).length).toBeGreaterThan(900);
  });

  it.each(dtypes)('%s has mean 1/2 and variance 1/12', (dtype) => {
    const u = uniform(key(2), [N], { dtype });
    // Var(mean) = (1/12)/n; Var(s^2) = (mu4 - sigma^4)/n = (1/80 - 1/144)/n.
    expect(zScore(mean(u), 0.5, Math.sqrt(1 / 12 / N))).toBeLessThan(Z_CRITICAL);
    expect(zScore(variance(u), 1 / 12, Math.sqrt((1 / 80 - 1 / 144) / N))).toBeLessThan(Z_CRITICAL);
  });

  it.each(dtypes)('%s passes a chi-square test over 20 equal bins', (dtype) => {
    const u = uniform(key(3), [N], { dtype });
    const counts = new Array<number>(20).fill(0);
    for (const x of u) counts[Math.floor(x * 20)]!++;
    const stat = chiSquare(counts, new Array<number>(20).fill(N / 20));
    expect(stat).toBeLessThan(CHI2_UPPER[19]!);
    expect(stat).toBeGreaterThan(CHI2_19_LOWER);
  });

  it.each(dtypes)('%s passes a Kolmogorov-Smirnov test', (dtype) => {
    const u = uniform(key(4), [N], { dtype });
    expect(scaledKs(u, (x) => x)).toBeLessThan(KS_CRITICAL);
  });

  it('stays within [minval, maxval]', () => {
    fc.assert(
      fc.property(
        keyArb,
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.constantFrom(...dtypes),
        (k, minval, width, dtype) => {
          const maxval = minval + width;
          const lo = dtype === 'float32' ? Math.fround(minval) : minval;
          const hi = dtype === 'float32' ? Math.fround(maxval) : maxval;
          for (const x of uniform(k, [50], { minval, maxval, dtype })) {
            expect(x).toBeGreaterThanOrEqual(lo);
            expect(x).toBeLessThanOrEqual(hi);
          }
        },
      ),
    );
  });

  it('scales the unit samples affinely', () => {
    const unit = uniform(key(6), [100], { dtype: 'float64' });
    const scaled = uniform(key(6), [100], { minval: -3, maxval: 5, dtype: 'float64' });
    scaled.forEach((x, i) => {
      expect(x).toBeCloseTo(-3 + 8 * unit[i]!, 12);
    });
  });

  it('rejects bad bounds, shapes, dtypes and keys', () => {
    expect(() => uniform(key(0), [3], { minval: 2, maxval: 1 })).toThrow(
      'uniform: minval 2 must be < maxval 1',
    );
    expect(() => uniform(key(0), [3], { minval: 1, maxval: 1 })).toThrow(RangeError);
    expect(() => uniform(key(0), [3], { minval: Number.NaN })).toThrow(
      'uniform: minval=NaN must be a number, not NaN',
    );
    expect(() => uniform(key(0), [3], { maxval: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => uniform(key(0), [3], { minval: -3e38, maxval: 3e38 })).toThrow(
      'uniform: maxval - minval = 6e+38 overflows float32',
    );
    expect(() => uniform(key(0), [2, -1])).toThrow(
      'uniform: shape [2, -1] must contain non-negative integers; dimension 1 is -1',
    );
    expect(() => uniform(key(0), [1.5])).toThrow(RangeError);
    expect(() => uniform(key(0), 3 as unknown as number[])).toThrow(TypeError);
    expect(() => uniform(key(0), [2 ** 16, 2 ** 16])).toThrow(/more than the supported/);
    expect(() => uniform(key(0), [3], { dtype: 'int32' as 'float32' })).toThrow(
      "uniform: dtype 'int32' is not supported (expected 'float32' or 'float64')",
    );
    expect(() => uniform(42 as unknown as Key, [3])).toThrow(
      'uniform: key must be a Key (from key(), split() or foldIn()), got 42',
    );
  });
});

describe('normal', () => {
  it.each(dtypes)('%s has mean 0, variance 1 and kurtosis 3', (dtype) => {
    const z = normal(key(7), [N], { dtype });
    expect(z).toBeInstanceOf(dtype === 'float32' ? Float32Array : Float64Array);
    // Standard errors: 1/sqrt(n) for the mean, sqrt(2/n) for the variance and
    // sqrt(24/n) for the kurtosis (the fourth moment checks the tails, where
    // erfinv is hardest).
    expect(zScore(mean(z), 0, Math.sqrt(1 / N))).toBeLessThan(Z_CRITICAL);
    expect(zScore(variance(z), 1, Math.sqrt(2 / N))).toBeLessThan(Z_CRITICAL);
    const kurtosis = mean(z.map((x) => x ** 4)) / variance(z) ** 2;
    expect(zScore(kurtosis, 3, Math.sqrt(24 / N))).toBeLessThan(Z_CRITICAL);
  });

  it.each(dtypes)('%s passes a Kolmogorov-Smirnov test against Phi', (dtype) => {
    expect(scaledKs(normal(key(8), [N], { dtype }), phi)).toBeLessThan(KS_CRITICAL);
  });

  it('puts 68.27% of the mass within one standard deviation', () => {
    const z = normal(key(9), [N]);
    const inside = z.filter((x) => Math.abs(x) < 1).length / N;
    const p = 0.6826894921370859;
    expect(zScore(inside, p, Math.sqrt((p * (1 - p)) / N))).toBeLessThan(Z_CRITICAL);
  });

  it('is finite and deterministic', () => {
    const z = normal(key(10), [10_000]);
    expect(z.every(Number.isFinite)).toBe(true);
    expect(normal(key(10), [10_000])).toEqual(z);
  });

  it('draws a longer array from different counters, not as an extension (as JAX)', () => {
    // The counts are split in halves, so element 1 of 4 and element 1 of 2 use
    // different counter blocks.
    expect(normal(key(10), [4])[1]).not.toBe(normal(key(10), [2])[1]);
  });

  it('rejects bad shapes and dtypes', () => {
    expect(() => normal(key(0), [-1])).toThrow(
      'normal: shape [-1] must contain non-negative integers; dimension 0 is -1',
    );
    expect(() => normal(key(0), [2], { dtype: 'float16' as 'float32' })).toThrow(TypeError);
  });
});

describe('truncatedNormal', () => {
  it('stays strictly inside (lower, upper)', () => {
    fc.assert(
      fc.property(
        keyArb,
        fc.double({ min: -4, max: 4, noNaN: true }),
        fc.double({ min: 1e-3, max: 4, noNaN: true }),
        fc.constantFrom(...dtypes),
        (k, lower, width, dtype) => {
          const upper = lower + width;
          const lo = dtype === 'float32' ? Math.fround(lower) : lower;
          const hi = dtype === 'float32' ? Math.fround(upper) : upper;
          for (const x of truncatedNormal(k, lower, upper, [50], { dtype })) {
            expect(x).toBeGreaterThan(lo);
            expect(x).toBeLessThan(hi);
          }
        },
      ),
    );
  });

  it.each(dtypes)('%s follows the truncated normal CDF', (dtype) => {
    const [a, b] = [-1, 2];
    const z = truncatedNormal(key(11), a, b, [N], { dtype });
    const cdf = (x: number): number => (phi(x) - phi(a)) / (phi(b) - phi(a));
    expect(scaledKs(z, cdf)).toBeLessThan(KS_CRITICAL);
  });

  it('accepts infinite bounds', () => {
    const halfNormal = truncatedNormal(key(12), 0, Number.POSITIVE_INFINITY, [N]);
    expect(halfNormal.every((x) => x > 0 && Number.isFinite(x))).toBe(true);
    // E|Z| = sqrt(2/pi), Var|Z| = 1 - 2/pi.
    expect(
      zScore(mean(halfNormal), Math.sqrt(2 / Math.PI), Math.sqrt((1 - 2 / Math.PI) / N)),
    ).toBeLessThan(Z_CRITICAL);
    const whole = truncatedNormal(key(13), -Infinity, Infinity, [N], { dtype: 'float64' });
    expect(scaledKs(whole, phi)).toBeLessThan(KS_CRITICAL);
  });

  it('rejects bad bounds', () => {
    expect(() => truncatedNormal(key(0), 1, -1, [3])).toThrow(
      'truncatedNormal: lower 1 must be < upper -1',
    );
    expect(() => truncatedNormal(key(0), 0, 0, [3])).toThrow(RangeError);
    expect(() => truncatedNormal(key(0), Number.NaN, 1, [3])).toThrow(
      'truncatedNormal: lower=NaN must be a number, not NaN',
    );
  });
});

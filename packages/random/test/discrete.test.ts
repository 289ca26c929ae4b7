import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bernoulli,
  bits,
  choice,
  foldIn,
  type Key,
  key,
  permutation,
  randint,
  split,
} from '../src/index.js';
import { CHI2_UPPER, chiSquare, histogram, mean, Z_CRITICAL, zScore } from './stats.js';

const N = 100_000;
const keyArb = fc.nat().map(key);
const isPermutation = (xs: Int32Array): boolean =>
  [...xs].sort((a, b) => a - b).every((x, i) => x === i);

describe('bernoulli', () => {
  it('returns 0s and 1s with frequency p', () => {
    const x = bernoulli(key(0), 0.3, [N]);
    expect(x).toBeInstanceOf(Uint8Array);
    expect(x.every((v) => v === 0 || v === 1)).toBe(true);
    expect(zScore(mean(x), 0.3, Math.sqrt((0.3 * 0.7) / N))).toBeLessThan(Z_CRITICAL);
  });

  it('is all zeros for p = 0 and all ones for p = 1', () => {
    expect(bernoulli(key(1), 0, [1000]).every((v) => v === 0)).toBe(true);
    expect(bernoulli(key(1), 1, [1000]).every((v) => v === 1)).toBe(true);
  });

  it('is deterministic and has the shape’s size', () => {
    expect(bernoulli(key(2), 0.5, [4, 5])).toEqual(bernoulli(key(2), 0.5, [4, 5]));
    expect(bernoulli(key(2), 0.5, [4, 5])).toHaveLength(20);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => bernoulli(key(0), 1.5, [3])).toThrow('bernoulli: p=1.5 is outside [0, 1]');
    expect(() => bernoulli(key(0), -0.1, [3])).toThrow(RangeError);
    expect(() => bernoulli(key(0), Number.NaN, [3])).toThrow(RangeError);
  });
});

describe('randint', () => {
  const bounds = fc
    .tuple(
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
    )
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

  it('stays in [minval, maxval)', () => {
    fc.assert(
      fc.property(keyArb, bounds, (k, [minval, maxval]) => {
        for (const x of randint(k, [20], minval, maxval)) {
          expect(x).toBeGreaterThanOrEqual(minval);
          expect(x).toBeLessThan(maxval);
        }
      }),
    );
  });

  it('is minval + (hi * 2^32 + lo) mod span, with hi and lo from the split keys', () => {
    // BigInt is the oracle for the documented method and its exact remainder.
    fc.assert(
      fc.property(keyArb, bounds, (k, [minval, maxval]) => {
        const [highKey, lowKey] = split(k) as [Key, Key];
        const hi = bits(highKey, 8);
        const lo = bits(lowKey, 8);
        const span = BigInt(maxval - minval);
        const expected = [...hi].map(
          (h, i) => minval + Number(((BigInt(h) << 32n) | BigInt(lo[i]!)) % span),
        );
        expect([...randint(k, [8], minval, maxval)]).toEqual(expected);
      }),
    );
  });

  it('is uniform over a small range (chi-square, 10 values)', () => {
    const counts = histogram(randint(key(3), [N], 0, 10), 10);
    expect(chiSquare(counts, new Array<number>(10).fill(N / 10))).toBeLessThan(CHI2_UPPER[9]!);
  });

  it('is uniform over a range wider than 2^16 that does not divide 2^32', () => {
    // span = 3 * 2^29. Reducing one 32-bit word modulo span would put 3/8, 3/8 and
    // 2/8 of the mass in the three thirds; the 64-bit reduction puts 1/3 in each.
    const third = 2 ** 29;
    const x = randint(key(4), [N], 0, 3 * third);
    const counts = histogram(
      x.map((v) => Math.floor(v / third)),
      3,
    );
    expect(chiSquare(counts, [N / 3, N / 3, N / 3])).toBeLessThan(CHI2_UPPER[2]!);
  });

  it('covers the whole int32 range', () => {
    const x = randint(key(5), [1000], -(2 ** 31), 2 ** 31);
    expect(x.some((v) => v < 0) && x.some((v) => v > 0)).toBe(true);
  });

  it('rejects bad bounds', () => {
    expect(() => randint(key(0), [3], 5, 5)).toThrow('randint: minval 5 must be < maxval 5');
    expect(() => randint(key(0), [3], 0.5, 5)).toThrow(
      'randint: minval=0.5 must be an integer in [-2147483648, 2147483647]',
    );
    expect(() => randint(key(0), [3], 0, 2 ** 31 + 1)).toThrow(
      'randint: maxval=2147483649 must be an integer in [-2147483647, 2147483648]',
    );
    expect(() => randint(key(0), [-3], 0, 2)).toThrow(RangeError);
  });
});

describe('permutation', () => {
  it('is a permutation of 0..n-1', () => {
    fc.assert(
      fc.property(keyArb, fc.integer({ min: 0, max: 300 }), (k, n) => {
        const p = permutation(k, n);
        expect(p).toHaveLength(n);
        expect(isPermutation(p)).toBe(true);
      }),
    );
  });

  it('is a permutation with two sorting rounds (n > 1625)', () => {
    expect(isPermutation(permutation(key(6), 5000))).toBe(true);
  });

  it('is deterministic and leaves a single element in place', () => {
    expect(permutation(key(7), 50)).toEqual(permutation(key(7), 50));
    expect([...permutation(key(7), 1)]).toEqual([0]);
  });

  it('makes all 6 orders of 3 elements equally likely', () => {
    const base = key(8);
    const trials = 12_000;
    const counts = new Array<number>(6).fill(0);
    const orders = ['012', '021', '102', '120', '201', '210'];
    for (let i = 0; i < trials; i++) {
      counts[orders.indexOf(permutation(foldIn(base, i), 3).join(''))]!++;
    }
    expect(chiSquare(counts, new Array<number>(6).fill(trials / 6))).toBeLessThan(CHI2_UPPER[5]!);
  });

  it('rejects bad sizes', () => {
    expect(() => permutation(key(0), -1)).toThrow(
      'permutation: n=-1 must be an integer in [0, 2147483647]',
    );
    expect(() => permutation(key(0), 2.5)).toThrow(RangeError);
  });
});

describe('choice', () => {
  it('with replacement and no weights is randint(key, shape, 0, n)', () => {
    expect(choice(key(9), 10, [4, 5])).toEqual(randint(key(9), [4, 5], 0, 10));
  });

  it('without replacement gives distinct values, the start of a permutation', () => {
    fc.assert(
      fc.property(
        keyArb,
        fc.integer({ min: 1, max: 200 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n))),
        (k, [n, size]) => {
          const x = choice(k, n, [size], { replace: false });
          expect(new Set(x).size).toBe(size);
          expect(x.every((v) => v >= 0 && v < n)).toBe(true);
          expect(x).toEqual(permutation(k, n).slice(0, size));
        },
      ),
    );
  });

  it('with weights and replacement draws in proportion and never a zero weight', () => {
    const p = [0.5, 0.3, 0.2, 0];
    const counts = histogram(choice(key(10), 4, [N], { p }), 4);
    expect(counts[3]).toBe(0);
    const expected = p.slice(0, 3).map((w) => w * N);
    expect(chiSquare(counts.slice(0, 3), expected)).toBeLessThan(CHI2_UPPER[2]!);
  });

  it('normalises unnormalised weights', () => {
    expect(choice(key(11), 3, [50], { p: [2, 6, 2] })).toEqual(
      choice(key(11), 3, [50], { p: [0.2, 0.6, 0.2] }),
    );
  });

  it('with weights and no replacement gives distinct values and skips zero weights', () => {
    fc.assert(
      fc.property(keyArb, (k) => {
        const x = choice(k, 6, [4], { replace: false, p: [1, 0, 2, 3, 0, 4] });
        expect(new Set(x).size).toBe(4);
        expect([...x].sort()).toEqual([0, 2, 3, 5]);
      }),
    );
  });

  it('with weights and no replacement picks the first value in proportion', () => {
    const base = key(12);
    const trials = 20_000;
    const p = [0.6, 0.3, 0.1];
    const firsts = Int32Array.from({ length: trials }, (_, i) => {
      return choice(foldIn(base, i), 3, [2], { replace: false, p })[0]!;
    });
    const counts = histogram(firsts, 3);
    expect(
      chiSquare(
        counts,
        p.map((w) => w * trials),
      ),
    ).toBeLessThan(CHI2_UPPER[2]!);
  });

  it('handles empty draws', () => {
    expect(choice(key(0), 0, [0])).toEqual(new Int32Array(0));
    expect(choice(key(0), 5, [2, 0], { replace: false })).toEqual(new Int32Array(0));
  });

  it('rejects impossible or malformed requests', () => {
    expect(() => choice(key(0), 3, [5], { replace: false })).toThrow(
      'choice: cannot draw 5 values without replacement from n=3',
    );
    expect(() => choice(key(0), 0, [1])).toThrow('choice: cannot draw 1 values from n=0');
    expect(() => choice(key(0), 3, [1], { p: [0.5, 0.5] })).toThrow(
      'choice: p has 2 entries but n is 3',
    );
    expect(() => choice(key(0), 2, [1], { p: [0.5, -0.5] })).toThrow(
      'choice: p[1]=-0.5 must be a finite, non-negative number',
    );
    expect(() => choice(key(0), 2, [1], { p: [0, 0] })).toThrow(
      'choice: p must have a positive sum',
    );
    expect(() => choice(key(0), 3, [3], { replace: false, p: [1, 0, 1] })).toThrow(
      'choice: cannot draw 3 distinct values when only 2 have non-zero probability',
    );
    expect(() => choice(key(0), -1, [1])).toThrow(RangeError);
  });
});

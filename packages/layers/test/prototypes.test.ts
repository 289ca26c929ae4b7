import { key } from '@tessera/random';
import { argmin, type Tensor, tensor } from '@tessera/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOLD_DIGIT_BITMAPS,
  BOLD_DIGIT_PROTOTYPES,
  DIGIT_BITMAPS,
  DIGIT_PROTOTYPES,
  LayerConfigError,
  LayerShapeError,
  randomPrototypes,
  rbf,
} from '../src/index.js';
import { expectClose, randn } from './helpers.js';

/** Hamming distances between every pair of rows of a +1/-1 tensor `[K, D]`, sorted. */
function pairDistances(codes: Tensor): number[] {
  const [k, d] = codes.shape as [number, number];
  const v = codes.data();
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      let h = 0;
      for (let t = 0; t < d; t++) if (v[i * d + t] !== v[j * d + t]) h++;
      out.push(h);
    }
  }
  return out.sort((a, b) => a - b);
}

describe.each([
  ['DIGIT_PROTOTYPES', DIGIT_BITMAPS, DIGIT_PROTOTYPES, 8],
  ['BOLD_DIGIT_PROTOTYPES', BOLD_DIGIT_BITMAPS, BOLD_DIGIT_PROTOTYPES, 10],
] as const)('%s', (_, bitmaps, prototypes, closest) => {
  it('are ten 7x12 bitmaps coded +1/-1, flattened row by row to [10, 84] float32', () => {
    expect(prototypes.shape).toEqual([10, 84]);
    expect(prototypes.dtype).toBe('float32');
    expect(new Set(prototypes.data())).toEqual(new Set([1, -1]));
    expect(bitmaps).toHaveLength(10);
    bitmaps.forEach((rows, d) => {
      expect(rows).toHaveLength(12);
      for (const row of rows) expect(row).toMatch(/^[#.]{7}$/);
      const coded = [...rows.join('')].map((c) => (c === '#' ? 1 : -1));
      expect(Array.from(prototypes.data().slice(84 * d, 84 * (d + 1)))).toEqual(coded);
    });
  });

  it(`are pairwise distinct by at least ${closest} pixels`, () => {
    expect(pairDistances(prototypes)[0]).toBe(closest);
  });
});

describe('BOLD_DIGIT_PROTOTYPES', () => {
  it('are further apart than the thin ones: median pair 29 pixels against 25', () => {
    expect(pairDistances(BOLD_DIGIT_PROTOTYPES)[22]).toBe(29);
    expect(pairDistances(DIGIT_PROTOTYPES)[22]).toBe(25);
  });
});

describe('randomPrototypes', () => {
  it('draws +1/-1 codes [classes, length], reproducibly from the key, about half of them +1', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 64, max: 256 }),
        (seed, classes, length) => {
          const codes = randomPrototypes(key(seed), classes, length);
          expect(codes.shape).toEqual([classes, length]);
          expect(codes.dtype).toBe('float32');
          const v = Array.from(codes.data());
          expect(v.every((x) => x === 1 || x === -1)).toBe(true);
          expect(Array.from(randomPrototypes(key(seed), classes, length).data())).toEqual(v);
          // The count of +1 is Binomial(n, 1/2): within 5 standard deviations of n / 2.
          const n = v.length;
          const ones = v.filter((x) => x === 1).length;
          expect(Math.abs(ones - n / 2)).toBeLessThan(5 * Math.sqrt(n / 4));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('puts ten codes of length 84 much further apart than the bitmaps (key 1998)', () => {
    const d = pairDistances(randomPrototypes(key(1998), 10, 84));
    expect(d[0]).toBe(33);
    expect(d[22]).toBe(42);
  });

  it('rejects a count that is not a positive integer, naming it', () => {
    expect(() => randomPrototypes(key(0), 0, 84)).toThrow(LayerConfigError);
    expect(() => randomPrototypes(key(0), 10, 2.5)).toThrow(
      /length must be a positive integer, got 2.5/,
    );
  });
});

describe('rbf', () => {
  it('computes y_i = sum_j (x_j - w_ij)^2 (equation 7)', () => {
    const w = tensor(
      [
        [0, 0],
        [1, 2],
        [-1, 1],
      ],
      { dtype: 'float64' },
    );
    const x = tensor(
      [
        [1, 1],
        [0, 0],
      ],
      { dtype: 'float64' },
    );
    const layer = rbf(w);
    expect(layer.init(key(0), [2])).toEqual([[3], null]);
    // [1,1]: 2, 0 + 1 = 1, 4 + 0 = 4; [0,0]: 0, 5, 2
    expect(layer.apply(null, x).toArray()).toEqual([
      [2, 1, 4],
      [0, 5, 2],
    ]);
  });

  it('recognises each default prototype as its own digit, in float32 and float64', () => {
    const out = rbf();
    expect(argmin(out.apply(null, DIGIT_PROTOTYPES), { axis: 1 }).toArray()).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    const noisy = randn(0, [10, 84]);
    const y = out.apply(null, noisy);
    expect(y.dtype).toBe('float64');
    const x = Array.from(noisy.data());
    const p = Array.from(DIGIT_PROTOTYPES.data());
    const expected = Array.from({ length: 100 }, (_, k) => {
      const [n, i] = [Math.floor(k / 10), k % 10];
      return x.slice(84 * n, 84 * n + 84).reduce((s, v, j) => s + (v - p[84 * i + j]!) ** 2, 0);
    });
    expectClose(y.data(), expected, 1e-12);
  });

  it('has no trainable parameters and checks its input length', () => {
    expect(rbf().init(key(0), [84])[1]).toBeNull();
    expect(() => rbf().init(key(0), [80])).toThrow(LayerShapeError);
    expect(() => rbf().init(key(0), [80])).toThrow(/\[84\].*\[80\]/);
  });
});

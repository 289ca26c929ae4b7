import { key } from '@tessera/random';
import { argmin, tensor } from '@tessera/tensor';
import { describe, expect, it } from 'vitest';
import { DIGIT_BITMAPS, DIGIT_PROTOTYPES, LayerShapeError, rbf } from '../src/index.js';
import { expectClose, randn } from './helpers.js';

describe('DIGIT_PROTOTYPES', () => {
  it('are ten 7x12 bitmaps coded +1/-1, flattened row by row to [10, 84] float32', () => {
    expect(DIGIT_PROTOTYPES.shape).toEqual([10, 84]);
    expect(DIGIT_PROTOTYPES.dtype).toBe('float32');
    expect(new Set(DIGIT_PROTOTYPES.data())).toEqual(new Set([1, -1]));
    expect(DIGIT_BITMAPS).toHaveLength(10);
    DIGIT_BITMAPS.forEach((rows, d) => {
      expect(rows).toHaveLength(12);
      for (const row of rows) expect(row).toMatch(/^[#.]{7}$/);
      const coded = [...rows.join('')].map((c) => (c === '#' ? 1 : -1));
      expect(Array.from(DIGIT_PROTOTYPES.data().slice(84 * d, 84 * (d + 1)))).toEqual(coded);
    });
  });

  it('are pairwise distinct by at least 8 pixels', () => {
    const rows = DIGIT_BITMAPS.map((r) => r.join(''));
    let closest = Infinity;
    rows.forEach((a, i) => {
      rows.slice(i + 1).forEach((b) => {
        closest = Math.min(closest, [...a].filter((c, k) => c !== b[k]).length);
      });
    });
    expect(closest).toBeGreaterThanOrEqual(8);
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

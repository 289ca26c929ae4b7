import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pool2dGeometry } from '../src/index.js';
import { dot, f32, f64, guarded as k, smallInt, values, valuesOf } from './helpers.js';

interface Case {
  readonly shape: readonly [number, number, number, number];
  readonly geometry: Pool2dGeometry;
  readonly oh: number;
  readonly ow: number;
}

const cases: fc.Arbitrary<Case> = fc
  .record({
    n: fc.integer({ min: 1, max: 2 }),
    c: fc.integer({ min: 1, max: 2 }),
    h: fc.integer({ min: 1, max: 6 }),
    w: fc.integer({ min: 1, max: 6 }),
    kh: fc.integer({ min: 1, max: 3 }),
    kw: fc.integer({ min: 1, max: 3 }),
    sh: fc.integer({ min: 1, max: 3 }),
    sw: fc.integer({ min: 1, max: 3 }),
  })
  .filter((r) => r.kh <= r.h && r.kw <= r.w)
  .map((r) => ({
    shape: [r.n, r.c, r.h, r.w] as const,
    geometry: { window: [r.kh, r.kw], strides: [r.sh, r.sw] } as const,
    oh: Math.floor((r.h - r.kh) / r.sh) + 1,
    ow: Math.floor((r.w - r.kw) / r.sw) + 1,
  }));

/** A case with x (few distinct values, so ties are common), t and dy. */
const withValues = cases.chain((cs) =>
  fc.tuple(
    fc.constant(cs),
    valuesOf(cs.shape, fc.integer({ min: -2, max: 2 })),
    valuesOf(cs.shape, smallInt),
    valuesOf([cs.shape[0], cs.shape[1], cs.oh, cs.ow], smallInt),
  ),
);

/** Flat index of each window's first maximum, by a naive scan written here. */
function firstMaxima(cs: Case, x: readonly number[]): number[] {
  const [n, c, h, w] = cs.shape;
  const [kh, kw] = cs.geometry.window;
  const [sh, sw] = cs.geometry.strides;
  const out: number[] = [];
  for (let p = 0; p < n * c; p++) {
    for (let r = 0; r < cs.oh; r++) {
      for (let s = 0; s < cs.ow; s++) {
        let best = -Infinity;
        let at = -1;
        for (let i = 0; i < kh; i++) {
          for (let j = 0; j < kw; j++) {
            const idx = (p * h + r * sh + i) * w + s * sw + j;
            if (at < 0 || x[idx]! > best) {
              best = x[idx]!;
              at = idx;
            }
          }
        }
        out.push(at);
      }
    }
  }
  return out;
}

describe('sumPool2d', () => {
  it('sums windows with unequal strides by hand, and spreads back', () => {
    const x = f64([1, 1, 3, 4], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const geometry = { window: [2, 2], strides: [1, 2] } as const;
    expect(k.sumPool2d(x, geometry)).toEqual(f64([1, 1, 2, 2], [14, 22, 30, 38]));
    const dx = k.sumPool2dBackward(f64([1, 1, 2, 2], [1, 1, 1, 1]), {
      ...geometry,
      inputShape: x.shape,
    });
    // The middle row lies in two overlapping windows.
    expect(dx).toEqual(f64([1, 1, 3, 4], [1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1]));
  });

  it('drops windows that do not fit', () => {
    const x = f64([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const geometry = { window: [2, 2], strides: [2, 2] } as const;
    expect(k.sumPool2d(x, geometry)).toEqual(f64([1, 1, 1, 1], [12]));
    const dx = k.sumPool2dBackward(f64([1, 1, 1, 1], [5]), { ...geometry, inputShape: x.shape });
    expect(values(dx)).toEqual([5, 5, 0, 5, 5, 0, 0, 0, 0]);
  });

  it('<sumPool2d(x), dy> = <x, sumPool2dBackward(dy)>', () => {
    fc.assert(
      fc.property(withValues, ([cs, xv, , dyv]) => {
        const x = f64(cs.shape, xv);
        const y = k.sumPool2d(x, cs.geometry);
        expect(y.shape).toEqual([cs.shape[0], cs.shape[1], cs.oh, cs.ow]);
        const dy = f64(y.shape, dyv);
        const dx = k.sumPool2dBackward(dy, { ...cs.geometry, inputShape: cs.shape });
        expect(dot(y, dy)).toBe(dot(x, dx));
      }),
    );
  });
});

describe('maxPool2d', () => {
  // 1 3 3
  // 3 2 3
  // 0 3 1      2x2 windows, stride 1: every window has tied maxima (3).
  const x = f64([1, 1, 3, 3], [1, 3, 3, 3, 2, 3, 0, 3, 1]);
  const geometry = { window: [2, 2], strides: [1, 1] } as const;

  it('takes window maxima; the first maximum wins ties', () => {
    expect(k.maxPool2d(x, geometry)).toEqual(f64([1, 1, 2, 2], [3, 3, 3, 3]));
    // First maxima (row-major within each window) sit at flat indices 1, 1, 3, 5.
    const t = f64([1, 1, 3, 3], [0, 10, 20, 30, 40, 50, 60, 70, 80]);
    expect(k.maxPool2dGather(x, t, geometry)).toEqual(f64([1, 1, 2, 2], [10, 10, 30, 50]));
    const dy = f64([1, 1, 2, 2], [1, 10, 100, 1000]);
    // Overlapping windows 0 and 1 share their first maximum: their dy values add.
    expect(k.maxPool2dScatter(x, dy, geometry)).toEqual(
      f64([1, 1, 3, 3], [0, 11, 0, 100, 0, 1000, 0, 0, 0]),
    );
  });

  it('propagates NaN and routes to the first NaN of a window', () => {
    const y = f64([1, 1, 2, 2], [1, Number.NaN, 5, Number.NaN]);
    const g = { window: [2, 2], strides: [1, 1] } as const;
    expect(values(k.maxPool2d(y, g))).toEqual([Number.NaN]);
    const t = f64([1, 1, 2, 2], [1, 2, 3, 4]);
    expect(values(k.maxPool2dGather(y, t, g))).toEqual([2]);
    expect(values(k.maxPool2dScatter(y, f64([1, 1, 1, 1], [7]), g))).toEqual([0, 7, 0, 0]);
  });

  it('agrees with a naive first-maximum scan', () => {
    fc.assert(
      fc.property(withValues, ([cs, xv, tv, dyv]) => {
        const x = f64(cs.shape, xv);
        const at = firstMaxima(cs, xv);
        expect(values(k.maxPool2d(x, cs.geometry))).toEqual(at.map((i) => xv[i]));
        const t = f64(cs.shape, tv);
        expect(values(k.maxPool2dGather(x, t, cs.geometry))).toEqual(at.map((i) => tv[i]));
        const expected = new Array<number>(xv.length).fill(0);
        at.forEach((i, o) => {
          expected[i]! += dyv[o]!;
        });
        const dy = f64([cs.shape[0], cs.shape[1], cs.oh, cs.ow], dyv);
        expect(values(k.maxPool2dScatter(x, dy, cs.geometry))).toEqual(expected);
      }),
    );
  });

  it('<maxPool2dGather(x, t), dy> = <t, maxPool2dScatter(x, dy)>', () => {
    fc.assert(
      fc.property(withValues, ([cs, xv, tv, dyv]) => {
        const x = f64(cs.shape, xv);
        const t = f64(cs.shape, tv);
        const dy = f64([cs.shape[0], cs.shape[1], cs.oh, cs.ow], dyv);
        const g = k.maxPool2dGather(x, t, cs.geometry);
        const s = k.maxPool2dScatter(x, dy, cs.geometry);
        expect(s.shape).toEqual(x.shape);
        expect(dot(g, dy)).toBe(dot(t, s));
      }),
    );
  });

  it('keeps float32 and rounds scatter sums once', () => {
    const y = f32([1, 1, 1, 3], [5, 1, 0]);
    const g = { window: [1, 2], strides: [1, 1] } as const;
    expect(k.maxPool2d(y, g)).toEqual(f32([1, 1, 1, 2], [5, 1]));
    // Three overlapping windows share their maximum; their dy values are summed in a double:
    // 2^24 + 1 + 1 is a float32, whereas rounding after each addition would give 2^24.
    const s = k.maxPool2dScatter(
      f32([1, 1, 1, 5], [0, 0, 9, 0, 0]),
      f32([1, 1, 1, 3], [2 ** 24, 1, 1]),
      {
        window: [1, 3],
        strides: [1, 1],
      },
    );
    expect(s.dtype).toBe('float32');
    expect(values(s)).toEqual([0, 0, 2 ** 24 + 2, 0, 0]);
  });
});

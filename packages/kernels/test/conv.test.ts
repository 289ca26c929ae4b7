import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Conv2dGeometry } from '../src/index.js';
import {
  dot,
  expectClose,
  f32,
  f64,
  float32Value,
  guarded as k,
  smallInt,
  values,
  valuesOf,
} from './helpers.js';

interface Case {
  readonly n: number;
  readonly c: number;
  readonly o: number;
  readonly h: number;
  readonly w: number;
  readonly kh: number;
  readonly kw: number;
  readonly geometry: Conv2dGeometry;
  readonly oh: number;
  readonly ow: number;
}

/** Random conv geometries whose padded input fits at least one window. */
const cases: fc.Arbitrary<Case> = fc
  .record({
    n: fc.integer({ min: 1, max: 2 }),
    c: fc.integer({ min: 1, max: 3 }),
    o: fc.integer({ min: 1, max: 3 }),
    h: fc.integer({ min: 1, max: 6 }),
    w: fc.integer({ min: 1, max: 6 }),
    kh: fc.integer({ min: 1, max: 3 }),
    kw: fc.integer({ min: 1, max: 3 }),
    sh: fc.integer({ min: 1, max: 3 }),
    sw: fc.integer({ min: 1, max: 3 }),
    pads: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
  })
  .filter((r) => r.h + r.pads[0] + r.pads[1] >= r.kh && r.w + r.pads[2] + r.pads[3] >= r.kw)
  .map((r) => {
    const [top, bottom, left, right] = r.pads;
    return {
      n: r.n,
      c: r.c,
      o: r.o,
      h: r.h,
      w: r.w,
      kh: r.kh,
      kw: r.kw,
      geometry: {
        strides: [r.sh, r.sw],
        padding: [
          [top, bottom],
          [left, right],
        ],
      },
      oh: Math.floor((r.h + top + bottom - r.kh) / r.sh) + 1,
      ow: Math.floor((r.w + left + right - r.kw) / r.sw) + 1,
    } satisfies Case;
  });

/** A case with values for x, w and dy. */
function withValues(value: fc.Arbitrary<number>) {
  return cases.chain((cs) =>
    fc.tuple(
      fc.constant(cs),
      valuesOf([cs.n, cs.c, cs.h, cs.w], value),
      valuesOf([cs.o, cs.c, cs.kh, cs.kw], value),
      valuesOf([cs.n, cs.o, cs.oh, cs.ow], value),
    ),
  );
}

/**
 * conv2d written independently: pad x explicitly, unfold every window into a row of an
 * `[N * OH * OW, C * KH * KW]` matrix (im2col), multiply by the `[C * KH * KW, O]` filter
 * matrix, and reorder `[N, OH, OW, O]` to `[N, O, OH, OW]`.
 */
function im2colConv(cs: Case, x: readonly number[], w: readonly number[]): number[] {
  const [sh, sw] = cs.geometry.strides;
  const [[top, bottom], [left, right]] = cs.geometry.padding;
  const hp = cs.h + top + bottom;
  const wp = cs.w + left + right;
  const padded: number[][][][] = [];
  for (let n = 0; n < cs.n; n++) {
    padded.push([]);
    for (let c = 0; c < cs.c; c++) {
      const plane: number[][] = [];
      for (let i = 0; i < hp; i++) {
        const row: number[] = [];
        for (let j = 0; j < wp; j++) {
          const ih = i - top;
          const iw = j - left;
          const inside = ih >= 0 && ih < cs.h && iw >= 0 && iw < cs.w;
          row.push(inside ? x[((n * cs.c + c) * cs.h + ih) * cs.w + iw]! : 0);
        }
        plane.push(row);
      }
      padded[n]!.push(plane);
    }
  }
  const cols: number[][] = [];
  for (let n = 0; n < cs.n; n++) {
    for (let r = 0; r < cs.oh; r++) {
      for (let s = 0; s < cs.ow; s++) {
        const col: number[] = [];
        for (let c = 0; c < cs.c; c++) {
          for (let i = 0; i < cs.kh; i++) {
            for (let j = 0; j < cs.kw; j++) col.push(padded[n]![c]![r * sh + i]![s * sw + j]!);
          }
        }
        cols.push(col);
      }
    }
  }
  const taps = cs.c * cs.kh * cs.kw;
  const out = new Array<number>(cs.n * cs.o * cs.oh * cs.ow).fill(0);
  cols.forEach((col, rowIndex) => {
    const n = Math.floor(rowIndex / (cs.oh * cs.ow));
    const pos = rowIndex % (cs.oh * cs.ow);
    for (let o = 0; o < cs.o; o++) {
      let acc = 0;
      for (let t = 0; t < taps; t++) acc += col[t]! * w[o * taps + t]!;
      out[(n * cs.o + o) * cs.oh * cs.ow + pos] = acc;
    }
  });
  return out;
}

describe('conv2d', () => {
  it('stride 2 and asymmetric padding on a 1x1x4x4 input, by hand', () => {
    const x = f64([1, 1, 4, 4], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const w = f64([1, 1, 3, 3], [1, 0, -1, 2, 1, 0, 0, 1, 1]);
    // One zero row on top, one zero column on the right: a 5x5 padded input, 2x2 output.
    // (0,0): rows -1..1, cols 0..2 -> 0 + (2*1 + 1*2) + (1*6 + 1*7)        = 17
    // (0,1): rows -1..1, cols 2..4 -> 0 + (2*3 + 1*4 + 0) + (1*8 + 0)       = 18
    // (1,0): rows 1..3,  cols 0..2 -> (5 - 7) + (2*9 + 10) + (14 + 15)      = 55
    // (1,1): rows 1..3,  cols 2..4 -> (7 - 0) + (2*11 + 12) + (16 + 0)      = 57
    const geometry = {
      strides: [2, 2],
      padding: [
        [1, 0],
        [0, 1],
      ],
    } as const;
    expect(k.conv2d(x, w, geometry)).toEqual(f64([1, 1, 2, 2], [17, 18, 55, 57]));
  });

  it('backward passes by hand', () => {
    const ones = f64([1, 1, 2, 2], [1, 1, 1, 1]);
    const geometry = {
      strides: [1, 1],
      padding: [
        [0, 0],
        [0, 0],
      ],
    } as const;
    const dx = k.conv2dBackwardInput(ones, ones, { ...geometry, inputShape: [1, 1, 3, 3] });
    expect(dx).toEqual(f64([1, 1, 3, 3], [1, 2, 1, 2, 4, 2, 1, 2, 1]));
    const x = f64([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const dw = k.conv2dBackwardFilter(x, ones, { ...geometry, filterShape: [1, 1, 2, 2] });
    expect(dw).toEqual(f64([1, 1, 2, 2], [12, 16, 24, 28]));
    // Stride 2 over 4x4 with a 3x3 filter: one window; row and column 3 get no gradient.
    const g = {
      strides: [2, 2],
      padding: [
        [0, 0],
        [0, 0],
      ],
      inputShape: [1, 1, 4, 4],
    } as const;
    const w = f64([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const dx2 = k.conv2dBackwardInput(f64([1, 1, 1, 1], [2]), w, g);
    expect(values(dx2)).toEqual([2, 4, 6, 0, 8, 10, 12, 0, 14, 16, 18, 0, 0, 0, 0, 0]);
  });

  it('equals an im2col + matmul formulation', () => {
    fc.assert(
      fc.property(withValues(fc.double({ min: -2, max: 2, noNaN: true })), ([cs, xv, wv]) => {
        const y = k.conv2d(
          f64([cs.n, cs.c, cs.h, cs.w], xv),
          f64([cs.o, cs.c, cs.kh, cs.kw], wv),
          cs.geometry,
        );
        expect(y.shape).toEqual([cs.n, cs.o, cs.oh, cs.ow]);
        const expected = im2colConv(cs, xv, wv);
        values(y).forEach((v, i) => {
          expectClose(v, expected[i]!);
        });
      }),
    );
  });

  it('<conv2d(x, w), dy> = <x, backwardInput(dy, w)> = <w, backwardFilter(x, dy)>', () => {
    fc.assert(
      fc.property(withValues(smallInt), ([cs, xv, wv, dyv]) => {
        const x = f64([cs.n, cs.c, cs.h, cs.w], xv);
        const w = f64([cs.o, cs.c, cs.kh, cs.kw], wv);
        const dy = f64([cs.n, cs.o, cs.oh, cs.ow], dyv);
        const y = k.conv2d(x, w, cs.geometry);
        const dx = k.conv2dBackwardInput(dy, w, { ...cs.geometry, inputShape: x.shape });
        const dw = k.conv2dBackwardFilter(x, dy, { ...cs.geometry, filterShape: w.shape });
        expect(dx.shape).toEqual(x.shape);
        expect(dw.shape).toEqual(w.shape);
        // Small integers: every sum is exact, so the identities hold exactly.
        const lhs = dot(y, dy);
        expect(dot(x, dx)).toBe(lhs);
        expect(dot(w, dw)).toBe(lhs);
      }),
    );
  });

  it('adjoint identities hold to rounding on random doubles', () => {
    fc.assert(
      fc.property(withValues(fc.double({ min: -1, max: 1, noNaN: true })), ([cs, xv, wv, dyv]) => {
        const x = f64([cs.n, cs.c, cs.h, cs.w], xv);
        const w = f64([cs.o, cs.c, cs.kh, cs.kw], wv);
        const dy = f64([cs.n, cs.o, cs.oh, cs.ow], dyv);
        const lhs = dot(k.conv2d(x, w, cs.geometry), dy);
        const scale = xv.length * wv.length * dyv.length;
        const dx = k.conv2dBackwardInput(dy, w, { ...cs.geometry, inputShape: x.shape });
        const dw = k.conv2dBackwardFilter(x, dy, { ...cs.geometry, filterShape: w.shape });
        expectClose(dot(x, dx), lhs, 1e-12, 1e-15 * scale);
        expectClose(dot(w, dw), lhs, 1e-12, 1e-15 * scale);
      }),
    );
  });

  it('float32 results equal the float64 results rounded, for all three kernels', () => {
    fc.assert(
      fc.property(withValues(float32Value), ([cs, xv, wv, dyv]) => {
        const xs = [cs.n, cs.c, cs.h, cs.w];
        const ws = [cs.o, cs.c, cs.kh, cs.kw];
        const ys = [cs.n, cs.o, cs.oh, cs.ow];
        const pairs = [
          [
            k.conv2d(f32(xs, xv), f32(ws, wv), cs.geometry),
            k.conv2d(f64(xs, xv), f64(ws, wv), cs.geometry),
          ],
          [
            k.conv2dBackwardInput(f32(ys, dyv), f32(ws, wv), { ...cs.geometry, inputShape: xs }),
            k.conv2dBackwardInput(f64(ys, dyv), f64(ws, wv), { ...cs.geometry, inputShape: xs }),
          ],
          [
            k.conv2dBackwardFilter(f32(xs, xv), f32(ys, dyv), { ...cs.geometry, filterShape: ws }),
            k.conv2dBackwardFilter(f64(xs, xv), f64(ys, dyv), { ...cs.geometry, filterShape: ws }),
          ],
        ] as const;
        for (const [a, b] of pairs) {
          expect(a.dtype).toBe('float32');
          const va = values(a);
          values(b).forEach((v, i) => {
            expectClose(va[i]!, Math.fround(v), 1e-6, 1e-30);
          });
        }
      }),
    );
  });
});

/**
 * The threaded gpujs backend against the single-threaded one. Kernel threads load the built
 * package (`dist/`), so this test imports the package by its own name, which resolves to
 * `dist/` as it does for a user.
 */
import {
  type Conv2dGeometry,
  createGpujsBackend,
  evenRanges,
  type GpujsBackend,
  type NdArray,
} from '@tessera/kernels';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { relError } from './helpers.js';

const single = createGpujsBackend();
const threaded: GpujsBackend = createGpujsBackend({ threads: 2 });
afterAll(() => {
  threaded.dispose();
  single.dispose();
});

const valid: Conv2dGeometry = {
  strides: [1, 1],
  padding: [
    [0, 0],
    [0, 0],
  ],
};

/** A float32 buffer of `shape` with values in [-1, 1) drawn from `seed` (fast-check arrays of
 * 10^5 elements would exhaust the stack). */
function filled(shape: readonly number[], seed: number): NdArray {
  const data = new Float32Array(shape.reduce((a, d) => a * d, 1));
  let state = seed | 1;
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) | 0;
    data[i] = (state >>> 8) / 2 ** 23 - 1;
  }
  return { dtype: 'float32', shape: [...shape], data };
}

function same(got: NdArray, want: NdArray): void {
  expect(got.shape).toEqual(want.shape);
  expect(got.dtype).toBe(want.dtype);
  expect(relError(got.data, want.data)).toBeLessThanOrEqual(1e-6);
}

describe('evenRanges', () => {
  it('cuts [0, n) into min(parts, n) contiguous ranges whose lengths differ by at most 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 9 }), (n, parts) => {
        const cut = evenRanges(n, parts);
        expect(cut.length).toBe(Math.min(parts, n));
        expect(cut[0]![0]).toBe(0);
        expect(cut.at(-1)![1]).toBe(n);
        expect(cut.slice(1).map(([from]) => from)).toEqual(cut.slice(0, -1).map(([, to]) => to));
        const lengths = cut.map(([from, to]) => to - from);
        expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
        expect(Math.min(...lengths)).toBeGreaterThan(0);
      }),
    );
    expect(evenRanges(10, 3)).toEqual([
      [0, 3],
      [3, 6],
      [6, 10],
    ]);
  });
});

describe('gpujs threads', () => {
  it('report their count and refuse a count that is not a positive integer', () => {
    expect(threaded.threads).toBe(2);
    expect(single.threads).toBe(1);
    expect(() => createGpujsBackend({ threads: 0 })).toThrow(
      /threads must be a positive integer, got 0/,
    );
  });

  it('give what one thread gives for convolutions and matrix products', () => {
    // Every call does at least 2^23 multiply-adds (MIN_SPLIT_WORK), so every call is cut.
    const cases = fc.record({
      n: fc.integer({ min: 60, max: 80 }),
      c: fc.constant(3),
      o: fc.integer({ min: 4, max: 6 }),
      size: fc.integer({ min: 28, max: 34 }).map((s) => s - (s % 2)),
    });
    fc.assert(
      fc.property(
        cases.chain((r) =>
          fc.record({
            r: fc.constant(r),
            x: fc.integer().map((seed) => filled([r.n, r.c, r.size, r.size], seed)),
            w: fc.integer().map((seed) => filled([r.o, r.c, 5, 5], seed)),
            dy: fc.integer().map((seed) => filled([r.n, r.o, r.size - 4, r.size - 4], seed)),
          }),
        ),
        ({ x, w, dy }) => {
          same(threaded.conv2d(x, w, valid), single.conv2d(x, w, valid));
          const inputGeometry = { ...valid, inputShape: x.shape };
          same(
            threaded.conv2dBackwardInput(dy, w, inputGeometry),
            single.conv2dBackwardInput(dy, w, inputGeometry),
          );
          const filterGeometry = { ...valid, filterShape: w.shape };
          same(
            threaded.conv2dBackwardFilter(x, dy, filterGeometry),
            single.conv2dBackwardFilter(x, dy, filterGeometry),
          );
          const rows = x.shape[0]! * x.shape[1]!;
          const a = { ...x, shape: [1, rows, x.data.length / rows] };
          const aT = { ...x, shape: [1, x.data.length / rows, rows] };
          const b = { ...x, shape: [1, x.data.length / rows, rows] };
          const plain = { transposeA: false, transposeB: false };
          same(threaded.matmul(a, b, plain), single.matmul(a, b, plain));
          const tA = { transposeA: true, transposeB: false };
          same(threaded.matmul(aT, aT, tA), single.matmul(aT, aT, tA));
        },
      ),
      { numRuns: 8 },
    );
  });
});

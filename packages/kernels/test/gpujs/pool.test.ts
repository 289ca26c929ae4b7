import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NdArray, Pool2dGeometry } from '../../src/index.js';
import { reference } from '../../src/index.js';
import { bufferOf, expectMatchesReference, f32, gpujs } from './helpers.js';

interface Case {
  readonly x: NdArray;
  readonly t: NdArray;
  readonly dy: NdArray;
  readonly geometry: Pool2dGeometry;
}

/** Random poolings: windows 1..3, strides 1..3 (overlapping or not), odd sizes, batch 1..2. */
const cases: fc.Arbitrary<Case> = fc
  .record({
    n: fc.integer({ min: 1, max: 2 }),
    c: fc.integer({ min: 1, max: 3 }),
    h: fc.integer({ min: 1, max: 9 }),
    w: fc.integer({ min: 1, max: 9 }),
    kh: fc.integer({ min: 1, max: 3 }),
    kw: fc.integer({ min: 1, max: 3 }),
    sh: fc.integer({ min: 1, max: 3 }),
    sw: fc.integer({ min: 1, max: 3 }),
  })
  .filter((r) => r.h >= r.kh && r.w >= r.kw)
  .chain((r) => {
    const oh = Math.floor((r.h - r.kh) / r.sh) + 1;
    const ow = Math.floor((r.w - r.kw) / r.sw) + 1;
    return fc.record({
      x: bufferOf([r.n, r.c, r.h, r.w]),
      t: bufferOf([r.n, r.c, r.h, r.w]),
      dy: bufferOf([r.n, r.c, oh, ow]),
      geometry: fc.constant({ window: [r.kh, r.kw], strides: [r.sh, r.sw] } as const),
    });
  });

function checkAll(c: Case): void {
  const g = c.geometry;
  // Max pooling selects values: it must agree exactly, ties and all.
  const max = expectMatchesReference([c.x], (k, [x]) => k.maxPool2d(x!, g), 0);
  expect(max.data).toEqual(reference.maxPool2d(c.x, g).data);
  expectMatchesReference([c.x, c.t], (k, [x, t]) => k.maxPool2dGather(x!, t!, g), 0);
  expectMatchesReference([c.x, c.dy], (k, [x, dy]) => k.maxPool2dScatter(x!, dy!, g));
  expectMatchesReference([c.x], (k, [x]) => k.sumPool2d(x!, g));
  expectMatchesReference([c.dy], (k, [dy]) =>
    k.sumPool2dBackward(dy!, { ...g, inputShape: c.x.shape }),
  );
}

describe('gpujs pooling', () => {
  it('matches the float64 reference on random geometries and values', () => {
    fc.assert(
      fc.property(cases, (c) => {
        checkAll(c);
      }),
      { numRuns: 40 },
    );
  });

  it('handles edge shapes: 1x1, LeNet-5 subsampling, windows as large as the input', () => {
    const shapes: [number[], Pool2dGeometry][] = [
      [[1, 1, 1, 1], { window: [1, 1], strides: [1, 1] }],
      [[2, 6, 28, 28], { window: [2, 2], strides: [2, 2] }],
      [[1, 2, 5, 7], { window: [5, 7], strides: [1, 1] }],
      [[1, 1, 7, 5], { window: [3, 3], strides: [1, 1] }],
    ];
    for (const [shape, geometry] of shapes) {
      fc.assert(
        fc.property(bufferOf(shape), bufferOf(shape), (x, t) => {
          const dy = reference.maxPool2d(t, geometry);
          checkAll({ x, t, dy, geometry });
        }),
        { numRuns: 1 },
      );
    }
  });

  it('picks the first maximum and lets a NaN stick, as the reference does', () => {
    const g = { window: [2, 2], strides: [2, 2] } as const;
    const x = f32([1, 1, 2, 4], [1, 3, NaN, 0, 3, 2, 5, NaN]);
    const t = f32([1, 1, 2, 4], [10, 11, 12, 13, 14, 15, 16, 17]);
    const dy = f32([1, 1, 1, 2], [1, 2]);
    expect(Array.from(gpujs.maxPool2d(x, g).data)).toEqual(
      Array.from(reference.maxPool2d(x, g).data),
    );
    expect(Array.from(gpujs.maxPool2dGather(x, t, g).data)).toEqual([11, 12]);
    expect(Array.from(gpujs.maxPool2dScatter(x, dy, g).data)).toEqual([0, 1, 2, 0, 0, 0, 0, 0]);
  });
});

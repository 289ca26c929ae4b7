import fc from 'fast-check';
import { GPU } from 'gpu.js';
import { describe, expect, it } from 'vitest';
import {
  forwardDims,
  gpuConv2dBackwardInput,
  type InputGradientRoute,
  inputGradientRoute,
} from '../../src/gpujs/conv.js';
import { createRunner } from '../../src/gpujs/runner.js';
import type { Conv2dGeometry, NdArray } from '../../src/index.js';
import { reference } from '../../src/index.js';
import { bufferOf, expectMatchesReference, gpujs } from './helpers.js';

interface Case {
  readonly x: NdArray;
  readonly w: NdArray;
  readonly dy: NdArray;
  readonly geometry: Conv2dGeometry;
}

/**
 * Random convolutions: batch 1..3, 1..5 channels each way, odd spatial sizes, 1x1 to 4x3
 * windows, strides 1..3, asymmetric padding 0..2, rejecting geometries with no output.
 */
const cases: fc.Arbitrary<Case> = fc
  .record({
    n: fc.integer({ min: 1, max: 3 }),
    c: fc.integer({ min: 1, max: 5 }),
    o: fc.integer({ min: 1, max: 5 }),
    h: fc.integer({ min: 1, max: 9 }),
    w: fc.integer({ min: 1, max: 9 }),
    kh: fc.integer({ min: 1, max: 4 }),
    kw: fc.integer({ min: 1, max: 3 }),
    sh: fc.integer({ min: 1, max: 3 }),
    sw: fc.integer({ min: 1, max: 3 }),
    pads: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
  })
  .filter((r) => r.h + r.pads[0] + r.pads[1] >= r.kh && r.w + r.pads[2] + r.pads[3] >= r.kw)
  .chain((r) => {
    const geometry: Conv2dGeometry = {
      strides: [r.sh, r.sw],
      padding: [
        [r.pads[0], r.pads[1]],
        [r.pads[2], r.pads[3]],
      ],
    };
    const oh = Math.floor((r.h + r.pads[0] + r.pads[1] - r.kh) / r.sh) + 1;
    const ow = Math.floor((r.w + r.pads[2] + r.pads[3] - r.kw) / r.sw) + 1;
    return fc.record({
      x: bufferOf([r.n, r.c, r.h, r.w]),
      w: bufferOf([r.o, r.c, r.kh, r.kw]),
      dy: bufferOf([r.n, r.o, oh, ow]),
      geometry: fc.constant(geometry),
    });
  });

const valid: Conv2dGeometry = {
  strides: [1, 1],
  padding: [
    [0, 0],
    [0, 0],
  ],
};

/** The three kernels of one case against the reference. */
function checkAll(c: Case): void {
  expectMatchesReference([c.x, c.w], (k, [x, w]) => k.conv2d(x!, w!, c.geometry));
  expectMatchesReference([c.dy, c.w], (k, [dy, w]) =>
    k.conv2dBackwardInput(dy!, w!, { ...c.geometry, inputShape: c.x.shape }),
  );
  expectMatchesReference([c.x, c.dy], (k, [x, dy]) =>
    k.conv2dBackwardFilter(x!, dy!, { ...c.geometry, filterShape: c.w.shape }),
  );
}

describe('gpujs conv2d and its two gradients', () => {
  it('match the float64 reference on random geometries and values', () => {
    fc.assert(
      fc.property(cases, (c) => {
        checkAll(c);
      }),
      { numRuns: 40 },
    );
  });

  it('handle edge shapes: 1x1 everything, batch 1, odd sizes, LeNet-5 C1 and C3, 300 taps, long rows', () => {
    const shapes: [number[], number[]][] = [
      [
        [1, 1, 1, 1],
        [1, 1, 1, 1],
      ],
      [
        [1, 3, 7, 5],
        [2, 3, 7, 5],
      ],
      [
        [1, 1, 9, 7],
        [6, 1, 5, 5],
      ],
      [
        [2, 6, 14, 14],
        [16, 6, 5, 5],
      ],
      // LeNet-5's C1: the filter gradient sums 28 output rows in 7 chunks of 4.
      [
        [2, 1, 32, 32],
        [6, 1, 5, 5],
      ],
      // 132 outputs in a row, more than one filter-gradient thread writes out: a loop.
      [
        [1, 2, 3, 133],
        [2, 2, 2, 2],
      ],
      // 12 x 5 x 5 = 300 taps: the forward kernel loops over the channels instead of unrolling.
      [
        [1, 12, 7, 7],
        [3, 12, 5, 5],
      ],
    ];
    for (const [xShape, wShape] of shapes) {
      fc.assert(
        fc.property(bufferOf(xShape), bufferOf(wShape), (x, w) => {
          const dy = reference.conv2d(x, w, valid);
          checkAll({ x, w, dy: { ...dy, data: dy.data.map((v) => v / 8) }, geometry: valid });
        }),
        { numRuns: 1 },
      );
    }
  });

  it('run a window covering the whole input (LeNet-5 C5) as matrix products', () => {
    const windows = fc
      .record({
        n: fc.integer({ min: 1, max: 6 }),
        c: fc.integer({ min: 1, max: 4 }),
        o: fc.integer({ min: 1, max: 9 }),
        h: fc.integer({ min: 1, max: 5 }),
        w: fc.integer({ min: 1, max: 5 }),
      })
      .chain((r) =>
        fc.record({
          x: bufferOf([r.n, r.c, r.h, r.w]),
          w: bufferOf([r.o, r.c, r.h, r.w]),
          dy: bufferOf([r.n, r.o, 1, 1]),
          geometry: fc.constant(valid),
        }),
      );
    fc.assert(fc.property(windows, checkAll), { numRuns: 40 });
  });

  it('compute the input gradient by columns and by the padded correlation alike', () => {
    const runner = createRunner(() => new GPU({ mode: 'webasm' }), 'webasm', 64);
    const routes: InputGradientRoute[] = ['columns', 'padded'];
    const check = (c: Case, route: InputGradientRoute) =>
      expectMatchesReference([c.dy, c.w], (k, [dy, w]) => {
        const geometry = { ...c.geometry, inputShape: c.x.shape };
        if (k !== gpujs) return k.conv2dBackwardInput(dy!, w!, geometry);
        const data = gpuConv2dBackwardInput(runner, dy!, w!, geometry, route);
        return { dtype: 'float32', shape: [...c.x.shape], data };
      });
    fc.assert(
      fc.property(cases, (c) => {
        for (const route of routes) check(c, route);
      }),
      { numRuns: 40 },
    );
  });

  it('route the input gradient: columns for shrinking or strided windows, padded for same-size ones', () => {
    const route = (x: number[], w: number[], geometry: Conv2dGeometry) =>
      inputGradientRoute(forwardDims(x, w, geometry), geometry);
    // LeNet-5's C3: 100 outputs for 196 inputs.
    expect(route([128, 6, 14, 14], [16, 6, 5, 5], valid)).toBe('columns');
    // C5: the window covers the input.
    expect(route([128, 16, 5, 5], [120, 16, 5, 5], valid)).toBe('dense');
    const same: Conv2dGeometry = {
      strides: [1, 1],
      padding: [
        [2, 2],
        [2, 2],
      ],
    };
    expect(route([8, 6, 28, 28], [16, 6, 5, 5], same)).toBe('padded');
    expect(route([8, 6, 28, 28], [16, 6, 5, 5], { ...same, strides: [2, 2] })).toBe('columns');
  });
});

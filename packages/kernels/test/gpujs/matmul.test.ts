import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseBlock } from '../../src/gpujs/block.js';
import type { NdArray } from '../../src/index.js';
import { bufferOf, expectMatchesReference, f32, gpujs } from './helpers.js';

interface Case {
  readonly a: NdArray;
  readonly b: NdArray;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

/** Random products: sizes 1..13 (odd, prime, not multiples of 4), batch 1..3, both layouts. */
const cases: fc.Arbitrary<Case> = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    m: fc.integer({ min: 1, max: 13 }),
    k: fc.integer({ min: 1, max: 13 }),
    n: fc.integer({ min: 1, max: 13 }),
    transposeA: fc.boolean(),
    transposeB: fc.boolean(),
  })
  .chain((d) =>
    fc.record({
      a: bufferOf(d.transposeA ? [d.batch, d.k, d.m] : [d.batch, d.m, d.k]),
      b: bufferOf(d.transposeB ? [d.batch, d.n, d.k] : [d.batch, d.k, d.n]),
      transposeA: fc.constant(d.transposeA),
      transposeB: fc.constant(d.transposeB),
    }),
  );

const run = (c: Case) =>
  expectMatchesReference([c.a, c.b], (k, [a, b]) =>
    k.matmul(a!, b!, { transposeA: c.transposeA, transposeB: c.transposeB }),
  );

describe('gpujs matmul', () => {
  it('matches the float64 reference on random shapes, layouts and values', () => {
    // Each distinct shape compiles a kernel (5-30 ms): the number of runs bounds the time.
    fc.assert(
      fc.property(cases, (c) => {
        run(c);
      }),
      { numRuns: 50 },
    );
  });

  it('handles edge shapes: 1x1x1, batch 1, odd sizes, N < 4 (computed transposed), long K', () => {
    const plain = { transposeA: false, transposeB: false };
    expect(gpujs.matmul(f32([1, 1, 1], [3]), f32([1, 1, 1], [-2]), plain).data).toEqual(
      new Float32Array([-6]),
    );
    const shapes: [number, number, number, number][] = [
      [1, 7, 5, 3],
      [2, 9, 13, 2],
      [1, 5, 1, 11],
      [1, 6, 1300, 5],
      [3, 4, 4, 4],
      // K past one reduction block (512) with a remainder that is not a multiple of the
      // unrolling (4): the remainder's indices were once multiplied by the stride unbracketed.
      [1, 8, 578, 8],
      [1, 5, 1031, 6],
    ];
    for (const [batch, m, k, n] of shapes) {
      fc.assert(
        fc.property(bufferOf([batch, m, k]), bufferOf([batch, k, n]), (a, b) => {
          run({ a, b, transposeA: false, transposeB: false });
        }),
        { numRuns: 2 },
      );
    }
  });

  it('computes by hand', () => {
    const a = f32([1, 2, 3], [1, 2, 3, 4, 5, 6]);
    const b = f32([1, 3, 2], [7, 8, 9, 10, 11, 12]);
    const c = gpujs.matmul(a, b, { transposeA: false, transposeB: false });
    expect(c.shape).toEqual([1, 2, 2]);
    expect(Array.from(c.data)).toEqual([58, 64, 139, 154]);
  });

  it('blocks rows by the measured cost rule', () => {
    expect([1, 2, 3, 4, 6, 10, 128].map(chooseBlock)).toEqual([1, 2, 3, 4, 3, 4, 4]);
  });
});

import fc from 'fast-check';
import { GPU } from 'gpu.js';
import { describe, expect, it } from 'vitest';
import { chooseBlock } from '../../src/gpujs/block.js';
import { gpuMatmul } from '../../src/gpujs/matmul.js';
import { createRunner } from '../../src/gpujs/runner.js';
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

  it('multiplies every batch entry by one shared left operand (sharedA)', () => {
    const runner = createRunner(() => new GPU({ mode: 'webasm' }), 'webasm', 64);
    const shared = fc
      .record({
        batch: fc.integer({ min: 1, max: 4 }),
        m: fc.integer({ min: 1, max: 13 }),
        k: fc.integer({ min: 1, max: 13 }),
        n: fc.integer({ min: 4, max: 13 }),
        transposeA: fc.boolean(),
      })
      .chain((d) =>
        fc.record({
          d: fc.constant(d),
          a: bufferOf(d.transposeA ? [1, d.k, d.m] : [1, d.m, d.k]),
          b: bufferOf([d.batch, d.k, d.n]),
        }),
      );
    fc.assert(
      fc.property(shared, ({ d, a, b }) => {
        // The reference multiplies A repeated once per batch entry.
        const repeated: NdArray = {
          dtype: 'float32',
          shape: [d.batch, ...a.shape.slice(1)],
          data: Float32Array.from(
            { length: d.batch * a.data.length },
            (_, i) => a.data[i % a.data.length]!,
          ),
        };
        const options = { transposeA: d.transposeA, transposeB: false };
        expectMatchesReference([repeated, b], (k, [a2, b2]) => {
          if (k !== gpujs) return k.matmul(a2!, b2!, options);
          const data = gpuMatmul(runner, a, b2!, { ...d, ...options, sharedA: true });
          return { dtype: 'float32', shape: [d.batch, d.m, d.n], data };
        });
      }),
      { numRuns: 30 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK } from '../../src/gpujs/elementwise.js';
import type { BinaryOp, UnaryOp } from '../../src/index.js';
import { reference } from '../../src/index.js';
import { expectMatchesReference, f32, firstDifference, gpujs, relError } from './helpers.js';

const unaryOps: UnaryOp[] = ['neg', 'abs', 'sqrt', 'tanh'];
const binaryOps: BinaryOp[] = ['add', 'sub', 'mul', 'div', 'max', 'min'];

/** Lengths around the chunk size: one chunk, chunks and a tail, a tail shorter than 4. */
const lengths = fc.constantFrom(CHUNK, CHUNK + 1, 2 * CHUNK + 7);

/** `n` float32 values from a seed (fast-check arrays of 10^5 elements would be slow). */
function seeded(n: number, seed: number, positive = false): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const u = (s >>> 0) / 2 ** 32;
    out[i] = positive ? u * 8 : (u - 0.5) * 12;
  }
  return out;
}

describe('gpujs elementwise kernels', () => {
  it('match the float64 reference elementwise (chunks and tails)', () => {
    fc.assert(
      fc.property(lengths, fc.integer(), fc.integer(), (n, s1, s2) => {
        for (const op of unaryOps) {
          const x = f32([n], seeded(n, s1, op === 'sqrt'));
          const got = expectMatchesReference([x], (k, [a]) => k.unary(op, a!));
          // Elementwise too: the rational tanh is within a few float32 ulps of Math.tanh.
          const want = reference.unary(op, x).data;
          for (let i = 0; i < n; i += 997) {
            expect(Math.abs(got.data[i]! - want[i]!)).toBeLessThanOrEqual(
              4e-7 * Math.abs(want[i]!),
            );
          }
        }
        for (const op of binaryOps) {
          const a = f32([n], seeded(n, s1));
          const b = f32([n], seeded(n, s2));
          const got = expectMatchesReference([a, b], (k, [x, y]) => k.binary(op, x!, y!));
          // +, -, *, / and max/min of float32 values are correctly rounded: identical.
          expect(firstDifference(got.data, reference.binary(op, a, b).data)).toBe(-1);
        }
      }),
      { numRuns: 3 },
    );
  });

  it('tanh keeps NaN, signed zeros, infinities and saturation', () => {
    const specials = [Number.NaN, -0, 0, Infinity, -Infinity, -20, 7.9, 1e-30, 3e-4, -0.5];
    const x = new Float32Array(CHUNK);
    x.set(specials);
    const got = gpujs.unary('tanh', f32([CHUNK], x)).data;
    expect(Number.isNaN(got[0])).toBe(true);
    expect(Object.is(got[1], -0)).toBe(true);
    expect(Object.is(got[2], 0)).toBe(true);
    expect(Array.from(got.subarray(3, 6))).toEqual([1, -1, -1]);
    for (let i = 6; i < specials.length; i++) {
      expect(relError([got[i]!], [Math.fround(Math.tanh(specials[i]!))])).toBeLessThan(4e-7);
    }
  });

  it('max and min propagate NaN like the reference', () => {
    const a = new Float32Array(CHUNK).fill(1);
    const b = new Float32Array(CHUNK).fill(2);
    a[3] = Number.NaN;
    b[5] = Number.NaN;
    for (const op of ['max', 'min'] as const) {
      const got = gpujs.binary(op, f32([CHUNK], a), f32([CHUNK], b)).data;
      expect(
        firstDifference(got, reference.binary(op, f32([CHUNK], a), f32([CHUNK], b)).data),
      ).toBe(-1);
    }
  });
});

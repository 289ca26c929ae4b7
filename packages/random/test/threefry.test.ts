import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { threefry2x32, threefry2x32Batch } from '../src/index.js';
import { hashCounts, iota } from '../src/threefry.js';

const uint32 = fc.integer({ min: 0, max: 0xffffffff });

describe('threefry2x32', () => {
  // Random123's kat_vectors for threefry2x32_20. Random123 lists (counter, key); the
  // calls below are (key, counter), the order of JAX's threefry_2x32 and of this package.
  it.each([
    { key: [0, 0], ctr: [0, 0], out: [0x6b200159, 0x99ba4efe] },
    {
      key: [0xffffffff, 0xffffffff],
      ctr: [0xffffffff, 0xffffffff],
      out: [0x1cb996fc, 0xbb002be7],
    },
    {
      key: [0x13198a2e, 0x03707344],
      ctr: [0x243f6a88, 0x85a308d3],
      out: [0xc4923a9c, 0x483df7a0],
    },
  ] as const)('matches Random123 for key $key, counter $ctr', ({ key, ctr, out }) => {
    expect(threefry2x32(key, ctr)).toEqual(out);
  });

  it('is not symmetric in key and counter, so the order matters', () => {
    expect(threefry2x32([0x243f6a88, 0x85a308d3], [0x13198a2e, 0x03707344])).not.toEqual([
      0xc4923a9c, 0x483df7a0,
    ]);
  });

  it('rejects words that are not uint32', () => {
    expect(() => threefry2x32([0, -1], [0, 0])).toThrow(
      'threefry2x32: key must be two uint32 words, got [0, -1]',
    );
    expect(() => threefry2x32([0, 0], [0, 2 ** 32])).toThrow(/counter must be two uint32 words/);
    expect(() => threefry2x32([0, 0.5], [0, 0])).toThrow(TypeError);
  });
});

describe('threefry2x32Batch', () => {
  it('computes each lane as the block function does', () => {
    fc.assert(
      fc.property(
        fc.tuple(uint32, uint32),
        fc.array(fc.tuple(uint32, uint32), { maxLength: 20 }),
        (key, counters) => {
          const x0 = Uint32Array.from(counters, (c) => c[0]);
          const x1 = Uint32Array.from(counters, (c) => c[1]);
          const [y0, y1] = threefry2x32Batch(key, x0, x1);
          counters.forEach((ctr, i) => {
            expect([y0[i], y1[i]]).toEqual(threefry2x32(key, ctr));
          });
        },
      ),
    );
  });

  it('leaves its inputs unchanged', () => {
    const x0 = Uint32Array.of(1, 2, 3);
    const x1 = Uint32Array.of(4, 5, 6);
    threefry2x32Batch([7, 8], x0, x1);
    expect([...x0, ...x1]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects lanes of different lengths', () => {
    expect(() => threefry2x32Batch([0, 0], new Uint32Array(2), new Uint32Array(3))).toThrow(
      'threefry2x32Batch: x0 and x1 must have the same length, got 2 and 3',
    );
  });
});

describe('hashCounts (JAX threefry_2x32 on a flat count array)', () => {
  it('hashes the first half against the second half and concatenates the outputs', () => {
    fc.assert(
      fc.property(fc.tuple(uint32, uint32), fc.integer({ min: 1, max: 40 }), (key, m) => {
        const out = hashCounts(key, iota(2 * m));
        for (let i = 0; i < m; i++) {
          const [y0, y1] = threefry2x32(key, [i, m + i]);
          expect([out[i], out[m + i]]).toEqual([y0, y1]);
        }
      }),
    );
  });

  it('pads an odd-length array with one zero count and drops the padded output', () => {
    const key = [3, 4] as const;
    const out = hashCounts(key, Uint32Array.of(10, 11, 12));
    const first = threefry2x32(key, [10, 12]);
    const second = threefry2x32(key, [11, 0]);
    expect([...out]).toEqual([first[0], second[0], first[1]]);
  });
});

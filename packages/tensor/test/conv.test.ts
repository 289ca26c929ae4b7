import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arange,
  avgPool2d,
  conv2d,
  maxPool2d,
  ones,
  reshape,
  ShapeError,
  sumPool2d,
  tensor,
} from '../src/index.js';
import { expectClose, valuesArb } from './helpers.js';

interface ConvCase {
  n: number;
  c: number;
  o: number;
  h: number;
  w: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  pad: [[number, number], [number, number]];
}

/** y[n,o,i,j] = sum_{c,p,q} x[n,c,i*sh+p-top, j*sw+q-left] w[o,c,p,q], zeros outside x. */
function naiveConv(
  x: Float64Array,
  w: Float64Array,
  k: ConvCase,
): { shape: number[]; data: Float64Array } {
  const oh = Math.floor((k.h + k.pad[0][0] + k.pad[0][1] - k.kh) / k.sh) + 1;
  const ow = Math.floor((k.w + k.pad[1][0] + k.pad[1][1] - k.kw) / k.sw) + 1;
  const out = new Float64Array(k.n * k.o * oh * ow);
  for (let n = 0; n < k.n; n++)
    for (let o = 0; o < k.o; o++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          let s = 0;
          for (let c = 0; c < k.c; c++)
            for (let p = 0; p < k.kh; p++)
              for (let q = 0; q < k.kw; q++) {
                const r = i * k.sh + p - k.pad[0][0];
                const t = j * k.sw + q - k.pad[1][0];
                if (r < 0 || r >= k.h || t < 0 || t >= k.w) continue;
                s +=
                  x[((n * k.c + c) * k.h + r) * k.w + t]! *
                  w[((o * k.c + c) * k.kh + p) * k.kw + q]!;
              }
          out[((n * k.o + o) * oh + i) * ow + j] = s;
        }
  return { shape: [k.n, k.o, oh, ow], data: out };
}

const small = (max: number) => fc.integer({ min: 1, max });
const convCase: fc.Arbitrary<ConvCase> = fc
  .record({
    n: small(2),
    c: small(3),
    o: small(3),
    kh: small(3),
    kw: small(3),
    sh: small(2),
    sw: small(2),
    pad: fc.tuple(fc.tuple(fc.nat(2), fc.nat(2)), fc.tuple(fc.nat(2), fc.nat(2))),
    extraH: fc.nat(4),
    extraW: fc.nat(4),
  })
  .map(({ extraH, extraW, ...k }) => ({
    ...k,
    h: Math.max(1, k.kh + extraH - k.pad[0][0] - k.pad[0][1]),
    w: Math.max(1, k.kw + extraW - k.pad[1][0] - k.pad[1][1]),
  }))
  .filter(
    (k) => k.h + k.pad[0][0] + k.pad[0][1] >= k.kh && k.w + k.pad[1][0] + k.pad[1][1] >= k.kw,
  );

describe('conv2d', () => {
  it('agrees with the definition on random shapes, strides and padding', () => {
    fc.assert(
      fc.property(
        convCase.chain((k) =>
          fc.tuple(
            fc.constant(k),
            valuesArb([k.n, k.c, k.h, k.w]),
            valuesArb([k.o, k.c, k.kh, k.kw]),
          ),
        ),
        ([k, x, w]) => {
          const y = conv2d(
            tensor(x, { shape: [k.n, k.c, k.h, k.w] }),
            tensor(w, { shape: [k.o, k.c, k.kh, k.kw] }),
            {
              strides: [k.sh, k.sw],
              padding: k.pad,
            },
          );
          const expected = naiveConv(x, w, k);
          expect(y.shape).toEqual(expected.shape);
          expectClose(y.data(), expected.data, 1e-12);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('worked example: stride 2 with padding 1 on a 4x4 ramp', () => {
    // x = [[0,1,2,3],[4,5,6,7],[8,9,10,11],[12,13,14,15]], w = 3x3 of ones: each output is the
    // sum of the 3x3 neighbourhood (zeros outside) centred on x[0][0], x[0][2], x[2][0], x[2][2].
    const x = reshape(arange(16), [1, 1, 4, 4]);
    const y = conv2d(x, ones([1, 1, 3, 3]), { strides: 2, padding: 1 });
    expect(y.toArray()).toEqual([
      [
        [
          [0 + 1 + 4 + 5, 1 + 2 + 3 + 5 + 6 + 7],
          [4 + 5 + 8 + 9 + 12 + 13, 5 + 6 + 7 + 9 + 10 + 11 + 13 + 14 + 15],
        ],
      ],
    ]);
  });

  it('worked example: a connection table keeps only the listed input maps', () => {
    // Three input maps filled with 1, 10 and 100; 1x1 filters of ones. Output map 0 sees maps
    // {0, 1}, output map 1 sees {1, 2}, output map 2 sees all: 11, 110, 111 everywhere.
    const x = tensor([[[[1]], [[10]], [[100]]]]);
    const table = [
      [true, true, false],
      [false, true, true],
      [true, true, true],
    ];
    const y = conv2d(x, ones([3, 3, 1, 1]), { table });
    expect(y.toArray()).toEqual([[[[11]], [[110]], [[111]]]]);
    expect(() => conv2d(x, ones([3, 3, 1, 1]), { table: [[true]] })).toThrow(
      'conv2d: connection table [1,1] must be [3,3] for filter [3,3,1,1]',
    );
  });

  it("'same' padding keeps the spatial size at stride 1 and gives ceil(in / stride) otherwise", () => {
    expect(conv2d(ones([1, 1, 5, 5]), ones([2, 1, 3, 3]), { padding: 'same' }).shape).toEqual([
      1, 2, 5, 5,
    ]);
    expect(
      conv2d(ones([1, 1, 5, 6]), ones([2, 1, 4, 4]), { padding: 'same', strides: 2 }).shape,
    ).toEqual([1, 2, 3, 3]);
  });

  it('names the op and the shapes on mismatched channels and too-small inputs', () => {
    expect(() => conv2d(ones([1, 2, 5, 5]), ones([3, 1, 3, 3]))).toThrow(
      'conv2d: input [1,2,5,5] has 2 channels but filter [3,1,3,3] expects 1',
    );
    expect(() => conv2d(ones([1, 1, 2, 2]), ones([1, 1, 3, 3]))).toThrow(ShapeError);
    expect(() => conv2d(ones([1, 5, 5]), ones([1, 1, 3, 3]))).toThrow(/expected input \[N,C,H,W\]/);
  });
});

describe('pooling', () => {
  const x = reshape(arange(16), [1, 1, 4, 4]);

  it('worked examples: sum, mean and max over 2x2 blocks', () => {
    expect(sumPool2d(x, 2).toArray()).toEqual([
      [
        [
          [10, 18],
          [42, 50],
        ],
      ],
    ]);
    expect(avgPool2d(x, 2).toArray()).toEqual([
      [
        [
          [2.5, 4.5],
          [10.5, 12.5],
        ],
      ],
    ]);
    expect(maxPool2d(x, 2).toArray()).toEqual([
      [
        [
          [5, 7],
          [13, 15],
        ],
      ],
    ]);
  });

  it('supports overlapping windows and drops windows that do not fit', () => {
    expect(maxPool2d(x, 3, { strides: 1 }).toArray()).toEqual([
      [
        [
          [10, 11],
          [14, 15],
        ],
      ],
    ]);
    expect(sumPool2d(reshape(arange(9), [1, 1, 3, 3]), 2).toArray()).toEqual([[[[8]]]]);
    expect(() => maxPool2d(x, 5)).toThrow(
      'maxPool2d: window 5x5 is larger than the input [1,1,4,4]',
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dot, matmul, ShapeError, type Tensor, tensor } from '../src/index.js';
import { expectClose, shapeArb, valuesArb } from './helpers.js';

/** C[i][j] = sum_k A[i][k] B[k][j] on 2-D float64 data. */
function naiveMatmul(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      c[i * n + j] = s;
    }
  return c;
}

const dims = fc.tuple(
  fc.integer({ min: 1, max: 6 }),
  fc.integer({ min: 1, max: 6 }),
  fc.integer({ min: 1, max: 6 }),
);

describe('matmul', () => {
  it('agrees with the definition on 2-D operands', () => {
    fc.assert(
      fc.property(
        dims.chain(([m, k, n]) =>
          fc.tuple(fc.constant([m, k, n]), valuesArb([m, k]), valuesArb([k, n])),
        ),
        ([[m, k, n], a, b]) => {
          const c = matmul(tensor(a, { shape: [m!, k!] }), tensor(b, { shape: [k!, n!] }));
          expect(c.shape).toEqual([m, n]);
          expectClose(c.data(), naiveMatmul(a, b, m!, k!, n!), 1e-12);
        },
      ),
    );
  });

  it('broadcasts batch axes: each batch entry is a 2-D product', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(dims, shapeArb(0, 2, 1, 3), fc.boolean(), fc.boolean())
          .chain(([[m, k, n], batch, dropA, dropB]) => {
            const batchA = dropA ? batch.slice(1) : batch.map((d, i) => (i === 0 ? 1 : d));
            const batchB = dropB ? batch.slice(1) : batch;
            return fc.tuple(
              fc.constant({ m, k, n, batchA, batchB }),
              valuesArb([...batchA, m, k]),
              valuesArb([...batchB, k, n]),
            );
          }),
        ([{ m, k, n, batchA, batchB }, a, b]) => {
          const ta = tensor(a, { shape: [...batchA, m, k] });
          const tb = tensor(b, { shape: [...batchB, k, n] });
          const c = matmul(ta, tb);
          const rank = Math.max(batchA.length, batchB.length);
          const batch = Array.from({ length: rank }, (_, i) =>
            Math.max(batchA[batchA.length - rank + i] ?? 1, batchB[batchB.length - rank + i] ?? 1),
          );
          expect(c.shape).toEqual([...batch, m, n]);
          const total = batch.reduce((x, d) => x * d, 1);
          const cd = c.data();
          for (let f = 0; f < total; f++) {
            const idx = batch.map(
              (_, i) => Math.floor(f / batch.slice(i + 1).reduce((x, d) => x * d, 1)) % batch[i]!,
            );
            const pick = (bs: number[], data: Float64Array, rows: number, cols: number) => {
              const local = bs.map((d, i) => (d === 1 ? 0 : idx[rank - bs.length + i]!));
              const o = local.reduce((acc, v, i) => acc * bs[i]! + v, 0);
              return data.subarray(o * rows * cols, (o + 1) * rows * cols);
            };
            const expected = naiveMatmul(pick(batchA, a, m, k), pick(batchB, b, k, n), m, k, n);
            expectClose(cd.subarray(f * m * n, (f + 1) * m * n), expected, 1e-12);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('promotes vectors as NumPy does', () => {
    const m = tensor([
      [1, 2],
      [3, 4],
    ]);
    const v = tensor([1, 1]);
    expect(matmul(m, v).toArray()).toEqual([3, 7]);
    expect(matmul(v, m).toArray()).toEqual([4, 6]);
    expect(dot(v, tensor([3, 4])).item()).toBe(7);
  });

  it('names both shapes and the differing inner dimensions', () => {
    const a: Tensor = tensor(new Float32Array(12), { shape: [3, 4] });
    const b: Tensor = tensor(new Float32Array(10), { shape: [5, 2] });
    expect(() => matmul(a, b)).toThrow(ShapeError);
    expect(() => matmul(a, b)).toThrow('matmul: [3,4] x [5,2]: inner dimensions 4 and 5 differ');
    expect(() => matmul(tensor(1), a)).toThrow(/rank >= 1/);
  });
});

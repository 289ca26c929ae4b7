/**
 * Batched matrix product. Each output element accumulates its `K` products in a double, in
 * increasing `k`, and is stored once (so a float32 product is rounded once per element).
 */
import type { NdArray } from '../backend.js';
import { ndarray, store } from './util.js';

/**
 * `a` `[B, M, K]` (`[B, K, M]` when `transposeA`) times `b` `[B, K, N]` (`[B, N, K]` when
 * `transposeB`), giving `[B, M, N]`.
 */
export function matmul(
  a: NdArray,
  b: NdArray,
  options: { readonly transposeA: boolean; readonly transposeB: boolean },
): NdArray {
  const { transposeA, transposeB } = options;
  const batch = a.shape[0]!;
  const m = transposeA ? a.shape[2]! : a.shape[1]!;
  const k = transposeA ? a.shape[1]! : a.shape[2]!;
  const n = transposeB ? b.shape[1]! : b.shape[2]!;

  // Element (i, p) of the logical A is a[aBase + i * aRow + p * aCol]; likewise for B.
  const aRow = transposeA ? 1 : k;
  const aCol = transposeA ? m : 1;
  const bRow = transposeB ? 1 : n;
  const bCol = transposeB ? k : 1;
  const ad = a.data;
  const bd = b.data;

  const out = new Float64Array(batch * m * n);
  for (let s = 0; s < batch; s++) {
    const aBase = s * m * k;
    const bBase = s * k * n;
    const oBase = s * m * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let p = 0; p < k; p++) {
          acc += ad[aBase + i * aRow + p * aCol]! * bd[bBase + p * bRow + j * bCol]!;
        }
        out[oBase + i * n + j] = acc;
      }
    }
  }
  return ndarray(a.dtype, [batch, m, n], store(a.dtype, out));
}

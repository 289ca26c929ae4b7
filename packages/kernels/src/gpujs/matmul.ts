/**
 * Batched matrix product as one gpu.js kernel.
 *
 * Threads: x = output column j (the SIMD lane axis), y = a block of R output rows, z = the
 * batch. Each thread returns `Array(R)`: R rows of its column (see `block.ts` for why). The
 * column operand `B(p, j)` is gathered once per step; the R row operands `A(i, p)` do not
 * depend on `thread.x`, so they are scalar loads. Transposed operands only change the strides
 * written into the source. When the product has fewer than 4 columns and at least 4 rows, the
 * kernel computes the transpose `B^T A^T` instead, so the lanes are not wasted.
 */
import type { NdArray } from '../backend.js';
import { chooseBlock } from './block.js';
import type { KernelSpec } from './kernel.js';
import { padMiddle, swapLast, unblockRows } from './layout.js';
import type { KernelRunner } from './runner.js';
import { declareAccumulators, reductionLoop, returnAccumulators } from './source.js';

/** The sizes of one batched product: `[batch, m, k] x [batch, k, n]`, logically. */
export interface MatmulDims {
  readonly batch: number;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  /** `a` is one `[1, M, K]` matrix that multiplies every batch entry of `b` (default false). */
  readonly sharedA?: boolean;
}

/** The logical dimensions of `matmul(a, b)`. */
export function matmulDims(
  aShape: readonly number[],
  bShape: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
): MatmulDims {
  return {
    batch: aShape[0]!,
    m: transposeA ? aShape[2]! : aShape[1]!,
    k: transposeA ? aShape[1]! : aShape[2]!,
    n: transposeB ? bShape[1]! : bShape[2]!,
    transposeA,
    transposeB,
  };
}

/** Kernel source for `d` with `block` rows per thread and `rows` (padded) rows of A. */
export function matmulSpec(d: MatmulDims, block: number, rows: number): KernelSpec {
  const { batch, k, n } = d;
  // A is [batch, rows, k] (or [batch, k, rows] transposed), B is [batch, k, n] (or [batch, n, k]).
  const aRow = d.transposeA ? 1 : k;
  const aCol = d.transposeA ? rows : 1;
  const bRow = d.transposeB ? 1 : n;
  const bCol = d.transposeB ? k : 1;
  const aBatch = d.sharedA === true ? '' : `this.thread.z * ${rows * k} + `;
  const aBase = `${aBatch}this.thread.y * ${block * aRow}`;
  const bBase = `this.thread.z * ${k * n} + this.thread.x * ${bCol}`;
  const step = (p: string, acc: string, id: number): string => {
    let out = `const v${id} = b[${bBase} + ${p} * ${bRow}];\n`;
    for (let r = 0; r < block; r++) {
      out += `${acc}${r} += a[${aBase} + ${r * aRow} + ${p} * ${aCol}] * v${id};\n`;
    }
    return out;
  };
  const source =
    'function(a, b) {\n' +
    declareAccumulators('s', block) +
    reductionLoop(k, block, step) +
    returnAccumulators('s', block) +
    '}';
  const blocks = rows / block;
  return {
    source,
    arguments: ['a', 'b'],
    output: batch > 1 ? [n, blocks, batch] : [n, blocks],
    components: block as 1 | 2 | 3 | 4,
    loopBound: k,
  };
}

/**
 * `a` `[B, M, K]` (`[B, K, M]` when `transposeA`; `B = 1` when `sharedA`) times `b` `[B, K, N]`
 * (`[B, N, K]` when `transposeB`), float32, on gpu.js. All sizes are positive.
 */
export function gpuMatmul(
  runner: KernelRunner,
  a: NdArray,
  b: NdArray,
  d: MatmulDims,
): Float32Array {
  if (d.n < 4 && d.m >= 4 && d.sharedA !== true) {
    // C^T = B^T A^T: the lanes run along the long side.
    const t = gpuMatmul(runner, b, a, {
      batch: d.batch,
      m: d.n,
      k: d.k,
      n: d.m,
      transposeA: !d.transposeB,
      transposeB: !d.transposeA,
    });
    return swapLast(t, d.batch, d.n, d.m);
  }
  const { data, block } = gpuMatmulBlocked(runner, a, b, d);
  return unblockRows(data, d.batch, d.m, d.n, block);
}

/**
 * The product as the kernel leaves it: `data` is `[B, ceil(M / block), N, block]`, row `i` of
 * batch entry `z` at `((z * blocks + floor(i / block)) * N + j) * block + i % block`. For
 * consumers that read it once (col2im), which then skip the copy into `[B, M, N]`.
 */
export function gpuMatmulBlocked(
  runner: KernelRunner,
  a: NdArray,
  b: NdArray,
  d: MatmulDims,
): { readonly data: Float32Array; readonly block: number } {
  const block = chooseBlock(d.m);
  const rows = Math.ceil(d.m / block) * block;
  const aData = a.data as Float32Array;
  const aBatch = d.sharedA === true ? 1 : d.batch;
  // Pad the row axis of A so that the last block reads zeros, not past the buffer.
  const aPadded = d.transposeA
    ? padMiddle(aData, aBatch * d.k, d.m, 1, rows)
    : padMiddle(aData, aBatch, d.m, d.k, rows);
  const shared = d.sharedA === true ? ':sharedA' : '';
  const key = `matmul:${d.batch}x${d.m}x${d.k}x${d.n}:${d.transposeA ? 'T' : 'N'}${d.transposeB ? 'T' : 'N'}${shared}`;
  const data = runner.run(key, () => matmulSpec(d, block, rows), [aPadded, b.data as Float32Array]);
  return { data, block };
}

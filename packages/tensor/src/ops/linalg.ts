import { ShapeError, showShape } from '../errors.js';
import { bind } from '../interpreter.js';
import type { Tensor } from '../tensor.js';
import { broadcastShapes, broadcastTo, reshape } from './shape.js';

/**
 * Matrix product with NumPy's `matmul` semantics: 1-D operands are promoted to a row (left)
 * or column (right) vector and the added axis removed afterwards; leading (batch) axes
 * broadcast.
 *
 * A 2-D right operand is applied to the batch as one larger product, so `matmul(x, w)` with
 * `x` of shape `[batch, in]` or `[b, n, in]` never copies `w`.
 *
 * @example
 * ```ts
 * matmul(ones([2, 3]), ones([3, 4])).shape;    // [2, 4]
 * matmul(ones([5, 2, 3]), ones([3, 4])).shape; // [5, 2, 4]
 * ```
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.rank === 0 || b.rank === 0) {
    throw new ShapeError(
      `matmul: operands must have rank >= 1, got ${showShape(a.shape)} x ${showShape(b.shape)}`,
    );
  }
  const a2 = a.rank === 1 ? reshape(a, [1, a.shape[0]!]) : a;
  const b2 = b.rank === 1 ? reshape(b, [b.shape[0]!, 1]) : b;
  const [m, k] = a2.shape.slice(-2) as [number, number];
  const [kb, n] = b2.shape.slice(-2) as [number, number];
  if (k !== kb) {
    throw new ShapeError(
      `matmul: ${showShape(a.shape)} x ${showShape(b.shape)}: inner dimensions ${k} and ${kb} differ`,
    );
  }
  const batchA = a2.shape.slice(0, -2);
  const batchB = b2.shape.slice(0, -2);
  let out: Tensor;
  if (batchB.length === 0) {
    const rows = reshape(a2, [1, -1, k]);
    out = reshape(bind('matmul', [rows, reshape(b2, [1, k, n])], noTranspose), [...batchA, m, n]);
  } else {
    const batch = broadcastShapes('matmul', batchA, batchB);
    const flatA = reshape(broadcastTo(a2, [...batch, m, k]), [-1, m, k]);
    const flatB = reshape(broadcastTo(b2, [...batch, k, n]), [-1, k, n]);
    out = reshape(bind('matmul', [flatA, flatB], noTranspose), [...batch, m, n]);
  }
  const dropRow = a.rank === 1 ? out.shape.filter((_, i) => i !== out.rank - 2) : out.shape;
  const dropCol = b.rank === 1 ? dropRow.slice(0, -1) : dropRow;
  return reshape(out, dropCol);
}

const noTranspose = { transposeA: false, transposeB: false } as const;

/**
 * Dot product of two vectors of one length.
 * @example
 * ```ts
 * dot(tensor([1, 2]), tensor([3, 4])); // 11
 * ```
 */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.rank !== 1 || b.rank !== 1) {
    throw new ShapeError(
      `dot: expected two vectors, got ${showShape(a.shape)} and ${showShape(b.shape)}`,
    );
  }
  return matmul(a, b);
}

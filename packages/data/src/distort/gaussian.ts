import { symmetricEigen } from './eigen.js';

/**
 * Gaussian smoothing of displacement fields, as Simard et al. 2003 describe and as their
 * common implementations do it (SciPy's `gaussian_filter` with zero borders): a normalised
 * kernel truncated at four standard deviations, applied along the columns and along the
 * rows of the field. On an `h x w` image that is the linear map `N -> Gh N Gw^T`, with `Gn`
 * the `n x n` matrix of the kernel restricted to the image (`Gn[i][j] = g(i - j)`).
 */

/** The kernel's weights for offsets -r..r, r = ceil(4 sigma), summing to 1. */
export function gaussianKernel(sigma: number): Float64Array {
  const radius = Math.ceil(4 * sigma);
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let k = -radius; k <= radius; k++) {
    const v = Math.exp(-(k * k) / (2 * sigma * sigma));
    kernel[k + radius] = v;
    sum += v;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= sum;
  return kernel;
}

/** The `n x n` smoothing matrix with zero borders: `G[i][j] = g(i - j)` within the kernel's reach. */
export function gaussianMatrix(n: number, sigma: number): Float64Array {
  const kernel = gaussianKernel(sigma);
  const r = (kernel.length - 1) >> 1;
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = Math.max(0, i - r); j <= Math.min(n - 1, i + r); j++)
      g[i * n + j] = kernel[j - i + r]!;
  }
  return g;
}

/**
 * The leading part of the smoothing matrix's eigenbasis, scaled by the eigenvalues, for
 * the eigenpairs whose `|lambda|` is at least `RANK_TOLERANCE` times the largest: `basis`
 * is `n x rank` (row-major) with column `a` equal to `lambda_a u_a`.
 *
 * The matrix is symmetric and Toeplitz, so it commutes with reversal, and its eigenvectors
 * (for distinct eigenvalues) are each symmetric or antisymmetric about the centre. When
 * that holds (`mirrored`), the symmetric columns come first (`even` of them), and a value
 * at position `n - 1 - i` follows from the one at `i`, which halves the work of a product.
 */
export interface SmoothingBasis {
  readonly rank: number;
  readonly basis: Float64Array;
  readonly mirrored: boolean;
  readonly even: number;
}

/** +1 if `u` is symmetric about its centre, -1 if antisymmetric, 0 if neither (to 1e-9). */
function parity(vectors: Float64Array, n: number, j: number): number {
  let sym = 0;
  let anti = 0;
  for (let i = 0; i < n; i++) {
    const u = vectors[i * n + j]!;
    const v = vectors[(n - 1 - i) * n + j]!;
    sym = Math.max(sym, Math.abs(u - v));
    anti = Math.max(anti, Math.abs(u + v));
  }
  return sym < 1e-9 ? 1 : anti < 1e-9 ? -1 : 0;
}

/**
 * Eigenvalues below this fraction of the largest are dropped. The field's variance goes with
 * `lambda_a^2 lambda_b^2`, and the eigenvalues fall off like `exp(-sigma^2 omega^2 / 2)`, so
 * what is dropped is about 1e-5 of the field's variance: for sigma 4 this keeps 7 of 28
 * components (7 of 32 padded), and the displacements move by hundredths of a pixel at most.
 */
export const RANK_TOLERANCE = 1e-2;

const cache = new Map<string, SmoothingBasis>();
const CACHE_LIMIT = 32;

/** The smoothing basis for `n` pixels and `sigma`, computed once and cached. */
export function smoothingBasis(n: number, sigma: number): SmoothingBasis {
  const id = `${n}:${sigma}`;
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  const { values, vectors } = symmetricEigen(gaussianMatrix(n, sigma), n);
  const order = Array.from(values.keys()).sort(
    (a, b) => Math.abs(values[b]!) - Math.abs(values[a]!),
  );
  const largest = Math.abs(values[order[0] ?? 0] ?? 0);
  const strong = order.filter((j) => Math.abs(values[j]!) >= RANK_TOLERANCE * largest);
  const parities = strong.map((j) => parity(vectors, n, j));
  const mirrored = parities.every((p) => p !== 0);
  const kept = mirrored
    ? [
        ...strong.filter((_, k) => parities[k] === 1),
        ...strong.filter((_, k) => parities[k] === -1),
      ]
    : strong;
  const rank = kept.length;
  const basis = new Float64Array(n * rank);
  kept.forEach((j, a) => {
    for (let i = 0; i < n; i++) basis[i * rank + a] = values[j]! * vectors[i * n + j]!;
  });
  const even = mirrored ? parities.filter((p) => p === 1).length : rank;
  const result = { rank, basis, mirrored, even };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(id, result);
  return result;
}

/**
 * The rule that decides, call by call, whether a float32 kernel runs on gpu.js or on the
 * reference backend's float32 loops. Every number here is a measurement (webasm, 2 cores, see
 * the package README for the table and `pnpm bench:kernels` to reproduce it).
 */

/**
 * How calls are routed.
 *
 * - `measured`: an op runs on gpu.js when it has a gpu.js kernel and its work reaches the
 *   measured break-even size below (smaller calls are faster as plain loops: a gpu.js call
 *   copies its inputs into WebAssembly memory and its output back, and each new shape costs a
 *   compilation).
 * - `always`: every call of an op that has a gpu.js kernel runs on gpu.js, however small (for
 *   tests and debugging).
 *
 * @example
 * ```ts
 * const backend = createGpujsBackend({ routing: 'always' });
 * ```
 */
export type Routing = 'measured' | 'always';

/**
 * Break-even sizes of the `measured` routing, in multiply-adds (matmul, convolutions) or
 * elements (everything else): below them the reference loop was faster (steady state, median
 * of 21 calls, webasm). Measured: matmul n^3 at n = 24 (13,824 multiply-adds) 25 us on both,
 * at n = 32 34 us against 64; a 3x3 convolution of 21,600 multiply-adds 62 us against 69, of
 * 169,344 147 us against 531; max pooling of 4,096 elements 16 us against 23, of 1,024 9 us
 * against 7. Elementwise ops run in chunks of 65,536 elements (`CHUNK`), and an array shorter
 * than one chunk runs wholly on the reference loop. A new shape also costs one compilation
 * (5-100 ms), which a training loop pays once.
 *
 * @example
 * ```ts
 * MIN_WORK.matmul; // multiply-adds below which matmul stays on the reference loops
 * ```
 */
export const MIN_WORK = {
  /** `batch * m * k * n`. */
  matmul: 2 ** 15,
  /** `n * o * oh * ow * c * kh * kw`, for the forward and both backward passes. */
  conv: 2 ** 15,
  /** Input elements. */
  pool: 2 ** 12,
  /** Elements. */
  elementwise: 2 ** 16,
} as const;

/**
 * Whether a call of `work` units of a kind with break-even `minimum` goes to gpu.js.
 *
 * @example
 * ```ts
 * useGpu('measured', 100, MIN_WORK.matmul); // false
 * useGpu('always', 100, MIN_WORK.matmul); // true
 * ```
 */
export function useGpu(routing: Routing, work: number, minimum: number): boolean {
  return routing === 'always' || work >= minimum;
}

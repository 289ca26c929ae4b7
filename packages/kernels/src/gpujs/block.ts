/**
 * How many rows (or channels) one gpu.js thread computes.
 *
 * gpu.js's webasm backend runs four neighbouring x-threads as the four lanes of an f32x4
 * vector. An operand that depends on `thread.x` is read with a gather (4 scalar loads and lane
 * inserts), one that does not is one scalar load and a splat. A thread that returns `Array(R)`
 * (R rows of the output for one column) reads its column operand once per step for R
 * multiply-adds, so larger R amortises the gather. Measured on 512x512x512 (the lanes of one
 * step): a gather about 6 ns, a uniform load about 2.4 ns, so a step costs about
 * `2.5 + R` uniform loads; R = 4 (the widest gpu.js return) reached 2.4-2.8 GFLOP/s against
 * 1.2 for one row per thread.
 */

/** The widest return a gpu.js kernel allows (`Array(4)`). */
export const MAX_BLOCK = 4;

/**
 * The rows per thread, in 1..4, that minimise `ceil(rows / R) * (2.5 + R)`: the measured cost
 * of a step (above) times the number of row blocks, padding included.
 *
 * @example
 * ```ts
 * chooseBlock(128); // 4
 * chooseBlock(6); // 3: two blocks of 3 beat two of 4 (with 2 padded rows)
 * chooseBlock(1); // 1
 * ```
 */
export function chooseBlock(rows: number): 1 | 2 | 3 | 4 {
  let best: 1 | 2 | 3 | 4 = 1;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const r of [4, 3, 2, 1] as const) {
    const cost = Math.ceil(rows / r) * (2.5 + r);
    if (cost < bestCost) {
      best = r;
      bestCost = cost;
    }
  }
  return best;
}

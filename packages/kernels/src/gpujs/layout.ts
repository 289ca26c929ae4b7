/**
 * Buffer reshuffles done in TypeScript around the kernels: zero-padding an axis (so that every
 * thread block reads inside its operand) and swapping the last two axes.
 */

/**
 * Copies `data` of shape `[outer, size, inner]` into `[outer, padded, inner]`, zero-filling
 * the new positions of the middle axis.
 *
 * @example
 * ```ts
 * padMiddle(new Float32Array([1, 2, 3, 4]), 1, 2, 2, 3); // [1, 2, 3, 4, 0, 0]
 * ```
 */
export function padMiddle(
  data: Float32Array,
  outer: number,
  size: number,
  inner: number,
  padded: number,
): Float32Array {
  if (padded === size) return data;
  const out = new Float32Array(outer * padded * inner);
  for (let o = 0; o < outer; o++) {
    out.set(data.subarray(o * size * inner, (o + 1) * size * inner), o * padded * inner);
  }
  return out;
}

/**
 * `[batch, rows, cols]` to `[batch, cols, rows]`.
 *
 * @example
 * ```ts
 * swapLast(new Float32Array([1, 2, 3, 4, 5, 6]), 1, 2, 3); // [1, 4, 2, 5, 3, 6]
 * ```
 */
export function swapLast(
  data: Float32Array,
  batch: number,
  rows: number,
  cols: number,
): Float32Array {
  const out = new Float32Array(data.length);
  for (let b = 0; b < batch; b++) {
    const base = b * rows * cols;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) out[base + j * rows + i] = data[base + i * cols + j]!;
    }
  }
  return out;
}

/**
 * Unpacks a kernel output laid out `[outer, blocks, cols, block]` (each thread wrote `block`
 * rows of one column) into `[outer, rows, cols]`, dropping the padded rows past `rows`.
 *
 * @example
 * ```ts
 * // one block of 2 rows, 2 columns: thread 0 wrote (1, 3), thread 1 wrote (2, 4)
 * unblockRows(new Float32Array([1, 3, 2, 4]), 1, 2, 2, 2); // [1, 2, 3, 4]
 * ```
 */
export function unblockRows(
  data: Float32Array,
  outer: number,
  rows: number,
  cols: number,
  block: number,
): Float32Array {
  if (block === 1) return data;
  const blocks = Math.ceil(rows / block);
  const out = new Float32Array(outer * rows * cols);
  for (let z = 0; z < outer; z++) {
    for (let y = 0; y < blocks; y++) {
      const rowsHere = Math.min(block, rows - y * block);
      for (let r = 0; r < rowsHere; r++) {
        const to = (z * rows + y * block + r) * cols;
        let from = (z * blocks + y) * cols * block + r;
        for (let x = 0; x < cols; x++, from += block) out[to + x] = data[from]!;
      }
    }
  }
  return out;
}

/**
 * Pieces of generated kernel source shared by the kernels.
 *
 * gpu.js types every declared local that is not read from an array as a float, so index
 * arithmetic that must stay integer is written inline (thread ids, loop counters and literals
 * multiply and add as i32). Only per-lane quantities that need a division are declared, and
 * those stay exact: every buffer a kernel touches has fewer than 2^24 elements (see
 * `MAX_ELEMENTS`), so every index is an integer a float holds exactly.
 */

/**
 * The largest buffer (in elements) a gpu.js kernel of this backend reads or writes: indices
 * computed in float32 are exact below 2^24. Larger work is delegated to the reference backend.
 */
export const MAX_ELEMENTS = 2 ** 24;

/** Statements declaring accumulators `prefix0..prefix{n-1}` set to 0. */
export function declareAccumulators(prefix: string, n: number): string {
  let out = '';
  for (let r = 0; r < n; r++) out += `let ${prefix}${r} = 0;\n`;
  return out;
}

/** Statements adding accumulators `from0..` into `to0..`. */
export function addAccumulators(to: string, from: string, n: number): string {
  let out = '';
  for (let r = 0; r < n; r++) out += `${to}${r} += ${from}${r};\n`;
  return out;
}

/** The return statement of a thread with `n` accumulators `prefix0..`. */
export function returnAccumulators(prefix: string, n: number): string {
  if (n === 1) return `return ${prefix}0;\n`;
  const items = Array.from({ length: n }, (_, r) => `${prefix}${r}`);
  return `return [${items.join(', ')}];\n`;
}

/** Steps unrolled per loop iteration: 4 measured 15% faster than 1 on 512x512x512. */
const UNROLL = 4;

/**
 * Runs of at most this many steps (a whole reduction, or what is left after its blocks) are
 * written out completely. gpu.js's webasm backend types
 * every loop counter as a float, so an index that involves one is float arithmetic converted
 * to an integer per load; with literal steps the index is integer arithmetic that V8 folds.
 * Measured at batch 128 (one process, interleaved): LeNet-5's C3 input-gradient product
 * (`150x16 . 16x100` per sample) 48.0 -> 23.3 ms, `128x120 . 120x84` 0.91 -> 0.68 ms; at
 * `128x400 . 400x120` the gain is 8% and compiling takes 0.8 s, hence the bound.
 */
const MAX_UNROLLED_STEPS = 128;

/**
 * Reductions longer than this accumulate in blocks: each block sums into fresh float32
 * accumulators that are then added to the totals, so the rounding error grows like
 * `sqrt(BLOCK) + sqrt(trips / BLOCK)` ulps instead of `sqrt(trips)` (float32 sums of 10^5
 * terms would otherwise pass 1e-5 normwise).
 */
const BLOCK = 512;

/**
 * The statements of a `trips`-step reduction: every step written out when there are at most
 * {@link MAX_UNROLLED_STEPS}, else a loop. `step(p, acc, id)` returns the statements of
 * the step whose index is the integer expression `p`, adding into accumulators `acc0..`; `id`
 * is unique per emitted step, for naming its locals. Accumulates into `s0..` (declared by the
 * caller), through block accumulators `t0..` for long reductions.
 */
export function reductionLoop(
  trips: number,
  accumulators: number,
  step: (p: string, acc: string, id: number) => string,
): string {
  let id = 0;
  const unrolled = (count: number, offset: string, acc: string): string => {
    let out = '';
    // Short runs are written out whole; longer ones loop over UNROLL steps at a time.
    const whole = count <= MAX_UNROLLED_STEPS ? 0 : count - (count % UNROLL);
    if (whole > 0) {
      out += `for (let p = 0; p < ${whole}; p += ${UNROLL}) {\n`;
      for (let u = 0; u < UNROLL; u++) out += step(`(${offset}p + ${u})`, acc, id++);
      out += '}\n';
    }
    // Parenthesised: the step multiplies the index by a stride.
    for (let k = whole; k < count; k++) out += step(`(${offset}${k})`, acc, id++);
    return out;
  };
  if (trips <= BLOCK) return unrolled(trips, '', 's');
  const blocks = Math.floor(trips / BLOCK);
  let out = `for (let q = 0; q < ${blocks}; q++) {\n`;
  out += declareAccumulators('t', accumulators);
  out += unrolled(BLOCK, `q * ${BLOCK} + `, 't');
  out += addAccumulators('s', 't', accumulators);
  out += '}\n';
  const rest = trips - blocks * BLOCK;
  if (rest > 0) out += unrolled(rest, `${blocks * BLOCK} + `, 's');
  return out;
}

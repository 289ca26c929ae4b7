/**
 * Threefry-2x32 with 20 rounds: the counter-based block function behind every
 * number this package draws.
 *
 * Source: Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as
 * 1, 2, 3" (SC 2011), which defines Threefry as Threefish (from the Skein hash)
 * with fewer rounds and no tweak, and Random123, its reference implementation.
 * The loop structure follows `_threefry2x32_lowering` in JAX's
 * `jax/_src/prng.py`, so results agree with JAX bit for bit.
 */

/** Threefish's key-schedule parity constant (Skein 1.3, section 3.3.2). */
const KEY_SCHEDULE_PARITY = 0x1bd11bda;

/**
 * Rotation amounts for the 2x32 variant. Rounds alternate between the two
 * groups of four, one group between consecutive key injections.
 */
const ROTATIONS: readonly (readonly number[])[] = [
  [13, 15, 26, 6],
  [17, 29, 16, 24],
];

/** Twenty rounds: five groups of four, each group followed by a key injection. */
const INJECTIONS = 5;

/**
 * A pair of uint32 words: the key or the counter block of {@link threefry2x32}.
 *
 * @example
 * ```ts
 * const counter: Word2 = [0, 1];
 * threefry2x32(keyData(key(0)), counter);
 * ```
 */
export type Word2 = readonly [number, number];

function isUint32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

function checkWord2(fn: string, name: string, words: Word2): void {
  if (!Array.isArray(words) || words.length !== 2 || !words.every(isUint32)) {
    const shown = Array.isArray(words) ? `[${words.join(', ')}]` : String(words);
    throw new TypeError(`${fn}: ${name} must be two uint32 words, got ${shown}`);
  }
}

function rotateLeft(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

/** The block function over lanes, without argument checks (lanes of equal length). */
function encryptLanes(key: Word2, x0: Uint32Array, x1: Uint32Array): [Uint32Array, Uint32Array] {
  const ks = [key[0], key[1], (key[0] ^ key[1] ^ KEY_SCHEDULE_PARITY) >>> 0] as const;
  const y0 = new Uint32Array(x0.length);
  const y1 = new Uint32Array(x1.length);
  for (let lane = 0; lane < x0.length; lane++) {
    let a = (x0[lane]! + ks[0]) >>> 0;
    let b = (x1[lane]! + ks[1]) >>> 0;
    for (let i = 0; i < INJECTIONS; i++) {
      const rotations = ROTATIONS[i % 2]!;
      for (let j = 0; j < rotations.length; j++) {
        a = (a + b) >>> 0;
        b = (rotateLeft(b, rotations[j]!) ^ a) >>> 0;
      }
      // Key injection i + 1: Threefish's schedule rotates through the three key
      // words and adds the injection number to the second word.
      a = (a + ks[(i + 1) % 3]!) >>> 0;
      b = (b + ks[(i + 2) % 3]! + i + 1) >>> 0;
    }
    y0[lane] = a;
    y1[lane] = b;
  }
  return [y0, y1];
}

/**
 * Applies the Threefry-2x32-20 block function lane by lane: lane `i` encrypts the
 * counter `(x0[i], x1[i])` under `key`.
 *
 * This is JAX's `threefry2x32_p` primitive. The two halves are separate arrays, as
 * in JAX, so that a flat counter array can be hashed without interleaving.
 *
 * @param key - the two key words `[k0, k1]`, each a uint32
 * @param x0 - first counter word of every lane
 * @param x1 - second counter word of every lane (same length as `x0`)
 * @returns the two output words of every lane, as new arrays
 * @throws TypeError if `key` is not two uint32 words or the arrays differ in length
 *
 * @example
 * ```ts
 * const [y0, y1] = threefry2x32Batch([0, 0], Uint32Array.of(0, 1), Uint32Array.of(0, 0));
 * y0[0].toString(16); // '6b200159' (Random123's known answer for key 0, counter 0)
 * ```
 */
export function threefry2x32Batch(
  key: Word2,
  x0: Uint32Array,
  x1: Uint32Array,
): [Uint32Array, Uint32Array] {
  checkWord2('threefry2x32Batch', 'key', key);
  if (x0.length !== x1.length) {
    throw new TypeError(
      `threefry2x32Batch: x0 and x1 must have the same length, got ${x0.length} and ${x1.length}`,
    );
  }
  return encryptLanes(key, x0, x1);
}

/**
 * The Threefry-2x32-20 block function on one counter block: a keyed bijection of
 * 64-bit blocks (Salmon et al. 2011).
 *
 * The argument order is (key, counter), as in JAX's `threefry_2x32(keypair, count)`.
 * Random123's C API takes (counter, key).
 *
 * @param key - the key words `[k0, k1]`, each a uint32
 * @param counter - the counter words `[x0, x1]`, each a uint32
 * @returns the encrypted block `[y0, y1]`
 * @throws TypeError if either argument is not two uint32 words
 *
 * @example
 * ```ts
 * // Random123's known-answer vector: key (0x13198a2e, 0x03707344),
 * // counter (0x243f6a88, 0x85a308d3).
 * threefry2x32([0x13198a2e, 0x03707344], [0x243f6a88, 0x85a308d3]);
 * // [0xc4923a9c, 0x483df7a0]
 * ```
 */
export function threefry2x32(key: Word2, counter: Word2): [number, number] {
  checkWord2('threefry2x32', 'key', key);
  checkWord2('threefry2x32', 'counter', counter);
  const [y0, y1] = encryptLanes(key, Uint32Array.of(counter[0]), Uint32Array.of(counter[1]));
  return [y0[0]!, y1[0]!];
}

/**
 * JAX's `threefry_2x32(keypair, count)` on a flat array of counts: the array is
 * padded with one zero if its length is odd, cut into a first and a second half
 * that become the two counter words of each block, hashed, and the two output
 * halves are concatenated (dropping the padding). Split, fold-in and random bits
 * in classic (non-partitionable) JAX all go through this layout.
 */
export function hashCounts(key: Word2, counts: Uint32Array): Uint32Array {
  const half = Math.ceil(counts.length / 2);
  const padded = new Uint32Array(2 * half);
  padded.set(counts);
  const [y0, y1] = encryptLanes(key, padded.subarray(0, half), padded.subarray(half));
  const out = new Uint32Array(counts.length);
  out.set(y0);
  out.set(y1.subarray(0, counts.length - half), half);
  return out;
}

/** `[0, 1, ..., n - 1]` as uint32, JAX's `lax.iota(np.uint32, n)`. */
export function iota(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

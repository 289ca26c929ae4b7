/** The fixed batch every framework trains on: deterministic pseudo-images and labels. */

/** `n` images `[n, 1, side, side]` with values in [0, 1) and labels `i mod 10`. */
export function syntheticBatch(
  n: number,
  side: number,
): { images: Float32Array; labels: Int32Array } {
  const images = new Float32Array(n * side * side);
  let state = 12345;
  for (let i = 0; i < images.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) | 0;
    images[i] = (state >>> 8) / 2 ** 24;
  }
  return { images, labels: Int32Array.from({ length: n }, (_, i) => i % 10) };
}

/** Images per second of `steps` calls of `step` on batches of `batch`. */
export function timeRun(batch: number, steps: number, step: () => void): number {
  const start = performance.now();
  for (let i = 0; i < steps; i++) step();
  return (batch * steps * 1000) / (performance.now() - start);
}

/**
 * About `count` "nice" tick values (1, 2 or 5 times a power of ten apart) covering
 * `[min, max]`, as chart libraries choose them; the first tick is at or below `min` and the
 * last at or above `max`.
 *
 * @example
 * ```ts
 * niceTicks(0.013, 0.31, 5); // [0, 0.1, 0.2, 0.3, 0.4]
 * ```
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (max < min) [min, max] = [max, min];
  const magnitude = Math.max(Math.abs(min), Math.abs(max));
  if (max - min <= magnitude * 1e-9 || max - min < 1e-12) {
    // A flat series still needs a visible range around it.
    const pad = magnitude > 1e-12 ? magnitude / 2 : 1;
    [min, max] = [min - pad, max + pad];
  }
  const rough = (max - min) / Math.max(count - 1, 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  let first = Math.floor(min / step);
  let last = Math.ceil(max / step);
  // min / step can underflow to -0 for tiny values; the ticks must still cover the range.
  if (first * step > min) first--;
  if (last * step < max) last++;
  // Multiplying integers by the step, then rounding, avoids 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Array.from({ length: last - first + 1 }, (_, i) =>
    Number(((first + i) * step).toFixed(decimals)),
  );
}

/** A tick label: no trailing zeros, at most 4 significant digits. */
export function tickLabel(value: number): string {
  return String(Number(value.toPrecision(4)));
}

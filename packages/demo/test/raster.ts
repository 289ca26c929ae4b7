import type { InkImage } from '../src/preprocess.js';
import type { Stroke } from './digits.js';

/** The distance from (x, y) to the segment from a to b. */
function distance(
  x: number,
  y: number,
  a: readonly [number, number],
  b: readonly [number, number],
): number {
  const [ax, ay] = a;
  const dx = b[0] - ax;
  const dy = b[1] - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length2));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

/**
 * Strokes rasterised as a canvas draws them (round caps and joins, `pen` wide), with one
 * pixel of anti-aliasing, on a `size` x `size` image scaled by `scale` (device pixels).
 */
export function rasterise(
  strokes: readonly Stroke[],
  size: number,
  pen: number,
  scale = 1,
): InkImage {
  const side = size * scale;
  const data = new Float32Array(side * side);
  const r = (pen * scale) / 2;
  for (const stroke of strokes) {
    const points = stroke.map(([x, y]) => [x * scale, y * scale] as const);
    for (let i = 0; i < points.length; i++) {
      const a = points[i]!;
      const b = points[Math.min(i + 1, points.length - 1)]!;
      const x0 = Math.max(0, Math.floor(Math.min(a[0], b[0]) - r - 1));
      const x1 = Math.min(side - 1, Math.ceil(Math.max(a[0], b[0]) + r + 1));
      const y0 = Math.max(0, Math.floor(Math.min(a[1], b[1]) - r - 1));
      const y1 = Math.min(side - 1, Math.ceil(Math.max(a[1], b[1]) + r + 1));
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const cover = Math.max(0, Math.min(1, r + 0.5 - distance(x + 0.5, y + 0.5, a, b)));
          const at = y * side + x;
          if (cover > data[at]!) data[at] = cover;
        }
      }
    }
  }
  return { width: side, height: side, data };
}

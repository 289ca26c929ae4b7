/**
 * Digits drawn as strokes (polylines) on the demo's 280x280 canvas, as a person would draw
 * them with the mouse. The Node tests rasterise them; the browser test draws them with the
 * mouse, point by point.
 */

/** A stroke: points in canvas pixels, pen down at the first, up at the last. */
export type Stroke = readonly (readonly [number, number])[];

/** The canvas size in CSS pixels and the pen width the page draws with. */
export const CANVAS = 280;
export const PEN = 22;

/** Points along a circular arc, from angle a0 to a1 (radians, y down), n segments. */
function arc(
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  a0: number,
  a1: number,
  n: number,
): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const a = a0 + ((a1 - a0) * i) / n;
    out.push([Math.round(cx + rx * Math.cos(a)), Math.round(cy + ry * Math.sin(a))]);
  }
  return out;
}

/** Each digit's strokes. */
export const DIGITS: Readonly<Record<number, readonly Stroke[]>> = {
  0: [arc(140, 140, 62, 95, -Math.PI / 2, (3 * Math.PI) / 2, 24)],
  1: [
    [
      [118, 72],
      [148, 45],
      [148, 238],
    ],
  ],
  2: [[...arc(138, 100, 58, 52, Math.PI * 1.1, Math.PI * 2.25, 12), [78, 232], [206, 232]]],
  3: [
    [
      ...arc(135, 95, 55, 48, Math.PI * 1.15, Math.PI * 2.5, 12),
      ...arc(135, 185, 60, 50, Math.PI * 1.5, Math.PI * 2.85, 12),
    ],
  ],
  4: [
    [
      [170, 40],
      [80, 170],
      [215, 170],
    ],
    [
      [175, 100],
      [175, 245],
    ],
  ],
  7: [
    [
      [75, 55],
      [210, 55],
      [125, 240],
    ],
  ],
};

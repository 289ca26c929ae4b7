import type { AffineRanges } from './options.js';

/** Uniforms drawn per image for the affine distortion: tx, ty, scale, squeeze, shear. */
export const AFFINE_DRAWS = 5;

/**
 * Writes, for every output pixel of an `h x w` image, the source position of the image's
 * random affine distortion into `sx`, `sy`.
 *
 * The distortion maps a source point `s` (relative to the image centre) to
 * `F s + t` with `F = scale * diag(q, 1/q) * [[1, shear], [0, 1]]`: shear along x, then
 * squeeze (q widens and 1/q flattens, or the reverse), then scale, then translate, as in
 * LeCun et al. 1998 (Section III-B). Resampling needs the inverse,
 * `s = F^-1 (d - t)` with `F^-1 = (1 / scale) * [[1/q, -q shear], [0, q]]`.
 *
 * `u` holds five uniforms in [0, 1) at `offset`; each becomes a parameter uniform in
 * [-range, range], so a zero range gives exactly the identity.
 */
export function affineSourcePositions(
  u: Float32Array,
  offset: number,
  ranges: AffineRanges,
  h: number,
  w: number,
  sx: Float64Array,
  sy: Float64Array,
): void {
  const symmetric = (i: number, range: number): number => range * (2 * u[offset + i]! - 1);
  const tx = symmetric(0, ranges.translate);
  const ty = symmetric(1, ranges.translate);
  const scale = 1 + symmetric(2, ranges.scale);
  const q = 1 + symmetric(3, ranges.squeeze);
  const shear = symmetric(4, ranges.shear);
  const a = 1 / (scale * q);
  const b = (-q * shear) / scale;
  const d = q / scale;
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  let p = 0;
  for (let y = 0; y < h; y++) {
    const ry = y - cy - ty;
    const rowX = b * ry + cx;
    const rowY = d * ry + cy;
    for (let x = 0; x < w; x++) {
      sx[p] = a * (x - cx - tx) + rowX;
      sy[p] = rowY;
      p++;
    }
  }
}

/** Writes the identity: every output pixel reads its own position. */
export function identitySourcePositions(
  h: number,
  w: number,
  sx: Float64Array,
  sy: Float64Array,
): void {
  let p = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      sx[p] = x;
      sy[p] = y;
      p++;
    }
  }
}

/**
 * Bilinear resampling: output pixel `p` takes the value of the input at the (fractional)
 * source position `(sx[p], sy[p])`, interpolated between the four pixels around it; pixels
 * outside the image have the value `fill`. The result is a convex combination of input
 * pixels and `fill`, so it stays in their range `[lo, hi]`; the clamp only removes the last
 * bit that rounding can add in float64. An integer source position reproduces its pixel
 * exactly.
 */
export function sampleBilinear(
  src: Float32Array | Float64Array,
  srcOffset: number,
  out: Float32Array | Float64Array,
  outOffset: number,
  h: number,
  w: number,
  sx: Float64Array,
  sy: Float64Array,
  fill: number,
  lo: number,
  hi: number,
): void {
  const size = h * w;
  for (let p = 0; p < size; p++) {
    const x = sx[p]!;
    const y = sy[p]!;
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const fx = x - x0;
    const fy = y - y0;
    let v00: number;
    let v01: number;
    let v10: number;
    let v11: number;
    if (x0 >= 0 && y0 >= 0 && x0 < w - 1 && y0 < h - 1) {
      // The common case: all four neighbours inside.
      const i = srcOffset + y0 * w + x0;
      v00 = src[i]!;
      v01 = src[i + 1]!;
      v10 = src[i + w]!;
      v11 = src[i + w + 1]!;
    } else if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) {
      out[outOffset + p] = fill;
      continue;
    } else {
      const inX0 = x0 >= 0 && x0 < w;
      const inX1 = x0 + 1 >= 0 && x0 + 1 < w;
      const inY0 = y0 >= 0 && y0 < h;
      const inY1 = y0 + 1 >= 0 && y0 + 1 < h;
      const row0 = srcOffset + y0 * w;
      const row1 = row0 + w;
      v00 = inY0 && inX0 ? src[row0 + x0]! : fill;
      v01 = inY0 && inX1 ? src[row0 + x0 + 1]! : fill;
      v10 = inY1 && inX0 ? src[row1 + x0]! : fill;
      v11 = inY1 && inX1 ? src[row1 + x0 + 1]! : fill;
    }
    const top = v00 + fx * (v01 - v00);
    const bottom = v10 + fx * (v11 - v10);
    const v = top + fy * (bottom - top);
    out[outOffset + p] = Math.min(Math.max(v, lo), hi);
  }
}

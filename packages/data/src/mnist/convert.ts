/**
 * Bytes to floats for `count` images, scaling and padding in one pass: each padded image is
 * filled with the background value, then its rows are written at an offset.
 */
export function convertImages(
  bytes: Uint8Array,
  height: number,
  width: number,
  count: number,
  table: Float32Array,
  pad: number,
): Float32Array {
  const outHeight = height + 2 * pad;
  const outWidth = width + 2 * pad;
  const inSize = height * width;
  const outSize = outHeight * outWidth;
  const out = new Float32Array(count * outSize);
  if (pad > 0) out.fill(table[0]!);
  for (let n = 0; n < count; n++) {
    let src = n * inSize;
    let dst = n * outSize + pad * outWidth + pad;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) out[dst + x] = table[bytes[src + x]!]!;
      src += width;
      dst += outWidth;
    }
  }
  return out;
}

/** Labels (bytes) to int32 for a range. */
export function convertLabels(bytes: Uint8Array, first: number, count: number): Int32Array {
  return Int32Array.from(bytes.subarray(first, first + count));
}

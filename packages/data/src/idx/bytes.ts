/**
 * Byte order. IDX stores every multi-byte value big-endian ("MSB first", LeCun's format
 * description); typed arrays use the host's order, little-endian on every platform Node runs
 * on, so values cross the boundary by reversing the bytes of each element in place.
 */

/** True on a little-endian host (x86, ARM as Node runs them). */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * Reverses the bytes of each `width`-byte element of `bytes` in place, turning big-endian
 * values into little-endian ones and back. A tight loop per width: this runs over whole
 * files.
 */
export function swapBytes(bytes: Uint8Array, width: number): void {
  const n = bytes.length;
  if (width === 2) {
    for (let i = 0; i < n; i += 2) {
      const a = bytes[i]!;
      bytes[i] = bytes[i + 1]!;
      bytes[i + 1] = a;
    }
  } else if (width === 4) {
    for (let i = 0; i < n; i += 4) {
      const a = bytes[i]!;
      const b = bytes[i + 1]!;
      bytes[i] = bytes[i + 3]!;
      bytes[i + 1] = bytes[i + 2]!;
      bytes[i + 2] = b;
      bytes[i + 3] = a;
    }
  } else if (width === 8) {
    for (let i = 0; i < n; i += 8) {
      for (let j = 0; j < 4; j++) {
        const a = bytes[i + j]!;
        bytes[i + j] = bytes[i + 7 - j]!;
        bytes[i + 7 - j] = a;
      }
    }
  }
}

/** Converts `bytes` between big-endian and host order in place (a no-op for single bytes). */
export function bigEndianToHost(bytes: Uint8Array, width: number): void {
  if (HOST_IS_LITTLE_ENDIAN && width > 1) swapBytes(bytes, width);
}

import { gzipSync } from 'node:zlib';
import { type EncodeIdxOptions, encodePlainIdx } from './plain.js';
import type { IdxArray } from './types.js';

export type { EncodeIdxOptions } from './plain.js';

/**
 * Encodes an array as an IDX file: the magic number (two zero bytes, the type code, the
 * number of dimensions), each dimension as a big-endian uint32, then the values big-endian.
 *
 * @param array - the element type, the shape and the values (in the matching typed array)
 * @param options - `gzip` to compress the result
 * @throws RangeError if the shape does not fit IDX or disagrees with the data
 * @throws TypeError if the data is not the typed array of `type`
 *
 * @example
 * ```ts
 * const bytes = encodeIdx({ type: 'int16', shape: [2, 2], data: Int16Array.of(1, -2, 3, -4) });
 * decodeIdx(bytes).data; // Int16Array [1, -2, 3, -4]
 * ```
 */
export function encodeIdx(array: IdxArray, options: EncodeIdxOptions = {}): Uint8Array {
  const out = encodePlainIdx(array);
  return options.gzip ? new Uint8Array(gzipSync(out)) : out;
}

/**
 * `decodeIdx` and `encodeIdx` for the browser entry of the package: the same codec without
 * `node:zlib`. A browser has no synchronous gzip, so compressed data is refused with an error
 * that says so (decompress it first, with `DecompressionStream('gzip')`, or let the server's
 * `Content-Encoding` do it).
 */
import { IdxFormatError } from './errors.js';
import {
  type DecodeIdxOptions,
  decodePlainIdx,
  type EncodeIdxOptions,
  encodePlainIdx,
  isGzip,
} from './plain.js';
import type { IdxArray, IdxType } from './types.js';

/**
 * Decodes an IDX file held in memory (plain, not gzip-compressed); the browser build of the
 * Node entry's `decodeIdx`, with the same errors.
 *
 * @throws IdxFormatError for gzip-compressed bytes, besides the Node version's errors
 *
 * @example
 * ```ts
 * const bytes = new Uint8Array(await (await fetch('labels.idx1-ubyte')).arrayBuffer());
 * decodeIdx(bytes, { type: 'uint8' }).shape; // [n]
 * ```
 */
export function decodeIdx<T extends IdxType = IdxType>(
  bytes: Uint8Array,
  options: DecodeIdxOptions<T> = {},
): IdxArray<T> {
  const file = options.file ?? 'IDX data';
  if (isGzip(bytes)) {
    throw new IdxFormatError(
      file,
      'is gzip-compressed, and the browser build of @tessera/data has no synchronous gzip; ' +
        "decompress it first (DecompressionStream('gzip'), or the server's Content-Encoding)",
    );
  }
  return decodePlainIdx(bytes, file, options.type);
}

/**
 * Encodes an array as an IDX file (plain); the browser build of the Node entry's `encodeIdx`.
 *
 * @throws Error if `options.gzip` is set: the browser build has no synchronous gzip
 *
 * @example
 * ```ts
 * encodeIdx({ type: 'uint8', shape: [2], data: Uint8Array.of(1, 2) }).length; // 10
 * ```
 */
export function encodeIdx(array: IdxArray, options: EncodeIdxOptions = {}): Uint8Array {
  if (options.gzip) {
    throw new Error(
      'encodeIdx: gzip needs node:zlib; the browser build of @tessera/data writes plain IDX only',
    );
  }
  return encodePlainIdx(array);
}

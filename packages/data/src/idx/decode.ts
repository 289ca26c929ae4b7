import { gunzipSync } from 'node:zlib';
import { IdxFormatError, IdxTruncatedError } from './errors.js';
import { type DecodeIdxOptions, decodePlainIdx, isGzip } from './plain.js';
import type { IdxArray, IdxType } from './types.js';

export { type DecodeIdxOptions, isGzip } from './plain.js';

/** The bytes of a gzip stream, uncompressed; a damaged stream is an IdxFormatError. */
export function gunzip(bytes: Uint8Array, file: string): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const code = (cause as { code?: unknown }).code;
    const Problem = code === 'Z_BUF_ERROR' ? IdxTruncatedError : IdxFormatError;
    throw new Problem(file, `the gzip stream is damaged (${message})`, { cause });
  }
}

/**
 * Decodes an IDX file held in memory, plain or gzip-compressed (recognised by its first
 * two bytes). The result owns a copy of the values, converted to the host's byte order.
 *
 * @param bytes - the file's bytes
 * @param options - `file`, the name for error messages; `type`, the expected element type
 * @throws IdxMagicError if the magic number is not IDX's, or names an unexpected type
 * @throws IdxTruncatedError if the bytes end before the header or the values do
 * @throws IdxSizeError if bytes are left over after the values the header announces
 * @throws IdxFormatError if a gzip stream is damaged
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 *
 * const labels = decodeIdx(readFileSync('train-labels-idx1-ubyte'), { type: 'uint8' });
 * labels.shape; // [60000]
 * ```
 */
export function decodeIdx<T extends IdxType = IdxType>(
  bytes: Uint8Array,
  options: DecodeIdxOptions<T> = {},
): IdxArray<T> {
  const file = options.file ?? 'IDX data';
  const raw = isGzip(bytes) ? gunzip(bytes, file) : bytes;
  return decodePlainIdx(raw, file, options.type);
}

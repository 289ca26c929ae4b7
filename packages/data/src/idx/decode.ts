import { gunzipSync } from 'node:zlib';
import { bigEndianToHost } from './bytes.js';
import { IdxFormatError, IdxTruncatedError } from './errors.js';
import { parseIdxHeader } from './header.js';
import { type IdxArray, type IdxType, idxWidth, viewAs } from './types.js';

/**
 * Options of {@link decodeIdx}.
 *
 * @example
 * ```ts
 * const options: DecodeIdxOptions<'uint8'> = { file: 'labels.idx', type: 'uint8' };
 * ```
 */
export interface DecodeIdxOptions<T extends IdxType = IdxType> {
  /** The name used in error messages (default `'IDX data'`). */
  readonly file?: string;
  /** The element type the caller expects; another type is an {@link IdxMagicError}. */
  readonly type?: T;
}

/** gzip streams start with 0x1f 0x8b (RFC 1952); IDX files start with two zero bytes. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

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
  const { type, shape, headerBytes, dataBytes } = parseIdxHeader(
    raw,
    raw.length,
    file,
    options.type,
  );
  // Copy into a fresh, aligned buffer: the caller's bytes may sit at any offset (Node's
  // pooled Buffers do), and the result must not alias them.
  const copy = new Uint8Array(dataBytes);
  copy.set(raw.subarray(headerBytes));
  bigEndianToHost(copy, idxWidth(type));
  return { type: type as T, shape, data: viewAs(type as T, copy.buffer) };
}

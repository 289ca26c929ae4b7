/**
 * The IDX codec without compression: what decoding and encoding need besides zlib, shared by
 * the Node entry (which adds gzip through `node:zlib`) and the browser entry (which has no
 * synchronous gzip and refuses compressed data with a clear error).
 */
import { bigEndianToHost } from './bytes.js';
import { parseIdxHeader } from './header.js';
import { type IdxArray, type IdxType, idxTypeCode, idxWidth, isIdxData, viewAs } from './types.js';

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

/**
 * Decodes plain (uncompressed) IDX bytes; `file` names them in errors. The result owns a copy
 * of the values, converted to the host's byte order.
 */
export function decodePlainIdx<T extends IdxType>(
  raw: Uint8Array,
  file: string,
  expected?: T,
): IdxArray<T> {
  const { type, shape, headerBytes, dataBytes } = parseIdxHeader(raw, raw.length, file, expected);
  // Copy into a fresh, aligned buffer: the caller's bytes may sit at any offset (Node's
  // pooled Buffers do), and the result must not alias them.
  const copy = new Uint8Array(dataBytes);
  copy.set(raw.subarray(headerBytes));
  bigEndianToHost(copy, idxWidth(type));
  return { type: type as T, shape, data: viewAs(type as T, copy.buffer) };
}

/**
 * Options of {@link encodeIdx}.
 *
 * @example
 * ```ts
 * const options: EncodeIdxOptions = { gzip: true };
 * ```
 */
export interface EncodeIdxOptions {
  /** Compress the file with gzip (default false). */
  readonly gzip?: boolean;
}

const MAX_RANK = 255;
const MAX_DIM = 0xffffffff;

function checkArray(array: IdxArray): void {
  const { type, shape, data } = array;
  if (!isIdxData(type, data)) {
    throw new TypeError(`encodeIdx: ${type} values must be held in the matching typed array`);
  }
  if (shape.length > MAX_RANK) {
    throw new RangeError(
      `encodeIdx: IDX holds at most ${MAX_RANK} dimensions, got ${shape.length}`,
    );
  }
  if (shape.some((d) => !Number.isInteger(d) || d < 0 || d > MAX_DIM)) {
    throw new RangeError(
      `encodeIdx: dimensions must be integers in [0, 2^32 - 1], got [${shape.join(', ')}]`,
    );
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) {
    throw new RangeError(
      `encodeIdx: shape [${shape.join(', ')}] holds ${size} values, data has ${data.length}`,
    );
  }
}

/** Encodes an array as plain (uncompressed) IDX bytes; see `encodeIdx`. */
export function encodePlainIdx(array: IdxArray): Uint8Array {
  checkArray(array);
  const { type, shape, data } = array;
  const headerBytes = 4 + 4 * shape.length;
  const out = new Uint8Array(headerBytes + data.byteLength);
  const view = new DataView(out.buffer);
  out[2] = idxTypeCode(type as IdxType);
  out[3] = shape.length;
  shape.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d);
  });
  const body = out.subarray(headerBytes);
  body.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  bigEndianToHost(body, idxWidth(type));
  return out;
}

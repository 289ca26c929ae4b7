import { gzipSync } from 'node:zlib';
import { bigEndianToHost } from './bytes.js';
import { type IdxArray, type IdxType, idxTypeCode, idxWidth, isIdxData } from './types.js';

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
  return options.gzip ? new Uint8Array(gzipSync(out)) : out;
}

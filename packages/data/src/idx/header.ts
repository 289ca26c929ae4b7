import { IdxMagicError, IdxSizeError, IdxTruncatedError } from './errors.js';
import { type IdxType, idxTypeOfCode, idxWidth } from './types.js';

/** What an IDX header says: the element type, the dimensions and where the values lie. */
export interface IdxHeader {
  readonly type: IdxType;
  readonly shape: readonly number[];
  /** Bytes before the values: the magic number and one uint32 per dimension. */
  readonly headerBytes: number;
  /** Bytes of values the dimensions announce. */
  readonly dataBytes: number;
}

const MAGIC_BYTES = 4;
const DIM_BYTES = 4;

/** The most bytes a header can take: the magic number and 255 dimensions. */
export const MAX_HEADER_BYTES = MAGIC_BYTES + DIM_BYTES * 255;

function hex(bytes: Uint8Array): string {
  const digits = Array.from(bytes.subarray(0, MAGIC_BYTES), (b) => b.toString(16).padStart(2, '0'));
  return `0x${digits.join('').toUpperCase()}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Parses and checks the header at the start of `head`, for a file of `length` bytes in all
 * (`head` may be just the start of it): the magic number, the element type (against
 * `expected`, if given), and that `length` is exactly the header plus the values.
 *
 * @throws IdxMagicError, IdxTruncatedError or IdxSizeError, each naming `file`
 */
export function parseIdxHeader(
  head: Uint8Array,
  length: number,
  file: string,
  expected?: IdxType,
): IdxHeader {
  if (length < MAGIC_BYTES) {
    throw new IdxTruncatedError(
      file,
      `${plural(length, 'byte')}, fewer than the 4 bytes of an IDX magic number`,
    );
  }
  const type = idxTypeOfCode(head[2]!);
  if (head[0] !== 0 || head[1] !== 0 || type === undefined) {
    throw new IdxMagicError(
      file,
      `magic number ${hex(head)} is not IDX: expected 0x0000 followed by a type code ` +
        '(08, 09, 0B, 0C, 0D or 0E) and the number of dimensions',
    );
  }
  if (expected !== undefined && type !== expected) {
    throw new IdxMagicError(file, `holds ${type} values, expected ${expected}`);
  }
  const rank = head[3]!;
  const headerBytes = MAGIC_BYTES + DIM_BYTES * rank;
  if (length < headerBytes) {
    throw new IdxTruncatedError(
      file,
      `the header of ${plural(rank, 'dimension')} needs ${headerBytes} bytes, found ${length}`,
    );
  }
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(MAGIC_BYTES + DIM_BYTES * i));
  const dataBytes = shape.reduce((a, b) => a * b, 1) * idxWidth(type);
  const found = length - headerBytes;
  const described = `[${shape.join(', ')}] ${type}`;
  if (found < dataBytes) {
    throw new IdxTruncatedError(
      file,
      `the header announces ${described} = ${plural(dataBytes, 'data byte')}, found ${found}`,
    );
  }
  if (found > dataBytes) {
    throw new IdxSizeError(
      file,
      `the header announces ${described} = ${plural(dataBytes, 'data byte')}, ` +
        `found ${found} (${plural(found - dataBytes, 'byte')} after the data)`,
    );
  }
  return { type, shape, headerBytes, dataBytes };
}

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { bigEndianToHost } from './bytes.js';
import { gunzip, isGzip } from './decode.js';
import { IdxFormatError } from './errors.js';
import { type IdxHeader, MAX_HEADER_BYTES, parseIdxHeader } from './header.js';
import { type IdxType, type IdxTypedArrays, idxWidth, viewAs } from './types.js';

/** Some rows (entries along the first dimension) of an IDX file, and its header. */
export interface IdxRows<T extends IdxType> {
  readonly header: IdxHeader;
  /** Rows `first .. first + count` in host byte order. */
  readonly data: IdxTypedArrays[T];
}

function readAt(fd: number, length: number, position: number): Uint8Array {
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? out : out.subarray(0, done);
}

/**
 * Reads rows `first .. first + count` (clipped to the file) of an IDX file whose element
 * type must be `type`, checking the whole header against the file's size. A plain file is
 * read only where those rows lie, so loading a validation split or a few test images does
 * not read the whole file; a gzip file must be inflated whole.
 *
 * @throws IdxFormatError (or a subclass) naming `path` if the file is malformed
 */
export function readIdxRows<T extends IdxType>(
  path: string,
  type: T,
  first: number,
  count: number,
): IdxRows<T> {
  const fd = openSync(path, 'r');
  try {
    const length = fstatSync(fd).size;
    const head = readAt(fd, Math.min(length, MAX_HEADER_BYTES), 0);
    if (isGzip(head)) {
      const raw = gunzip(readAt(fd, length, 0), path);
      const header = parseIdxHeader(raw, raw.length, path, type);
      const [start, bytes] = rowSpan(header, first, count);
      const begin = header.headerBytes + start;
      // A fresh copy: aligned for the typed array, and not a view of the inflated file.
      return { header, data: toHost(new Uint8Array(raw.subarray(begin, begin + bytes)), type) };
    }
    const header = parseIdxHeader(head, length, path, type);
    const [start, bytes] = rowSpan(header, first, count);
    const body = readAt(fd, bytes, header.headerBytes + start);
    if (body.length !== bytes) throw new IdxFormatError(path, 'the file changed while it was read');
    return { header, data: toHost(body, type) };
  } finally {
    closeSync(fd);
  }
}

/** The byte offset (within the values) and length of the rows asked for, clipped. */
function rowSpan(header: IdxHeader, first: number, count: number): readonly [number, number] {
  const rows = header.shape[0] ?? 1;
  const rowBytes = rows === 0 ? 0 : header.dataBytes / rows;
  const from = Math.min(Math.max(0, first), rows);
  const to = Math.min(rows, from + Math.max(0, count));
  return [from * rowBytes, (to - from) * rowBytes];
}

/** Big-endian values in a buffer of their own (offset 0), in place to host order and typed. */
function toHost<T extends IdxType>(bytes: Uint8Array, type: T): IdxTypedArrays[T] {
  bigEndianToHost(bytes, idxWidth(type));
  return viewAs(type, bytes.buffer as ArrayBuffer);
}

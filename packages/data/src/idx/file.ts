import { readFileSync, writeFileSync } from 'node:fs';
import { decodeIdx } from './decode.js';
import { type EncodeIdxOptions, encodeIdx } from './encode.js';
import type { IdxArray, IdxType } from './types.js';

/**
 * Reads an IDX file, plain or gzip-compressed (recognised by content, not by name).
 * Errors name the path.
 *
 * @param path - the file
 * @param type - the element type expected, if any
 * @throws IdxFormatError (or a subclass) if the file is not well-formed IDX
 *
 * @example
 * ```ts
 * const images = readIdxFile('train-images-idx3-ubyte.gz', 'uint8');
 * images.shape; // [60000, 28, 28]
 * ```
 */
export function readIdxFile<T extends IdxType = IdxType>(path: string, type?: T): IdxArray<T> {
  const bytes = readFileSync(path);
  return decodeIdx<T>(bytes, type === undefined ? { file: path } : { file: path, type });
}

/**
 * Writes an array as an IDX file; gzip-compressed if `options.gzip` says so, or, when it
 * is not given, if the path ends in `.gz`.
 *
 * @param path - the file to write
 * @param array - what to write
 * @param options - `gzip` (default: whether `path` ends in `.gz`)
 *
 * @example
 * ```ts
 * writeIdxFile('weights-idx2-float.gz', { type: 'float32', shape: [2, 3], data: new Float32Array(6) });
 * ```
 */
export function writeIdxFile(path: string, array: IdxArray, options: EncodeIdxOptions = {}): void {
  writeFileSync(path, encodeIdx(array, { gzip: options.gzip ?? path.endsWith('.gz') }));
}

/**
 * The browser entry of `@tessera/data` (the `browser` condition of its `exports`): everything
 * of the Node entry that needs no Node built-in. It leaves out what reads or writes files
 * (`readIdxFile`, `writeIdxFile`, `mnist`), and its `decodeIdx` / `encodeIdx` handle plain
 * IDX only (no `node:zlib`). Fetch the bytes and decode them:
 *
 * @example
 * ```ts
 * import { decodeIdx, idxToTensor } from '@tessera/data';
 *
 * const bytes = new Uint8Array(await (await fetch('train-images.idx3-ubyte')).arrayBuffer());
 * const images = idxToTensor(decodeIdx(bytes, { type: 'uint8' }), { dtype: 'float32' });
 * ```
 *
 * @packageDocumentation
 */

export * from './dataset/index.js';
export * from './distort/index.js';
export { decodeIdx, encodeIdx } from './idx/browser.js';
export { IdxFormatError, IdxMagicError, IdxSizeError, IdxTruncatedError } from './idx/errors.js';
export type { DecodeIdxOptions, EncodeIdxOptions } from './idx/plain.js';
export {
  type IdxTensorDType,
  type IdxToTensorOptions,
  idxToTensor,
  tensorToIdx,
} from './idx/tensor.js';
export {
  IDX_TYPES,
  type IdxArray,
  type IdxType,
  type IdxTypedArrays,
  idxTypeCode,
} from './idx/types.js';
export { MnistError } from './mnist/errors.js';
export type { MnistData, MnistOptions, MnistSplit } from './mnist/mnist.js';
export { type MnistScale, PAPER_BACKGROUND, PAPER_FOREGROUND } from './mnist/scale.js';
export * from './png/index.js';

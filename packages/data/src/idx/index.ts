export { type DecodeIdxOptions, decodeIdx } from './decode.js';
export { type EncodeIdxOptions, encodeIdx } from './encode.js';
export { IdxFormatError, IdxMagicError, IdxSizeError, IdxTruncatedError } from './errors.js';
export { readIdxFile, writeIdxFile } from './file.js';
export {
  type IdxTensorDType,
  type IdxToTensorOptions,
  idxToTensor,
  tensorToIdx,
} from './tensor.js';
export {
  IDX_TYPES,
  type IdxArray,
  type IdxType,
  type IdxTypedArrays,
  idxTypeCode,
} from './types.js';

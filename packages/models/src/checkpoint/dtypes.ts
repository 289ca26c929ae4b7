import type { DType } from '@tessera/tensor';

/**
 * A dtype as safetensors names it. Tessera writes the first four; it also reads the narrower
 * integer and float types other tools write, widening them without loss: 8- and 16-bit
 * integers to int32, half and bfloat16 to float32.
 *
 * @example
 * ```ts
 * import type { SafetensorsDType } from '@tessera/models';
 *
 * const dtype: SafetensorsDType = 'F32';
 * ```
 */
export type SafetensorsDType =
  | 'F64'
  | 'F32'
  | 'I32'
  | 'BOOL'
  | 'F16'
  | 'BF16'
  | 'I16'
  | 'U16'
  | 'I8'
  | 'U8';

/** The safetensors name Tessera writes for each of its dtypes. */
export const WRITTEN: { readonly [D in DType]: SafetensorsDType } = {
  float64: 'F64',
  float32: 'F32',
  int32: 'I32',
  bool: 'BOOL',
};

/** How to read one element type: its width in bytes, the Tessera dtype it becomes, a reader. */
export interface ElementReader {
  readonly bytes: number;
  readonly dtype: DType;
  /** The element at `byteOffset`, little-endian. */
  readonly read: (view: DataView, byteOffset: number) => number;
}

/**
 * Every dtype Tessera reads. Types Tessera has no dtype for are widened losslessly: 8- and
 * 16-bit integers to int32, half and bfloat16 to float32. 64-bit integers are refused: int32
 * cannot hold them and float64 would round them silently.
 */
export const READERS: { readonly [D in SafetensorsDType]: ElementReader } = {
  F64: { bytes: 8, dtype: 'float64', read: (v, o) => v.getFloat64(o, true) },
  F32: { bytes: 4, dtype: 'float32', read: (v, o) => v.getFloat32(o, true) },
  I32: { bytes: 4, dtype: 'int32', read: (v, o) => v.getInt32(o, true) },
  // numpy and torch store true as 1; any non-zero byte is true, as numpy reads it.
  BOOL: { bytes: 1, dtype: 'bool', read: (v, o) => (v.getUint8(o) === 0 ? 0 : 1) },
  F16: { bytes: 2, dtype: 'float32', read: (v, o) => halfToNumber(v.getUint16(o, true)) },
  // bfloat16 is the top half of a float32.
  BF16: { bytes: 2, dtype: 'float32', read: (v, o) => bfloat16ToNumber(v.getUint16(o, true)) },
  I16: { bytes: 2, dtype: 'int32', read: (v, o) => v.getInt16(o, true) },
  U16: { bytes: 2, dtype: 'int32', read: (v, o) => v.getUint16(o, true) },
  I8: { bytes: 1, dtype: 'int32', read: (v, o) => v.getInt8(o) },
  U8: { bytes: 1, dtype: 'int32', read: (v, o) => v.getUint8(o) },
};

/** Whether `name` is a dtype in {@link READERS}. */
export function isSafetensorsDType(name: string): name is SafetensorsDType {
  return Object.hasOwn(READERS, name);
}

/** The width in bytes of one element of a Tessera dtype as written. */
export function writtenBytes(dtype: DType): number {
  return READERS[WRITTEN[dtype]].bytes;
}

function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // zero and subnormals
  if (exponent === 0x1f) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

const scratch = new DataView(new ArrayBuffer(4));

function bfloat16ToNumber(bits: number): number {
  scratch.setUint32(0, bits << 16);
  return scratch.getFloat32(0);
}

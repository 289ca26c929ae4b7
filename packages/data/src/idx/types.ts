/**
 * The element types of the IDX format, as Yann LeCun's MNIST page defines them: the third
 * byte of the magic number names the type, and the data that follows is big-endian.
 */

/**
 * The name of an IDX element type: `uint8` (code 0x08), `int8` (0x09), `int16` (0x0B),
 * `int32` (0x0C), `float32` (0x0D) or `float64` (0x0E).
 *
 * @example
 * ```ts
 * const type: IdxType = 'uint8'; // MNIST's images and labels
 * ```
 */
export type IdxType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/**
 * The typed array that holds each {@link IdxType} in memory.
 *
 * @example
 * ```ts
 * const data: IdxTypedArrays['int16'] = new Int16Array([1, -2]);
 * ```
 */
export interface IdxTypedArrays {
  /** Unsigned bytes (0x08). */
  readonly uint8: Uint8Array;
  /** Signed bytes (0x09). */
  readonly int8: Int8Array;
  /** Signed 16-bit integers (0x0B). */
  readonly int16: Int16Array;
  /** Signed 32-bit integers (0x0C). */
  readonly int32: Int32Array;
  /** 32-bit floats (0x0D). */
  readonly float32: Float32Array;
  /** 64-bit floats (0x0E). */
  readonly float64: Float64Array;
}

/**
 * An IDX file's content: its element type, its dimensions (outermost first) and its
 * values in row-major order, in host byte order. The array owns its data.
 *
 * @example
 * ```ts
 * const labels: IdxArray<'uint8'> = { type: 'uint8', shape: [3], data: Uint8Array.of(5, 0, 4) };
 * ```
 */
export interface IdxArray<T extends IdxType = IdxType> {
  /** The element type. */
  readonly type: T;
  /** The dimensions, outermost first; their product is `data.length`. */
  readonly shape: readonly number[];
  /** The values in row-major order. */
  readonly data: IdxTypedArrays[T];
}

/**
 * Every IDX element type, in the order of their type codes.
 *
 * @example
 * ```ts
 * for (const type of IDX_TYPES) console.log(type, idxTypeCode(type));
 * ```
 */
export const IDX_TYPES: readonly IdxType[] = Object.freeze([
  'uint8',
  'int8',
  'int16',
  'int32',
  'float32',
  'float64',
]);

const CODES: { readonly [T in IdxType]: number } = {
  uint8: 0x08,
  int8: 0x09,
  int16: 0x0b,
  int32: 0x0c,
  float32: 0x0d,
  float64: 0x0e,
};

const WIDTHS: { readonly [T in IdxType]: number } = {
  uint8: 1,
  int8: 1,
  int16: 2,
  int32: 4,
  float32: 4,
  float64: 8,
};

/**
 * The type code that the third byte of an IDX magic number holds for `type`.
 *
 * @example
 * ```ts
 * idxTypeCode('float32'); // 0x0d
 * ```
 */
export function idxTypeCode(type: IdxType): number {
  return CODES[type];
}

/** The type named by a type code, or undefined for a code the format does not define. */
export function idxTypeOfCode(code: number): IdxType | undefined {
  return IDX_TYPES.find((type) => CODES[type] === code);
}

/** Bytes per element of `type`. */
export function idxWidth(type: IdxType): number {
  return WIDTHS[type];
}

/** A typed array of `type` viewing `buffer` (whose length must be a multiple of the width). */
export function viewAs<T extends IdxType>(type: T, buffer: ArrayBuffer): IdxTypedArrays[T] {
  const views: { readonly [U in IdxType]: (b: ArrayBuffer) => IdxTypedArrays[U] } = {
    uint8: (b) => new Uint8Array(b),
    int8: (b) => new Int8Array(b),
    int16: (b) => new Int16Array(b),
    int32: (b) => new Int32Array(b),
    float32: (b) => new Float32Array(b),
    float64: (b) => new Float64Array(b),
  };
  return views[type](buffer) as IdxTypedArrays[T];
}

/** The typed array class that stores `type`, to check what a caller hands in. */
export function isIdxData(type: IdxType, data: unknown): boolean {
  const classes: { readonly [T in IdxType]: new (length: number) => IdxTypedArrays[T] } = {
    uint8: Uint8Array,
    int8: Int8Array,
    int16: Int16Array,
    int32: Int32Array,
    float32: Float32Array,
    float64: Float64Array,
  };
  return data instanceof classes[type];
}

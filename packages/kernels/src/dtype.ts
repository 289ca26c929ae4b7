/**
 * Element types a buffer can hold.
 *
 * `bool` is stored as one byte per element (0 or 1); it is what comparisons return and what
 * `where` selects on.
 *
 * @example
 * ```ts
 * const dtype: DType = 'float32';
 * ```
 */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/**
 * The typed array that stores each {@link DType}.
 *
 * @example
 * ```ts
 * const data: DTypeArrays['bool'] = new Uint8Array([1, 0]);
 * ```
 */
export interface DTypeArrays {
  /** IEEE single precision. */
  float32: Float32Array;
  /** IEEE double precision. */
  float64: Float64Array;
  /** Signed 32-bit integers. */
  int32: Int32Array;
  /** One byte per element, 0 or 1. */
  bool: Uint8Array;
}

/**
 * Any typed array a buffer may hold.
 *
 * @example
 * ```ts
 * const data: TypedArray = allocate('int32', 4);
 * ```
 */
export type TypedArray = DTypeArrays[DType];

/**
 * Every dtype, in a fixed order (useful for tests and exhaustive checks).
 *
 * @example
 * ```ts
 * for (const dtype of DTYPES) allocate(dtype, 2);
 * ```
 */
export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

const constructors: {
  readonly [D in DType]: new (
    length: number,
  ) => DTypeArrays[D];
} = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  bool: Uint8Array,
};

/**
 * A zero-filled typed array of `length` elements for `dtype`.
 *
 * @example
 * ```ts
 * allocate('float32', 3); // Float32Array [0, 0, 0]
 * ```
 */
export function allocate<D extends DType>(dtype: D, length: number): DTypeArrays[D] {
  return new constructors[dtype](length);
}

/**
 * Copies `values` into a new typed array of `dtype`, converting as a store into that array
 * does (float32 rounds, int32 truncates toward zero, bool stores `x !== 0`).
 *
 * @example
 * ```ts
 * fromValues('int32', [1.7, -2.5]); // Int32Array [1, -2]
 * ```
 */
export function fromValues<D extends DType>(dtype: D, values: ArrayLike<number>): DTypeArrays[D] {
  const out = allocate(dtype, values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = dtype === 'bool' ? (v !== 0 ? 1 : 0) : v;
  }
  return out;
}

/**
 * Whether `dtype` holds real numbers (`float32` or `float64`).
 *
 * @example
 * ```ts
 * isFloating('int32'); // false
 * ```
 */
export function isFloating(dtype: DType): dtype is 'float32' | 'float64' {
  return dtype === 'float32' || dtype === 'float64';
}

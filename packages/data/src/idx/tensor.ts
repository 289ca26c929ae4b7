import { ConcreteTensor, type Tensor } from '@tessera/tensor';
import { type IdxArray, type IdxType, idxWidth, viewAs } from './types.js';

/**
 * The tensor dtypes an IDX array can become: integers widen to `int32` (exactly), floats
 * keep their width unless asked otherwise.
 *
 * @example
 * ```ts
 * const dtype: IdxTensorDType = 'float32';
 * ```
 */
export type IdxTensorDType = 'float32' | 'float64' | 'int32';

/**
 * Options of {@link idxToTensor}.
 *
 * @example
 * ```ts
 * idxToTensor(labels, { dtype: 'float32' });
 * ```
 */
export interface IdxToTensorOptions {
  /** The tensor's dtype (default: `int32` for integer types, the same width for floats). */
  readonly dtype?: IdxTensorDType;
}

function defaultDType(type: IdxType): IdxTensorDType {
  if (type === 'float32' || type === 'float64') return type;
  return 'int32';
}

/**
 * The tensor holding an IDX array's values (copied), with the same shape.
 *
 * @example
 * ```ts
 * const labels = idxToTensor(readIdxFile('t10k-labels-idx1-ubyte')); // int32 [10000]
 * ```
 */
export function idxToTensor(array: IdxArray, options: IdxToTensorOptions = {}): Tensor {
  const dtype = options.dtype ?? defaultDType(array.type);
  const Out = { float32: Float32Array, float64: Float64Array, int32: Int32Array }[dtype];
  return new ConcreteTensor({ dtype, shape: [...array.shape], data: Out.from(array.data) });
}

const RANGES: { readonly [T in IdxType]: readonly [number, number] | undefined } = {
  uint8: [0, 255],
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  float32: undefined,
  float64: undefined,
};

function defaultType(dtype: string): IdxType {
  if (dtype === 'float32' || dtype === 'float64' || dtype === 'int32') return dtype;
  return 'uint8';
}

/**
 * An IDX array holding a tensor's values, ready for {@link encodeIdx} or
 * {@link writeIdxFile}. By default the element type follows the dtype (`bool` becomes
 * `uint8`); an integer type given explicitly must hold every value exactly.
 *
 * @param x - a tensor with values (not a traced value)
 * @param type - the element type (default from the dtype)
 * @throws RangeError if a value is not an integer in the range of an integer `type`
 * @throws TypeError if `x` has no concrete values
 *
 * @example
 * ```ts
 * const labels = tensorToIdx(tensor([5, 0, 4], { dtype: 'int32' }), 'uint8');
 * writeIdxFile('labels-idx1-ubyte', labels);
 * ```
 */
export function tensorToIdx(x: Tensor, type?: IdxType): IdxArray {
  if (!(x instanceof ConcreteTensor)) {
    throw new TypeError('tensorToIdx: x must be a tensor with values, not a traced value');
  }
  const target = type ?? defaultType(x.dtype);
  const values = x.buffer.data;
  const range = RANGES[target];
  if (range !== undefined) {
    const [lo, hi] = range;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isInteger(v) || v < lo || v > hi) {
        throw new RangeError(
          `tensorToIdx: value ${v} at flat index ${i} is not an integer in [${lo}, ${hi}] (${target})`,
        );
      }
    }
  }
  const data = viewAs(target, new ArrayBuffer(values.length * idxWidth(target)));
  data.set(values);
  return { type: target, shape: [...x.shape], data };
}

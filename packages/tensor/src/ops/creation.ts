import { allocate, type DType, fromValues, type Shape, sizeOf } from '@tessera/kernels';
import { DEFAULT_DTYPE } from '../dtype.js';
import { ShapeError, showShape } from '../errors.js';
import { bind } from '../interpreter.js';
import { ConcreteTensor, type NestedArray, Tensor } from '../tensor.js';

/** Options of the creation functions. */
export interface CreationOptions {
  /** Element type; `float32` unless given (or unless the data is an `Int32Array`). */
  readonly dtype?: DType;
}

/** A tensor, or a JavaScript number that takes the dtype of the tensor it meets. */
export type TensorLike = Tensor | number;

function checkShape(op: string, shape: Shape): void {
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ShapeError(`${op}: invalid shape ${showShape(shape)}`);
  }
}

function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = (level as readonly NestedArray[])[0] ?? 0;
    if (shape[shape.length - 1] === 0) break;
  }
  return shape;
}

function flattenNested(values: NestedArray, shape: readonly number[]): number[] {
  const out: number[] = [];
  const visit = (v: NestedArray, axis: number): void => {
    if (axis === shape.length) {
      if (typeof v !== 'number' && typeof v !== 'boolean') {
        throw new ShapeError(`tensor: ragged nested array: expected a number at depth ${axis}`);
      }
      out.push(Number(v));
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[axis]) {
      throw new ShapeError(
        `tensor: ragged nested array: axis ${axis} has length ${Array.isArray(v) ? v.length : 'scalar'}, expected ${shape[axis]}`,
      );
    }
    for (const item of v) visit(item, axis + 1);
  };
  visit(values, 0);
  return out;
}

/**
 * A tensor from nested arrays, a number, or a flat typed array with a `shape`.
 *
 * The data is copied, so later changes to `values` do not reach the tensor.
 *
 * @example
 * ```ts
 * tensor([[1, 2], [3, 4]]);                         // float32 [2, 2]
 * tensor([1, 2], { dtype: 'int32' });               // int32 [2]
 * tensor(new Float64Array(6), { shape: [2, 3] });   // float64 [2, 3]
 * ```
 */
export function tensor(
  values: NestedArray | boolean | ArrayLike<number>,
  options: CreationOptions & { readonly shape?: Shape } = {},
): Tensor {
  const typed = ArrayBuffer.isView(values) ? (values as ArrayLike<number>) : undefined;
  const dtype = options.dtype ?? (typed ? dtypeOfTypedArray(typed) : DEFAULT_DTYPE);
  const nested = typed ? undefined : (values as NestedArray);
  const flat =
    typed ??
    (typeof values === 'boolean' ? [Number(values)] : flattenNested(nested!, inferShape(nested!)));
  const shape = options.shape ?? (typed ? [typed.length] : inferShape(nested!));
  checkShape('tensor', shape);
  if (sizeOf(shape) !== flat.length) {
    throw new ShapeError(`tensor: ${flat.length} values do not fill shape ${showShape(shape)}`);
  }
  return new ConcreteTensor({ dtype, shape: [...shape], data: fromValues(dtype, flat) });
}

function dtypeOfTypedArray(values: ArrayLike<number>): DType {
  if (values instanceof Float64Array) return 'float64';
  if (values instanceof Int32Array) return 'int32';
  if (values instanceof Uint8Array) return 'bool';
  return 'float32';
}

/**
 * A tensor of `shape` with every element equal to `value`.
 *
 * @example
 * ```ts
 * full([2, 2], 7); // [[7, 7], [7, 7]]
 * ```
 */
export function full(shape: Shape, value: number, options: CreationOptions = {}): Tensor {
  checkShape('full', shape);
  const dtype = options.dtype ?? DEFAULT_DTYPE;
  const data = allocate(dtype, sizeOf(shape));
  data.fill(dtype === 'bool' ? Number(value !== 0) : value);
  return new ConcreteTensor({ dtype, shape: [...shape], data });
}

/**
 * A tensor of zeros.
 *
 * @example
 * ```ts
 * zeros([2, 3]).shape; // [2, 3]
 * ```
 */
export function zeros(shape: Shape, options: CreationOptions = {}): Tensor {
  return full(shape, 0, options);
}

/**
 * A tensor of ones.
 *
 * @example
 * ```ts
 * ones([3], { dtype: 'int32' }); // [1, 1, 1]
 * ```
 */
export function ones(shape: Shape, options: CreationOptions = {}): Tensor {
  return full(shape, 1, options);
}

/**
 * Zeros with the shape and dtype of `x` (which may be a traced value).
 *
 * @example
 * ```ts
 * zerosLike(tensor([1, 2])); // [0, 0]
 * ```
 */
export function zerosLike(x: Tensor): Tensor {
  return full(x.shape, 0, { dtype: x.dtype });
}

/**
 * Ones with the shape and dtype of `x`.
 *
 * @example
 * ```ts
 * onesLike(tensor([1, 2])); // [1, 1]
 * ```
 */
export function onesLike(x: Tensor): Tensor {
  return full(x.shape, 1, { dtype: x.dtype });
}

/**
 * Evenly spaced values in `[start, stop)` with step `step`, as NumPy's `arange`;
 * `arange(n)` counts from 0.
 *
 * @example
 * ```ts
 * arange(4);          // [0, 1, 2, 3]
 * arange(1, 2, 0.25); // [1, 1.25, 1.5, 1.75]
 * ```
 */
export function arange(
  start: number,
  stop?: number,
  step = 1,
  options: CreationOptions = {},
): Tensor {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  if (step === 0 || !Number.isFinite(step))
    throw new RangeError(`arange: step must be finite and non-zero, got ${step}`);
  const n = Math.max(0, Math.ceil((to - from) / step));
  const values = Array.from({ length: n }, (_, i) => from + i * step);
  return tensor(values, { dtype: options.dtype ?? DEFAULT_DTYPE, shape: [n] });
}

/**
 * `num` evenly spaced values from `start` to `stop`, both included.
 *
 * @example
 * ```ts
 * linspace(0, 1, 5); // [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function linspace(
  start: number,
  stop: number,
  num: number,
  options: CreationOptions = {},
): Tensor {
  if (!Number.isInteger(num) || num < 0)
    throw new RangeError(`linspace: num must be a non-negative integer, got ${num}`);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  const values = Array.from({ length: num }, (_, i) =>
    i === num - 1 && num > 1 ? stop : start + i * step,
  );
  return tensor(values, { dtype: options.dtype ?? DEFAULT_DTYPE, shape: [num] });
}

/**
 * The `n` x `m` matrix with ones on the diagonal (`m` defaults to `n`).
 *
 * @example
 * ```ts
 * eye(2); // [[1, 0], [0, 1]]
 * ```
 */
export function eye(n: number, m = n, options: CreationOptions = {}): Tensor {
  checkShape('eye', [n, m]);
  const dtype = options.dtype ?? DEFAULT_DTYPE;
  const data = allocate(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return new ConcreteTensor({ dtype, shape: [n, m], data });
}

/**
 * Converts a number to a scalar tensor of `dtype`; returns tensors unchanged.
 *
 * Numbers are weakly typed, as in JAX: `add(x, 1)` takes the dtype of `x`.
 *
 * @example
 * ```ts
 * asTensor(2, 'float64').dtype; // 'float64'
 * ```
 */
export function asTensor(x: TensorLike, dtype: DType = DEFAULT_DTYPE): Tensor {
  return x instanceof Tensor ? x : full([], x, { dtype });
}

/**
 * Converts `x` to `dtype` (float to int truncates toward zero; nonzero becomes `true`).
 *
 * @example
 * ```ts
 * astype(tensor([1.7, -1.7]), 'int32'); // [1, -1]
 * ```
 */
export function astype(x: Tensor, dtype: DType): Tensor {
  return x.dtype === dtype ? x : bind('cast', [x], { dtype });
}

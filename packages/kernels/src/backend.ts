import type { DType, DTypeArrays } from './dtype.js';
import type { Shape } from './shape.js';

/**
 * A dense, row-major n-dimensional array: a typed array with its shape and dtype.
 *
 * Kernels never write into their inputs and always return fresh buffers, so a caller may
 * share one buffer between many immutable values.
 *
 * @example
 * ```ts
 * const m: NdArray<'float64'> = {
 *   dtype: 'float64',
 *   shape: [2, 3],
 *   data: new Float64Array([1, 2, 3, 4, 5, 6]), // row-major: m[1][0] is data[3]
 * };
 * ```
 */
export interface NdArray<D extends DType = DType> {
  /** The element type, which determines the typed array in `data`. */
  readonly dtype: D;
  /** The length of each axis, outermost first; `[]` for a scalar. */
  readonly shape: Shape;
  /** The elements in row-major order; its length is `sizeOf(shape)`. */
  readonly data: DTypeArrays[D];
}

/**
 * Elementwise functions of one argument.
 *
 * @example
 * ```ts
 * reference.unary('sigmoid', x); // 1 / (1 + exp(-x)), computed without overflow
 * ```
 */
export type UnaryOp = 'neg' | 'exp' | 'log' | 'sqrt' | 'abs' | 'sign' | 'tanh' | 'sigmoid';

/**
 * Elementwise functions of two arguments of one shape and dtype.
 *
 * @example
 * ```ts
 * reference.binary('pow', a, b); // a ** b elementwise
 * ```
 */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'max' | 'min';

/**
 * Elementwise comparisons; they return `bool` buffers.
 *
 * @example
 * ```ts
 * reference.compare('lt', a, b).dtype; // 'bool'
 * ```
 */
export type CompareOp = 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne';

/**
 * Reductions over axes.
 *
 * @example
 * ```ts
 * reference.reduce('max', x, { axes: [0, 2] });
 * ```
 */
export type ReduceOp = 'sum' | 'max';

/**
 * A pair of numbers for the two spatial axes, height first.
 *
 * @example
 * ```ts
 * const strides: Pair = [2, 1]; // 2 along the height, 1 along the width
 * ```
 */
export type Pair = readonly [number, number];

/**
 * Geometry of a 2-D convolution over NCHW inputs and OIHW filters (cross-correlation, as in
 * every deep-learning library).
 *
 * The output size along each spatial axis is `floor((in + lo + hi - k) / stride) + 1`.
 *
 * @example
 * ```ts
 * // stride 2; one row of zeros on top, one column on the right
 * const g: Conv2dGeometry = { strides: [2, 2], padding: [[1, 0], [0, 1]] };
 * ```
 */
export interface Conv2dGeometry {
  /** Step between windows: `[strideH, strideW]`. */
  readonly strides: Pair;
  /** Zeros added before and after each spatial axis: `[[top, bottom], [left, right]]`. */
  readonly padding: readonly [Pair, Pair];
}

/**
 * Geometry of a 2-D pooling over NCHW inputs, without padding: windows that do not fit are
 * dropped, so the output size is `floor((in - window) / stride) + 1`.
 *
 * @example
 * ```ts
 * // LeNet-5 subsampling: 2x2 windows, stride 2, no overlap
 * const g: Pool2dGeometry = { window: [2, 2], strides: [2, 2] };
 * ```
 */
export interface Pool2dGeometry {
  /** Window size: `[height, width]`. */
  readonly window: Pair;
  /** Step between windows: `[strideH, strideW]`. */
  readonly strides: Pair;
}

/**
 * The buffer-level operations every backend provides.
 *
 * The contract: calls are synchronous; each call processes a whole batch; inputs are never
 * modified; the result is a new buffer. Callers (the tensor package) validate shapes and
 * dtypes before calling, so a kernel may assume the preconditions stated on each method and
 * only checks what depends on data values (such as gather indices).
 *
 * A backend need not compute `float64`: the tensor package always runs float64 on the
 * reference backend.
 *
 * @example
 * ```ts
 * import { reference } from '@tessera/kernels';
 * const a = { dtype: 'float32', shape: [2], data: new Float32Array([1, 2]) } as const;
 * reference.binary('add', a, a).data; // Float32Array [2, 4]
 * ```
 */
export interface Backend {
  /** A short name, such as `reference` or `gpujs:webasm`. */
  readonly name: string;

  /** `op` applied to every element. Floating dtypes only, except `neg`, `abs` and `sign`. */
  unary(op: UnaryOp, x: NdArray): NdArray;

  /**
   * `op` applied elementwise to two buffers of one shape and one dtype (`bool` excluded).
   * On `int32`, `div` truncates toward zero (C semantics) and `pow` truncates its result.
   */
  binary(op: BinaryOp, a: NdArray, b: NdArray): NdArray;

  /** Elementwise comparison of two buffers of one shape and one dtype. */
  compare(op: CompareOp, a: NdArray, b: NdArray): NdArray<'bool'>;

  /** `cond ? a : b` elementwise; all three of one shape, `a` and `b` of one dtype. */
  where(cond: NdArray<'bool'>, a: NdArray, b: NdArray): NdArray;

  /** Converts to `dtype` as a typed-array store does (int32 truncates toward zero). */
  cast(x: NdArray, dtype: DType): NdArray;

  /**
   * Reduces over `axes` (distinct, sorted, in range), removing them from the shape.
   * `max` over an empty axis is `-Infinity`; `sum` over one is `0`.
   */
  reduce(op: ReduceOp, x: NdArray, options: { readonly axes: readonly number[] }): NdArray;

  /** Index of the first maximum along `axis`, which is removed from the shape. */
  argmax(x: NdArray, options: { readonly axis: number }): NdArray<'int32'>;

  /** Permutes the axes: output axis `i` is input axis `perm[i]`. */
  transpose(x: NdArray, options: { readonly perm: readonly number[] }): NdArray;

  /**
   * Repeats axes of length 1 to reach `shape`, which has the same rank as `x`; every axis
   * of `x` has length 1 or the target length.
   */
  broadcast(x: NdArray, options: { readonly shape: Shape }): NdArray;

  /**
   * Elements `begin[i], begin[i] + strides[i], ...` (below `end[i]`) along every axis, with
   * `0 <= begin[i] <= end[i] <= shape[i]` and positive strides.
   */
  slice(
    x: NdArray,
    options: {
      readonly begin: readonly number[];
      readonly end: readonly number[];
      readonly strides: readonly number[];
    },
  ): NdArray;

  /** Adds `low[i]` and `high[i]` (non-negative) elements equal to `value` around each axis. */
  pad(
    x: NdArray,
    options: {
      readonly low: readonly number[];
      readonly high: readonly number[];
      readonly value: number;
    },
  ): NdArray;

  /** Joins buffers of one dtype and equal shapes except along `axis`. */
  concat(xs: readonly NdArray[], options: { readonly axis: number }): NdArray;

  /**
   * NumPy's `take`: the output shape is `x.shape[:axis] + indices.shape + x.shape[axis+1:]`.
   * Throws a `RangeError` naming the index when one is outside `[0, x.shape[axis])`.
   */
  gather(x: NdArray, indices: NdArray<'int32'>, options: { readonly axis: number }): NdArray;

  /**
   * The transpose of {@link Backend.gather}: a zero buffer of `shape` (the shape of the
   * gathered-from array) into which `updates` are added at `indices` along `axis`.
   */
  scatterAdd(
    indices: NdArray<'int32'>,
    updates: NdArray,
    options: { readonly axis: number; readonly shape: Shape },
  ): NdArray;

  /**
   * Batched matrix product of rank-3 buffers: `a` is `[B, M, K]` (`[B, K, M]` when
   * `transposeA`), `b` is `[B, K, N]` (`[B, N, K]` when `transposeB`); the result is
   * `[B, M, N]`.
   */
  matmul(
    a: NdArray,
    b: NdArray,
    options: { readonly transposeA: boolean; readonly transposeB: boolean },
  ): NdArray;

  /** Convolution of `x` `[N, C, H, W]` with `w` `[O, C, KH, KW]`, giving `[N, O, OH, OW]`. */
  conv2d(x: NdArray, w: NdArray, geometry: Conv2dGeometry): NdArray;

  /**
   * Gradient of {@link Backend.conv2d} with respect to its input: maps `dy` `[N, O, OH, OW]`
   * and `w` to `dx` of `inputShape` `[N, C, H, W]` (a transposed convolution).
   */
  conv2dBackwardInput(
    dy: NdArray,
    w: NdArray,
    geometry: Conv2dGeometry & { readonly inputShape: Shape },
  ): NdArray;

  /**
   * Gradient of {@link Backend.conv2d} with respect to its filter: maps `x` and `dy` to `dw`
   * of `filterShape` `[O, C, KH, KW]`.
   */
  conv2dBackwardFilter(
    x: NdArray,
    dy: NdArray,
    geometry: Conv2dGeometry & { readonly filterShape: Shape },
  ): NdArray;

  /** Sum over each window of `x` `[N, C, H, W]`, giving `[N, C, OH, OW]`. */
  sumPool2d(x: NdArray, geometry: Pool2dGeometry): NdArray;

  /** The transpose of {@link Backend.sumPool2d}: spreads each `dy` value over its window. */
  sumPool2dBackward(
    dy: NdArray,
    geometry: Pool2dGeometry & { readonly inputShape: Shape },
  ): NdArray;

  /** Maximum over each window of `x` `[N, C, H, W]`, giving `[N, C, OH, OW]`. */
  maxPool2d(x: NdArray, geometry: Pool2dGeometry): NdArray;

  /**
   * For each window, the element of `t` (shaped like `x`) at the position of the window's
   * first maximum in `x`: the directional derivative of {@link Backend.maxPool2d}.
   */
  maxPool2dGather(x: NdArray, t: NdArray, geometry: Pool2dGeometry): NdArray;

  /**
   * The transpose of {@link Backend.maxPool2dGather} in `t`: adds each `dy` value at the
   * position of its window's first maximum in `x`, giving a buffer shaped like `x`.
   */
  maxPool2dScatter(x: NdArray, dy: NdArray, geometry: Pool2dGeometry): NdArray;
}

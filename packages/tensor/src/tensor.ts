import type { DType, NdArray, Shape, TypedArray } from '@tessera/kernels';
import { sizeOf } from '@tessera/kernels';
import { ConcretizationError } from './errors.js';
import { formatTensor } from './format.js';

/** Nested JavaScript arrays of numbers, as `toArray()` returns and `tensor()` accepts. */
export type NestedArray = number | readonly NestedArray[];

/**
 * An immutable n-dimensional array: a shape, a dtype and values that never change.
 *
 * Every op returns a new tensor; none modifies its inputs; values are never handed out
 * writable (`data()` and `toArray()` copy). Inside a transformation such as `grad`, ops
 * receive tracers: tensors that stand for values being transformed; they have a shape and
 * a dtype but no readable data.
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);
 * x.shape; // [2, 2]
 * x.dtype; // 'float32'
 * ```
 */
export abstract class Tensor {
  /** The length of each axis, outermost first. */
  abstract readonly shape: Shape;
  /** The element type. */
  abstract readonly dtype: DType;

  /** The number of axes. */
  get rank(): number {
    return this.shape.length;
  }

  /** The number of elements. */
  get size(): number {
    return sizeOf(this.shape);
  }

  /** A copy of the values in row-major order; throws for a traced value. */
  data(): TypedArray {
    throw new ConcretizationError(
      `data: a traced ${this.dtype} value of shape [${this.shape.join(',')}] has no concrete data inside a transformation`,
    );
  }

  /** The values as nested arrays (`bool` as 0 and 1); throws for a traced value. */
  toArray(): NestedArray {
    return nest(this.data(), this.shape);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) {
      throw new RangeError(`item: expected one element, got shape [${this.shape.join(',')}]`);
    }
    return this.data()[0]!;
  }
}

/**
 * A tensor with values in memory: the result of evaluating an op on a backend.
 *
 * @example
 * ```ts
 * tensor([1, 2]) instanceof ConcreteTensor; // true
 * ```
 */
export class ConcreteTensor extends Tensor {
  readonly #buffer: NdArray;

  /** Wraps a buffer, which the caller must never modify afterwards. */
  constructor(buffer: NdArray) {
    super();
    this.#buffer = buffer;
  }

  get shape(): Shape {
    return this.#buffer.shape;
  }

  get dtype(): DType {
    return this.#buffer.dtype;
  }

  /** The buffer itself, read-only by contract: kernels read it, nothing writes it. */
  get buffer(): NdArray {
    return this.#buffer;
  }

  override data(): TypedArray {
    return this.#buffer.data.slice();
  }

  override toString(): string {
    return formatTensor(this.#buffer);
  }
}

function nest(values: TypedArray, shape: Shape): NestedArray {
  if (shape.length === 0) return values[0]!;
  const build = (axis: number, offset: number, stride: number): NestedArray => {
    const n = shape[axis]!;
    const inner = stride / Math.max(n, 1);
    const out: NestedArray[] = [];
    for (let i = 0; i < n; i++) {
      out.push(
        axis === shape.length - 1
          ? values[offset + i]!
          : build(axis + 1, offset + i * inner, inner),
      );
    }
    return out;
  };
  return build(0, 0, sizeOf(shape));
}

import type { CompareOp } from '@tessera/kernels';
import { bind } from '../interpreter.js';
import type { BinaryPrimitive, UnaryPrimitive } from '../primitives.js';
import { Tensor } from '../tensor.js';
import { asTensor, type TensorLike, zerosLike } from './creation.js';
import { broadcastShapes, broadcastTo } from './shape.js';

const unary =
  (primitive: UnaryPrimitive) =>
  (x: Tensor): Tensor =>
    bind(primitive, [x], {});

/** Brings operands to one tensor shape; numbers take the dtype of the tensor operand. */
function operands(op: string, xs: readonly TensorLike[]): Tensor[] {
  const dtype = xs.find((x): x is Tensor => x instanceof Tensor)?.dtype;
  const tensors = xs.map((x) => asTensor(x, dtype));
  const shape = broadcastShapes(op, ...tensors.map((t) => t.shape));
  return tensors.map((t) => broadcastTo(t, shape));
}

const binary =
  (primitive: BinaryPrimitive) =>
  (x: TensorLike, y: TensorLike): Tensor =>
    bind(primitive, operands(primitive, [x, y]), {});

const comparison =
  (op: CompareOp, name: string) =>
  (x: TensorLike, y: TensorLike): Tensor =>
    bind('compare', operands(name, [x, y]), { op });

/**
 * `-x` elementwise.
 * @example
 * ```ts
 * neg(tensor([1, -2])); // [-1, 2]
 * ```
 */
export const neg = unary('neg');
/**
 * `e^x` elementwise.
 * @example
 * ```ts
 * exp(tensor([0])); // [1]
 * ```
 */
export const exp = unary('exp');
/**
 * Natural logarithm elementwise (`-Infinity` at 0, `NaN` below, as IEEE 754 says).
 * @example
 * ```ts
 * log(tensor([1])); // [0]
 * ```
 */
export const log = unary('log');
/**
 * Square root elementwise.
 * @example
 * ```ts
 * sqrt(tensor([4, 9])); // [2, 3]
 * ```
 */
export const sqrt = unary('sqrt');
/**
 * Absolute value elementwise.
 * @example
 * ```ts
 * abs(tensor([-1.5])); // [1.5]
 * ```
 */
export const abs = unary('abs');
/**
 * `-1`, `0` or `1` by the sign of each element.
 * @example
 * ```ts
 * sign(tensor([-3, 0, 2])); // [-1, 0, 1]
 * ```
 */
export const sign = unary('sign');
/**
 * Hyperbolic tangent elementwise.
 * @example
 * ```ts
 * tanh(tensor([0])); // [0]
 * ```
 */
export const tanh = unary('tanh');
/**
 * The logistic function `1 / (1 + e^-x)`, computed without overflow for large `|x|`.
 * @example
 * ```ts
 * sigmoid(tensor([0])); // [0.5]
 * ```
 */
export const sigmoid = unary('sigmoid');

/**
 * `x + y` with NumPy broadcasting.
 * @example
 * ```ts
 * add(tensor([[1], [2]]), tensor([10, 20])); // [[11, 21], [12, 22]]
 * ```
 */
export const add = binary('add');
/**
 * `x - y` with broadcasting.
 * @example
 * ```ts
 * sub(tensor([3]), 1); // [2]
 * ```
 */
export const sub = binary('sub');
/**
 * `x * y` with broadcasting.
 * @example
 * ```ts
 * mul(tensor([1, 2]), 3); // [3, 6]
 * ```
 */
export const mul = binary('mul');
/**
 * `x / y` with broadcasting; on `int32` it truncates toward zero.
 * @example
 * ```ts
 * div(tensor([1, 3]), 2); // [0.5, 1.5]
 * ```
 */
export const div = binary('div');
/**
 * `x ** y` elementwise with broadcasting.
 * @example
 * ```ts
 * pow(tensor([2, 3]), 2); // [4, 9]
 * ```
 */
export const pow = binary('pow');
/**
 * The larger of `x` and `y` elementwise (NaN if either is NaN).
 * @example
 * ```ts
 * maximum(tensor([1, 5]), 3); // [3, 5]
 * ```
 */
export const maximum = binary('max');
/**
 * The smaller of `x` and `y` elementwise (NaN if either is NaN).
 * @example
 * ```ts
 * minimum(tensor([1, 5]), 3); // [1, 3]
 * ```
 */
export const minimum = binary('min');

/**
 * `x * x`.
 * @example
 * ```ts
 * square(tensor([3])); // [9]
 * ```
 */
export function square(x: Tensor): Tensor {
  return mul(x, x);
}

/**
 * `x < y` elementwise, as a `bool` tensor.
 * @example
 * ```ts
 * less(tensor([1, 2]), 2); // [true, false]
 * ```
 */
export const less = comparison('lt', 'less');
/**
 * `x <= y` elementwise.
 * @example
 * ```ts
 * lessEqual(tensor([1, 2]), 2); // [true, true]
 * ```
 */
export const lessEqual = comparison('le', 'lessEqual');
/**
 * `x > y` elementwise.
 * @example
 * ```ts
 * greater(tensor([1, 2]), 1); // [false, true]
 * ```
 */
export const greater = comparison('gt', 'greater');
/**
 * `x >= y` elementwise.
 * @example
 * ```ts
 * greaterEqual(tensor([1, 2]), 2); // [false, true]
 * ```
 */
export const greaterEqual = comparison('ge', 'greaterEqual');
/**
 * `x == y` elementwise.
 * @example
 * ```ts
 * equal(tensor([1, 2]), 2); // [false, true]
 * ```
 */
export const equal = comparison('eq', 'equal');
/**
 * `x != y` elementwise.
 * @example
 * ```ts
 * notEqual(tensor([1, 2]), 2); // [true, false]
 * ```
 */
export const notEqual = comparison('ne', 'notEqual');

/**
 * `cond ? x : y` elementwise; all three broadcast together and `cond` must be `bool`.
 * @example
 * ```ts
 * where(greater(x, 0), x, 0); // relu
 * ```
 */
export function where(cond: Tensor, x: TensorLike, y: TensorLike): Tensor {
  const [c, a, b] = operands('where', [cond, ...sameKind(x, y)]);
  return bind('where', [c!, a!, b!], {});
}

// In where(cond, x, y), cond's dtype must not decide the dtype of a number branch.
function sameKind(x: TensorLike, y: TensorLike): [Tensor, Tensor] {
  const dtype = (x instanceof Tensor ? x : y instanceof Tensor ? y : undefined)?.dtype;
  return [asTensor(x, dtype), asTensor(y, dtype)];
}

/**
 * The rectifier `max(x, 0)`. Its derivative at 0 is taken as 0, as in JAX and PyTorch.
 * @example
 * ```ts
 * relu(tensor([-1, 0, 2])); // [0, 0, 2]
 * ```
 */
export function relu(x: Tensor): Tensor {
  return where(greater(x, 0), x, zerosLike(x));
}

/**
 * Limits every element to `[lo, hi]`.
 * @example
 * ```ts
 * clip(tensor([-2, 0.5, 3]), 0, 1); // [0, 0.5, 1]
 * ```
 */
export function clip(x: Tensor, lo: number, hi: number): Tensor {
  if (!(lo <= hi)) throw new RangeError(`clip: lo ${lo} must not exceed hi ${hi}`);
  return minimum(maximum(x, lo), hi);
}

/**
 * `@tessera/kernels`: buffer-level kernels behind one {@link Backend} interface, and the
 * plain-TypeScript {@link reference} backend that serves as the float64/float32 oracle.
 *
 * @packageDocumentation
 */
export type {
  Backend,
  BinaryOp,
  CompareOp,
  Conv2dGeometry,
  NdArray,
  Pair,
  Pool2dGeometry,
  ReduceOp,
  UnaryOp,
} from './backend.js';
export {
  allocate,
  DTYPES,
  type DType,
  type DTypeArrays,
  fromValues,
  isFloating,
  type TypedArray,
} from './dtype.js';
export { reference } from './reference/index.js';
export { type Shape, sizeOf, stridesOf } from './shape.js';

export type {
  Backend,
  BackendInfo,
  DType,
  NdArray,
  Pair,
  Shape,
  TypedArray,
} from '@tessera/kernels';
export { abstractEval } from './abstract-eval.js';
export { backendInfo, getBackend, setBackend, withBackend } from './backend.js';
export { ConcretizationError, DTypeError, ShapeError } from './errors.js';
export {
  type Aval,
  bind,
  MainTrace,
  raise,
  Trace,
  Tracer,
  topTrace,
  withNewMain,
} from './interpreter.js';
export * from './ops/creation.js';
export * from './ops/elementwise.js';
export * from './ops/linalg.js';
export * from './ops/nn.js';
export * from './ops/reduce.js';
export * from './ops/shape.js';
export type { NoParams, Primitive, PrimitiveParams } from './primitives.js';
export { BINARY_PRIMITIVES, UNARY_PRIMITIVES } from './primitives.js';
export { ConcreteTensor, type NestedArray, Tensor } from './tensor.js';

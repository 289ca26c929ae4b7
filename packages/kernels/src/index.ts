/**
 * `@tessera/kernels`: buffer-level kernels behind one {@link Backend} interface, the
 * plain-TypeScript {@link reference} backend that serves as the float64/float32 oracle, and the
 * gpu.js backend ({@link createGpujsBackend}) for float32.
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
export {
  assertModeAvailable,
  type BackendInfo,
  backendFromEnv,
  backendInfo,
  createGpujsBackend,
  defaultMode,
  GPUJS_MODES,
  type GpujsBackend,
  type GpujsBackendOptions,
  type GpujsMode,
  GpujsModeUnavailableError,
  isGpujsMode,
  MIN_WORK,
  type Routing,
  type RunnerStats,
  UnknownBackendError,
  unavailableReason,
  useGpu,
} from './gpujs/index.js';
export { reference } from './reference/index.js';
export { type Shape, sizeOf, stridesOf } from './shape.js';
export {
  createSyncThreads,
  evenRanges,
  SyncThreadError,
  type SyncThreads,
  serveSync,
  ThreadsUnavailableError,
} from './threads/sync.js';

export * from './checkpoint/index.js';
export { type DiagGaussNewtonOptions, diagGaussNewton, gaussNewtonOf } from './curvature.js';
export { type Evaluation, evaluate } from './evaluate.js';
export {
  type Callbacks,
  type EpochInfo,
  type FitOptions,
  type FitResult,
  fit,
  NonFiniteLossError,
  runKeys,
  type StepInfo,
} from './fit.js';
export { type Lenet5Options, lenet5, lenet5Modern } from './lenet5.js';
export {
  type DiagGaussNewtonMapRbfOptions,
  diagGaussNewtonMapRbf,
  mapRbfHessianRoot,
} from './map-rbf-curvature.js';
export { type MlpOptions, mlp } from './mlp.js';
export type { InputFormat, Model } from './model.js';
export {
  type DataParallelOptions,
  type DataParallelTrainStep,
  makeDataParallelTrainStep,
} from './parallel/data-parallel.js';
export {
  DATA_PARALLEL_NODE_FLAGS,
  missingNodeFlags,
  rerunWithNodeFlags,
} from './parallel/node-flags.js';
export type { ModelSpec, ThreadBackend } from './parallel/protocol.js';
export {
  applyGradients,
  type Batch,
  makeTrainStep,
  type StepMetrics,
  type StepResult,
  type TrainStep,
} from './train-step.js';

/**
 * The browser entry of `@tessera/models` (the `browser` condition of its `exports`):
 * everything of the Node entry except `loadCheckpoint` and `saveCheckpoint`, which use the
 * file system, `makeDataParallelTrainStep`, which uses worker threads, and the Node flags of
 * data-parallel training (`DATA_PARALLEL_NODE_FLAGS`, `missingNodeFlags`, `rerunWithNodeFlags`,
 * which reruns a Node process). A page decodes checkpoint bytes it fetched with
 * `decodeCheckpoint`:
 *
 * @example
 * ```ts
 * import { decodeCheckpoint, lenet5Modern, restoreInto } from '@tessera/models';
 *
 * const bytes = new Uint8Array(await (await fetch('lenet5-modern.safetensors')).arrayBuffer());
 * const model = lenet5Modern();
 * const [, initial] = model.layer.init(key(0), model.inputShape);
 * const params = restoreInto(initial, decodeCheckpoint(bytes).params);
 * ```
 *
 * @packageDocumentation
 */

export {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type Checkpoint,
  decodeCheckpoint,
  encodeCheckpoint,
} from './checkpoint/checkpoint.js';
export { decodeSafetensors, type Safetensors } from './checkpoint/decode.js';
export type { SafetensorsDType } from './checkpoint/dtypes.js';
export { encodeSafetensors } from './checkpoint/encode.js';
export { CheckpointError, CheckpointMismatchError, SafetensorsError } from './checkpoint/errors.js';
export type { JsonObject, JsonValue } from './checkpoint/json.js';
export { restoreInto } from './checkpoint/restore.js';
export type { CheckpointLeaf } from './checkpoint/tree-codec.js';
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
export type { ModelSpec, ThreadBackend } from './parallel/protocol.js';
export {
  applyGradients,
  type Batch,
  makeTrainStep,
  type StepMetrics,
  type StepResult,
  type TrainStep,
} from './train-step.js';

/**
 * Checkpoints: the safetensors format, and whole training states (parameters, optimizer state,
 * epoch, step, PRNG keys, configuration) saved atomically and checked against a model on load.
 *
 * @example
 * ```ts
 * import { loadCheckpoint, restoreInto, saveCheckpoint } from '@tessera/models';
 *
 * saveCheckpoint('run/checkpoint.safetensors', { params, optState, epoch, step, keys, config });
 * const checkpoint = loadCheckpoint('run/checkpoint.safetensors');
 * const restored = restoreInto(params, checkpoint.params);
 * ```
 *
 * @module
 */

export {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type Checkpoint,
  decodeCheckpoint,
  encodeCheckpoint,
} from './checkpoint.js';
export { decodeSafetensors, type Safetensors } from './decode.js';
export type { SafetensorsDType } from './dtypes.js';
export { encodeSafetensors } from './encode.js';
export { CheckpointError, CheckpointMismatchError, SafetensorsError } from './errors.js';
export { loadCheckpoint, saveCheckpoint } from './file.js';
export type { JsonObject, JsonValue } from './json.js';
export { restoreInto } from './restore.js';
export type { CheckpointLeaf } from './tree-codec.js';

import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic.js';
import { type Checkpoint, decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';

/**
 * Saves a checkpoint to `path` atomically (see {@link encodeCheckpoint} for the layout): it is
 * written to `path.tmp-<pid>`, flushed and renamed over `path`, so an interrupted run leaves
 * the previous checkpoint intact, never a partial file. Nothing is written if the checkpoint
 * cannot be encoded.
 *
 * @param path - the file, conventionally `*.safetensors`; its folder must exist.
 * @throws CheckpointError if the checkpoint cannot be encoded, or the file system's error.
 *
 * @example
 * ```ts
 * import { saveCheckpoint } from '@tessera/models';
 *
 * saveCheckpoint('runs/lenet5/checkpoint.safetensors', {
 *   params, optState, epoch, step, keys: { data: dataKey }, config: { model: 'lenet5' },
 * });
 * ```
 */
export function saveCheckpoint<P>(path: string, checkpoint: Checkpoint<P>): void {
  writeFileAtomic(path, encodeCheckpoint(checkpoint));
}

/**
 * Loads a checkpoint saved by {@link saveCheckpoint}. Check that it fits a model with
 * {@link restoreInto} before using its parameters.
 *
 * @throws SafetensorsError if the file is not well-formed safetensors.
 * @throws CheckpointError if it is not a Tessera checkpoint or its metadata is damaged.
 *
 * @example
 * ```ts
 * import { loadCheckpoint, restoreInto } from '@tessera/models';
 *
 * const checkpoint = loadCheckpoint('runs/lenet5/checkpoint.safetensors');
 * const params = restoreInto(initialParams, checkpoint.params);
 * ```
 */
export function loadCheckpoint(path: string): Checkpoint {
  const bytes = readFileSync(path);
  return decodeCheckpoint(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

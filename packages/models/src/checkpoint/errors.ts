/**
 * Thrown by {@link decodeSafetensors} when bytes are not a well-formed safetensors file: a
 * header length that does not fit the file, a header that is not a JSON object, an unknown
 * dtype, a shape whose size disagrees with its byte range, or byte ranges that overlap, leave
 * gaps or run past the end. The message names the tensor at fault where there is one.
 *
 * @example
 * ```ts
 * import { decodeSafetensors, SafetensorsError } from '@tessera/models';
 *
 * try {
 *   decodeSafetensors(new Uint8Array(3));
 * } catch (error) {
 *   error instanceof SafetensorsError; // true
 *   // safetensors: the file is 3 bytes, shorter than the 8-byte header length
 * }
 * ```
 */
export class SafetensorsError extends Error {
  /** The error's class name, for stack traces and logs. */
  override readonly name: string = 'SafetensorsError';
}

/**
 * Thrown when a checkpoint cannot be written or read: a leaf that a checkpoint cannot hold (a
 * `Map`, a function), a value that is not JSON in the configuration or metrics, or a file whose
 * metadata does not describe a Tessera checkpoint. A malformed safetensors container raises
 * {@link SafetensorsError} instead.
 *
 * @example
 * ```ts
 * import { CheckpointError, encodeCheckpoint } from '@tessera/models';
 *
 * try {
 *   encodeCheckpoint({ ...checkpoint, config: { lr: Number.NaN } });
 * } catch (error) {
 *   error instanceof CheckpointError; // true: 'checkpoint: config.lr is NaN, which JSON cannot hold'
 * }
 * ```
 */
export class CheckpointError extends Error {
  /** The error's class name, for stack traces and logs. */
  override readonly name: string = 'CheckpointError';
}

/**
 * Thrown by {@link restoreInto} when a checkpoint's tree does not fit the model's: a tensor of
 * another shape or dtype, a tensor the model lacks or one the checkpoint lacks. The message
 * names the tensor by its path and states both sides, for example
 * `checkpoint tensor params.c1.w has shape [6,1,5,5], model expects [6,1,3,3]`.
 *
 * @example
 * ```ts
 * import { CheckpointMismatchError, restoreInto } from '@tessera/models';
 *
 * try {
 *   restoreInto(model.init(key(0), [1, 1, 32, 32])[1], loaded.params);
 * } catch (error) {
 *   if (error instanceof CheckpointMismatchError) {
 *     error.path; // 'params.c1.w'
 *     error.expected; // 'shape [6,1,3,3]'
 *     error.actual; // 'shape [6,1,5,5]'
 *   }
 * }
 * ```
 */
export class CheckpointMismatchError extends CheckpointError {
  /** The error's class name, for stack traces and logs. */
  override readonly name: string = 'CheckpointMismatchError';

  constructor(
    message: string,
    /** The leaf's path, as `keyPath` writes it (`params.c1.w`). */
    readonly path: string,
    /** What the model expects there (`shape [6,1,3,3]`, `a float32 tensor`, `nothing`). */
    readonly expected: string,
    /** What the checkpoint holds there, in the same form. */
    readonly actual: string,
  ) {
    super(message);
  }
}

/** `[6,1,5,5]`, as tensor error messages across Tessera print shapes. */
export function showShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

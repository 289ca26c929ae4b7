import type { PredictInvocation } from '../args/parse.js';
import type { CliIo } from './io.js';
import { NotWiredError } from './not-wired.js';

/**
 * `tessera predict`: Classifies PNG images with a checkpoint and prints each prediction.
 *
 * @returns the exit code.
 * @throws NotWiredError until the command is connected to `@tessera/models`.
 *
 * @example
 * ```ts
 * await predict({ command: 'predict', checkpoint: 'run/checkpoint.safetensors', images: ['7.png'], options }, io);
 * ```
 */
export async function predict(invocation: PredictInvocation, io: CliIo): Promise<number> {
  void invocation;
  void io;
  throw new NotWiredError('predict');
}

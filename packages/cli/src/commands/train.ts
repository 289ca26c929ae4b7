import type { TrainInvocation } from '../args/parse.js';
import type { CliIo } from './io.js';
import { NotWiredError } from './not-wired.js';

/**
 * `tessera train`: Trains a model and writes its run folder (metrics, curves, confusion matrix, checkpoint).
 *
 * @returns the exit code.
 * @throws NotWiredError until the command is connected to `@tessera/models`.
 *
 * @example
 * ```ts
 * await train({ command: 'train', model: 'lenet5', options }, io);
 * ```
 */
export async function train(invocation: TrainInvocation, io: CliIo): Promise<number> {
  void invocation;
  void io;
  throw new NotWiredError('train');
}

import type { EvalInvocation } from '../args/parse.js';
import type { CliIo } from './io.js';
import { NotWiredError } from './not-wired.js';

/**
 * `tessera eval`: Evaluates a checkpoint on the MNIST test set: loss, error rate, confusion matrix.
 *
 * @returns the exit code.
 * @throws NotWiredError until the command is connected to `@tessera/models`.
 *
 * @example
 * ```ts
 * await evaluateCheckpoint({ command: 'eval', checkpoint: 'run/checkpoint.safetensors', options }, io);
 * ```
 */
export async function evaluateCheckpoint(invocation: EvalInvocation, io: CliIo): Promise<number> {
  void invocation;
  void io;
  throw new NotWiredError('eval');
}

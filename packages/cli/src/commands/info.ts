import type { InfoInvocation } from '../args/parse.js';
import type { CliIo } from './io.js';
import { NotWiredError } from './not-wired.js';

/**
 * `tessera info`: Prints what a checkpoint holds: configuration, epoch, step, metrics and tensors.
 *
 * @returns the exit code.
 * @throws NotWiredError until the command is connected to `@tessera/models`.
 *
 * @example
 * ```ts
 * await info({ command: 'info', checkpoint: 'run/checkpoint.safetensors', options: {} }, io);
 * ```
 */
export async function info(invocation: InfoInvocation, io: CliIo): Promise<number> {
  void invocation;
  void io;
  throw new NotWiredError('info');
}

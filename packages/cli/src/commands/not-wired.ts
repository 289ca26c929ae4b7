/**
 * Thrown by a command whose implementation is not connected to `@tessera/models` yet.
 *
 * @example
 * ```ts
 * import { NotWiredError } from '@tessera/cli';
 *
 * throw new NotWiredError('train'); // 'tessera train: not wired yet'
 * ```
 */
export class NotWiredError extends Error {
  /** The error's class name, for stack traces and logs. */
  override readonly name: string = 'NotWiredError';

  constructor(
    /** The command that cannot run yet. */
    readonly command: string,
  ) {
    super(`tessera ${command}: not wired yet`);
  }
}

import type { OutputStream } from '../progress/reporter.js';

/**
 * Where a command writes: results and progress to `stdout`, errors to `stderr`. Tests pass
 * in-memory streams.
 *
 * @example
 * ```ts
 * import type { CliIo } from '@tessera/cli';
 *
 * const io: CliIo = { stdout: process.stdout, stderr: process.stderr };
 * ```
 */
export interface CliIo {
  /** Results, help and progress. */
  readonly stdout: OutputStream;
  /** Error messages. */
  readonly stderr: OutputStream;
}

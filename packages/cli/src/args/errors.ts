/**
 * A command line that cannot be run: an unknown command or flag, a missing or invalid value,
 * a missing or extra argument. The message says what is wrong and lists the valid choices;
 * {@link main} prints it with a pointer to `--help` and exits with code 2, as Unix tools do
 * for usage errors.
 *
 * @example
 * ```ts
 * import { parseArgs, UsageError } from '@tessera/cli';
 *
 * try {
 *   parseArgs(['train', 'lenet5', '--distort', 'wavy']);
 * } catch (error) {
 *   error instanceof UsageError; // true
 *   // invalid value 'wavy' for --distort; valid choices: none, affine, elastic
 * }
 * ```
 */
export class UsageError extends Error {
  /** The error's class name, for stack traces and logs. */
  override readonly name: string = 'UsageError';

  constructor(
    message: string,
    /** The command whose usage was wrong, for the `--help` hint; absent before a command. */
    readonly command?: string,
  ) {
    super(message);
  }
}

import { readFileSync } from 'node:fs';
import { UsageError } from './args/errors.js';
import { formatHelp } from './args/help.js';
import {
  type EvalInvocation,
  type InfoInvocation,
  type Invocation,
  type PredictInvocation,
  parseArgs,
  type TrainInvocation,
} from './args/parse.js';
import { evaluateCheckpoint } from './commands/eval.js';
import { info } from './commands/info.js';
import type { CliIo } from './commands/io.js';
import { predict } from './commands/predict.js';
import { train } from './commands/train.js';

/**
 * The functions that run each command, given its parsed invocation; each returns the exit
 * code. {@link main} takes them as an argument so tests can substitute their own.
 *
 * @example
 * ```ts
 * import { COMMAND_HANDLERS, type CommandHandlers } from '@tessera/cli';
 *
 * const handlers: CommandHandlers = { ...COMMAND_HANDLERS, info: async () => 0 };
 * ```
 */
export interface CommandHandlers {
  /** Runs `tessera train`. */
  readonly train: (invocation: TrainInvocation, io: CliIo) => number | Promise<number>;
  /** Runs `tessera eval`. */
  readonly eval: (invocation: EvalInvocation, io: CliIo) => number | Promise<number>;
  /** Runs `tessera predict`. */
  readonly predict: (invocation: PredictInvocation, io: CliIo) => number | Promise<number>;
  /** Runs `tessera info`. */
  readonly info: (invocation: InfoInvocation, io: CliIo) => number | Promise<number>;
}

/**
 * The commands as shipped.
 *
 * @example
 * ```ts
 * import { COMMAND_HANDLERS, main } from '@tessera/cli';
 *
 * await main(['info', 'ckpt.safetensors'], undefined, COMMAND_HANDLERS);
 * ```
 */
export const COMMAND_HANDLERS: CommandHandlers = {
  train,
  eval: evaluateCheckpoint,
  predict,
  info,
};

/** Exit codes: success, a failed command, a usage error (as `getopt`-style tools use 2). */
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/**
 * Runs `tessera` with `argv` (`process.argv.slice(2)`) and returns the exit code: 0 on
 * success; 2 for a usage error, whose message and a pointer to `--help` go to `stderr`; 1 when
 * a command fails, with its error message on `stderr`. `--help` prints to `stdout`.
 *
 * @example
 * ```ts
 * import { main } from '@tessera/cli';
 *
 * process.exitCode = await main(process.argv.slice(2));
 * await main(['train', 'lenet5', '--distort', 'wavy']); // 2, after printing:
 * // tessera: invalid value 'wavy' for --distort; valid choices: none, affine, elastic
 * // Run 'tessera train --help' for usage.
 * ```
 */
export async function main(
  argv: readonly string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
  handlers: CommandHandlers = COMMAND_HANDLERS,
): Promise<number> {
  let invocation: Invocation;
  try {
    invocation = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const help = error.command === undefined ? 'tessera --help' : `tessera ${error.command} --help`;
    io.stderr.write(`tessera: ${error.message}\nRun '${help}' for usage.\n`);
    return EXIT_USAGE;
  }
  try {
    switch (invocation.command) {
      case 'help':
        io.stdout.write(formatHelp(invocation.topic));
        return 0;
      case 'version':
        io.stdout.write(`${version()}\n`);
        return 0;
      case 'train':
        return await handlers.train(invocation, io);
      case 'eval':
        return await handlers.eval(invocation, io);
      case 'predict':
        return await handlers.predict(invocation, io);
      case 'info':
        return await handlers.info(invocation, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(
        `tessera: ${error.message}\nRun 'tessera ${invocation.command} --help' for usage.\n`,
      );
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    const prefix = message.startsWith('tessera') ? '' : `tessera ${invocation.command}: `;
    io.stderr.write(`${prefix}${message}\n`);
    return EXIT_FAILURE;
  }
}

/** The package's version, read from its package.json (one folder above src/ and dist/). */
function version(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

import {
  COMMAND_NAMES,
  COMMANDS,
  type CommandName,
  type EvalOptions,
  type InfoOptions,
  type ModelName,
  type PredictOptions,
  type TrainOptions,
} from './commands.js';
import { UsageError } from './errors.js';
import { type FlagSpec, type FlagTable, type FlagValues, flagName } from './spec.js';
import { didYouMean } from './suggest.js';

/**
 * `tessera --help`, `tessera help [command]` or `tessera <command> --help`.
 *
 * @example
 * ```ts
 * import { parseArgs } from '@tessera/cli';
 *
 * parseArgs(['eval', '--help']); // { command: 'help', topic: 'eval' }
 * ```
 */
export interface HelpInvocation {
  /** Discriminates the invocations. */
  readonly command: 'help';
  /** The command asked about; absent for `tessera` itself. */
  readonly topic?: CommandName;
}

/**
 * `tessera --version`.
 *
 * @example
 * ```ts
 * import { parseArgs } from '@tessera/cli';
 *
 * parseArgs(['-V']); // { command: 'version' }
 * ```
 */
export interface VersionInvocation {
  /** Discriminates the invocations. */
  readonly command: 'version';
}

/**
 * `tessera train <model> [options]`.
 *
 * @example
 * ```ts
 * import { parseArgs } from '@tessera/cli';
 *
 * parseArgs(['train', 'mlp', '--epochs', '3']); // { command: 'train', model: 'mlp', options: { epochs: 3, ... } }
 * ```
 */
export interface TrainInvocation {
  /** Discriminates the invocations. */
  readonly command: 'train';
  /** The model to train. */
  readonly model: ModelName;
  /** The flags, with defaults filled in. */
  readonly options: TrainOptions;
}

/**
 * `tessera eval <checkpoint> [options]`.
 *
 * @example
 * ```ts
 * import { parseArgs } from '@tessera/cli';
 *
 * parseArgs(['eval', 'c.safetensors']); // { command: 'eval', checkpoint: 'c.safetensors', options: { ... } }
 * ```
 */
export interface EvalInvocation {
  /** Discriminates the invocations. */
  readonly command: 'eval';
  /** The checkpoint's path. */
  readonly checkpoint: string;
  /** The flags, with defaults filled in. */
  readonly options: EvalOptions;
}

/**
 * `tessera predict <checkpoint> <image.png>... [options]`.
 *
 * @example
 * ```ts
 * import { parseArgs } from '@tessera/cli';
 *
 * parseArgs(['predict', 'c.safetensors', '7.png']).images; // ['7.png']
 * ```
 */
export interface PredictInvocation {
  /** Discriminates the invocations. */
  readonly command: 'predict';
  /** The checkpoint's path. */
  readonly checkpoint: string;
  /** The images' paths, at least one. */
  readonly images: readonly string[];
  /** The flags, with defaults filled in. */
  readonly options: PredictOptions;
}

/**
 * `tessera info <checkpoint>`.
 *
 * @example
 * ```ts
 * import { parseArgs } from '@tessera/cli';
 *
 * parseArgs(['info', 'c.safetensors']); // { command: 'info', checkpoint: 'c.safetensors', options: {} }
 * ```
 */
export interface InfoInvocation {
  /** Discriminates the invocations. */
  readonly command: 'info';
  /** The checkpoint's path. */
  readonly checkpoint: string;
  /** No flags. */
  readonly options: InfoOptions;
}

/**
 * What a command line asks for: help, the version, or one command with its arguments and
 * options, all checked and typed.
 *
 * @example
 * ```ts
 * import { parseArgs, type Invocation } from '@tessera/cli';
 *
 * const invocation: Invocation = parseArgs(['train', 'lenet5', '--epochs', '20']);
 * if (invocation.command === 'train') invocation.options.epochs; // 20
 * ```
 */
export type Invocation =
  | HelpInvocation
  | VersionInvocation
  | TrainInvocation
  | EvalInvocation
  | PredictInvocation
  | InfoInvocation;

const HELP_FLAGS = ['--help', '-h'];
const VERSION_FLAGS = ['--version', '-V'];

/**
 * Parses `tessera`'s arguments (without `node` and the script: `process.argv.slice(2)`).
 *
 * Flags take their value as `--epochs 5` or `--epochs=5`; `--` ends the flags, so later
 * arguments may start with `-`. `--help` (`-h`) anywhere before `--` asks for the command's
 * help, whatever else is on the line; `--version` (`-V`) works before a command.
 *
 * @throws UsageError for an unknown command or flag (with a "did you mean" when one is close),
 *   a flag given twice or without a value, a value that is not of the flag's type or not one
 *   of its choices (listing them), and missing or extra arguments.
 *
 * @example
 * ```ts
 * import { parseArgs } from '@tessera/cli';
 *
 * parseArgs(['train', 'lenet5', '--distort=affine', '--seed', '3']);
 * // { command: 'train', model: 'lenet5', options: { distort: 'affine', seed: 3, ... } }
 * parseArgs(['eval', '--help']); // { command: 'help', topic: 'eval' }
 * parseArgs(['train', 'lenet6']); // throws UsageError: invalid model 'lenet6'; ...
 * ```
 */
export function parseArgs(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined) {
    throw new UsageError(`missing command; expected one of ${COMMAND_NAMES.join(', ')}`);
  }
  if (HELP_FLAGS.includes(first)) return { command: 'help' };
  if (VERSION_FLAGS.includes(first)) return { command: 'version' };
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { command: 'help' };
    return { command: 'help', topic: commandNamed(topic) };
  }
  if (first.startsWith('-')) {
    throw new UsageError(
      `unknown option ${first}; put options after a command, as in 'tessera train lenet5 --epochs 5'` +
        ` (commands: ${COMMAND_NAMES.join(', ')})`,
    );
  }
  const command = commandNamed(first);
  const end = rest.indexOf('--');
  if ((end < 0 ? rest : rest.slice(0, end)).some((arg) => HELP_FLAGS.includes(arg))) {
    return { command: 'help', topic: command };
  }
  switch (command) {
    case 'train': {
      const { positionals, options } = parseCommand('train', COMMANDS.train.flags, rest);
      return { command, model: positionals[0] as ModelName, options };
    }
    case 'eval': {
      const { positionals, options } = parseCommand('eval', COMMANDS.eval.flags, rest);
      return { command, checkpoint: positionals[0]!, options };
    }
    case 'predict': {
      const { positionals, options } = parseCommand('predict', COMMANDS.predict.flags, rest);
      return { command, checkpoint: positionals[0]!, images: positionals.slice(1), options };
    }
    case 'info': {
      const { positionals, options } = parseCommand('info', COMMANDS.info.flags, rest);
      return { command, checkpoint: positionals[0]!, options };
    }
  }
}

function commandNamed(name: string): CommandName {
  if ((COMMAND_NAMES as readonly string[]).includes(name)) return name as CommandName;
  throw new UsageError(
    `unknown command '${name}'${didYouMean(name, COMMAND_NAMES)} ` +
      `(commands: ${COMMAND_NAMES.join(', ')})`,
  );
}

/** Splits one command's arguments into checked positionals and typed options. */
function parseCommand<T extends FlagTable>(
  command: CommandName,
  flags: T,
  args: readonly string[],
): { positionals: string[]; options: FlagValues<T> } {
  const byFlag = new Map(Object.keys(flags).map((option) => [flagName(option), option]));
  const given = new Map<string, unknown>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const flag = equals < 0 ? arg : arg.slice(0, equals);
    const option = byFlag.get(flag);
    if (option === undefined) throw unknownFlag(command, flag, [...byFlag.keys()]);
    if (given.has(option)) throw new UsageError(`${flag} is given twice`, command);
    const spec = flags[option]!;
    let text: string | undefined;
    if (equals >= 0) text = arg.slice(equals + 1);
    else {
      // A following flag is not a value; a negative number (single dash) may be one.
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        text = next;
        i++;
      }
    }
    if (text === undefined) {
      throw new UsageError(`${flag} needs a value: ${describeValue(spec)}`, command);
    }
    given.set(option, parseValue(command, flag, spec, text));
  }
  checkPositionals(command, positionals);
  const options = Object.fromEntries(
    Object.entries(flags).map(([option, spec]) => [
      option,
      given.has(option) ? given.get(option) : spec.default,
    ]),
  );
  return { positionals, options: options as FlagValues<T> };
}

function unknownFlag(command: CommandName, flag: string, known: readonly string[]): UsageError {
  const valid = known.length === 0 ? 'it takes no options' : `valid options: ${known.join(', ')}`;
  return new UsageError(
    `unknown option ${flag} for 'tessera ${command}'${didYouMean(flag, known)}; ${valid}`,
    command,
  );
}

/** What a flag's value must be, for messages: `a whole number >= 1`, `one of a, b`. */
export function describeValue(spec: FlagSpec): string {
  switch (spec.type) {
    case 'int':
      if (spec.min !== undefined && spec.max !== undefined && spec.max < Number.MAX_SAFE_INTEGER) {
        return `a whole number from ${spec.min} to ${spec.max}`;
      }
      return spec.min === undefined ? 'a whole number' : `a whole number >= ${spec.min}`;
    case 'number':
      return spec.positive ? 'a number > 0' : 'a number';
    case 'choice':
      return `one of ${spec.choices.join(', ')}`;
    case 'string':
      return spec.placeholder === 'DIR' ? 'a folder' : 'a file';
  }
}

const INTEGER = /^[+-]?\d+$/;
// Decimal numbers as people type them: 0.001, 1e-3, .5, 2.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseValue(
  command: CommandName,
  flag: string,
  spec: FlagSpec,
  text: string,
): number | string {
  const invalid = (): never => {
    const valid = spec.type === 'choice' ? `valid choices: ${spec.choices.join(', ')}` : '';
    const hint = spec.type === 'choice' ? didYouMean(text, spec.choices) : '';
    throw new UsageError(
      `invalid value '${text}' for ${flag}${hint}; ${valid || `expected ${describeValue(spec)}`}`,
      command,
    );
  };
  switch (spec.type) {
    case 'int': {
      const value = INTEGER.test(text) ? Number(text) : Number.NaN;
      const inRange =
        Number.isSafeInteger(value) &&
        (spec.min === undefined || value >= spec.min) &&
        (spec.max === undefined || value <= spec.max);
      return inRange ? value : invalid();
    }
    case 'number': {
      const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
      return Number.isFinite(value) && (!spec.positive || value > 0) ? value : invalid();
    }
    case 'choice':
      return spec.choices.includes(text) ? text : invalid();
    case 'string':
      return text === '' ? invalid() : text;
  }
}

function checkPositionals(command: CommandName, values: readonly string[]): void {
  const specs = COMMANDS[command].positionals;
  const variadic = specs.at(-1)?.variadic === true;
  specs.forEach((spec, i) => {
    const value = values[i];
    if (value === undefined) {
      const expected = spec.choices ? `; expected one of ${spec.choices.join(', ')}` : '';
      throw new UsageError(
        `missing <${spec.name}>${spec.variadic ? ' (one or more)' : ''}${expected}`,
        command,
      );
    }
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(
        `invalid ${spec.name} '${value}'${didYouMean(value, spec.choices)}; ` +
          `valid choices: ${spec.choices.join(', ')}`,
        command,
      );
    }
  });
  if (!variadic && values.length > specs.length) {
    throw new UsageError(`unexpected argument '${values[specs.length]}'`, command);
  }
}

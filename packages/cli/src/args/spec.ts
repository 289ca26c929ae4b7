/**
 * What every flag has: its help line, and how its value and default read in `--help`.
 *
 * @example
 * ```ts
 * import type { FlagBase } from '@tessera/cli';
 *
 * const base: FlagBase = { help: 'epochs to train', placeholder: 'N', defaultText: "the model's" };
 * ```
 */
export interface FlagBase {
  /** One line for `--help`. */
  readonly help: string;
  /** The value's name in help: `--epochs N`. */
  readonly placeholder: string;
  /** How to describe a default that is not a constant (`the model's`), for help only. */
  readonly defaultText?: string;
}

/**
 * A flag taking a whole number in `[min, max]`.
 *
 * @example
 * ```ts
 * import type { IntFlag } from '@tessera/cli';
 *
 * const epochs: IntFlag = { type: 'int', min: 1, placeholder: 'N', help: 'epochs to train' };
 * ```
 */
export interface IntFlag extends FlagBase {
  /** Discriminates the kinds of flag. */
  readonly type: 'int';
  /** The least value accepted. */
  readonly min?: number;
  /** The greatest value accepted. */
  readonly max?: number;
  /** The value when the flag is not given; `undefined` if absent. */
  readonly default?: number;
}

/**
 * A flag taking a finite decimal number (`0.001`, `1e-3`), greater than 0 when `positive`.
 *
 * @example
 * ```ts
 * import type { NumberFlag } from '@tessera/cli';
 *
 * const lr: NumberFlag = { type: 'number', positive: true, placeholder: 'X', help: 'learning rate' };
 * ```
 */
export interface NumberFlag extends FlagBase {
  /** Discriminates the kinds of flag. */
  readonly type: 'number';
  /** Accept only values greater than 0. */
  readonly positive?: boolean;
  /** The value when the flag is not given; `undefined` if absent. */
  readonly default?: number;
}

/**
 * A flag taking one of a fixed set of words.
 *
 * @typeParam C - the words, as a union of string literals.
 *
 * @example
 * ```ts
 * import type { ChoiceFlag } from '@tessera/cli';
 *
 * const distort: ChoiceFlag<'none' | 'affine'> = {
 *   type: 'choice', choices: ['none', 'affine'], default: 'none', placeholder: 'KIND', help: 'distortions',
 * };
 * ```
 */
export interface ChoiceFlag<C extends string = string> extends FlagBase {
  /** Discriminates the kinds of flag. */
  readonly type: 'choice';
  /** The accepted words, in the order help and errors list them. */
  readonly choices: readonly C[];
  /** The value when the flag is not given; `undefined` if absent. */
  readonly default?: C;
}

/**
 * A flag taking any non-empty text, such as a path.
 *
 * @example
 * ```ts
 * import type { StringFlag } from '@tessera/cli';
 *
 * const out: StringFlag = { type: 'string', placeholder: 'DIR', help: 'run folder' };
 * ```
 */
export interface StringFlag extends FlagBase {
  /** Discriminates the kinds of flag. */
  readonly type: 'string';
  /** The value when the flag is not given; `undefined` if absent. */
  readonly default?: string;
}

/**
 * One flag of a command: its value type, constraints, default and help, from which both the
 * parser's validation and the `--help` text are made, so they cannot disagree. A flag without
 * a `default` is `undefined` when not given: the command decides (for example the model's own
 * number of epochs).
 *
 * @example
 * ```ts
 * import type { FlagSpec } from '@tessera/cli';
 *
 * const epochs: FlagSpec = { type: 'int', min: 1, placeholder: 'N', help: 'epochs to train' };
 * ```
 */
export type FlagSpec = IntFlag | NumberFlag | ChoiceFlag | StringFlag;

/**
 * A flag spec whose `default` is present, so its parsed value is never `undefined`.
 *
 * @example
 * ```ts
 * import type { Defaulted, IntFlag } from '@tessera/cli';
 *
 * const seed: Defaulted<IntFlag> = { type: 'int', default: 0, placeholder: 'N', help: 'seed' };
 * ```
 */
export type Defaulted<F extends FlagSpec> = F & Required<Pick<F, 'default'>>;

/**
 * A command's flags by option name, camelCase: `batchSize` is `--batch-size` on the command line.
 *
 * @example
 * ```ts
 * import type { FlagTable } from '@tessera/cli';
 *
 * const flags = {
 *   seed: { type: 'int', min: 0, default: 0, placeholder: 'N', help: 'the root PRNG seed' },
 * } as const satisfies FlagTable;
 * ```
 */
export type FlagTable = { readonly [name: string]: FlagSpec };

/**
 * The value one flag spec parses to: a choice's union of literals, a number, or a string.
 *
 * @example
 * ```ts
 * import type { ChoiceFlag, FlagValue } from '@tessera/cli';
 *
 * type Distort = FlagValue<ChoiceFlag<'none' | 'affine'>>; // 'none' | 'affine'
 * ```
 */
export type FlagValue<F extends FlagSpec> =
  F extends ChoiceFlag<infer C> ? C : F extends IntFlag | NumberFlag ? number : string;

/**
 * The parsed options of a flag table: each flag's value, `undefined` when it has no default
 * and was not given.
 *
 * @example
 * ```ts
 * import type { TrainOptions } from '@tessera/cli';
 *
 * const options: TrainOptions = parseArgs(['train', 'mlp']).options; // { epochs: undefined, seed: 0, ... }
 * ```
 */
export type FlagValues<T extends FlagTable> = {
  readonly [K in keyof T]: undefined extends T[K]['default']
    ? FlagValue<T[K]> | undefined
    : FlagValue<T[K]>;
};

/**
 * A positional argument of a command.
 *
 * @example
 * ```ts
 * import type { PositionalSpec } from '@tessera/cli';
 *
 * const images: PositionalSpec = { name: 'image.png', help: 'images to classify', variadic: true };
 * ```
 */
export interface PositionalSpec {
  /** Its name in usage lines: `<checkpoint>`. */
  readonly name: string;
  /** One line for `--help`. */
  readonly help: string;
  /** The values it may take; any text when absent. */
  readonly choices?: readonly string[];
  /** Takes one or more values (only the last positional may). */
  readonly variadic?: boolean;
}

/**
 * A subcommand: name, one-line summary, longer description, positionals, flags and examples.
 *
 * @example
 * ```ts
 * import { COMMANDS } from '@tessera/cli';
 *
 * COMMANDS.train.summary; // 'train a model on MNIST'
 * ```
 */
export interface CommandSpec<T extends FlagTable = FlagTable> {
  /** The word after `tessera`. */
  readonly name: string;
  /** One line for `tessera --help`. */
  readonly summary: string;
  /** A paragraph for the command's own `--help`. */
  readonly description: string;
  /** Its arguments, in order. */
  readonly positionals: readonly PositionalSpec[];
  /** Its flags (besides `--help`). */
  readonly flags: T;
  /** Command lines shown under `Examples:` in its help. */
  readonly examples: readonly string[];
}

/**
 * The command-line spelling of an option name: `batchSize` becomes `--batch-size`.
 *
 * @example
 * ```ts
 * import { flagName } from '@tessera/cli';
 *
 * flagName('batchSize'); // '--batch-size'
 * ```
 */
export function flagName(option: string): string {
  return `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

// Small helpers shared by the examples: command-line flags and "run when executed directly".
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Flags parsed from the command line: `--name value` or `--name=value`, all strings. */
export type Flags = Readonly<Record<string, string | undefined>>;

/**
 * Parses `argv` against the flag names an example accepts; an unknown flag is an error that
 * lists the known ones. `--help` prints `usage` and exits.
 */
export function parseFlags(
  argv: readonly string[],
  names: readonly string[],
  usage: string,
): Flags {
  const options = Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean' } },
      strict: true,
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    return values as Flags;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${usage}`);
  }
}

/** The flag `name` as a number, or `fallback` when absent; anything else is an error. */
export function numberFlag(flags: Flags, name: string, fallback: number): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new Error(`--${name} must be a number, got '${raw}'`);
  }
  return value;
}

/** The flag `name`, one of `choices`, or `fallback` when absent. */
export function choiceFlag<C extends string>(
  flags: Flags,
  name: string,
  choices: readonly C[],
  fallback: C,
): C {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new Error(`--${name} must be one of ${choices.join(', ')}, got '${raw}'`);
  }
  return raw as C;
}

/** Runs `main` with the command-line arguments when the module `url` is the program itself. */
export function runIfMain(url: string, main: (argv: readonly string[]) => void): void {
  const script = process.argv[1];
  if (script === undefined || realpathSync(script) !== fileURLToPath(url)) return;
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}

/** A number as a percentage with two decimals: `0.0239` -> `2.39%`. */
export function percent(rate: number): string {
  return `${(rate * 100).toFixed(2)}%`;
}

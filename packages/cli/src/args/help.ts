import { COMMAND_NAMES, COMMANDS, type CommandName } from './commands.js';
import { type CommandSpec, type FlagSpec, flagName } from './spec.js';

/** Help is wrapped to this width, which every terminal has. */
const WIDTH = 80;
/** Where descriptions start in the two-column lists. */
const COLUMN = 24;

/**
 * The help text of one command, or of `tessera` itself when `command` is absent: usage line,
 * description, arguments, options with their values, choices and defaults, and examples, all
 * made from the command table ({@link COMMANDS}).
 *
 * @example
 * ```ts
 * import { formatHelp } from '@tessera/cli';
 *
 * console.log(formatHelp('train'));
 * // Usage: tessera train <model> [options]
 * // ...
 * //   --distort KIND        distort training images: none, affine (...) or elastic (...)
 * //                         (choices: none, affine, elastic; default: none)
 * ```
 */
export function formatHelp(command?: CommandName): string {
  return command === undefined ? globalHelp() : commandHelp(COMMANDS[command]);
}

function globalHelp(): string {
  const commands = COMMAND_NAMES.map((name) => {
    const spec = COMMANDS[name];
    return row(`${name} ${spec.positionals.map(usageOf).join(' ')}`, spec.summary);
  });
  return [
    'tessera: train, evaluate and run handwritten-digit classifiers (MNIST)',
    '',
    'Usage: tessera <command> [arguments] [options]',
    '',
    'Commands:',
    ...commands,
    '',
    'Options:',
    row('-h, --help', "show help; after a command, that command's help (tessera train --help)"),
    row('-V, --version', 'print the version'),
    '',
    'Run `tessera <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

function commandHelp(spec: CommandSpec): string {
  const hasFlags = Object.keys(spec.flags).length > 0;
  const lines = [
    `Usage: tessera ${spec.name} ${spec.positionals.map(usageOf).join(' ')}${hasFlags ? ' [options]' : ''}`,
    '',
    ...wrap(spec.description, WIDTH),
    '',
    'Arguments:',
    ...spec.positionals.map((p) =>
      row(usageOf(p), p.choices ? `${p.help}: ${p.choices.join(', ')}` : p.help),
    ),
    '',
    'Options:',
    ...Object.entries(spec.flags).map(([option, flag]) =>
      row(`${flagName(option)} ${flag.placeholder}`, flagHelp(flag)),
    ),
    row('-h, --help', 'show this help'),
    '',
    'Examples:',
    ...spec.examples.map((example) => `  ${example}`),
    '',
  ];
  return lines.join('\n');
}

function usageOf(p: { readonly name: string; readonly variadic?: boolean }): string {
  return p.variadic ? `<${p.name}>...` : `<${p.name}>`;
}

function flagHelp(flag: FlagSpec): string {
  const notes: string[] = [];
  if (flag.type === 'choice') notes.push(`choices: ${flag.choices.join(', ')}`);
  const fallback = flag.default === undefined ? flag.defaultText : String(flag.default);
  if (fallback !== undefined) notes.push(`default: ${fallback}`);
  return notes.length === 0 ? flag.help : `${flag.help} (${notes.join('; ')})`;
}

/** `  name          text`, the text wrapped and indented to the description column. */
function row(name: string, text: string): string {
  const [first = '', ...more] = wrap(text, WIDTH - COLUMN);
  const head = `  ${name}`;
  const firstLine =
    head.length < COLUMN - 1
      ? `${head.padEnd(COLUMN)}${first}`
      : `${head}\n${' '.repeat(COLUMN)}${first}`;
  return [firstLine, ...more.map((line) => ' '.repeat(COLUMN) + line)].join('\n');
}

/** Greedy word wrap; a word longer than the width gets a line of its own. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

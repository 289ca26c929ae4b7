import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  COMMAND_HANDLERS,
  COMMAND_NAMES,
  COMMANDS,
  type CommandHandlers,
  flagName,
  formatHelp,
  main,
} from '../src/index.js';
import { capturedIo } from './io.js';

async function run(argv: readonly string[], handlers?: CommandHandlers) {
  const io = capturedIo();
  const code = await main(argv, io, handlers);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

describe('main', () => {
  it('exits 2 on a usage error, printing the message and a pointer to --help on stderr', async () => {
    const result = await run(['train', 'lenet5', '--distort', 'wavy']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "tessera: invalid value 'wavy' for --distort; valid choices: none, affine, elastic\n" +
        "Run 'tessera train --help' for usage.\n",
    });
    const noCommand = await run([]);
    expect(noCommand.code).toBe(2);
    expect(noCommand.stderr).toContain("Run 'tessera --help' for usage.");
    expect((await run(['eval'])).code).toBe(2);
    expect((await run(['train', 'mlp', '--epochs', '-3'])).code).toBe(2);
  });

  it('prints help on stdout and exits 0, for tessera and every command', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, stdout: formatHelp(), stderr: '' });
    for (const command of COMMAND_NAMES) {
      const result = await run([command, '--help']);
      expect(result).toEqual({ code: 0, stdout: formatHelp(command), stderr: '' });
    }
  });

  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    );
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('exits 1 with the message when a command fails', async () => {
    expect(await run(['info', 'no/such/checkpoint.safetensors'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'tessera info: no/such/checkpoint.safetensors: no such checkpoint\n',
    });
    const failing: CommandHandlers = {
      ...COMMAND_HANDLERS,
      info: () => {
        throw new Error('checkpoint: no such file');
      },
    };
    expect(await run(['info', 'x'], failing)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'tessera info: checkpoint: no such file\n',
    });
  });

  it('hands the parsed invocation to the command and returns its exit code', async () => {
    const seen: unknown[] = [];
    const handlers: CommandHandlers = {
      ...COMMAND_HANDLERS,
      predict: async (invocation, io) => {
        seen.push(invocation);
        io.stdout.write('7\n');
        return 0;
      },
    };
    expect(await run(['predict', 'c', 'a.png'], handlers)).toEqual({
      code: 0,
      stdout: '7\n',
      stderr: '',
    });
    expect(seen).toEqual([
      { command: 'predict', checkpoint: 'c', images: ['a.png'], options: { backend: 'gpujs' } },
    ]);
  });
});

describe('formatHelp', () => {
  it('lists every command in the global help', () => {
    const help = formatHelp();
    for (const name of COMMAND_NAMES) {
      expect(help).toContain(`  ${name} `);
      expect(help).toContain(COMMANDS[name].summary);
    }
    expect(help).toContain('--help');
    expect(help).toContain('--version');
  });

  it('documents every flag of every command with its choices and default', () => {
    for (const name of COMMAND_NAMES) {
      const help = formatHelp(name);
      expect(help.startsWith(`Usage: tessera ${name} `)).toBe(true);
      expect(help).toContain('-h, --help');
      // Unwrapped, so that a phrase split across lines still matches.
      const flat = help.replace(/\s+/g, ' ');
      for (const [option, spec] of Object.entries(COMMANDS[name].flags) as [
        string,
        { placeholder: string; choices?: readonly string[]; default?: unknown },
      ][]) {
        expect(help).toContain(`${flagName(option)} ${spec.placeholder}`);
        if (spec.choices) expect(flat).toContain(`choices: ${spec.choices.join(', ')}`);
        if (spec.default !== undefined) expect(flat).toContain(`default: ${spec.default}`);
      }
    }
    expect(formatHelp('train').replace(/\s+/g, ' ')).toContain(
      'the model to train: mlp, lenet5, lenet5-modern',
    );
  });

  it('fits in 80 columns', () => {
    for (const topic of [undefined, ...COMMAND_NAMES]) {
      for (const line of formatHelp(topic).split('\n')) {
        expect(line.length, line).toBeLessThanOrEqual(80);
      }
    }
  });
});

describe('bin', () => {
  it('is a node script with a shebang, registered as the tessera command', () => {
    const source = readFileSync(new URL('../src/bin.ts', import.meta.url), 'utf8');
    expect(source.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.bin).toEqual({ tessera: './dist/bin.js' });
  });

  it('passes the exit code and the error through when train reruns under the V8 flags', () => {
    const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
    for (const threads of ['1', '2']) {
      const child = spawnSync(process.execPath, [bin, 'train', 'mlp', '--epochs', 'zero'], {
        encoding: 'utf8',
        env: { ...process.env, TESSERA_THREADS: threads },
      });
      expect(child.status, threads).toBe(2);
      expect(child.stderr, threads).toContain('--epochs');
    }
  });
});

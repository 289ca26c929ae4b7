import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMMAND_NAMES,
  COMMANDS,
  flagName,
  type Invocation,
  parseArgs,
  TRAIN_FLAGS,
  UsageError,
} from '../src/index.js';

function usageError(argv: readonly string[]): UsageError {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).name).toBe('UsageError');
    return error as UsageError;
  }
  throw new Error(`expected parseArgs(${JSON.stringify(argv)}) to throw`);
}

function train(argv: readonly string[]): Extract<Invocation, { command: 'train' }> {
  const invocation = parseArgs(['train', ...argv]);
  if (invocation.command !== 'train') throw new Error('not a train invocation');
  return invocation;
}

describe('parseArgs: valid command lines', () => {
  it('parses train with defaults for flags not given', () => {
    expect(train(['lenet5'])).toEqual({
      command: 'train',
      model: 'lenet5',
      options: {
        epochs: undefined,
        batchSize: undefined,
        optimizer: undefined,
        lr: undefined,
        schedule: undefined,
        distort: 'none',
        seed: 0,
        limit: undefined,
        backend: 'gpujs',
        out: undefined,
        resume: undefined,
      },
    });
  });

  it('parses every train flag, with a space or =, before or after the model', () => {
    const { model, options } = train([
      '--epochs',
      '20',
      'lenet5-modern',
      '--batch-size=64',
      '--optimizer',
      'adam',
      '--lr',
      '1e-3',
      '--schedule=cosine',
      '--distort',
      'elastic',
      '--seed',
      '42',
      '--limit',
      '500',
      '--backend',
      'reference',
      '--out',
      'runs/x',
      '--resume',
      'runs/x/checkpoint.safetensors',
    ]);
    expect(model).toBe('lenet5-modern');
    expect(options).toEqual({
      epochs: 20,
      batchSize: 64,
      optimizer: 'adam',
      lr: 0.001,
      schedule: 'cosine',
      distort: 'elastic',
      seed: 42,
      limit: 500,
      backend: 'reference',
      out: 'runs/x',
      resume: 'runs/x/checkpoint.safetensors',
    });
  });

  it('parses eval, predict and info', () => {
    expect(parseArgs(['eval', 'c.safetensors', '--batch-size', '500'])).toEqual({
      command: 'eval',
      checkpoint: 'c.safetensors',
      options: { batchSize: 500, backend: 'gpujs', out: undefined },
    });
    expect(parseArgs(['predict', 'c.safetensors', 'a.png', 'b.png'])).toEqual({
      command: 'predict',
      checkpoint: 'c.safetensors',
      images: ['a.png', 'b.png'],
      options: { backend: 'gpujs' },
    });
    expect(parseArgs(['info', 'c.safetensors'])).toEqual({
      command: 'info',
      checkpoint: 'c.safetensors',
      options: {},
    });
  });

  it('treats everything after -- as arguments', () => {
    const invocation = parseArgs(['predict', 'c', '--', '-odd.png', '--help']);
    expect(invocation).toMatchObject({ command: 'predict', images: ['-odd.png', '--help'] });
  });

  it('answers --help and -h anywhere, even on an otherwise wrong line', () => {
    expect(parseArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseArgs(['-h'])).toEqual({ command: 'help' });
    expect(parseArgs(['help'])).toEqual({ command: 'help' });
    expect(parseArgs(['help', 'eval'])).toEqual({ command: 'help', topic: 'eval' });
    for (const command of COMMAND_NAMES) {
      expect(parseArgs([command, '--help'])).toEqual({ command: 'help', topic: command });
      expect(parseArgs([command, '--bogus', 'x', '-h'])).toEqual({
        command: 'help',
        topic: command,
      });
    }
    expect(parseArgs(['--version'])).toEqual({ command: 'version' });
    expect(parseArgs(['-V'])).toEqual({ command: 'version' });
  });

  it('accepts every choice of every choice flag, as its own literal', () => {
    for (const [option, spec] of Object.entries(TRAIN_FLAGS)) {
      if (spec.type !== 'choice') continue;
      for (const choice of spec.choices) {
        expect(train(['mlp', flagName(option), choice]).options).toMatchObject({
          [option]: choice,
        });
      }
    }
  });

  it('accepts any whole seed and positive learning rate', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.double({ min: 1e-12, max: 1e6, noNaN: true }),
        (seed, lr) => {
          const { options } = train(['mlp', '--seed', String(seed), '--lr', String(lr)]);
          expect(options.seed).toBe(seed);
          expect(options.lr).toBe(lr);
        },
      ),
    );
  });
});

describe('parseArgs: usage errors name the fault and the valid choices', () => {
  it('an unknown or missing command', () => {
    expect(usageError([]).message).toBe(
      'missing command; expected one of train, eval, predict, info',
    );
    const error = usageError(['trian', 'lenet5']);
    expect(error.message).toBe(
      "unknown command 'trian' (did you mean train?) (commands: train, eval, predict, info)",
    );
    expect(error.command).toBeUndefined();
    expect(usageError(['--epochs', '3']).message).toContain('put options after a command');
  });

  it('an unknown flag, with a suggestion and the valid flags', () => {
    const error = usageError(['train', 'lenet5', '--epoch', '3']);
    expect(error.message).toBe(
      "unknown option --epoch for 'tessera train' (did you mean --epochs?); valid options: " +
        '--epochs, --batch-size, --optimizer, --lr, --schedule, --distort, --seed, --limit, ' +
        '--backend, --out, --resume',
    );
    expect(error.command).toBe('train');
    expect(usageError(['info', 'c', '--out', 'x']).message).toBe(
      "unknown option --out for 'tessera info'; it takes no options",
    );
    expect(usageError(['train', 'mlp', '-x']).message).toMatch(/^unknown option -x/);
  });

  it('an invalid choice lists the choices', () => {
    expect(usageError(['train', 'lenet5', '--distort', 'wavy']).message).toBe(
      "invalid value 'wavy' for --distort; valid choices: none, affine, elastic",
    );
    expect(usageError(['train', 'lenet5', '--optimizer=adm']).message).toBe(
      "invalid value 'adm' for --optimizer (did you mean adam?); valid choices: " +
        'sgd, adam, adamw, adamax, adagrad, rmsprop, sdlm',
    );
    expect(usageError(['eval', 'c', '--backend', 'cuda']).message).toBe(
      "invalid value 'cuda' for --backend; valid choices: gpujs, reference",
    );
  });

  it('any string that is not a choice is refused with the full list', () => {
    const spec = TRAIN_FLAGS.schedule;
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (value) => {
        fc.pre(!(spec.choices as readonly string[]).includes(value) && !value.startsWith('--'));
        const error = usageError(['train', 'mlp', '--schedule', value]);
        expect(error.message).toContain(`valid choices: ${spec.choices.join(', ')}`);
      }),
    );
  });

  it('an invalid or missing model', () => {
    expect(usageError(['train', 'lenet6']).message).toBe(
      "invalid model 'lenet6' (did you mean lenet5?); valid choices: mlp, lenet5, lenet5-modern",
    );
    expect(usageError(['train']).message).toBe(
      'missing <model>; expected one of mlp, lenet5, lenet5-modern',
    );
    expect(usageError(['train', 'mlp', 'lenet5']).message).toBe("unexpected argument 'lenet5'");
  });

  it('numbers of the wrong kind or range', () => {
    const message = (flag: string, value: string) =>
      usageError(['train', 'mlp', flag, value]).message;
    expect(message('--epochs', '0')).toBe(
      "invalid value '0' for --epochs; expected a whole number >= 1",
    );
    expect(message('--epochs', '2.5')).toMatch(/expected a whole number >= 1/);
    expect(message('--epochs', 'ten')).toMatch(/expected a whole number >= 1/);
    expect(message('--seed', '-1')).toMatch(/'-1' for --seed; expected a whole number >= 0/);
    expect(message('--seed', '1e3')).toMatch(/whole number/);
    expect(message('--seed', '99999999999999999999')).toMatch(/whole number/);
    expect(message('--lr', '0')).toBe("invalid value '0' for --lr; expected a number > 0");
    expect(message('--lr', '-0.1')).toMatch(/a number > 0/);
    expect(message('--lr', 'fast')).toMatch(/a number > 0/);
    expect(message('--lr', 'Infinity')).toMatch(/a number > 0/);
    expect(message('--lr', '0x10')).toMatch(/a number > 0/);
  });

  it('a flag without a value, or given twice', () => {
    expect(usageError(['train', 'mlp', '--epochs']).message).toBe(
      '--epochs needs a value: a whole number >= 1',
    );
    expect(usageError(['train', 'mlp', '--out', '--seed', '1']).message).toBe(
      '--out needs a value: a folder',
    );
    expect(usageError(['train', 'mlp', '--out=']).message).toMatch(/invalid value '' for --out/);
    expect(usageError(['train', 'mlp', '--seed', '1', '--seed=2']).message).toBe(
      '--seed is given twice',
    );
  });

  it('missing arguments of eval, predict and info', () => {
    expect(usageError(['eval']).message).toBe('missing <checkpoint>');
    expect(usageError(['predict', 'c']).message).toBe('missing <image.png> (one or more)');
    expect(usageError(['info', 'a', 'b']).message).toBe("unexpected argument 'b'");
  });
});

describe('the command table', () => {
  it('has one kebab-case flag per option, help for each, and defaults among the choices', () => {
    expect(flagName('batchSize')).toBe('--batch-size');
    for (const name of COMMAND_NAMES) {
      const spec = COMMANDS[name];
      expect(spec.name).toBe(name);
      for (const flag of Object.values(spec.flags) as {
        help: string;
        type: string;
        choices?: readonly string[];
        default?: unknown;
      }[]) {
        expect(flag.help.length).toBeGreaterThan(5);
        if (flag.type === 'choice' && flag.default !== undefined) {
          expect(flag.choices).toContain(flag.default);
        }
      }
    }
  });
});

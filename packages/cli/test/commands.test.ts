import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mnist, toPng } from '@tessera/data';
import { loadCheckpoint, saveCheckpoint } from '@tessera/models';
import { reshape, slice, type Tensor, zeros } from '@tessera/tensor';
import { leaves, type Tree } from '@tessera/tree';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatElapsed,
  kernelThreads,
  loadRun,
  MODELS,
  main,
  makeSchedule,
  readJsonl,
  resolveTrainConfig,
} from '../src/index.js';
import { capturedIo } from './io.js';

async function run(argv: readonly string[]) {
  const io = capturedIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

const quick = ['--backend', 'reference', '--batch-size', '32'];
let root: string;
/** The run every test below reads: the MLP, 256 images of each split, 2 epochs. */
let folder: string;
let checkpoint: string;
let trained: Awaited<ReturnType<typeof run>>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
  folder = join(root, 'mlp');
  checkpoint = join(folder, 'checkpoint.safetensors');
  trained = await run([
    'train',
    'mlp',
    '--limit',
    '256',
    '--epochs',
    '2',
    ...quick,
    '--out',
    folder,
  ]);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** The checkpoint's parameters, as plain arrays. */
function paramValues(path: string): number[][] {
  return leaves(loadCheckpoint(path).params as Tree<Tensor>).map((t) => [...t.data()]);
}

describe('tessera train', () => {
  it('trains, writes the run folder, and prints the test error last', () => {
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    const lines = trained.stdout.trimEnd().split('\n');
    expect(lines[0]).toContain('training mlp on 256 images, validating on 256: sgd lr 2');
    expect(lines.at(-1)).toMatch(
      /^test error \d+\.\d\d% \(\d+ of 256\) — mlp, 2 epochs, \d+s, run folder .*mlp$/,
    );
    for (const file of [
      'metrics.jsonl',
      'metrics.csv',
      'checkpoint.safetensors',
      'curves.svg',
      'confusion.svg',
      'test.json',
    ]) {
      expect(existsSync(join(folder, file)), file).toBe(true);
    }
    const rows = readJsonl(join(folder, 'metrics.jsonl'));
    expect(rows.map((row) => row.epoch)).toEqual([1, 2]);
    expect(rows.map((row) => row.step)).toEqual([8, 16]);
    expect(rows[1]!.trainLoss as number).toBeLessThan(rows[0]!.trainLoss as number);
    for (const row of rows) {
      for (const name of ['valLoss', 'valError', 'seconds', 'imagesPerSecond', 'lr']) {
        expect(typeof row[name], name).toBe('number');
      }
    }
    const csv = readFileSync(join(folder, 'metrics.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(
      'epoch,step,trainLoss,trainError,valLoss,valError,lr,seconds,imagesPerSecond',
    );
    expect(csv).toHaveLength(3);
    const test = JSON.parse(readFileSync(join(folder, 'test.json'), 'utf8'));
    expect(test).toMatchObject({ model: 'mlp', epochs: 2, split: 'test', count: 256 });
    expect(test.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(256);
    expect(readFileSync(join(folder, 'curves.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(join(folder, 'confusion.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('checkpoints parameters, optimizer state, epoch, step, root key and configuration', () => {
    const saved = loadCheckpoint(checkpoint);
    expect(saved.epoch).toBe(2);
    expect(saved.step).toBe(16);
    expect(Object.keys(saved.keys as object)).toEqual(['root']);
    expect(saved.config).toEqual({
      model: 'mlp',
      optimizer: 'sgd',
      lr: 2,
      schedule: 'constant',
      batchSize: 32,
      epochs: 2,
      distort: 'none',
      seed: 0,
      limit: 256,
      backend: 'reference',
    });
  });

  it('resumes from epoch 1 to the parameters of the uninterrupted run', async () => {
    const out = join(root, 'resumed');
    const first = await run([
      'train',
      'mlp',
      '--limit',
      '256',
      '--epochs',
      '1',
      ...quick,
      '--out',
      out,
    ]);
    expect(first.code).toBe(0);
    const resumed = await run([
      'train',
      'mlp',
      '--epochs',
      '2',
      '--backend',
      'reference',
      '--resume',
      join(out, 'checkpoint.safetensors'),
    ]);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('resuming mlp after epoch 1 on 256 images');
    expect(resumed.stdout).toContain(`run folder ${out}\n`);
    expect(paramValues(join(out, 'checkpoint.safetensors'))).toEqual(paramValues(checkpoint));
    expect(readJsonl(join(out, 'metrics.jsonl')).map((row) => row.epoch)).toEqual([1, 2]);
    expect(loadCheckpoint(join(out, 'checkpoint.safetensors')).step).toBe(16);
  });

  it('trains on gpujs with data-parallel threads, and resumes to the same parameters', async () => {
    const saved = process.env.TESSERA_THREADS;
    process.env.TESSERA_THREADS = '2';
    try {
      const args = ['--limit', '128', '--batch-size', '32', '--backend', 'gpujs'];
      const whole = join(root, 'threads-whole');
      const first = await run(['train', 'mlp', ...args, '--epochs', '2', '--out', whole]);
      expect(first.stderr).toBe('');
      expect(first.stdout).toContain('backend gpujs:webasm on 2 threads');
      const parts = join(root, 'threads-parts');
      await run(['train', 'mlp', ...args, '--epochs', '1', '--out', parts]);
      const resumed = await run([
        'train',
        'mlp',
        '--epochs',
        '2',
        '--backend',
        'gpujs',
        '--resume',
        join(parts, 'checkpoint.safetensors'),
      ]);
      expect(resumed.code).toBe(0);
      expect(paramValues(join(parts, 'checkpoint.safetensors'))).toEqual(
        paramValues(join(whole, 'checkpoint.safetensors')),
      );
    } finally {
      if (saved === undefined) delete process.env.TESSERA_THREADS;
      else process.env.TESSERA_THREADS = saved;
    }
  });

  it('refuses to resume with another model or configuration, and to overwrite a run', async () => {
    const other = await run(['train', 'lenet5', '--resume', checkpoint, '--backend', 'reference']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('holds a mlp run, not lenet5');
    const changed = await run(['train', 'mlp', '--resume', checkpoint, '--optimizer', 'adam']);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain("--optimizer adam differs from the checkpoint's sgd");
    const again = await run(['train', 'mlp', '--limit', '64', ...quick, '--out', folder]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds a run; continue it with --resume');
    const missing = await run(['train', 'mlp', '--resume', join(root, 'nothing.safetensors')]);
    expect(missing).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no such checkpoint'),
    });
  });

  it('names the tensor and both shapes when a checkpoint does not fit its model', async () => {
    const saved = loadCheckpoint(checkpoint);
    const params = saved.params as unknown as [null, { w: Tensor; b: Tensor }, ...unknown[]];
    const broken = join(root, 'broken.safetensors');
    saveCheckpoint(broken, {
      ...saved,
      params: [params[0], { ...params[1], w: zeros([784, 50]) }, ...params.slice(2)],
    });
    const result = await run(['eval', broken, '--backend', 'reference']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('params[1].w has shape [784,50], model expects [784,100]');
  });

  it('trains with sdlm (a curvature estimate on every batch) and distortions', async () => {
    const out = join(root, 'sdlm');
    const result = await run([
      'train',
      'mlp',
      '--optimizer',
      'sdlm',
      '--distort',
      'elastic',
      '--limit',
      '64',
      '--epochs',
      '1',
      ...quick,
      '--out',
      out,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sdlm lr 0.0005 (lecun1998)');
    const saved = loadCheckpoint(join(out, 'checkpoint.safetensors'));
    expect(saved.config).toMatchObject({ optimizer: 'sdlm', distort: 'elastic' });
    // 64 images in batches of 32: an estimate before each of the 2 steps.
    expect((saved.optState as readonly [{ estimates: number }])[0].estimates).toBe(2);
  });

  it('exits 2 on argument errors', async () => {
    for (const argv of [
      ['train', 'mlp', '--limit', '0'],
      ['train', 'mlp', '--optimizer', 'lbfgs'],
      ['train', 'mlp', '--schedule'],
      ['train'],
      ['predict', checkpoint],
      ['eval', checkpoint, '--batch-size', 'many'],
      ['info', checkpoint, '--backend', 'reference'],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^tessera: .*\nRun 'tessera .*--help' for usage\.\n$/);
    }
  });
});

describe('tessera info', () => {
  it("prints the model, epoch, seed, configuration, parameter count and tensors' shapes", async () => {
    const result = await run(['info', checkpoint]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('mlp, 79510 parameters');
    expect(result.stdout).toMatch(/epoch +2 of 2, step 16/);
    expect(result.stdout).toMatch(/seed +0\n/);
    expect(result.stdout).toContain('optimizer sgd, lr 2, schedule constant, batchSize 32');
    expect(result.stdout).toMatch(/params\[1\]\.w +float32 +\[784,100\]/);
    expect(result.stdout).toMatch(/params\[3\]\.b +float32 +\[10\]/);
  });
});

describe('tessera eval', () => {
  it('prints the test loss and error, and writes files only with --out', async () => {
    const out = join(root, 'eval');
    const result = await run(['eval', checkpoint, '--backend', 'reference', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^test loss \S+ {2}error \d+\.\d\d% \(\d+ of 10000\) — mlp, epoch 2, .*\n$/,
    );
    expect(JSON.parse(readFileSync(join(out, 'test.json'), 'utf8')).count).toBe(10000);
    expect(readFileSync(join(out, 'confusion.svg'), 'utf8')).toMatch(/^<svg/);
  });
});

describe('tessera predict', () => {
  /** Writes the first `n` test digits as PNGs, as toPng draws them. */
  function digitPngs(n: number): string[] {
    const { images } = mnist({ split: 'test', limit: n });
    return Array.from({ length: n }, (_, i) => {
      const path = join(root, `digit-${i}.png`);
      const image = reshape(slice(images, [i, 0, 0, 0], [i + 1, 1, 28, 28]), [28, 28]);
      writeFileSync(path, toPng(image, { range: [0, 1] }));
      return path;
    });
  }

  /** What the checkpoint's model predicts for the first `n` test digits, loaded as training loads them. */
  function expected(path: string, n: number): number[] {
    const { model, params } = loadRun(path);
    const { images } = mnist({ split: 'test', limit: n, ...model.input });
    return [...model.predict(model.layer.apply(params, images, { train: false })).data()];
  }

  it('classifies PNG digits as the model classifies the same test images', async () => {
    const files = digitPngs(4);
    const result = await run(['predict', checkpoint, ...files, '--backend', 'reference']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const digits = expected(checkpoint, 4);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(4);
    result.stdout
      .trimEnd()
      .split('\n')
      .forEach((line, i) => {
        expect(line).toMatch(new RegExp(`^${files[i]}: ${digits[i]} \\(output 0\\.\\d+\\)$`));
      });
  });

  it('pads and scales for LeNet-5, whose scores are probabilities', async () => {
    const out = join(root, 'lenet5');
    const trainedLenet = await run([
      'train',
      'lenet5',
      '--limit',
      '64',
      '--epochs',
      '1',
      ...quick,
      '--out',
      out,
    ]);
    expect(trainedLenet.code).toBe(0);
    const path = join(out, 'checkpoint.safetensors');
    const files = digitPngs(3);
    const result = await run(['predict', path, ...files, '--backend', 'reference']);
    expect(result.code).toBe(0);
    const digits = expected(path, 3);
    result.stdout
      .trimEnd()
      .split('\n')
      .forEach((line, i) => {
        expect(line).toMatch(
          new RegExp(`^${files[i]}: ${digits[i]} \\(probability \\d+\\.\\d\\d%\\)$`),
        );
      });
  });

  it('rejects an image that is not 28x28 or not a PNG, naming the file', async () => {
    const wide = join(root, 'wide.png');
    writeFileSync(wide, toPng(zeros([28, 40]), { range: [0, 1] }));
    const result = await run(['predict', checkpoint, wide, '--backend', 'reference']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${wide} is 40x28 pixels; tessera predict reads 28x28`);
    const text = join(root, 'note.png');
    writeFileSync(text, 'not a png');
    const notPng = await run(['predict', checkpoint, text]);
    expect(notPng.code).toBe(1);
    expect(notPng.stderr).toContain(
      `${text}: fromPng: the bytes do not start with the PNG signature`,
    );
  });
});

describe('defaults', () => {
  it('keeps one table of per-model defaults', () => {
    expect(MODELS.mlp.defaults).toEqual({
      optimizer: 'sgd',
      lr: 2,
      schedule: 'constant',
      batchSize: 32,
      epochs: 15,
    });
    expect(MODELS.lenet5.defaults).toEqual({
      optimizer: 'adam',
      lr: 1e-3,
      schedule: 'cosine',
      batchSize: 64,
      epochs: 15,
    });
    expect(MODELS['lenet5-modern'].defaults).toEqual({
      optimizer: 'adam',
      lr: 2e-3,
      schedule: 'cosine',
      batchSize: 128,
      epochs: 12,
    });
  });

  it('fills absent flags from the model, and another optimizer brings its own rate', () => {
    const base = { distort: 'none', seed: 0 } as const;
    expect(resolveTrainConfig('lenet5-modern', base)).toEqual({
      model: 'lenet5-modern',
      optimizer: 'adam',
      lr: 2e-3,
      schedule: 'cosine',
      batchSize: 128,
      epochs: 12,
      distort: 'none',
      seed: 0,
      limit: null,
    });
    expect(resolveTrainConfig('mlp', { ...base, optimizer: 'adam' })).toMatchObject({
      lr: 1e-3,
      schedule: 'constant',
    });
    expect(resolveTrainConfig('lenet5', { ...base, optimizer: 'sdlm' })).toMatchObject({
      lr: 5e-4,
      schedule: 'lecun1998',
    });
    expect(resolveTrainConfig('mlp', { ...base, lr: 0.5, schedule: 'cosine' })).toMatchObject({
      optimizer: 'sgd',
      lr: 0.5,
      schedule: 'cosine',
    });
  });

  it('makes schedules over the whole run', () => {
    expect(makeSchedule('constant', 0.1, 10, 3)(29)).toBe(0.1);
    const cosine = makeSchedule('cosine', 2e-3, 391, 4);
    expect(cosine(0)).toBe(2e-3);
    expect(cosine(782)).toBeCloseTo(1e-3, 12);
    expect(cosine(1564)).toBeCloseTo(0, 12);
    const lecun = makeSchedule('lecun1998', 1e-3, 100, 20);
    expect([lecun(0), lecun(199), lecun(200), lecun(1200)]).toEqual([1e-3, 1e-3, 4e-4, 2e-5]);
    const warm = makeSchedule('warmup-cosine', 1, 10, 20);
    expect(warm(0)).toBeCloseTo(0, 12);
    expect(warm(10)).toBeCloseTo(1, 12);
    expect(warm(200)).toBeCloseTo(0, 12);
    expect(makeSchedule('exponential', 1, 10, 10)(100)).toBeCloseTo(0.01, 12);
    expect(makeSchedule('inverse-time', 1, 10, 10)(10)).toBe(0.5);
  });

  it('formats durations as people read them', () => {
    expect([
      formatElapsed(0),
      formatElapsed(45.4),
      formatElapsed(492),
      formatElapsed(3725),
    ]).toEqual(['0s', '45s', '8m12s', '1h02m05s']);
  });

  it('computes on every core unless TESSERA_THREADS says otherwise', () => {
    expect(kernelThreads({})).toBe(availableParallelism());
    expect(kernelThreads({ TESSERA_THREADS: '' })).toBe(availableParallelism());
    expect(kernelThreads({ TESSERA_THREADS: '1' })).toBe(1);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  digitsFromIdx,
  type MnistSubset,
  RECIPES,
  SUBSET_FILES,
  toBatch,
  train,
} from '../src/train.js';

const PUBLIC = new URL('../public/', import.meta.url);
let subset: MnistSubset;

beforeAll(() => {
  if (!existsSync(new URL(SUBSET_FILES.train.images, PUBLIC))) {
    const script = fileURLToPath(new URL('../scripts/mnist-subset.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
  }
  const read = (path: string) => new Uint8Array(readFileSync(new URL(path, PUBLIC)));
  const split = (files: { images: string; labels: string }) =>
    digitsFromIdx(read(files.images), read(files.labels));
  subset = { train: split(SUBSET_FILES.train), test: split(SUBSET_FILES.test) };
});

describe('training in the page (run here in Node)', () => {
  it('serves 4,096 training and 1,000 test digits as plain IDX', () => {
    expect(subset.train.count).toBe(4096);
    expect(subset.test.count).toBe(1000);
    expect(subset.train.labels.slice(0, 5)).toEqual(Uint8Array.of(5, 0, 4, 1, 9));
  });

  it('formats the digits for each model', () => {
    const few = { count: 2, images: subset.test.images, labels: subset.test.labels };
    expect(toBatch(few, RECIPES['mlp-relu'].build()).images.shape).toEqual([2, 1, 28, 28]);
    const lenet = toBatch(few, RECIPES['lenet5-modern'].build());
    expect(lenet.images.shape).toEqual([2, 1, 32, 32]);
    expect(lenet.labels.dtype).toBe('int32');
  });

  it('brings the loss of the small MLP down within a few dozen steps', async () => {
    const losses: number[] = [];
    const stop = new AbortController();
    const result = await train(subset, RECIPES['mlp-relu'], {
      epochs: 1,
      signal: stop.signal,
      pause: async () => {},
      onStep: ({ loss, step }) => {
        losses.push(loss);
        if (step === 40) stop.abort();
      },
    });
    expect(result.steps).toBe(40);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-10))).toBeLessThan(0.5 * mean(losses.slice(0, 10)));
  });

  it('reports the test error after each epoch', async () => {
    const tiny: MnistSubset = {
      train: { count: 256, images: subset.train.images, labels: subset.train.labels },
      test: { count: 200, images: subset.test.images, labels: subset.test.labels },
    };
    const errors: number[] = [];
    const result = await train(tiny, RECIPES['mlp-relu'], {
      epochs: 2,
      pause: async () => {},
      onEpoch: ({ testError }) => errors.push(testError),
    });
    expect(result.steps).toBe(16);
    expect(errors).toHaveLength(2);
    expect(result.testError).toBe(errors[1]);
    expect(errors[1]).toBeLessThan(0.5);
  });
});

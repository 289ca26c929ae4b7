import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Key, key, split } from '@tessera/random';
import { type Tensor, tensor, zeros } from '@tessera/tensor';
import { flatten, leafPaths, sameStructure, type Tree } from '@tessera/tree';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AtomicFs, temporaryPath, writeFileAtomic } from '../src/checkpoint/atomic.js';
import {
  type Checkpoint,
  CheckpointError,
  decodeCheckpoint,
  decodeSafetensors,
  encodeCheckpoint,
  encodeSafetensors,
  loadCheckpoint,
  SafetensorsError,
  saveCheckpoint,
} from '../src/checkpoint/index.js';
import { sameTensor, tensorArb } from './checkpoint-arbitraries.js';

/** Random trees of `leaf`s in arrays, objects and nulls, with awkward keys. */
function treeOf<L>(leaf: fc.Arbitrary<L>): fc.Arbitrary<Tree<L>> {
  return fc.letrec<{ tree: Tree<L> }>((tie) => ({
    tree: fc.oneof(
      { maxDepth: 3, depthSize: 'small' },
      leaf,
      fc.constant(null),
      fc.array(tie('tree'), { maxLength: 3 }),
      fc.dictionary(
        fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('a.b', '0', '[1]', 'w', 'b')),
        tie('tree'),
        { maxKeys: 3 },
      ),
    ),
  })).tree;
}

const keyArb = fc
  .tuple(fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 2 ** 32 - 1 }))
  .map(([a, b]) => new Key(a, b));
const numberArb = fc.oneof(fc.double(), fc.nat(), fc.constantFrom(-0, Number.NaN));

const jsonArb = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)));

const checkpointArb: fc.Arbitrary<Checkpoint> = fc.record({
  params: treeOf(tensorArb),
  optState: treeOf(fc.oneof(tensorArb, numberArb)),
  epoch: fc.nat(),
  step: fc.nat(),
  keys: treeOf(keyArb),
  config: fc.dictionary(fc.string({ maxLength: 5 }), jsonArb),
});

/** Trees equal leaf by leaf: tensors by value, numbers with Object.is, keys by their words. */
function expectSameTree(actual: Tree<unknown>, expected: Tree<unknown>): void {
  expect(sameStructure(actual, expected)).toBe(true);
  const [a] = flatten(actual);
  const [b] = flatten(expected);
  b.forEach((leaf, i) => {
    const got = a[i];
    if (leaf instanceof Key) expect(got).toEqual(leaf);
    else if (typeof leaf === 'number') expect(Object.is(got, leaf)).toBe(true);
    else expect(sameTensor(got as Tensor, leaf as Tensor)).toBe(true);
  });
}

function expectSameCheckpoint(actual: Checkpoint, expected: Checkpoint): void {
  expectSameTree(actual.params, expected.params);
  expectSameTree(actual.optState, expected.optState);
  expectSameTree(actual.keys, expected.keys);
  expect(actual.epoch).toBe(expected.epoch);
  expect(actual.step).toBe(expected.step);
  expect(actual.config).toEqual(expected.config);
  expect(actual.metrics).toEqual(expected.metrics);
}

/** A small LeNet-like state, as the models package will make it. */
function lenetLike(): Checkpoint {
  const params = {
    c1: { w: zeros([6, 1, 5, 5]), b: zeros([6]) },
    f6: { w: zeros([120, 84]), b: zeros([84]) },
    s2: null,
  };
  const moments = {
    c1: { w: zeros([6, 1, 5, 5]), b: zeros([6]) },
    f6: { w: zeros([120, 84]), b: zeros([84]) },
    s2: null,
  };
  const [data, dropout] = split(key(7));
  return {
    params,
    optState: [{ count: 12, mu: moments, nu: moments }, { count: 12 }],
    epoch: 2,
    step: 12,
    keys: { data: data!, dropout: dropout! },
    config: { model: 'lenet5', lr: 0.001, batchSize: 32, distort: null, widths: [6, 16] },
    metrics: [{ epoch: 1, loss: 0.5, error: 0.1 }],
  };
}

describe('encodeCheckpoint / decodeCheckpoint', () => {
  it('round-trips random trees of tensors, numbers and keys exactly', () => {
    fc.assert(
      fc.property(checkpointArb, fc.option(jsonArb, { nil: undefined }), (base, metrics) => {
        const checkpoint = metrics === undefined ? base : { ...base, metrics };
        expectSameCheckpoint(decodeCheckpoint(encodeCheckpoint(checkpoint)), checkpoint);
      }),
      { numRuns: 150 },
    );
  });

  it('names tensors by their tree paths, readable by any safetensors reader', () => {
    const { tensors, metadata } = decodeSafetensors(encodeCheckpoint(lenetLike()));
    expect(Object.keys(tensors).sort()).toEqual([
      'optState[0].mu.c1.b',
      'optState[0].mu.c1.w',
      'optState[0].mu.f6.b',
      'optState[0].mu.f6.w',
      'optState[0].nu.c1.b',
      'optState[0].nu.c1.w',
      'optState[0].nu.f6.b',
      'optState[0].nu.f6.w',
      'params.c1.b',
      'params.c1.w',
      'params.f6.b',
      'params.f6.w',
    ]);
    expect(tensors['params.c1.w']!.shape).toEqual([6, 1, 5, 5]);
    expect(metadata).toMatchObject({ format: 'tessera-checkpoint', version: '1', epoch: '2' });
    expect(JSON.parse(metadata.config!)).toEqual(lenetLike().config);
  });

  it('keeps the exact structure: null subtrees, step counts, keys, no metrics', () => {
    const { metrics: _, ...withoutMetrics } = lenetLike();
    const decoded = decodeCheckpoint(encodeCheckpoint(withoutMetrics));
    expectSameCheckpoint(decoded, withoutMetrics);
    expect('metrics' in decoded).toBe(false);
    expect((decoded.params as { s2: null }).s2).toBeNull();
    expect(leafPaths(decoded.optState)).toEqual(leafPaths(withoutMetrics.optState));
  });

  it('refuses leaves and values it cannot store exactly, naming them', () => {
    const base = lenetLike();
    const fails = (c: Checkpoint, message: RegExp) => {
      expect(() => encodeCheckpoint(c)).toThrow(CheckpointError);
      expect(() => encodeCheckpoint(c)).toThrow(message);
    };
    fails(
      { ...base, optState: [{ count: new Map() as unknown as number }] },
      /optState\[0\]\.count must be a tensor or a number, got a Map/,
    );
    fails({ ...base, params: { w: 3 as unknown as Tensor } }, /params\.w must be a tensor/);
    fails({ ...base, keys: [tensor([1]) as unknown as Key] }, /keys\[0\] must be a PRNG key/);
    fails({ ...base, config: { lr: Number.NaN } }, /config\.lr is NaN/);
    fails({ ...base, metrics: { best: [1, Number.POSITIVE_INFINITY] } }, /metrics\.best\[1\]/);
    fails({ ...base, epoch: -1 }, /epoch must be a non-negative integer/);
    fails({ ...base, step: 1.5 }, /step must be a non-negative integer/);
  });

  it('says when a safetensors file is not a Tessera checkpoint', () => {
    expect(() => decodeCheckpoint(encodeSafetensors({ w: tensor([1]) }))).toThrow(
      /no format metadata; it is a safetensors file but not a Tessera checkpoint/,
    );
    expect(() => decodeCheckpoint(encodeSafetensors({}, { format: 'other' }))).toThrow(
      CheckpointError,
    );
    const future = { format: 'tessera-checkpoint', version: '9' };
    expect(() => decodeCheckpoint(encodeSafetensors({}, future))).toThrow(
      /version "9" is not supported/,
    );
  });

  it('names damaged metadata: missing tensors, unclaimed tensors, bad JSON', () => {
    const { tensors, metadata } = decodeSafetensors(encodeCheckpoint(lenetLike()));
    const { 'params.c1.w': _, ...missing } = tensors;
    expect(() => decodeCheckpoint(encodeSafetensors(missing, metadata))).toThrow(
      /params\.c1\.w refers to tensor "params\.c1\.w", which the file does not hold/,
    );
    expect(() =>
      decodeCheckpoint(encodeSafetensors({ ...tensors, stray: tensor([1]) }, metadata)),
    ).toThrow(/tensors stray belong to no tree/);
    expect(() =>
      decodeCheckpoint(encodeSafetensors(tensors, { ...metadata, config: '{oops' })),
    ).toThrow(/metadata config is not valid JSON/);
    expect(() => decodeCheckpoint(encodeSafetensors(tensors, { ...metadata, step: '-3' }))).toThrow(
      /metadata step must be a non-negative integer/,
    );
    expect(() =>
      decodeCheckpoint(encodeSafetensors(tensors, { ...metadata, trees: '{"params":{"x":1}}' })),
    ).toThrow(/stored structure of params is malformed/);
  });
});

describe('saveCheckpoint / loadCheckpoint', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-checkpoint-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips through a file and leaves no temporary file', () => {
    const path = join(dir, 'checkpoint.safetensors');
    saveCheckpoint(path, lenetLike());
    expectSameCheckpoint(loadCheckpoint(path), lenetLike());
    saveCheckpoint(path, { ...lenetLike(), epoch: 3 });
    expect(loadCheckpoint(path).epoch).toBe(3);
    expect(readdirSync(dir)).toEqual(['checkpoint.safetensors']);
  });

  it('gives a named error for a corrupted file', () => {
    const path = join(dir, 'checkpoint.safetensors');
    saveCheckpoint(path, lenetLike());
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    expect(() => loadCheckpoint(path)).toThrow(SafetensorsError);
    writeFileSync(path, 'not a checkpoint at all');
    expect(() => loadCheckpoint(path)).toThrow(SafetensorsError);
  });

  it('writes nothing when the checkpoint cannot be encoded', () => {
    const path = join(dir, 'checkpoint.safetensors');
    expect(() => saveCheckpoint(path, { ...lenetLike(), config: { x: Number.NaN } })).toThrow(
      CheckpointError,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the old checkpoint and removes the temporary file when the rename fails', () => {
    const path = join(dir, 'checkpoint.safetensors');
    // A non-empty folder in the way makes the final rename fail after the data is written.
    writeFileSync(join(dir, 'keep'), 'x');
    expect(() => saveCheckpoint(dir, lenetLike())).toThrow();
    expect(existsSync(temporaryPath(dir))).toBe(false);
    saveCheckpoint(path, lenetLike());
    expect(readdirSync(dir).sort()).toEqual(['checkpoint.safetensors', 'keep']);
  });
});

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-atomic-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Real file operations, except that writing fails once `budget` bytes are written. */
  async function failingFs(budget: number): Promise<AtomicFs> {
    const fs = await import('node:fs');
    let written = 0;
    return {
      openSync: (p, f) => fs.openSync(p, f),
      writeSync: (fd, buffer, offset, length) => {
        const n = Math.min(length, budget - written, 1000);
        if (n <= 0)
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        written += fs.writeSync(fd, buffer, offset, n);
        return n;
      },
      fsyncSync: (fd) => fs.fsyncSync(fd),
      closeSync: (fd) => fs.closeSync(fd),
      renameSync: (a, b) => fs.renameSync(a, b),
      rmSync: (p, o) => fs.rmSync(p, o),
    };
  }

  it('leaves the old file intact and no partial file when a write fails midway', async () => {
    const path = join(dir, 'checkpoint.safetensors');
    const old = encodeCheckpoint(lenetLike());
    writeFileAtomic(path, old);
    const next = encodeCheckpoint({ ...lenetLike(), epoch: 9 });
    const io = await failingFs(Math.floor(next.length / 2));
    expect(() => writeFileAtomic(path, next, io)).toThrow(/ENOSPC/);
    expect(readdirSync(dir)).toEqual(['checkpoint.safetensors']);
    expect(new Uint8Array(readFileSync(path))).toEqual(old);
  });

  it('writes in several chunks when the system writes partially', async () => {
    const path = join(dir, 'out.bin');
    const bytes = Uint8Array.from({ length: 4500 }, (_, i) => i % 251);
    writeFileAtomic(path, bytes, await failingFs(Number.POSITIVE_INFINITY));
    expect(new Uint8Array(readFileSync(path))).toEqual(bytes);
  });
});

/** Tessera's side of the benchmark: a training step and a forward pass on the gpujs backend. */
import { createGpujsBackend } from '@tessera/kernels';
import {
  lenet5Modern,
  type Model,
  makeDataParallelTrainStep,
  makeTrainStep,
  mlp,
  type TrainStep,
} from '@tessera/models';
import { type OptState, sgd, type TensorTree } from '@tessera/optim';
import { key } from '@tessera/random';
import { type Tensor, tensor, withBackend } from '@tessera/tensor';
import { syntheticBatch, timeRun } from './batch.js';
import type { MemorySpec, MemoryTrace, TesseraSpec, Throughput } from './spec.js';

const MIB = 2 ** 20;

interface Trainer {
  step(): void;
  infer(): void;
  close(): void;
}

const SPECS = {
  mlp: { module: '@tessera/models', name: 'mlp' },
  'lenet5-modern': { module: '@tessera/models', name: 'lenet5Modern' },
} as const;

function trainer(name: TesseraSpec['model'], batch: number, dataThreads: number): Trainer {
  const model = buildModel(name);
  const side = model.inputShape[1] ?? 1;
  const data = syntheticBatch(batch, side);
  const images: Tensor = tensor(data.images, { shape: [batch, ...model.inputShape] });
  const labels = tensor(data.labels, { shape: [batch], dtype: 'int32' });
  const optimizer = sgd(0.01);
  const parallel =
    dataThreads > 1
      ? makeDataParallelTrainStep(model, optimizer, { threads: dataThreads, spec: SPECS[name] })
      : undefined;
  const trainStep: TrainStep<unknown> = parallel ?? makeTrainStep(model, optimizer);
  let params = model.layer.init(key(0), model.inputShape)[1];
  let state: OptState = optimizer.init(params as TensorTree);
  let count = 0;
  return {
    step() {
      const next = trainStep(params, state, { images, labels }, key(count++));
      params = next.params;
      state = next.optState;
    },
    infer() {
      // Reading the result back is part of inference.
      model.layer.apply(params, images, { key: key(0), train: false }).data();
    },
    close: () => parallel?.close(),
  };
}

function buildModel(name: TesseraSpec['model']): Model {
  // The MLP reads flat 28x28 images; LeNet-5 padded 32x32 ones.
  return name === 'mlp' ? mlp() : lenet5Modern();
}

/**
 * How many data-parallel threads `spec` trains on: the memory run's threads, a Tessera run's
 * when it cuts batches (`split: 'data'`), else 1 (its threads then cut each kernel).
 */
export function dataThreads(spec: TesseraSpec | MemorySpec): number {
  return spec.kind === 'memory' || spec.split === 'data' ? spec.threads : 1;
}

/** Images per second of training steps and forward passes, per timed run. */
export function runTessera(spec: TesseraSpec): Throughput {
  const threads = dataThreads(spec);
  const backend = createGpujsBackend({ threads: threads > 1 ? 1 : spec.threads });
  try {
    return withBackend(backend, () => {
      const t = trainer(spec.model, spec.batch, threads);
      for (let i = 0; i < spec.warmup; i++) {
        t.step();
        t.infer();
      }
      const train: number[] = [];
      const infer: number[] = [];
      for (let r = 0; r < spec.runs; r++) {
        train.push(timeRun(spec.batch, spec.steps, t.step));
        infer.push(timeRun(spec.batch, spec.steps, t.infer));
      }
      t.close();
      return { train, infer };
    });
  } finally {
    backend.dispose();
  }
}

/** RSS after `probe` data-parallel LeNet-5 training steps and after `steps`. */
export function runMemory(spec: MemorySpec): MemoryTrace {
  const backend = createGpujsBackend();
  try {
    return withBackend(backend, () => {
      const t = trainer('lenet5-modern', spec.batch, dataThreads(spec));
      for (let i = 0; i < spec.probe; i++) t.step();
      const rssAfterProbeMiB = process.memoryUsage().rss / MIB;
      for (let i = spec.probe; i < spec.steps; i++) t.step();
      t.close();
      return { rssAfterProbeMiB, rssAtEndMiB: process.memoryUsage().rss / MIB, steps: spec.steps };
    });
  } finally {
    backend.dispose();
  }
}

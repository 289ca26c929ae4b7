/**
 * The data-parallel step against the single-threaded one. Gradient threads load the built
 * package (`dist/`), so the step is imported by the package's own name, as a user imports it.
 */
import { fromTensors, mnist } from '@tessera/data';
import { SyncThreadError } from '@tessera/kernels';
import {
  type Batch,
  fit,
  lenet5,
  type Model,
  type ModelSpec,
  makeDataParallelTrainStep,
  makeTrainStep,
  mlp,
} from '@tessera/models';
import { sgd } from '@tessera/optim';
import { key } from '@tessera/random';
import type { Tensor } from '@tessera/tensor';
import { leaves, type Tree } from '@tessera/tree';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

function batchOf(model: Model, size: number, offset: number): Batch {
  const data = mnist({ split: 'train', limit: offset + size, ...model.input });
  const [batch] = fromTensors(data).skip(offset).batch(size).iterate(key(0));
  return batch!;
}

/** A leaf's values: a tensor's elements, or a number (an optimizer's step count). */
function values(leaf: Tensor | number): ArrayLike<number> {
  return typeof leaf === 'number' ? [leaf] : leaf.data();
}

/** Largest `|a - b| / max |b|` over every leaf. */
function relativeDifference(a: unknown, b: unknown): number {
  const la = leaves(a as Tree<Tensor | number>);
  const lb = leaves(b as Tree<Tensor | number>);
  let worst = 0;
  la.forEach((t, i) => {
    const x = values(t);
    const y = values(lb[i]!);
    let scale = 1e-12;
    let diff = 0;
    for (let j = 0; j < x.length; j++) {
      scale = Math.max(scale, Math.abs(y[j]!));
      diff = Math.max(diff, Math.abs(x[j]! - y[j]!));
    }
    worst = Math.max(worst, diff / scale);
  });
  return worst;
}

const cases: { model: () => Model; spec: ModelSpec }[] = [
  {
    model: () => mlp({ hidden: [16] }),
    spec: { module: '@tessera/models', name: 'mlp', args: [{ hidden: [16] }] },
  },
  { model: () => lenet5(), spec: { module: '@tessera/models', name: 'lenet5' } },
];

describe('makeDataParallelTrainStep', () => {
  it('takes the step one thread takes, for batches cut into equal and unequal parts', () => {
    for (const { model: build, spec } of cases) {
      const model = build();
      // Plain SGD: the parameters move by the gradient itself. (Adam normalises each element,
      // so a gradient of rounding-noise size would move as much as a real one.)
      const optimizer = sgd(0.1);
      const single = makeTrainStep(model, optimizer);
      const parallel = makeDataParallelTrainStep(model, optimizer, {
        threads: 2,
        spec,
        backend: 'reference',
      });
      try {
        fc.assert(
          fc.property(fc.integer({ min: 1, max: 9 }), fc.nat(50), (size, offset) => {
            const batch = batchOf(model, size, offset);
            const params = model.layer.init(key(offset), model.inputShape)[1];
            const state = optimizer.init(params as never);
            const want = single(params, state, batch, key(3));
            const got = parallel(params, state, batch, key(3));
            // float32 losses near 20 (the MAP loss) differ in the 6th digit by summation order.
            expect(Math.abs(got.metrics.loss - want.metrics.loss)).toBeLessThan(
              1e-5 * Math.abs(want.metrics.loss),
            );
            expect(relativeDifference(got.params, want.params)).toBeLessThan(1e-5);
          }),
          { numRuns: 12 },
        );
      } finally {
        parallel.close();
      }
    }
  });

  it('drives fit: the training loss falls', () => {
    const model = mlp({ hidden: [16] });
    const optimizer = sgd(0.5);
    const step = makeDataParallelTrainStep(model, optimizer, {
      threads: 2,
      spec: cases[0]!.spec,
      backend: 'reference',
    });
    try {
      const losses: number[] = [];
      fit({
        model,
        optimizer,
        step,
        train: fromTensors(mnist({ split: 'train', limit: 256, ...model.input })),
        epochs: 2,
        batchSize: 32,
        key: key(0),
        callbacks: { onEpoch: (e) => void losses.push(e.trainLoss) },
      });
      expect(losses[1]!).toBeLessThan(losses[0]!);
    } finally {
      step.close();
    }
  });

  it('names a model a thread cannot build, and a thread count that is not a positive integer', () => {
    const model = mlp({ hidden: [4] });
    const step = makeDataParallelTrainStep(model, sgd(0.1), {
      threads: 2,
      spec: { module: '@tessera/models', name: 'resnet50' },
      backend: 'reference',
    });
    try {
      const batch = batchOf(model, 4, 0);
      const params = model.layer.init(key(0), model.inputShape)[1];
      expect(() => step(params, sgd(0.1).init(params as never), batch, key(0))).toThrow(
        SyncThreadError,
      );
      expect(() => step(params, sgd(0.1).init(params as never), batch, key(0))).toThrow(
        /thread 1: @tessera\/models has no export resnet50/,
      );
    } finally {
      step.close();
    }
    expect(() =>
      makeDataParallelTrainStep(model, sgd(0.1), { threads: 0, spec: cases[0]!.spec }),
    ).toThrow(/threads must be a positive integer, got 0/);
  });
});

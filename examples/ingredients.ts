// The three ingredients of deep learning, one package each: an architecture (@tessera/layers),
// data (@tessera/data) and training (@tessera/autodiff + @tessera/optim), written out by hand,
// then the same run through @tessera/models' fit. Run: pnpm --filter @tessera/examples ingredients
import { valueAndGrad } from '@tessera/autodiff';
import { fromTensors, mnist } from '@tessera/data';
import { dense, flatten, mse, Sigmoid, serial } from '@tessera/layers';
import { evaluate, fit, mlp } from '@tessera/models';
import { applyUpdates, sgd, type TensorTree } from '@tessera/optim';
import { foldIn, key } from '@tessera/random';
import { argmax, astype, equal, mean, oneHot, type Tensor } from '@tessera/tensor';
import { numberFlag, parseFlags, percent, runIfMain } from './lib.js';

/** Options of {@link ingredients}. */
export interface IngredientsOptions {
  /** Training images; default 10,000. */
  readonly limit?: number;
  /** Test images; default 2,000. */
  readonly testLimit?: number;
  /** Default 2. */
  readonly epochs?: number;
  readonly log?: (line: string) => void;
}

/** What {@link ingredients} measured: the mean loss of every epoch and the test errors. */
export interface IngredientsResult {
  readonly epochLosses: number[];
  readonly testError: number;
  readonly fitTestError: number;
}

export function ingredients(options: IngredientsOptions = {}): IngredientsResult {
  const { limit = 10_000, testLimit = 2000, epochs = 2 } = options;
  const log = options.log ?? (() => {});

  // 1. Architecture: a layer is a pair of pure functions { init, apply }; serial composes them.
  const net = serial(flatten(), dense(100), Sigmoid, dense(10), Sigmoid);
  let [, params] = net.init(key(0), [1, 28, 28]); // shapes are inferred: no data needed

  // 2. Data: a lazy dataset of { images, labels }, a new order every epoch from the epoch's key.
  const train = fromTensors(mnist({ split: 'train', limit }));
  const test = mnist({ split: 'test', limit: testLimit });
  const batches = train.shuffle().batch(32);

  // 3. Training: a loss, its gradient by reverse mode, an optimizer that turns gradients into
  // updates. Nothing is mutated: every step returns new parameters and a new optimizer state.
  const loss = (p: typeof params, images: Tensor, labels: Tensor) =>
    mse(net.apply(p, images), oneHot(labels, 10));
  const lossAndGrad = valueAndGrad(loss);
  const optimizer = sgd(2);
  let state = optimizer.init(params as TensorTree);
  const epochLosses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    let total = 0;
    for (const { images, labels } of batches.iterate(foldIn(key(1), epoch))) {
      const [value, grads] = lossAndGrad(params, images, labels);
      const [updates, next] = optimizer.update(grads as TensorTree, state, params as TensorTree);
      params = applyUpdates(params as TensorTree, updates) as typeof params;
      state = next;
      total += value.item();
    }
    epochLosses.push(total / batches.size);
    log(`epoch ${epoch + 1}: mean training loss ${(total / batches.size).toFixed(4)}`);
  }
  const predicted = argmax(net.apply(params, test.images), { axis: 1 });
  const testError = 1 - mean(astype(equal(predicted, test.labels), 'float32')).item();
  log(`by hand: test error ${percent(testError)} on ${testLimit} images`);

  // The same three ingredients, bundled: a Model is the layer, its loss and its prediction
  // rule, and fit is the loop above (plus validation, distortions, callbacks).
  const model = mlp();
  const result = fit({ model, optimizer: sgd(2), train, epochs, batchSize: 32, key: key(0) });
  const fitTestError = evaluate(
    model,
    result.params,
    fromTensors(test).batch(1000).iterate(),
  ).errorRate;
  log(`with fit: test error ${percent(fitTestError)}`);
  return { epochLosses, testError, fitTestError };
}

runIfMain(import.meta.url, (argv) => {
  const flags = parseFlags(
    argv,
    ['limit', 'test-limit', 'epochs'],
    'usage: ingredients [--limit 10000] [--test-limit 2000] [--epochs 2]',
  );
  ingredients({
    limit: numberFlag(flags, 'limit', 10_000),
    testLimit: numberFlag(flags, 'test-limit', 2000),
    epochs: numberFlag(flags, 'epochs', 2),
    log: console.log,
  });
});

// Writing a layer of your own: layer normalisation (Ba, Kiros and Hinton 2016) as a pair of
// pure functions { init, apply }, composed with serial, checked against finite differences and
// trained for a few steps. Run: pnpm --filter @tessera/examples custom-layer
import { valueAndGrad } from '@tessera/autodiff';
import { fromTensors, mnist } from '@tessera/data';
import { dense, flatten, type Layer, serial, softmaxCrossEntropy, Tanh } from '@tessera/layers';
import { adam, applyUpdates, type TensorTree } from '@tessera/optim';
import { type FloatDType, foldIn, key } from '@tessera/random';
import { add, div, mean, mul, ones, sqrt, square, sub, type Tensor, zeros } from '@tessera/tensor';
import { checkLayerGrads } from './gradient-check.js';
import { numberFlag, parseFlags, runIfMain } from './lib.js';

/** The parameters of {@link layerNorm}: a gain and a bias per feature. */
export interface LayerNormParams {
  readonly gain: Tensor;
  readonly bias: Tensor;
}

/**
 * Layer normalisation over the last axis: each example's features are shifted to mean 0 and
 * scaled to variance 1, then multiplied by a learned gain and shifted by a learned bias.
 * `init` only infers the shape (unchanged) and makes the parameters; `apply` computes.
 */
export function layerNorm(
  options: { eps?: number; dtype?: FloatDType } = {},
): Layer<LayerNormParams> {
  const { eps = 1e-5, dtype = 'float32' } = options;
  return {
    init(_key, inShape) {
      const features = inShape[inShape.length - 1];
      if (features === undefined) throw new Error('layerNorm: needs at least one axis');
      return [inShape, { gain: ones([features], { dtype }), bias: zeros([features], { dtype }) }];
    },
    apply({ gain, bias }, x) {
      const centred = sub(x, mean(x, { axis: -1, keepDims: true }));
      const variance = mean(square(centred), { axis: -1, keepDims: true });
      return add(mul(div(centred, sqrt(add(variance, eps))), gain), bias);
    },
  };
}

/** Options of {@link trainWithLayerNorm}. */
export interface CustomLayerRunOptions {
  /** Training steps; default 30. */
  readonly steps?: number;
  /** Images per step; default 64. */
  readonly batchSize?: number;
  /** Training images to draw the batches from; default 2,000. */
  readonly limit?: number;
  readonly log?: (line: string) => void;
}

/** Checks the layer's gradients, then trains a small network with it; returns the losses. */
export function trainWithLayerNorm(options: CustomLayerRunOptions = {}): number[] {
  const { steps = 30, batchSize = 64, limit = 2000 } = options;
  const log = options.log ?? (() => {});

  // Gradients with respect to the input, the gain and the bias, to second order, in float64.
  const checked = checkLayerGrads(layerNorm({ dtype: 'float64' }), [5], 3);
  log(`checkGrads layerNorm: ${checked} values, forward and reverse mode, order 2: passed`);

  // Composed like any other layer: it is just { init, apply }.
  const net = serial(flatten(), dense(64), layerNorm(), Tanh, dense(10));
  const [outShape, params0] = net.init(key(0), [1, 28, 28]);
  log(`serial(flatten, dense(64), layerNorm, tanh, dense(10)): output shape [${outShape}]`);

  const loss = (p: typeof params0, images: Tensor, labels: Tensor) =>
    softmaxCrossEntropy(net.apply(p, images), labels);
  const lossAndGrad = valueAndGrad(loss);
  const optimizer = adam(0.01);
  let params = params0;
  let state = optimizer.init(params as TensorTree);
  const batches = fromTensors(mnist({ split: 'train', limit }))
    .shuffle()
    .batch(batchSize);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const epochKey = foldIn(key(1), Math.floor(step / batches.size));
    const batch = batches.at(step % batches.size, epochKey);
    const [value, grads] = lossAndGrad(params, batch.images, batch.labels);
    const [updates, next] = optimizer.update(grads as TensorTree, state, params as TensorTree);
    params = applyUpdates(params as TensorTree, updates) as typeof params;
    state = next;
    losses.push(value.item());
    if (step % 10 === 0 || step === steps - 1) log(`step ${step}  loss ${value.item().toFixed(4)}`);
  }
  return losses;
}

runIfMain(import.meta.url, (argv) => {
  const flags = parseFlags(
    argv,
    ['steps', 'batch-size', 'limit'],
    'usage: custom-layer [--steps 30] [--batch-size 64] [--limit 2000]',
  );
  trainWithLayerNorm({
    steps: numberFlag(flags, 'steps', 30),
    batchSize: numberFlag(flags, 'batch-size', 64),
    limit: numberFlag(flags, 'limit', 2000),
    log: console.log,
  });
});

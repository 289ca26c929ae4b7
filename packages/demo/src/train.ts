/**
 * Training in the page: a few thousand MNIST images (IDX files served next to the page),
 * `makeTrainStep` from `@tessera/models`, and a loop that gives the page a frame between
 * steps so the loss curve draws while it runs.
 */
import { decodeIdx, fromTensors } from '@tessera/data';
import { dense, flatten, Relu, serial, softmaxCrossEntropy } from '@tessera/layers';
import {
  type Batch,
  evaluate,
  lenet5Modern,
  type Model,
  makeTrainStep,
  mlp,
} from '@tessera/models';
import { adam, type GradientTransformation, sgd, type TensorTree } from '@tessera/optim';
import { foldIn, type Key, key, split } from '@tessera/random';
import { argmax, type Tensor, tensor } from '@tessera/tensor';
import { FIELD, toModelInput } from './preprocess.js';

/** Images (28x28 bytes, MNIST's) and their labels. */
export interface Digits {
  readonly count: number;
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

/** The subset of MNIST the page trains and tests on. */
export interface MnistSubset {
  readonly train: Digits;
  readonly test: Digits;
}

/** The files of the subset, as `scripts/mnist-subset.mjs` writes them into `public/mnist/`. */
export const SUBSET_FILES = {
  train: { images: 'mnist/train-images.idx3-ubyte', labels: 'mnist/train-labels.idx1-ubyte' },
  test: { images: 'mnist/test-images.idx3-ubyte', labels: 'mnist/test-labels.idx1-ubyte' },
} as const;

/** Decodes one split from its IDX files' bytes, checking that they hold 28x28 digits. */
export function digitsFromIdx(images: Uint8Array, labels: Uint8Array): Digits {
  const x = decodeIdx(images, { file: 'images', type: 'uint8' });
  const y = decodeIdx(labels, { file: 'labels', type: 'uint8' });
  const [count, height, width] = x.shape;
  if (height !== FIELD || width !== FIELD || y.shape[0] !== count || count === undefined) {
    throw new RangeError(
      `expected [n, 28, 28] images and [n] labels, got [${x.shape}] and [${y.shape}]`,
    );
  }
  return { count, images: x.data, labels: y.data };
}

/** Fetches the subset from `base` (the page's folder). */
export async function loadSubset(base: string): Promise<MnistSubset> {
  const get = async (path: string) => {
    const response = await fetch(base + path);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const split = async (files: { images: string; labels: string }) =>
    digitsFromIdx(await get(files.images), await get(files.labels));
  return { train: await split(SUBSET_FILES.train), test: await split(SUBSET_FILES.test) };
}

/** A model the page can train, with its optimizer and batch size. */
export interface Recipe {
  readonly label: string;
  readonly build: () => Model;
  readonly optimizer: () => GradientTransformation;
  readonly batchSize: number;
}

/**
 * A small modern MLP: 784-100-10 with ReLU and a softmax cross-entropy loss. Measured on the
 * page's 4,096 digits (Node, reference backend, seed 0): the loss falls from 2.15 to 0.61 in
 * 60 Adam steps, where the lecture's sigmoid net with squared error sits on its early plateau
 * (0.57 to 0.46).
 */
export function reluMlp(): Model {
  return {
    name: 'mlp-relu',
    layer: serial(flatten(), dense(100), Relu, dense(10)),
    inputShape: [1, FIELD, FIELD],
    input: { scale: 'unit', pad: false },
    loss: softmaxCrossEntropy,
    predict: (outputs: Tensor) => argmax(outputs, { axis: 1 }),
  };
}

/** What the page offers: a small MLP (fast), the lecture's MLP, and LeNet-5 modern (slow). */
export const RECIPES = {
  'mlp-relu': {
    label: 'MLP 784-100-10, ReLU, cross-entropy; Adam 3e-3, batch 32',
    build: reluMlp,
    optimizer: () => adam(3e-3),
    batchSize: 32,
  },
  mlp: {
    label: "The lecture's MLP 784-100-10, sigmoid, squared error; SGD 2, batch 32",
    build: () => mlp(),
    optimizer: () => sgd(2),
    batchSize: 32,
  },
  'lenet5-modern': {
    label: 'LeNet-5 modern (ReLU, max pooling, cross-entropy); Adam 2e-3, batch 64',
    build: () => lenet5Modern(),
    optimizer: () => adam(2e-3),
    batchSize: 64,
  },
} as const satisfies Record<string, Recipe>;

/** The name of a recipe. */
export type RecipeName = keyof typeof RECIPES;

/** The tensors of a split in a model's input format: images `[n, 1, s, s]`, labels int32. */
export function toBatch(digits: Digits, model: Model): Batch {
  const one = new Float32Array(FIELD * FIELD);
  const side = model.inputShape[1]!;
  const data = new Float32Array(digits.count * side * side);
  for (let n = 0; n < digits.count; n++) {
    const bytes = digits.images.subarray(n * FIELD * FIELD, (n + 1) * FIELD * FIELD);
    for (let i = 0; i < one.length; i++) one[i] = bytes[i]! / 255;
    data.set(toModelInput(one, model.input), n * side * side);
  }
  return {
    images: tensor(data, { dtype: 'float32', shape: [digits.count, 1, side, side] }),
    labels: tensor(Int32Array.from(digits.labels.subarray(0, digits.count)), {
      dtype: 'int32',
      shape: [digits.count],
    }),
  };
}

/** What the loop reports after each step. */
export interface StepReport {
  readonly step: number;
  readonly epoch: number;
  readonly loss: number;
  /** Milliseconds of the step: forward, backward and update. */
  readonly ms: number;
}

/** What the loop reports after each epoch: the error on the test subset. */
export interface EpochReport {
  readonly epoch: number;
  readonly step: number;
  readonly testError: number;
}

/** Options of {@link train}. */
export interface TrainOptions {
  readonly epochs: number;
  readonly seed?: number;
  readonly onStep?: (report: StepReport) => void;
  readonly onEpoch?: (report: EpochReport) => void;
  /** Stops the loop after the current step. */
  readonly signal?: AbortSignal;
  /** Awaited between steps, so the page can draw (a macrotask by default). */
  readonly pause?: () => Promise<void>;
  readonly now?: () => number;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Trains `recipe`'s model on `subset.train`, testing on `subset.test` after each epoch. */
export async function train(
  subset: MnistSubset,
  recipe: Recipe,
  options: TrainOptions,
): Promise<{ steps: number; testError: number | null }> {
  const { epochs, seed = 0, signal, pause = macrotask, now = () => performance.now() } = options;
  const model = recipe.build();
  const optimizer = recipe.optimizer();
  const trainStep = makeTrainStep(model, optimizer);
  const [initKey, dataKey, stepKey] = split(key(seed), 3) as [Key, Key, Key];
  let params = model.layer.init(initKey, model.inputShape)[1];
  let optState = optimizer.init(params as TensorTree);
  const trainSet = fromTensors(toBatch(subset.train, model)).shuffle();
  const testSet = fromTensors(toBatch(subset.test, model));
  let steps = 0;
  let testError: number | null = null;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const batches = trainSet.batch(recipe.batchSize, { dropRemainder: true });
    for (const batch of batches.iterate(foldIn(dataKey, epoch))) {
      if (signal?.aborted) return { steps, testError };
      const start = now();
      const result = trainStep(params, optState, batch, foldIn(stepKey, steps));
      params = result.params;
      optState = result.optState;
      steps++;
      options.onStep?.({ step: steps, epoch, loss: result.metrics.loss, ms: now() - start });
      await pause();
    }
    testError = evaluate(model, params, testSet.batch(500).iterate()).errorRate;
    options.onEpoch?.({ epoch, step: steps, testError });
    await pause();
  }
  return { steps, testError };
}

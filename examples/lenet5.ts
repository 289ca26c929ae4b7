// LeNet-5 on MNIST: the paper's network (RBF outputs, MAP loss) or the modern one (ReLU, max
// pooling, softmax), Adam with a cosine decay. By default a quick run: one epoch on 6,000
// images with batches of 16 and a rate of 0.003 (more, larger steps than the full run, so that
// the short run gets somewhere). --full trains as the README's reproduction does: all 60,000
// images, 15 epochs, batches of 64, rate 0.001. Any flag overrides either.
//
//   pnpm --filter @tessera/examples lenet5                     # about a minute
//   pnpm --filter @tessera/examples lenet5 --full              # about an hour
//   pnpm --filter @tessera/examples lenet5 --model modern --distort affine --epochs 3
import { type BackendName, onBackend } from '@tessera/cli';
import { fromTensors, mnist } from '@tessera/data';
import { countParams } from '@tessera/layers';
import { evaluate, fit, lenet5, lenet5Modern } from '@tessera/models';
import { adam, cosineDecay } from '@tessera/optim';
import { key } from '@tessera/random';
import { choiceFlag, numberFlag, parseFlags, percent, runIfMain } from './lib.js';

/** Options of {@link trainLenet5}. */
export interface Lenet5RunOptions {
  /** `faithful` (default: the paper's LeNet-5) or `modern` (`lenet5Modern`). */
  readonly model?: 'faithful' | 'modern';
  /** Default 1. */
  readonly epochs?: number;
  /** Use only the first `limit` training images; all 60,000 when absent. */
  readonly limit?: number;
  /** Use only the first `testLimit` test images; all 10,000 when absent. */
  readonly testLimit?: number;
  /** Default 64. */
  readonly batchSize?: number;
  /** Adam's initial rate, decayed to 0 by a cosine over the run; default 0.001. */
  readonly lr?: number;
  /** Distort each training batch: the paper's affine distortions or Simard's elastic ones. */
  readonly distort?: 'none' | 'affine' | 'elastic';
  readonly seed?: number;
  /** `gpujs` (default) or `reference`. */
  readonly backend?: BackendName;
  readonly log?: (line: string) => void;
}

/** One epoch of {@link trainLenet5}. */
export interface Lenet5Epoch {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testError: number;
  readonly testLoss: number;
}

/** Trains LeNet-5 and returns the test error after every epoch. */
export function trainLenet5(options: Lenet5RunOptions = {}): Lenet5Epoch[] {
  const { epochs = 1, batchSize = 64, lr = 0.001, seed = 0, distort = 'none' } = options;
  const log = options.log ?? (() => {});
  return onBackend(options.backend ?? 'gpujs', () => {
    const model = options.model === 'modern' ? lenet5Modern() : lenet5();
    // model.input says how the model wants its digits: LeNet-5 takes them padded to 32x32.
    const limits = (n: number | undefined) => (n === undefined ? {} : { limit: n });
    const train = fromTensors(mnist({ split: 'train', ...model.input, ...limits(options.limit) }));
    const test = fromTensors(
      mnist({ split: 'test', ...model.input, ...limits(options.testLimit) }),
    );
    const [, params] = model.layer.init(key(seed), model.inputShape);
    log(`${model.name}: ${countParams(params)} parameters, ${train.size} training images`);
    const steps = Math.ceil(train.size / batchSize) * epochs;
    const history: Lenet5Epoch[] = [];
    fit({
      model,
      optimizer: adam(cosineDecay({ initValue: lr, decaySteps: steps })),
      train,
      epochs,
      batchSize,
      key: key(seed),
      ...(distort === 'none' ? {} : { distort: { [distort]: {} } }),
      callbacks: {
        onEpoch: (e) => {
          const result = evaluate(model, e.params, test.batch(1000).iterate());
          const row = {
            epoch: e.epoch + 1,
            trainLoss: e.trainLoss,
            testError: result.errorRate,
            testLoss: result.loss,
          };
          history.push(row);
          log(
            `epoch ${row.epoch}/${epochs}  train loss ${row.trainLoss.toFixed(4)}  ` +
              `test error ${percent(row.testError)} (${result.count} images)  ${e.seconds.toFixed(1)}s`,
          );
        },
      },
    });
    return history;
  });
}

const USAGE = `usage: lenet5 [--full] [--model faithful|modern] [--epochs 1] [--limit 6000]
              [--test-limit N] [--batch-size 16] [--lr 0.003] [--distort none|affine|elastic]
              [--seed 0] [--backend gpujs|reference]
--full: all 60,000 images, --epochs 15 --batch-size 64 --lr 0.001 (the README's run).`;

function main(argv: readonly string[]): void {
  const full = argv.includes('--full');
  const flags = parseFlags(
    argv.filter((a) => a !== '--full'),
    ['model', 'epochs', 'limit', 'test-limit', 'batch-size', 'lr', 'distort', 'seed', 'backend'],
    USAGE,
  );
  // The quick run takes more, larger steps than the full one, so that it gets somewhere.
  const defaults = full
    ? { epochs: 15, batchSize: 64, lr: 0.001 }
    : { epochs: 1, batchSize: 16, lr: 0.003 };
  const limit =
    full && flags.limit === undefined ? {} : { limit: numberFlag(flags, 'limit', 6000) };
  const testLimit =
    flags['test-limit'] === undefined ? {} : { testLimit: numberFlag(flags, 'test-limit', 0) };
  trainLenet5({
    model: choiceFlag(flags, 'model', ['faithful', 'modern'], 'faithful'),
    epochs: numberFlag(flags, 'epochs', defaults.epochs),
    batchSize: numberFlag(flags, 'batch-size', defaults.batchSize),
    lr: numberFlag(flags, 'lr', defaults.lr),
    distort: choiceFlag(flags, 'distort', ['none', 'affine', 'elastic'], 'none'),
    seed: numberFlag(flags, 'seed', 0),
    backend: choiceFlag(flags, 'backend', ['gpujs', 'reference'], 'gpujs'),
    ...limit,
    ...testLimit,
    log: console.log,
  });
}

runIfMain(import.meta.url, main);

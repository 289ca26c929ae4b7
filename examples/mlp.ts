// The lecture's fully connected network on MNIST: 784 inputs, 100 sigmoid hidden units, 10
// sigmoid outputs, half the sum of squared differences to the one-hot target, plain SGD.
//
//   pnpm --filter @tessera/examples mlp                        # 1 epoch on all 60,000 images
//   pnpm --filter @tessera/examples mlp --epochs 15            # the README's 2.39% run
//   pnpm --filter @tessera/examples mlp --limit 5000 --epochs 3 --backend reference
import { type BackendName, onBackend } from '@tessera/cli';
import { fromTensors, mnist } from '@tessera/data';
import { evaluate, fit, mlp } from '@tessera/models';
import { sgd } from '@tessera/optim';
import { key } from '@tessera/random';
import { choiceFlag, numberFlag, parseFlags, percent, runIfMain } from './lib.js';

/** Options of {@link trainMlp}. */
export interface MlpRunOptions {
  /** Passes over the training images; default 1. */
  readonly epochs?: number;
  /** Use only the first `limit` training images (all 60,000 when absent). */
  readonly limit?: number;
  /** Use only the first `testLimit` test images (all 10,000 when absent). */
  readonly testLimit?: number;
  /** Default 32, as in the README's run. */
  readonly batchSize?: number;
  /** SGD's learning rate; default 2 (the squared error's gradients are small). */
  readonly lr?: number;
  /** Hidden units; default 100. */
  readonly hidden?: number;
  readonly seed?: number;
  /** `gpujs` (default, WebAssembly through gpu.js) or `reference` (plain TypeScript). */
  readonly backend?: BackendName;
  /** Called after every epoch with a printable line. */
  readonly log?: (line: string) => void;
}

/** One epoch of {@link trainMlp}. */
export interface MlpEpoch {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testError: number;
  readonly seconds: number;
}

/** Trains the lecture's MLP on MNIST and returns the test error after every epoch. */
export function trainMlp(options: MlpRunOptions = {}): MlpEpoch[] {
  const { epochs = 1, batchSize = 32, lr = 2, hidden = 100, seed = 0 } = options;
  return onBackend(options.backend ?? 'gpujs', () => {
    const model = mlp({ hidden: [hidden] }); // 784-100-10, sigmoid everywhere
    const limits = (n: number | undefined) => (n === undefined ? {} : { limit: n });
    const train = fromTensors(mnist({ split: 'train', ...model.input, ...limits(options.limit) }));
    const test = fromTensors(
      mnist({ split: 'test', ...model.input, ...limits(options.testLimit) }),
    );
    const history: MlpEpoch[] = [];
    fit({
      model,
      optimizer: sgd(lr),
      train,
      epochs,
      batchSize,
      key: key(seed),
      callbacks: {
        onEpoch: (e) => {
          const { errorRate } = evaluate(model, e.params, test.batch(1000).iterate());
          const row = { epoch: e.epoch + 1, trainLoss: e.trainLoss, testError: errorRate };
          history.push({ ...row, seconds: e.seconds });
          options.log?.(
            `epoch ${row.epoch}/${epochs}  train loss ${row.trainLoss.toFixed(4)}  ` +
              `test error ${percent(errorRate)} (${test.size} images)  ${e.seconds.toFixed(1)}s`,
          );
        },
      },
    });
    return history;
  });
}

const USAGE = `usage: mlp [--epochs 1] [--limit N] [--test-limit N] [--batch-size 32] [--lr 2]
           [--hidden 100] [--seed 0] [--backend gpujs|reference]`;

function main(argv: readonly string[]): void {
  const flags = parseFlags(
    argv,
    ['epochs', 'limit', 'test-limit', 'batch-size', 'lr', 'hidden', 'seed', 'backend'],
    USAGE,
  );
  const limit = flags.limit === undefined ? {} : { limit: numberFlag(flags, 'limit', 0) };
  const testLimit =
    flags['test-limit'] === undefined ? {} : { testLimit: numberFlag(flags, 'test-limit', 0) };
  trainMlp({
    epochs: numberFlag(flags, 'epochs', 1),
    batchSize: numberFlag(flags, 'batch-size', 32),
    lr: numberFlag(flags, 'lr', 2),
    hidden: numberFlag(flags, 'hidden', 100),
    seed: numberFlag(flags, 'seed', 0),
    backend: choiceFlag(flags, 'backend', ['gpujs', 'reference'], 'gpujs'),
    ...limit,
    ...testLimit,
    log: console.log,
  });
}

runIfMain(import.meta.url, main);

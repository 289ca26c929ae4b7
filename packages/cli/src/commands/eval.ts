import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromTensors, mnist } from '@tessera/data';
import { evaluate } from '@tessera/models';
import type { EvalInvocation } from '../args/parse.js';
import { formatLoss, formatPercent } from '../progress/format.js';
import { confusionMatrixSvg } from '../report/svg/confusion-matrix.js';
import type { CliIo } from './io.js';
import { loadRun, onBackend } from './run.js';

/**
 * `tessera eval`: rebuilds the model named in a checkpoint, restores its parameters and
 * evaluates it on the 10,000 MNIST test images, printing the loss and the error rate. It
 * writes nothing unless `--out DIR` is given: then `confusion.svg` and `test.json` go there.
 *
 * @returns the exit code.
 * @throws Error when the checkpoint is missing, unreadable or does not fit its model.
 *
 * @example
 * ```ts
 * await evaluateCheckpoint({ command: 'eval', checkpoint: 'run/checkpoint.safetensors', options }, io);
 * // test loss 0.03121  error 0.92% (92 of 10000) — lenet5-modern, epoch 4, run/checkpoint.safetensors
 * ```
 */
export async function evaluateCheckpoint(invocation: EvalInvocation, io: CliIo): Promise<number> {
  const { checkpoint: path, options } = invocation;
  const { checkpoint, config, model, params } = loadRun(path);
  const test = onBackend(options.backend, () =>
    evaluate(
      model,
      params,
      fromTensors(mnist({ split: 'test', ...model.input }))
        .batch(options.batchSize)
        .iterate(),
    ),
  );
  const errors = Math.round(test.errorRate * test.count);
  if (options.out !== undefined) {
    mkdirSync(options.out, { recursive: true });
    writeFileSync(
      join(options.out, 'confusion.svg'),
      confusionMatrixSvg(test.confusion, {
        title: `${config.model}: test confusion matrix (error ${formatPercent(test.errorRate)})`,
      }),
    );
    const report = {
      model: config.model,
      epochs: checkpoint.epoch,
      split: 'test',
      count: test.count,
      errors,
      errorRate: test.errorRate,
      loss: Number.isFinite(test.loss) ? test.loss : null,
      confusion: test.confusion,
      checkpoint: path,
    };
    writeFileSync(join(options.out, 'test.json'), `${JSON.stringify(report, null, 2)}\n`);
  }
  io.stdout.write(
    `test loss ${formatLoss(test.loss)}  error ${formatPercent(test.errorRate)} ` +
      `(${errors} of ${test.count}) — ${config.model}, epoch ${checkpoint.epoch}, ${path}\n`,
  );
  return 0;
}

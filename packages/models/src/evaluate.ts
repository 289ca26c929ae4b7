import type { Tensor } from '@tessera/tensor';
import type { Model } from './model.js';
import type { Batch } from './train-step.js';

/** What {@link evaluate} measures on a set of examples. */
export interface Evaluation {
  /** Mean loss per example. */
  readonly loss: number;
  /** Fraction of examples whose predicted class is wrong. */
  readonly errorRate: number;
  /** Number of examples. */
  readonly count: number;
  /** `confusion[truth][predicted]`: counts over the 10 classes. */
  readonly confusion: number[][];
}

/**
 * Loss, error rate and confusion matrix of `model` with `params` over `batches` (in inference
 * mode: no dropout). The loss is weighted by batch size, so uneven last batches count right.
 *
 * @example
 * ```ts
 * const { errorRate, confusion } = evaluate(model, params, test.batch(1000).iterate());
 * ```
 */
export function evaluate<P>(
  model: Model<P>,
  params: P,
  batches: Iterable<Batch>,
  classes = 10,
): Evaluation {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let lossSum = 0;
  let count = 0;
  let wrong = 0;
  for (const { images, labels } of batches) {
    const outputs = model.layer.apply(params, images, { train: false });
    const n = labels.shape[0]!;
    lossSum += model.loss(outputs, labels).item() * n;
    count += n;
    wrong += tally(confusion, labels, model.predict(outputs));
  }
  return {
    loss: lossSum / Math.max(count, 1),
    errorRate: wrong / Math.max(count, 1),
    count,
    confusion,
  };
}

/** Adds each (truth, prediction) pair to `confusion` and returns how many were wrong. */
function tally(confusion: number[][], labels: Tensor, predicted: Tensor): number {
  const truth = labels.data();
  const guess = predicted.data();
  let wrong = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = guess[i]!;
    confusion[t]![p]! += 1;
    if (t !== p) wrong++;
  }
  return wrong;
}

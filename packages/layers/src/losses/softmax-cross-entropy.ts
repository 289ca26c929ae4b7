import { logSoftmax, mean, mul, neg, sum, type Tensor } from '@tessera/tensor';
import { targetRows } from './labels.js';

/**
 * Softmax cross-entropy from logits `[N, K]`: per example `-sum_k t_k log softmax(z)_k`, the
 * mean over the batch. `labels` are int32 class indices `[N]`, or float targets `[N, K]`
 * (one-hot, or any distribution, as for label smoothing). Computed through
 * {@link logSoftmax} (`z - logSumExp(z)`), so large logits neither overflow nor lose the
 * gradient, and the probabilities are never formed.
 *
 * @example
 * ```ts
 * softmaxCrossEntropy(tensor([[0, 0]]), tensor([1], { dtype: 'int32' })); // log 2 = 0.6931
 * softmaxCrossEntropy(logits, oneHot(labels, 10));
 * ```
 */
export function softmaxCrossEntropy(logits: Tensor, labels: Tensor): Tensor {
  const targets = targetRows('softmaxCrossEntropy', logits, labels);
  return neg(mean(sum(mul(targets, logSoftmax(logits, -1)), { axis: 1 })));
}

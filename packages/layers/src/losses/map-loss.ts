import { add, concat, full, logSumExp, mean, mul, neg, sum, type Tensor } from '@tessera/tensor';
import { LayerConfigError } from '../errors.js';
import { targetRows } from './labels.js';

/**
 * Options of {@link mapLoss}.
 *
 * @example
 * ```ts
 * mapLoss(outputs, labels, { j: 0.1 });
 * ```
 */
export interface MapLossOptions {
  /**
   * The constant `j` of equation 9, the penalty of a "rubbish" class that keeps a unit's
   * penalty from being pushed up once it is already larger than `j`; default 0.1.
   */
  readonly j?: number;
}

/**
 * The maximum a posteriori criterion of LeCun et al. 1998 for RBF outputs (Section III-A,
 * equation 9), the loss LeNet-5 was trained on:
 *
 * `E(W) = 1/P sum_p ( y_{D_p}(Z_p, W) + log(e^{-j} + sum_i e^{-y_i(Z_p, W)}) )`
 *
 * where `y_i` are the RBF penalties (`rbfOutputs` `[P, K]`, smaller is better), `D_p` is the
 * class of example `p` and `j` a positive constant. The first term pulls the correct unit's
 * penalty down; the second pushes the others' up (it is a softmax cross-entropy on `-y` with
 * an extra rubbish class of constant penalty `j`), which prevents the collapse that equation
 * 8 alone allows when the RBF parameters are learned. Computed stably with `logSumExp`.
 * `labels` are int32 classes `[P]` or one-hot rows `[P, K]`.
 *
 * @example
 * ```ts
 * const loss = mapLoss(rbf().apply(null, f6), labels); // labels: int32 [N]
 * ```
 */
export function mapLoss(rbfOutputs: Tensor, labels: Tensor, options: MapLossOptions = {}): Tensor {
  const j = options.j ?? 0.1;
  if (!Number.isFinite(j)) throw new LayerConfigError(`mapLoss: j must be finite, got ${j}`);
  const targets = targetRows('mapLoss', rbfOutputs, labels);
  const n = rbfOutputs.shape[0]!;
  const correct = sum(mul(targets, rbfOutputs), { axis: 1 });
  // log(e^{-j} + sum_i e^{-y_i}) = logSumExp([-j, -y_1, ..., -y_K])
  const exponents = concat([full([n, 1], -j, { dtype: rbfOutputs.dtype }), neg(rbfOutputs)], 1);
  return mean(add(correct, logSumExp(exponents, { axis: 1 })));
}

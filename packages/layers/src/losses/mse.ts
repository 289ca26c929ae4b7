import { mean, mul, square, sub, sum, type Tensor } from '@tessera/tensor';
import { LayerShapeError } from '../errors.js';
import { showShape } from '../shapes.js';

/**
 * The lecture's sum-of-squares loss: per example, half the sum of squared differences over
 * all outputs, `E_p = 1/2 sum_i (y_i - t_i)^2`, then the mean over the batch:
 * `E = 1/N sum_p E_p`. (The 1/2 makes the gradient `y - t`; a sum over the batch would make
 * the step size depend on the batch size.) `pred` and `target` have one shape `[N, ...]`;
 * targets are typically one-hot rows. With RBF outputs and target 0 for the correct class it
 * is the paper's equation 8 (LeCun et al. 1998, Section III-A), halved.
 *
 * @example
 * ```ts
 * mse(tensor([[1, 0], [0, 0]]), tensor([[0, 0], [0, 2]])); // (0.5 + 2) / 2 = 1.25
 * const loss = mse(outputs, oneHot(labels, 10, { dtype: outputs.dtype }));
 * ```
 */
export function mse(pred: Tensor, target: Tensor): Tensor {
  if (
    pred.rank < 1 ||
    pred.shape.length !== target.shape.length ||
    pred.shape.some((d, i) => d !== target.shape[i])
  ) {
    throw new LayerShapeError(
      `mse: predictions ${showShape(pred.shape)} and targets ${showShape(target.shape)} must have one shape [N, ...]`,
    );
  }
  const axes = pred.shape.map((_, i) => i).slice(1);
  const perExample = sum(square(sub(pred, target)), { axis: axes });
  return mul(mean(perExample), 0.5);
}

/**
 * Labels as one-hot rows (internal): the losses accept int32 class indices `[N]` or
 * one-hot (or soft) float targets `[N, K]`.
 */
import { astype, oneHot, type Tensor } from '@tessera/tensor';
import { LayerShapeError } from '../errors.js';
import { showShape } from '../shapes.js';

/** `labels` as float rows `[N, K]` in the dtype of `outputs` `[N, K]`. */
export function targetRows(loss: string, outputs: Tensor, labels: Tensor): Tensor {
  if (outputs.rank !== 2) {
    throw new LayerShapeError(`${loss}: expects outputs [N, K], got ${showShape(outputs.shape)}`);
  }
  const [n, k] = outputs.shape as [number, number];
  if (labels.dtype === 'int32') {
    if (labels.rank !== 1 || labels.shape[0] !== n) {
      throw new LayerShapeError(
        `${loss}: int32 labels must be [${n}] for outputs ${showShape(outputs.shape)}, got ${showShape(labels.shape)}`,
      );
    }
    return oneHot(labels, k, { dtype: outputs.dtype });
  }
  if (labels.rank !== 2 || labels.shape[0] !== n || labels.shape[1] !== k) {
    throw new LayerShapeError(
      `${loss}: one-hot labels must be [${n},${k}] for outputs ${showShape(outputs.shape)}, got ${showShape(labels.shape)}`,
    );
  }
  return labels.dtype === outputs.dtype ? labels : astype(labels, outputs.dtype);
}

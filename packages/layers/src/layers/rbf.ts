import { astype, expandDims, square, sub, sum, type Tensor } from '@tessera/tensor';
import { LayerConfigError, LayerShapeError } from '../errors.js';
import { expectShape, showShape } from '../shapes.js';
import type { Layer } from '../types.js';
import { DIGIT_PROTOTYPES } from './digit-prototypes.js';

/**
 * LeNet-5's output layer of Euclidean radial basis function units (LeCun et al. 1998,
 * Section II-B, equation 7): one unit per class, each the squared distance between the input
 * and the class's prototype, `y_i = sum_j (x_j - w_ij)^2`. The output is a penalty, not a
 * score: the predicted class is the unit with the *smallest* output. Train it with
 * {@link mapLoss} (equation 9) or {@link mse} against zeros for the correct unit.
 *
 * The prototypes `[K, D]` default to {@link DIGIT_PROTOTYPES} (the 7x12 digit bitmaps coded
 * +1/-1: `D = 84` inputs, `K = 10` outputs). They are fixed, as in the paper: they live in
 * this layer's closure, not in its parameters (which are `null`), so optimizers never touch
 * them. They are converted to the input's dtype when it differs.
 *
 * @example
 * ```ts
 * const out = rbf();
 * const [shape, params] = out.init(key(0), [84]); // [10], null
 * const distances = out.apply(params, f6);         // [N, 10]
 * const predicted = argmin(distances, { axis: 1 });
 * ```
 */
export function rbf(prototypes: Tensor = DIGIT_PROTOTYPES): Layer<null> {
  if (prototypes.rank !== 2 || (prototypes.dtype !== 'float32' && prototypes.dtype !== 'float64')) {
    throw new LayerConfigError(
      `rbf: prototypes must be a float tensor [classes, inputs], got ${prototypes.dtype} ${showShape(prototypes.shape)}`,
    );
  }
  const [classes, inputs] = prototypes.shape as [number, number];
  const name = `rbf(${classes}x${inputs})`;
  const byDType = new Map<string, Tensor>([[prototypes.dtype, prototypes]]);
  const prototypesAs = (dtype: Tensor['dtype']): Tensor => {
    let p = byDType.get(dtype);
    if (p === undefined) {
      p = astype(prototypes, dtype);
      byDType.set(dtype, p);
    }
    return p;
  };
  return {
    init(_key, inShape) {
      const shape = expectShape(name, inShape);
      if (shape.length !== 1 || shape[0] !== inputs) {
        throw new LayerShapeError(
          `${name}: expects inputs of shape [${inputs}] (the prototypes' length), got ${showShape(shape)}`,
        );
      }
      return [[classes], null];
    },
    apply(_params, x) {
      // [N, 1, D] - [K, D] -> [N, K, D], summed over D: the exact form of equation 7.
      const diff = sub(expandDims(x, 1), prototypesAs(x.dtype));
      return sum(square(diff), { axis: -1 });
    },
  };
}

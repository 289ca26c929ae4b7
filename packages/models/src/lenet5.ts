import {
  conv2d,
  DIGIT_PROTOTYPES,
  dense,
  flatten,
  glorotUniform,
  heNormal,
  type Layer,
  LENET5_C3_TABLE,
  LecunTanh,
  mapLoss,
  maxPool2d,
  Relu,
  rbf,
  serial,
  softmaxCrossEntropy,
  subsample2d,
} from '@tessera/layers';
import type { Key } from '@tessera/random';
import { argmax, neg, type Tensor } from '@tessera/tensor';
import { diagGaussNewtonMapRbf } from './map-rbf-curvature.js';
import type { Model } from './model.js';

/** Options of {@link lenet5}. */
export interface Lenet5Options {
  /**
   * The output layer: `'rbf'` (the paper's Euclidean RBF units with fixed digit prototypes,
   * trained with the MAP loss of equation 9; the default) or `'softmax'` (10 trainable units
   * with softmax cross-entropy).
   */
  readonly head?: 'rbf' | 'softmax';
}

/**
 * LeNet-5 as in LeCun et al. 1998, Section II-B: a 32x32 input; C1, 6 maps of 5x5
 * convolutions; S2, trainable 2x2 subsampling; C3, 16 maps of 5x5 convolutions connected to
 * the S2 maps by Table I; S4; C5, 120 maps of 5x5 convolutions; F6, 84 units; each followed
 * by the scaled tanh `1.7159 tanh(2x/3)`; then the Euclidean RBF output layer, whose units
 * measure the distance to fixed 7x12 prototypes of the digits, trained with the MAP loss
 * (equation 9). The layers' default initialisation is the paper's `U(-2.4/F, 2.4/F)`.
 *
 * @example
 * ```ts
 * const model = lenet5();              // faithful
 * const soft = lenet5({ head: 'softmax' });
 * ```
 */
export function lenet5(options: Lenet5Options = {}): Model {
  const head = options.head ?? 'rbf';
  const features: Record<string, Layer> = {
    c1: conv2d(6, 5),
    a1: LecunTanh,
    s2: subsample2d(2),
    a2: LecunTanh,
    c3: conv2d(16, 5, { table: LENET5_C3_TABLE }),
    a3: LecunTanh,
    s4: subsample2d(2),
    a4: LecunTanh,
    c5: conv2d(120, 5),
    a5: LecunTanh,
    flat: flatten(),
    f6: dense(84),
    a6: LecunTanh,
  };
  const output: Record<string, Layer> = head === 'rbf' ? { out: rbf() } : { out: dense(10) };
  // The layers below the RBF units: their outputs are F6's, where the MAP loss's Hessian is known.
  const below = serial(features);
  return {
    name: head === 'rbf' ? 'lenet5' : 'lenet5-softmax',
    layer: serial({ ...features, ...output }),
    inputShape: [1, 32, 32],
    input: { scale: 'paper', pad: true },
    loss: head === 'rbf' ? (y: Tensor, labels: Tensor) => mapLoss(y, labels) : softmaxCrossEntropy,
    // RBF outputs are distances: the prediction is the nearest prototype.
    predict: (y: Tensor) => argmax(head === 'rbf' ? neg(y) : y, { axis: 1 }),
    ...(head === 'rbf'
      ? {
          gaussNewton: (params: unknown, images: Tensor, k: Key) =>
            diagGaussNewtonMapRbf(below, DIGIT_PROTOTYPES, params, images, k),
        }
      : {}),
  };
}

/**
 * LeNet-5 as one would build it today: the same sizes, with ReLU, max pooling, a fully
 * connected C3, He initialisation, and 10 softmax outputs trained with cross-entropy (usually
 * with Adam).
 *
 * @example
 * ```ts
 * const model = lenet5Modern();
 * ```
 */
export function lenet5Modern(): Model {
  return {
    name: 'lenet5-modern',
    // He et al. 2015 initialisation keeps the variance of ReLU activations from layer to layer.
    layer: serial({
      c1: conv2d(6, 5, { init: heNormal }),
      a1: Relu,
      s2: maxPool2d(2),
      c3: conv2d(16, 5, { init: heNormal }),
      a3: Relu,
      s4: maxPool2d(2),
      c5: conv2d(120, 5, { init: heNormal }),
      a5: Relu,
      flat: flatten(),
      f6: dense(84, { init: heNormal }),
      a6: Relu,
      out: dense(10, { init: glorotUniform }),
    }),
    inputShape: [1, 32, 32],
    input: { scale: 'unit', pad: true },
    loss: softmaxCrossEntropy,
    predict: (y: Tensor) => argmax(y, { axis: 1 }),
  };
}

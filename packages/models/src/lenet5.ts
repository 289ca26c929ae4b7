import {
  BOLD_DIGIT_PROTOTYPES,
  conv2d,
  DIGIT_PROTOTYPES,
  dense,
  flatten,
  glorotUniform,
  heNormal,
  type Layer,
  LayerConfigError,
  LENET5_C3_TABLE,
  LecunTanh,
  lecun1998Uniform,
  mapLoss,
  maxPool2d,
  Relu,
  randomPrototypes,
  rbf,
  serial,
  softmaxCrossEntropy,
  subsample2d,
  varianceScaling,
} from '@tessera/layers';
import { type Key, key } from '@tessera/random';
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
  /**
   * The weights' initialisation: `'paper'` (`U(-2.4/F, 2.4/F)`, `F` the fan-in, as printed
   * in the paper; the default) or `'sqrt-fan-in'` (`U(-2.4/sqrt(F), 2.4/sqrt(F))`). The paper
   * divides by the fan-in so that "the initial standard deviation of the weighted sums" is "in
   * the same range for each unit", within the sigmoid's normal operating region; only the
   * square root does that (every weighted sum of unit-variance inputs then has standard
   * deviation 1.39), where `1/F` gives `1.39/sqrt(F)`: 0.28 in C1 and 0.07 in C5.
   */
  readonly init?: 'paper' | 'sqrt-fan-in';
  /**
   * The RBF units' fixed prototypes (only with the `'rbf'` head): `'stylized'` (the 7x12
   * digit bitmaps {@link DIGIT_PROTOTYPES}; the default), `'bold'` (the same digits with
   * strokes two pixels wide, {@link BOLD_DIGIT_PROTOTYPES}) or `'random'` (+1/-1 codes drawn
   * with equal probabilities, the paper's first alternative to bitmaps;
   * {@link randomPrototypes} under the fixed key 1998, so every model built with it has the
   * same codes).
   */
  readonly prototypes?: 'stylized' | 'bold' | 'random';
  /**
   * The MAP loss's rubbish-class constant `j` (equation 9; only with the `'rbf'` head; default
   * 0.1, as {@link mapLoss}). The paper gives no value. The loss's second term pushes a
   * wrong class's penalty `y_i` up with weight `e^{-y_i} / (e^{-j} + sum_k e^{-y_k})`, so
   * with a small `j` it pushes only penalties not much larger than `j`, and the loss is
   * nearly the distance to the correct prototype (equation 8); a larger `j` lets it compete
   * on hard examples, whose penalties are all large.
   */
  readonly j?: number;
}

const PROTOTYPES = {
  stylized: () => DIGIT_PROTOTYPES,
  bold: () => BOLD_DIGIT_PROTOTYPES,
  random: () => randomPrototypes(key(1998), 10, 84),
} as const;

/** `U(-2.4/sqrt(F), 2.4/sqrt(F))`: variance `2.4^2 / (3 F) = 1.92 / F`. */
const sqrtFanInUniform = varianceScaling(1.92, 'fanIn', 'uniform');

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
 *
 * @throws LayerConfigError if `prototypes` or `j` come with the `'softmax'` head
 */
export function lenet5(options: Lenet5Options = {}): Model {
  const head = options.head ?? 'rbf';
  if (head === 'softmax' && (options.prototypes !== undefined || options.j !== undefined)) {
    throw new LayerConfigError(
      `lenet5: prototypes and j belong to the 'rbf' head, got them with head 'softmax'`,
    );
  }
  const init = options.init === 'sqrt-fan-in' ? sqrtFanInUniform : lecun1998Uniform;
  const features: Record<string, Layer> = {
    c1: conv2d(6, 5, { init }),
    a1: LecunTanh,
    s2: subsample2d(2, { init }),
    a2: LecunTanh,
    c3: conv2d(16, 5, { table: LENET5_C3_TABLE, init }),
    a3: LecunTanh,
    s4: subsample2d(2, { init }),
    a4: LecunTanh,
    c5: conv2d(120, 5, { init }),
    a5: LecunTanh,
    flat: flatten(),
    f6: dense(84, { init }),
    a6: LecunTanh,
  };
  const prototypes = PROTOTYPES[options.prototypes ?? 'stylized']();
  // Without `j` the MAP loss and its curvature keep their own default.
  const mapOptions = options.j === undefined ? {} : { j: options.j };
  const output: Record<string, Layer> =
    head === 'rbf' ? { out: rbf(prototypes) } : { out: dense(10, { init }) };
  // The layers below the RBF units: their outputs are F6's, where the MAP loss's Hessian is known.
  const below = serial(features);
  return {
    name: head === 'rbf' ? 'lenet5' : 'lenet5-softmax',
    layer: serial({ ...features, ...output }),
    inputShape: [1, 32, 32],
    input: { scale: 'paper', pad: true },
    loss:
      head === 'rbf'
        ? (y: Tensor, labels: Tensor) => mapLoss(y, labels, mapOptions)
        : softmaxCrossEntropy,
    // RBF outputs are distances: the prediction is the nearest prototype.
    predict: (y: Tensor) => argmax(head === 'rbf' ? neg(y) : y, { axis: 1 }),
    ...(head === 'rbf'
      ? {
          gaussNewton: (params: unknown, images: Tensor, k: Key) =>
            diagGaussNewtonMapRbf(below, prototypes, params, images, k, mapOptions),
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

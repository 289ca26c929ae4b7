/**
 * `@tessera/layers`: neural-network layers as pairs of pure functions, as in JAX's stax.
 * `init(key, inShape)` infers shapes and draws parameters without computing anything;
 * `apply(params, x, ctx)` computes. Combinators compose layers into models that are layers
 * again; activations come as functions and as layers; losses and key-driven initialisers
 * complete the set, with everything LeNet-5 (LeCun et al. 1998) needs.
 *
 * @example
 * ```ts
 * import { dense, flatten, serial, Sigmoid, mse } from '@tessera/layers';
 *
 * const net = serial(flatten(), dense(100), Sigmoid, dense(10), Sigmoid);
 * const [outShape, params] = net.init(key(0), [1, 28, 28]); // [10]
 * const loss = mse(net.apply(params, images), oneHot(labels, 10));
 * ```
 *
 * @packageDocumentation
 */

export { LecunTanh, lecunTanh } from './activations/lecun-tanh.js';
export { LogSoftmax, logSoftmax } from './activations/log-softmax.js';
export { Relu, relu } from './activations/relu.js';
export { Sigmoid, sigmoid } from './activations/sigmoid.js';
export { Softmax, softmax } from './activations/softmax.js';
export { Tanh, tanh } from './activations/tanh.js';
export { fanInConcat } from './combinators/fan-in-concat.js';
export { fanInSum } from './combinators/fan-in-sum.js';
export { fanOut } from './combinators/fan-out.js';
export { identity } from './combinators/identity.js';
export { parallel } from './combinators/parallel.js';
export { residual } from './combinators/residual.js';
export {
  type NamedParams,
  type SerialInput,
  type SerialOutput,
  type SerialParams,
  serial,
} from './combinators/serial.js';
export { shapeDependent } from './combinators/shape-dependent.js';
export { countParams } from './count-params.js';
export { LayerConfigError, LayerError, LayerShapeError } from './errors.js';
export { constant, zeros } from './initializers/constant.js';
export { glorotNormal, glorotUniform } from './initializers/glorot.js';
export { heNormal, heUniform } from './initializers/he.js';
export { lecunNormal, lecunUniform } from './initializers/lecun.js';
export { lecun1998Uniform } from './initializers/lecun1998-uniform.js';
export type { Initializer } from './initializers/types.js';
export {
  type Distribution,
  type FanMode,
  varianceScaling,
} from './initializers/variance-scaling.js';
export {
  type ConnectionTable,
  expandTable,
  LENET5_C3_TABLE,
} from './layers/connection-table.js';
export { type Conv2dLayerOptions, type Conv2dParams, conv2d } from './layers/conv2d.js';
export { type DenseOptions, type DenseParams, dense } from './layers/dense.js';
export {
  BOLD_DIGIT_BITMAPS,
  BOLD_DIGIT_PROTOTYPES,
  DIGIT_BITMAPS,
  DIGIT_PROTOTYPES,
} from './layers/digit-prototypes.js';
export { dropout } from './layers/dropout.js';
export { elementwise } from './layers/elementwise.js';
export { flatten } from './layers/flatten.js';
export { avgPool2d, maxPool2d, type Pool2dLayerOptions, sumPool2d } from './layers/pool2d.js';
export { randomPrototypes } from './layers/random-prototypes.js';
export { rbf } from './layers/rbf.js';
export { reshape } from './layers/reshape.js';
export {
  type Subsample2dOptions,
  type Subsample2dParams,
  subsample2d,
} from './layers/subsample2d.js';
export { type MapLossOptions, mapLoss } from './losses/map-loss.js';
export { mse } from './losses/mse.js';
export { softmaxCrossEntropy } from './losses/softmax-cross-entropy.js';
export type {
  AnyLayer,
  ApplyContext,
  Flow,
  FlowShape,
  InputOf,
  Layer,
  OutputOf,
  ParamsOf,
  Shape,
} from './types.js';

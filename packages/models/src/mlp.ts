import { dense, flatten, type Layer, mse, Relu, Sigmoid, serial, Tanh } from '@tessera/layers';
import { argmax, oneHot, type Tensor } from '@tessera/tensor';
import type { Model } from './model.js';

/** Options of {@link mlp}. */
export interface MlpOptions {
  /** Hidden layer widths; default `[100]` (the lecture's 784-100-10). */
  readonly hidden?: readonly number[];
  /** Activation after every layer, the output included; default sigmoid. */
  readonly activation?: 'sigmoid' | 'tanh' | 'relu';
}

const activations: Record<NonNullable<MlpOptions['activation']>, Layer> = {
  sigmoid: Sigmoid,
  tanh: Tanh,
  relu: Relu,
};

/**
 * The lecture's fully connected network: 784 inputs, sigmoid hidden layers and 10 sigmoid
 * outputs, trained on the sum of squared differences to the one-hot target (LeCun et al.
 * 1998 report 4.7% test error for 784-300-10 with this loss). Widths, depth and activation
 * are options.
 *
 * @example
 * ```ts
 * const model = mlp({ hidden: [300] });
 * ```
 */
export function mlp(options: MlpOptions = {}): Model {
  const hidden = options.hidden ?? [100];
  const act = activations[options.activation ?? 'sigmoid'];
  const layers: Layer[] = [flatten()];
  for (const width of hidden) layers.push(dense(width), act);
  layers.push(dense(10), act);
  return {
    name: 'mlp',
    layer: serial(...layers),
    inputShape: [1, 28, 28],
    input: { scale: 'unit', pad: false },
    loss: (outputs: Tensor, labels: Tensor) =>
      mse(outputs, oneHot(labels, 10, { dtype: outputs.dtype })),
    predict: (outputs: Tensor) => argmax(outputs, { axis: 1 }),
  };
}

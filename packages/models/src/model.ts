import type { Layer } from '@tessera/layers';
import type { TensorTree } from '@tessera/optim';
import type { Key } from '@tessera/random';
import type { Tensor } from '@tessera/tensor';

/** How a model wants its MNIST images: the value scale and whether padded to 32x32. */
export interface InputFormat {
  /** `'unit'`: [0, 1]; `'paper'`: background -0.1, ink 1.175 (LeCun et al. 1998, Section II-B). */
  readonly scale: 'unit' | 'paper';
  /** Pad 28x28 digits to 32x32, as LeNet-5 expects. */
  readonly pad: boolean;
}

/**
 * A trainable classifier: a layer (architecture), the loss it is trained on, and how its
 * outputs become class predictions. Parameters live outside, in the tree `layer.init` returns.
 *
 * @example
 * ```ts
 * const model = lenet5();
 * const [, params] = model.layer.init(key(0), model.inputShape);
 * const logits = model.layer.apply(params, images);
 * const l = model.loss(logits, labels);
 * ```
 */
export interface Model<P = unknown> {
  /** A short name, as on the command line: `mlp`, `lenet5`, `lenet5-modern`. */
  readonly name: string;
  readonly layer: Layer<P>;
  /** The shape of one example, without the batch axis. */
  readonly inputShape: readonly number[];
  readonly input: InputFormat;
  /** The training loss of a batch: outputs `[N, ...]` and int32 labels `[N]` to a scalar. */
  loss(outputs: Tensor, labels: Tensor): Tensor;
  /** The predicted class (int32 `[N]`) for each output row. */
  predict(outputs: Tensor): Tensor;
  /**
   * An estimate of the diagonal of the Gauss-Newton matrix of this model's loss per example,
   * for `sdlm`, when the model knows a better one than `diagGaussNewton`'s constant curvature
   * per output (`lenet5`'s RBF head: `diagGaussNewtonMapRbf`).
   */
  readonly gaussNewton?: (params: P, images: Tensor, key: Key) => TensorTree;
}

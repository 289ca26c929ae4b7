import { valueAndGrad } from '@tessera/autodiff';
import {
  applyUpdates,
  type GradientTransformation,
  type OptState,
  type TensorTree,
  type UpdateExtras,
} from '@tessera/optim';
import type { Key } from '@tessera/random';
import type { Tensor } from '@tessera/tensor';
import type { Model } from './model.js';

/**
 * A batch of examples: images `[N, ...inputShape]` and int32 labels `[N]`. (A type alias, not
 * an interface, so that it is a tree of tensors for `@tessera/data`.)
 */
export type Batch = { readonly images: Tensor; readonly labels: Tensor };

/** What one training step reports. */
export interface StepMetrics {
  /** The batch's loss before the update. */
  readonly loss: number;
}

/** The result of a training step: the new parameters and optimizer state, and metrics. */
export interface StepResult<P> {
  readonly params: P;
  readonly optState: OptState;
  readonly metrics: StepMetrics;
}

/** A pure training step: nothing changes but what it returns. */
export type TrainStep<P> = (
  params: P,
  optState: OptState,
  batch: Batch,
  key: Key,
  extra?: UpdateExtras,
) => StepResult<P>;

/**
 * The training step of `model` with `optimizer`: the loss and its gradient in one forward and
 * one backward pass (`key` drives dropout and other stochastic layers), then one optimizer
 * update. `extra` passes curvature estimates to optimizers that use them (`sdlm`).
 *
 * @example
 * ```ts
 * const step = makeTrainStep(lenet5Modern(), adam(1e-3));
 * const { params, optState, metrics } = step(params0, adam(1e-3).init(params0), batch, key(0));
 * ```
 */
export function makeTrainStep<P>(model: Model<P>, optimizer: GradientTransformation): TrainStep<P> {
  const lossOf = (params: P, images: Tensor, labels: Tensor, key: Key) =>
    model.loss(model.layer.apply(params, images, { key, train: true }), labels);
  const lossAndGrad = valueAndGrad(lossOf);
  return (params, optState, batch, key, extra) => {
    const [loss, grads] = lossAndGrad(params, batch.images, batch.labels, key);
    return applyGradients(optimizer, params, optState, grads, loss.item(), extra);
  };
}

/**
 * The second half of a training step: one optimizer update of `params` by `grads`, the
 * gradient of a batch whose loss was `loss`.
 *
 * @example
 * ```ts
 * const next = applyGradients(sgd(0.1), params, optState, grads, 0.25);
 * ```
 */
export function applyGradients<P>(
  optimizer: GradientTransformation,
  params: P,
  optState: OptState,
  grads: unknown,
  loss: number,
  extra?: UpdateExtras,
): StepResult<P> {
  const [updates, nextState] = optimizer.update(
    grads as TensorTree,
    optState,
    params as TensorTree,
    extra,
  );
  return {
    params: applyUpdates(params as TensorTree, updates) as P,
    optState: nextState,
    metrics: { loss },
  };
}

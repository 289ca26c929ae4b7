import type { Dataset } from '@tessera/data';
import { type DistortOptions, distortImages } from '@tessera/data';
import type { GradientTransformation, OptState, TensorTree, UpdateExtras } from '@tessera/optim';
import { foldIn, type Key, split } from '@tessera/random';

import { type Evaluation, evaluate } from './evaluate.js';
import type { Model } from './model.js';
import { type Batch, makeTrainStep, type TrainStep } from './train-step.js';

/**
 * Thrown by {@link fit} when the training loss becomes NaN or infinite: the message names the
 * epoch and step, so the run can be inspected (a learning rate too high, bad data).
 *
 * @example
 * ```ts
 * try { fit(options); } catch (e) { if (e instanceof NonFiniteLossError) console.error(e.message); }
 * ```
 */
export class NonFiniteLossError extends Error {
  override readonly name = 'NonFiniteLossError';
  constructor(
    readonly epoch: number,
    readonly step: number,
    readonly loss: number,
  ) {
    super(
      `fit: the training loss became ${loss} at epoch ${epoch + 1}, step ${step + 1}; ` +
        'stopping (lower the learning rate, or check the data)',
    );
  }
}

/** What the loop reports after each step. */
export interface StepInfo {
  readonly epoch: number;
  /** Step within the epoch, from 0. */
  readonly step: number;
  /** Steps in the epoch. */
  readonly steps: number;
  readonly loss: number;
  /** Examples in this step's batch. */
  readonly examples: number;
}

/** What the loop reports after each epoch. */
export interface EpochInfo<P> {
  readonly epoch: number;
  /** Mean training loss over the epoch's steps (on distorted data when distorting). */
  readonly trainLoss: number;
  readonly validation?: Evaluation;
  readonly seconds: number;
  readonly params: P;
  readonly optState: OptState;
}

/** Hooks into the loop; returning `'stop'` from `onEpoch` ends training after that epoch. */
export interface Callbacks<P> {
  onStep?(info: StepInfo): void;
  onEpoch?(info: EpochInfo<P>): void | 'stop';
}

/** Options of {@link fit}. */
export interface FitOptions<P> {
  readonly model: Model<P>;
  readonly optimizer: GradientTransformation;
  /** Training examples: elements `{ images, labels }` (unbatched). */
  readonly train: Dataset<Batch>;
  /** Validation examples, evaluated after every epoch. */
  readonly validation?: Dataset<Batch>;
  readonly epochs: number;
  readonly batchSize: number;
  /** The run's root key: initialisation, shuffling, distortions and dropout all derive from it. */
  readonly key: Key;
  /** Distort each training batch on the fly. */
  readonly distort?: DistortOptions;
  /** Resume from these parameters and optimizer state, at `startEpoch`. */
  readonly resume?: {
    readonly params: P;
    readonly optState: OptState;
    readonly startEpoch: number;
  };
  /**
   * The training step; `makeTrainStep(model, optimizer)` by default. Pass
   * `makeDataParallelTrainStep(...)` to compute each step on several threads.
   */
  readonly step?: TrainStep<P>;
  /**
   * Curvature estimates for optimizers that use them (`sdlm`), passed to the optimizer's
   * update as `extra.curvature`: computed before each epoch (the paper's protocol, on images
   * the function holds), or before every step when `curvatureEvery` is `'step'`, then with the
   * step's (distorted) batch as third argument.
   */
  readonly curvature?: (params: P, key: Key, batch?: Batch) => UpdateExtras['curvature'];
  /**
   * When `curvature` is called: `'epoch'` (default) or `'step'`. Per-step estimates are noisy;
   * give the optimizer a running average (`sdlm`'s `curvatureWeight` below 1).
   */
  readonly curvatureEvery?: 'epoch' | 'step';
  /** Stop when the validation error has not improved for this many epochs. */
  readonly earlyStopping?: { readonly patience: number };
  readonly callbacks?: Callbacks<P>;
}

/** What {@link fit} returns. */
export interface FitResult<P> {
  readonly params: P;
  readonly optState: OptState;
  /** Epochs completed, counting those before a resume. */
  readonly epochs: number;
  readonly history: readonly Omit<EpochInfo<P>, 'params' | 'optState'>[];
}

/**
 * The keys of a run: `init` for the parameters, and one key per epoch, so a run resumed at an
 * epoch draws exactly what the uninterrupted run drew.
 *
 * @example
 * ```ts
 * const { init, epoch } = runKeys(key(0));
 * ```
 */
export function runKeys(root: Key): { readonly init: Key; readonly epoch: (e: number) => Key } {
  const [init, train] = split(root) as [Key, Key];
  return { init, epoch: (e) => foldIn(train, e) };
}

/** Validation batches: large, since evaluation keeps no gradients. */
const EVAL_BATCH = 1000;

/**
 * Trains `model`: each epoch shuffles the training set with the epoch's key, batches it,
 * optionally distorts each batch, runs the pure training step on every batch, evaluates on
 * the validation set, and calls the callbacks. A NaN or infinite loss stops with a
 * {@link NonFiniteLossError} naming the step. The loop owns the order of things and nothing
 * else: checkpoints and progress are callbacks.
 *
 * @example
 * ```ts
 * const result = fit({ model, optimizer: adam(1e-3), train, validation, epochs: 3, batchSize: 128, key: key(0) });
 * ```
 */
export function fit<P>(options: FitOptions<P>): FitResult<P> {
  const { model, optimizer, epochs, batchSize } = options;
  const keys = runKeys(options.key);
  let params = options.resume?.params ?? (model.layer.init(keys.init, model.inputShape)[1] as P);
  let optState = options.resume?.optState ?? optimizer.init(params as TensorTree);
  const step = options.step ?? makeTrainStep(model, optimizer);
  const shuffled = options.train.shuffle().batch(batchSize);
  const batches = options.distort ? shuffled.mapWithKey(distortImages(options.distort)) : shuffled;
  const history: Omit<EpochInfo<P>, 'params' | 'optState'>[] = [];
  let best = Number.POSITIVE_INFINITY;
  let sinceBest = 0;
  let epoch = options.resume?.startEpoch ?? 0;
  for (; epoch < epochs; epoch++) {
    const start = performance.now();
    const [dataKey, stepKey, curvatureKey] = split(keys.epoch(epoch), 3) as [Key, Key, Key];
    const perStep = options.curvatureEvery === 'step';
    const epochCurvature = perStep ? undefined : options.curvature?.(params, curvatureKey);
    const steps = batches.size;
    let lossSum = 0;
    let i = 0;
    for (const batch of batches.iterate(dataKey)) {
      const curvature = perStep
        ? options.curvature?.(params, foldIn(curvatureKey, i), batch)
        : i === 0
          ? epochCurvature
          : undefined;
      const extra = curvature === undefined ? undefined : { curvature };
      const result = step(params, optState, batch, foldIn(stepKey, i), extra);
      if (!Number.isFinite(result.metrics.loss))
        throw new NonFiniteLossError(epoch, i, result.metrics.loss);
      params = result.params;
      optState = result.optState;
      lossSum += result.metrics.loss;
      options.callbacks?.onStep?.({
        epoch,
        step: i,
        steps,
        loss: result.metrics.loss,
        examples: batch.labels.shape[0]!,
      });
      i++;
    }
    const validation = options.validation
      ? evaluate(model, params, options.validation.batch(EVAL_BATCH).iterate())
      : undefined;
    const info = {
      epoch,
      trainLoss: lossSum / Math.max(i, 1),
      ...(validation ? { validation } : {}),
      seconds: (performance.now() - start) / 1000,
    };
    history.push(info);
    const verdict = options.callbacks?.onEpoch?.({ ...info, params, optState });
    if (verdict === 'stop') {
      epoch++;
      break;
    }
    if (options.earlyStopping && validation) {
      if (validation.errorRate < best) {
        best = validation.errorRate;
        sinceBest = 0;
      } else if (++sinceBest >= options.earlyStopping.patience) {
        epoch++;
        break;
      }
    }
  }
  return { params, optState, epochs: epoch, history };
}

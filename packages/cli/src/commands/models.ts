import { lenet5, lenet5Modern, type Model, type ModelSpec, mlp } from '@tessera/models';
import {
  adagrad,
  adam,
  adamax,
  adamw,
  cosineDecay,
  exponentialDecay,
  type GradientTransformation,
  inverseTimeDecay,
  type LearningRate,
  lecun1998Schedule,
  rmsprop,
  type Schedule,
  sdlm,
  sgd,
  warmupCosineDecay,
} from '@tessera/optim';
import { neg, softmax, type Tensor } from '@tessera/tensor';
import {
  DISTORTION_NAMES,
  type DistortionName,
  MODEL_NAMES,
  type ModelName,
  OPTIMIZER_NAMES,
  type OptimizerName,
  SCHEDULE_NAMES,
  type ScheduleName,
} from '../args/commands.js';

/**
 * What `tessera train` uses for a model when a flag is absent: its optimizer, (peak) learning
 * rate, schedule, batch size and epochs.
 *
 * @example
 * ```ts
 * import type { TrainDefaults } from '@tessera/cli';
 *
 * const d: TrainDefaults = { optimizer: 'sgd', lr: 2, schedule: 'constant', batchSize: 32, epochs: 15 };
 * ```
 */
export interface TrainDefaults {
  /** `--optimizer`. */
  readonly optimizer: OptimizerName;
  /** `--lr`: the learning rate, or a schedule's peak rate. */
  readonly lr: number;
  /** `--schedule`. */
  readonly schedule: ScheduleName;
  /** `--batch-size`. */
  readonly batchSize: number;
  /** `--epochs`. */
  readonly epochs: number;
}

/**
 * How the command builds a model and reads its outputs.
 *
 * @example
 * ```ts
 * import { MODELS } from '@tessera/cli';
 *
 * const model = MODELS.lenet5.build();
 * ```
 */
export interface ModelEntry {
  /** A fresh model (the layer, its input format, loss and prediction). */
  readonly build: () => Model;
  /** How a training thread builds the same model (data-parallel training). */
  readonly spec: ModelSpec;
  /** The flags' values when absent. */
  readonly defaults: TrainDefaults;
  /**
   * What `predict` prints next to each digit: per-class scores for a batch of outputs
   * `[N, 10]` (probabilities where the model defines them), and what they are called.
   */
  readonly scores: {
    readonly name: 'probability' | 'output';
    readonly of: (outputs: Tensor) => Tensor;
  };
}

/**
 * The models `tessera train` knows and their defaults, in one table: the defaults are what
 * the README's figures were measured with.
 *
 * | model | optimizer | learning rate | schedule | batch | epochs |
 * | --- | --- | --- | --- | --- | --- |
 * | `mlp` | sgd | 2 | constant | 32 | 15 |
 * | `lenet5` | adam | 1e-3 | cosine over the run | 64 | 15 |
 * | `lenet5-modern` | adam | 2e-3 | cosine over the run | 128 | 12 |
 *
 * @example
 * ```ts
 * import { MODELS } from '@tessera/cli';
 *
 * MODELS['lenet5-modern'].defaults.epochs; // 12
 * ```
 */
export const MODELS: { readonly [M in ModelName]: ModelEntry } = {
  mlp: {
    build: () => mlp(),
    spec: { module: '@tessera/models', name: 'mlp' },
    defaults: { optimizer: 'sgd', lr: 2, schedule: 'constant', batchSize: 32, epochs: 15 },
    // Sigmoid outputs trained towards one-hot targets: each in [0, 1], not a distribution.
    scores: { name: 'output', of: (outputs) => outputs },
  },
  lenet5: {
    build: () => lenet5(),
    spec: { module: '@tessera/models', name: 'lenet5' },
    defaults: { optimizer: 'adam', lr: 1e-3, schedule: 'cosine', batchSize: 64, epochs: 15 },
    // RBF outputs are penalties; the MAP loss (equation 9) reads exp(-y) as unnormalised
    // class probabilities.
    scores: { name: 'probability', of: (outputs) => softmax(neg(outputs), 1) },
  },
  'lenet5-modern': {
    build: () => lenet5Modern(),
    spec: { module: '@tessera/models', name: 'lenet5Modern' },
    defaults: { optimizer: 'adam', lr: 2e-3, schedule: 'cosine', batchSize: 128, epochs: 12 },
    scores: { name: 'probability', of: (outputs) => softmax(outputs, 1) },
  },
};

/**
 * Each optimizer's learning rate when `--optimizer` names one other than the model's default
 * and `--lr` is absent (sdlm's is the first rate of the paper's schedule).
 *
 * @example
 * ```ts
 * import { OPTIMIZER_LR } from '@tessera/cli';
 *
 * OPTIMIZER_LR.adam; // 0.001
 * ```
 */
export const OPTIMIZER_LR: { readonly [O in OptimizerName]: number } = {
  sgd: 0.1,
  adam: 1e-3,
  adamw: 1e-3,
  adamax: 2e-3,
  adagrad: 0.01,
  rmsprop: 1e-3,
  sdlm: 5e-4,
};

/**
 * A training run's configuration, as stored in its checkpoint: everything that decides the
 * trajectory, with every default resolved.
 *
 * @example
 * ```ts
 * import type { TrainConfig } from '@tessera/cli';
 *
 * const epochs = (config: TrainConfig) => config.epochs;
 * ```
 */
export interface TrainConfig {
  /** The model, as named on the command line. */
  readonly model: ModelName;
  /** The optimizer. */
  readonly optimizer: OptimizerName;
  /** The learning rate, or the schedule's peak (first) rate. */
  readonly lr: number;
  /** The learning-rate schedule. */
  readonly schedule: ScheduleName;
  /** Examples per batch. */
  readonly batchSize: number;
  /** Epochs in the run. */
  readonly epochs: number;
  /** Distortions of the training images. */
  readonly distort: DistortionName;
  /** The root PRNG seed. */
  readonly seed: number;
  /** Images used from each split; `null` for all. */
  readonly limit: number | null;
}

/**
 * Fills the flags a user left out with the model's defaults. An optimizer other than the
 * model's brings its own learning rate ({@link OPTIMIZER_LR}) and a constant rate (sdlm: the
 * paper's `lecun1998` schedule), since a rate tuned for one optimizer is wrong for another.
 *
 * @example
 * ```ts
 * import { resolveTrainConfig } from '@tessera/cli';
 *
 * resolveTrainConfig('mlp', { distort: 'none', seed: 0 }).lr; // 2
 * ```
 */
export function resolveTrainConfig(
  model: ModelName,
  flags: {
    readonly optimizer?: OptimizerName | undefined;
    readonly lr?: number | undefined;
    readonly schedule?: ScheduleName | undefined;
    readonly batchSize?: number | undefined;
    readonly epochs?: number | undefined;
    readonly distort: DistortionName;
    readonly seed: number;
    readonly limit?: number | undefined;
  },
): TrainConfig {
  const defaults = MODELS[model].defaults;
  const optimizer = flags.optimizer ?? defaults.optimizer;
  const own = optimizer === defaults.optimizer;
  return {
    model,
    optimizer,
    lr: flags.lr ?? (own ? defaults.lr : OPTIMIZER_LR[optimizer]),
    schedule:
      flags.schedule ?? (own ? defaults.schedule : optimizer === 'sdlm' ? 'lecun1998' : 'constant'),
    batchSize: flags.batchSize ?? defaults.batchSize,
    epochs: flags.epochs ?? defaults.epochs,
    distort: flags.distort,
    seed: flags.seed,
    limit: flags.limit ?? null,
  };
}

/** The first rate of the paper's schedule, which `--lr` rescales. */
const LECUN1998_FIRST_RATE = 5e-4;

/**
 * The learning rate against the optimizer step count, for a run of `stepsPerEpoch` steps per
 * epoch and `epochs` epochs:
 *
 * - `constant`: `lr` throughout;
 * - `cosine`: cosine decay from `lr` to 0 over the whole run;
 * - `warmup-cosine`: linear warm-up from 0 over the first epoch (at most a tenth of the run),
 *   then cosine decay to 0;
 * - `exponential`: `lr * 0.01^(step / steps)`, down to 1% of `lr` at the end;
 * - `inverse-time`: `lr / (1 + epoch)`, smoothly;
 * - `lecun1998`: the paper's rates per pass (2 passes at 0.0005, 3 at 0.0002, 3 at 0.0001, 4 at
 *   0.00005, then 0.00001), scaled so that the first is `lr`.
 *
 * @example
 * ```ts
 * import { makeSchedule } from '@tessera/cli';
 *
 * makeSchedule('cosine', 0.002, 391, 4)(782); // 0.001, half-way
 * ```
 */
export function makeSchedule(
  name: ScheduleName,
  lr: number,
  stepsPerEpoch: number,
  epochs: number,
): Schedule {
  const steps = stepsPerEpoch * epochs;
  switch (name) {
    case 'constant':
      return () => lr;
    case 'cosine':
      return cosineDecay({ initValue: lr, decaySteps: steps });
    case 'warmup-cosine':
      return warmupCosineDecay({
        peakValue: lr,
        warmupSteps: Math.min(stepsPerEpoch, Math.floor(steps / 10)),
        decaySteps: steps,
      });
    case 'exponential':
      return exponentialDecay({ initValue: lr, decayRate: 0.01, transitionSteps: steps });
    case 'inverse-time':
      return inverseTimeDecay({ initValue: lr, decayRate: 1, decaySteps: stepsPerEpoch });
    case 'lecun1998': {
      const paper = lecun1998Schedule(stepsPerEpoch);
      const factor = lr / LECUN1998_FIRST_RATE;
      return (count) => paper(count) * factor;
    }
  }
}

/**
 * The weight of each per-step curvature estimate in `sdlm`'s running average (Appendix C's
 * `gamma`): small, since one batch's estimate is noisy; `train` estimates on every batch.
 */
export const SDLM_CURVATURE_WEIGHT = 0.01;

/**
 * The optimizer `name` with learning rate `rate` (a number or a schedule), each with its
 * library defaults (sdlm: damping 0.02, as in the paper, and a running average of per-step
 * curvature estimates with weight {@link SDLM_CURVATURE_WEIGHT}).
 *
 * @example
 * ```ts
 * import { makeOptimizer } from '@tessera/cli';
 *
 * const optimizer = makeOptimizer('adam', 1e-3);
 * ```
 */
export function makeOptimizer(name: OptimizerName, rate: LearningRate): GradientTransformation {
  switch (name) {
    case 'sgd':
      return sgd(rate);
    case 'adam':
      return adam(rate);
    case 'adamw':
      return adamw(rate);
    case 'adamax':
      return adamax(rate);
    case 'adagrad':
      return adagrad(rate);
    case 'rmsprop':
      return rmsprop(rate);
    case 'sdlm':
      return sdlm(rate, { curvatureWeight: SDLM_CURVATURE_WEIGHT });
  }
}

/**
 * Reads a run's configuration back from a checkpoint's JSON, checking each field, so that a
 * checkpoint from elsewhere fails with a message naming the field.
 *
 * @throws Error naming the checkpoint and the field that is missing or wrong.
 *
 * @example
 * ```ts
 * import { parseTrainConfig } from '@tessera/cli';
 *
 * const config = parseTrainConfig(checkpoint.config, 'run/checkpoint.safetensors');
 * ```
 */
export function parseTrainConfig(json: unknown, where: string): TrainConfig {
  const bad = (field: string, expected: string, value: unknown): never => {
    throw new Error(
      `${where}: the checkpoint's config.${field} is ${JSON.stringify(value) ?? 'missing'}; ` +
        `expected ${expected} (was it written by 'tessera train'?)`,
    );
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return bad('', 'an object', json);
  }
  const config = json as Record<string, unknown>;
  const choice = <C extends string>(field: string, choices: readonly C[]): C => {
    const value = config[field];
    return typeof value === 'string' && (choices as readonly string[]).includes(value)
      ? (value as C)
      : bad(field, `one of ${choices.join(', ')}`, value);
  };
  const number = (field: string, check: (x: number) => boolean, expected: string): number => {
    const value = config[field];
    return typeof value === 'number' && check(value) ? value : bad(field, expected, value);
  };
  const count = (x: number) => Number.isSafeInteger(x) && x >= 1;
  const limit = config.limit;
  return {
    model: choice('model', MODEL_NAMES),
    optimizer: choice('optimizer', OPTIMIZER_NAMES),
    lr: number('lr', (x) => Number.isFinite(x) && x > 0, 'a positive number'),
    schedule: choice('schedule', SCHEDULE_NAMES),
    batchSize: number('batchSize', count, 'a whole number >= 1'),
    epochs: number('epochs', count, 'a whole number >= 1'),
    distort: choice('distort', DISTORTION_NAMES),
    seed: number('seed', (x) => Number.isSafeInteger(x) && x >= 0, 'a whole number >= 0'),
    limit:
      limit === null || limit === undefined
        ? null
        : number('limit', count, 'null or a whole number >= 1'),
  };
}

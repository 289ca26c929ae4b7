import type {
  ChoiceFlag,
  CommandSpec,
  Defaulted,
  FlagValues,
  IntFlag,
  NumberFlag,
  StringFlag,
} from './spec.js';

/**
 * The models `tessera train` knows, as named on the command line.
 *
 * @example
 * ```ts
 * import { MODEL_NAMES } from '@tessera/cli';
 *
 * MODEL_NAMES; // ['mlp', 'lenet5', 'lenet5-modern']
 * ```
 */
export const MODEL_NAMES = ['mlp', 'lenet5', 'lenet5-modern'] as const;

/**
 * A model name accepted by `tessera train`.
 *
 * @example
 * ```ts
 * import type { ModelName } from '@tessera/cli';
 *
 * const model: ModelName = 'lenet5';
 * ```
 */
export type ModelName = (typeof MODEL_NAMES)[number];

/**
 * The optimizers `--optimizer` accepts (sdlm: the stochastic diagonal Levenberg-Marquardt
 * method of LeCun et al. 1998).
 *
 * @example
 * ```ts
 * import { OPTIMIZER_NAMES } from '@tessera/cli';
 *
 * OPTIMIZER_NAMES.includes('adam'); // true
 * ```
 */
export const OPTIMIZER_NAMES = [
  'sgd',
  'adam',
  'adamw',
  'adamax',
  'adagrad',
  'rmsprop',
  'sdlm',
] as const;

/**
 * An optimizer name accepted by `--optimizer`.
 *
 * @example
 * ```ts
 * import type { OptimizerName } from '@tessera/cli';
 *
 * const optimizer: OptimizerName = 'sgd';
 * ```
 */
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/**
 * The learning-rate schedules `--schedule` accepts (lecun1998: the piecewise constant schedule
 * of the paper).
 *
 * @example
 * ```ts
 * import { SCHEDULE_NAMES } from '@tessera/cli';
 *
 * SCHEDULE_NAMES[0]; // 'constant'
 * ```
 */
export const SCHEDULE_NAMES = [
  'constant',
  'lecun1998',
  'cosine',
  'warmup-cosine',
  'exponential',
  'inverse-time',
] as const;

/**
 * A schedule name accepted by `--schedule`.
 *
 * @example
 * ```ts
 * import type { ScheduleName } from '@tessera/cli';
 *
 * const schedule: ScheduleName = 'cosine';
 * ```
 */
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

/**
 * The distortions `--distort` accepts: none, the planar affine ones of LeCun et al. 1998, or
 * the elastic ones of Simard et al. 2003.
 *
 * @example
 * ```ts
 * import { DISTORTION_NAMES } from '@tessera/cli';
 *
 * DISTORTION_NAMES; // ['none', 'affine', 'elastic']
 * ```
 */
export const DISTORTION_NAMES = ['none', 'affine', 'elastic'] as const;

/**
 * A distortion name accepted by `--distort`.
 *
 * @example
 * ```ts
 * import type { DistortionName } from '@tessera/cli';
 *
 * const distort: DistortionName = 'elastic';
 * ```
 */
export type DistortionName = (typeof DISTORTION_NAMES)[number];

/**
 * The kernel backends `--backend` accepts.
 *
 * @example
 * ```ts
 * import { BACKEND_NAMES } from '@tessera/cli';
 *
 * BACKEND_NAMES; // ['gpujs', 'reference']
 * ```
 */
export const BACKEND_NAMES = ['gpujs', 'reference'] as const;

/**
 * A backend name accepted by `--backend`.
 *
 * @example
 * ```ts
 * import type { BackendName } from '@tessera/cli';
 *
 * const backend: BackendName = 'reference';
 * ```
 */
export type BackendName = (typeof BACKEND_NAMES)[number];

// Flags shared by several commands are defined once, so their help and checks agree.
const backend: Defaulted<ChoiceFlag<BackendName>> = {
  type: 'choice',
  choices: BACKEND_NAMES,
  default: 'gpujs',
  placeholder: 'NAME',
  help: 'kernel backend (gpujs: WebAssembly on both cores; reference: plain TypeScript)',
};

/**
 * The flags of `tessera train`: their types, which give {@link TrainOptions}.
 *
 * @example
 * ```ts
 * import type { TrainFlags } from '@tessera/cli';
 *
 * const distort: TrainFlags['distort'] = TRAIN_FLAGS.distort;
 * ```
 */
export type TrainFlags = {
  /** `--epochs N`: epochs to train; the model's default when absent. */
  readonly epochs: IntFlag;
  /** `--batch-size N`: examples per batch; the model's default when absent. */
  readonly batchSize: IntFlag;
  /** `--optimizer NAME`; the model's default when absent. */
  readonly optimizer: ChoiceFlag<OptimizerName>;
  /** `--lr X`: the (peak) learning rate; the model's default when absent. */
  readonly lr: NumberFlag;
  /** `--schedule NAME`; the model's default when absent. */
  readonly schedule: ChoiceFlag<ScheduleName>;
  /** `--distort KIND`, `none` by default. */
  readonly distort: Defaulted<ChoiceFlag<DistortionName>>;
  /** `--seed N`, 0 by default. */
  readonly seed: Defaulted<IntFlag>;
  /** `--limit N`: use the first N images of each split only; all when absent. */
  readonly limit: IntFlag;
  /** `--backend NAME`, `gpujs` by default. */
  readonly backend: Defaulted<ChoiceFlag<BackendName>>;
  /** `--out DIR`: the run folder; `runs/<model>-seed<seed>` (or the resumed checkpoint's folder) when absent. */
  readonly out: StringFlag;
  /** `--resume CKPT`: continue from a checkpoint. */
  readonly resume: StringFlag;
};

/**
 * The flags of `tessera train`.
 *
 * @example
 * ```ts
 * import { TRAIN_FLAGS } from '@tessera/cli';
 *
 * TRAIN_FLAGS.distort.choices; // ['none', 'affine', 'elastic']
 * ```
 */
export const TRAIN_FLAGS: TrainFlags = {
  epochs: {
    type: 'int',
    min: 1,
    placeholder: 'N',
    defaultText: "the model's",
    help: 'epochs to train',
  },
  batchSize: {
    type: 'int',
    min: 1,
    placeholder: 'N',
    defaultText: "the model's",
    help: 'examples per batch',
  },
  optimizer: {
    type: 'choice',
    choices: OPTIMIZER_NAMES,
    placeholder: 'NAME',
    defaultText: "the model's",
    help: 'optimizer (sdlm: the stochastic diagonal Levenberg-Marquardt method of the paper)',
  },
  lr: {
    type: 'number',
    positive: true,
    placeholder: 'X',
    defaultText: "the model's",
    help: 'learning rate (the peak rate of a schedule)',
  },
  schedule: {
    type: 'choice',
    choices: SCHEDULE_NAMES,
    placeholder: 'NAME',
    defaultText: "the model's",
    help: 'learning-rate schedule over the run (lecun1998: the piecewise constant one of the paper)',
  },
  distort: {
    type: 'choice',
    choices: DISTORTION_NAMES,
    default: 'none',
    placeholder: 'KIND',
    help: 'distort training images (affine: LeCun et al. 1998; elastic: Simard et al. 2003)',
  },
  seed: {
    type: 'int',
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    default: 0,
    placeholder: 'N',
    help: 'root PRNG seed: initialisation, shuffling and distortions derive from it',
  },
  limit: {
    type: 'int',
    min: 1,
    placeholder: 'N',
    defaultText: 'all',
    help:
      'use only the first N images of each split (training, validation and the final ' +
      'test), for quick trials',
  },
  backend,
  out: {
    type: 'string',
    placeholder: 'DIR',
    defaultText: "runs/<model>-seed<seed>; with --resume, the checkpoint's folder",
    help: 'run folder for metrics, plots and the checkpoint',
  },
  resume: {
    type: 'string',
    placeholder: 'CKPT',
    help: 'continue the run saved in this checkpoint',
  },
};

/**
 * The flags of `tessera eval`: their types, which give {@link EvalOptions}.
 *
 * @example
 * ```ts
 * import type { EvalFlags } from '@tessera/cli';
 *
 * const flags: EvalFlags = EVAL_FLAGS;
 * ```
 */
export type EvalFlags = {
  /** `--batch-size N`, 1000 by default. */
  readonly batchSize: Defaulted<IntFlag>;
  /** `--backend NAME`, `gpujs` by default. */
  readonly backend: Defaulted<ChoiceFlag<BackendName>>;
  /** `--out DIR`: where to write `confusion.svg` and `test.json`; nothing is written when absent. */
  readonly out: StringFlag;
};

/**
 * The flags of `tessera eval`.
 *
 * @example
 * ```ts
 * import { EVAL_FLAGS } from '@tessera/cli';
 *
 * Object.keys(EVAL_FLAGS); // ['batchSize', 'backend', 'out']
 * ```
 */
export const EVAL_FLAGS: EvalFlags = {
  batchSize: {
    type: 'int',
    min: 1,
    default: 1000,
    placeholder: 'N',
    help: 'examples per batch (evaluation keeps no gradients, so large batches are cheap)',
  },
  backend,
  out: {
    type: 'string',
    placeholder: 'DIR',
    defaultText: 'write nothing',
    help: 'folder for the confusion matrix (confusion.svg) and the results (test.json)',
  },
};

/**
 * The flags of `tessera predict`: their types, which give {@link PredictOptions}.
 *
 * @example
 * ```ts
 * import type { PredictFlags } from '@tessera/cli';
 *
 * const flags: PredictFlags = PREDICT_FLAGS;
 * ```
 */
export type PredictFlags = {
  /** `--backend NAME`, `gpujs` by default. */
  readonly backend: Defaulted<ChoiceFlag<BackendName>>;
};

/**
 * The flags of `tessera predict`.
 *
 * @example
 * ```ts
 * import { PREDICT_FLAGS } from '@tessera/cli';
 *
 * PREDICT_FLAGS.backend.default; // 'gpujs'
 * ```
 */
export const PREDICT_FLAGS: PredictFlags = { backend };

/**
 * The flags of `tessera info`: none besides `--help`.
 *
 * @example
 * ```ts
 * import type { InfoFlags } from '@tessera/cli';
 *
 * const flags: InfoFlags = {};
 * ```
 */
// biome-ignore lint/complexity/noBannedTypes: a command without flags has an empty table.
export type InfoFlags = {};

/**
 * The flags of `tessera info` (none besides `--help`).
 *
 * @example
 * ```ts
 * import { INFO_FLAGS } from '@tessera/cli';
 *
 * Object.keys(INFO_FLAGS); // []
 * ```
 */
export const INFO_FLAGS: InfoFlags = {};

/**
 * The options of `tessera train`, as parsed.
 *
 * @example
 * ```ts
 * import type { TrainOptions } from '@tessera/cli';
 *
 * const epochs = (options: TrainOptions) => options.epochs ?? 20;
 * ```
 */
export type TrainOptions = FlagValues<TrainFlags>;

/**
 * The options of `tessera eval`, as parsed.
 *
 * @example
 * ```ts
 * import type { EvalOptions } from '@tessera/cli';
 *
 * const options: EvalOptions = { batchSize: 1000, backend: 'gpujs', out: undefined };
 * ```
 */
export type EvalOptions = FlagValues<EvalFlags>;

/**
 * The options of `tessera predict`, as parsed.
 *
 * @example
 * ```ts
 * import type { PredictOptions } from '@tessera/cli';
 *
 * const options: PredictOptions = { backend: 'reference' };
 * ```
 */
export type PredictOptions = FlagValues<PredictFlags>;

/**
 * The options of `tessera info`, as parsed: none.
 *
 * @example
 * ```ts
 * import type { InfoOptions } from '@tessera/cli';
 *
 * const options: InfoOptions = {};
 * ```
 */
export type InfoOptions = FlagValues<InfoFlags>;

/**
 * The type of {@link COMMANDS}: each subcommand's spec with its own flag table.
 *
 * @example
 * ```ts
 * import type { CommandTable } from '@tessera/cli';
 *
 * const summary = (commands: CommandTable) => commands.train.summary;
 * ```
 */
export type CommandTable = {
  /** `tessera train <model>`. */
  readonly train: CommandSpec<TrainFlags>;
  /** `tessera eval <checkpoint>`. */
  readonly eval: CommandSpec<EvalFlags>;
  /** `tessera predict <checkpoint> <image.png>...`. */
  readonly predict: CommandSpec<PredictFlags>;
  /** `tessera info <checkpoint>`. */
  readonly info: CommandSpec<InfoFlags>;
};

/**
 * Every subcommand of `tessera`. The parser and the help text both read this table.
 *
 * @example
 * ```ts
 * import { COMMANDS } from '@tessera/cli';
 *
 * COMMANDS.train.summary; // 'train a model on MNIST'
 * ```
 */
export const COMMANDS: CommandTable = {
  train: {
    name: 'train',
    summary: 'train a model on MNIST',
    description:
      'Trains a model on the first 50,000 MNIST training images, validates on the last ' +
      '10,000 after each epoch, then evaluates on the 10,000 test images and prints the ' +
      'test error. The run folder receives metrics.jsonl and metrics.csv and ' +
      'checkpoint.safetensors after each epoch (so an interrupted run can resume), and ' +
      'curves.svg, confusion.svg and test.json at the end. Defaults per model: mlp: sgd, ' +
      'lr 2, batch 32, 15 epochs; lenet5: adam, lr 0.001 with cosine decay, batch 64, 15 ' +
      'epochs; lenet5-modern: adam, lr 0.002 with cosine decay, batch 128, 12 epochs.',
    positionals: [{ name: 'model', help: 'the model to train', choices: MODEL_NAMES }],
    flags: TRAIN_FLAGS,
    examples: [
      'tessera train lenet5',
      'tessera train lenet5 --distort affine --epochs 20 --out runs/lenet5-affine',
      'tessera train mlp --optimizer sgd --lr 0.1 --epochs 30',
      'tessera train lenet5 --epochs 30 --resume runs/lenet5/checkpoint.safetensors',
    ],
  },
  eval: {
    name: 'eval',
    summary: 'evaluate a checkpoint on the MNIST test set',
    description:
      'Loads a checkpoint and prints its loss and error rate on the 10,000 MNIST test ' +
      'images; with --out, also writes the confusion matrix as an SVG and the results as JSON.',
    positionals: [{ name: 'checkpoint', help: 'a checkpoint.safetensors written by train' }],
    flags: EVAL_FLAGS,
    examples: ['tessera eval runs/lenet5/checkpoint.safetensors'],
  },
  predict: {
    name: 'predict',
    summary: 'classify digit images with a checkpoint',
    description:
      'Classifies 28x28 PNG images of handwritten digits in MNIST polarity (light ink on a ' +
      'dark background; nothing is resized or inverted) and prints the predicted digit of ' +
      'each with its probability (for mlp: its output).',
    positionals: [
      { name: 'checkpoint', help: 'a checkpoint.safetensors written by train' },
      { name: 'image.png', help: 'one or more PNG images', variadic: true },
    ],
    flags: PREDICT_FLAGS,
    examples: ['tessera predict runs/lenet5/checkpoint.safetensors seven.png two.png'],
  },
  info: {
    name: 'info',
    summary: "show a checkpoint's model, configuration and tensors",
    description:
      'Prints what a checkpoint holds: the configuration it was trained with, its epoch and ' +
      'step, the metrics so far, and each tensor with its shape and dtype.',
    positionals: [{ name: 'checkpoint', help: 'a checkpoint.safetensors written by train' }],
    flags: INFO_FLAGS,
    examples: ['tessera info runs/lenet5/checkpoint.safetensors'],
  },
};

/**
 * A subcommand's name.
 *
 * @example
 * ```ts
 * import type { CommandName } from '@tessera/cli';
 *
 * const command: CommandName = 'train';
 * ```
 */
export type CommandName = keyof CommandTable;

/**
 * The subcommand names, in help order.
 *
 * @example
 * ```ts
 * import { COMMAND_NAMES } from '@tessera/cli';
 *
 * COMMAND_NAMES; // ['train', 'eval', 'predict', 'info']
 * ```
 */
export const COMMAND_NAMES: readonly CommandName[] = ['train', 'eval', 'predict', 'info'];

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DistortOptions, fromTensors, type MnistSplit, mnist } from '@tessera/data';
import {
  type Checkpoint,
  type Evaluation,
  evaluate,
  type FitOptions,
  type FitResult,
  fit,
  gaussNewtonOf,
  type Model,
  makeDataParallelTrainStep,
  restoreInto,
  runKeys,
  saveCheckpoint,
} from '@tessera/models';
import type { OptState, TensorTree } from '@tessera/optim';
import { Key, key } from '@tessera/random';
import { backendInfo } from '@tessera/tensor';
import { TRAIN_FLAGS, type TrainOptions } from '../args/commands.js';
import type { TrainInvocation } from '../args/parse.js';
import { formatPercent } from '../progress/format.js';
import { createProgressReporter } from '../progress/reporter.js';
import { EpochTracker } from '../progress/tracker.js';
import { appendMetrics, EPOCH_COLUMNS, type MetricsRecord, readJsonl } from '../report/metrics.js';
import { confusionMatrixSvg } from '../report/svg/confusion-matrix.js';
import { type EpochMetrics, trainingCurvesSvg } from '../report/svg/training-curves.js';
import type { CliIo } from './io.js';
import {
  MODELS,
  makeOptimizer,
  makeSchedule,
  parseTrainConfig,
  resolveTrainConfig,
  type TrainConfig,
} from './models.js';
import { formatElapsed, kernelThreads, onBackend, readCheckpoint } from './run.js';

/**
 * The files of a run folder, by role.
 *
 * @example
 * ```ts
 * import { RUN_FILES } from '@tessera/cli';
 *
 * RUN_FILES.checkpoint; // 'checkpoint.safetensors'
 * ```
 */
export const RUN_FILES = {
  /** Parameters, optimizer state, epoch, step, keys and configuration; after every epoch. */
  checkpoint: 'checkpoint.safetensors',
  /** One JSON object per epoch. */
  metricsJsonl: 'metrics.jsonl',
  /** The same rows as CSV. */
  metricsCsv: 'metrics.csv',
  /** Training and validation curves, at the end. */
  curves: 'curves.svg',
  /** The test set's confusion matrix, at the end. */
  confusion: 'confusion.svg',
  /** The final evaluation on the test set, at the end. */
  test: 'test.json',
} as const;

/** Evaluation batches: large, since evaluation keeps no gradients. */
const EVAL_BATCH = 1000;

/**
 * `tessera train`: trains a model on the lecture's partition of the MNIST training file (the
 * first 50,000 images; the last 10,000 validate after each epoch), writing the run folder as
 * it goes (metrics rows and the checkpoint after each epoch), then evaluates on the test set,
 * writes the plots and `test.json`, and prints the test error as its last line.
 *
 * @returns the exit code.
 * @throws Error when the run folder already holds a run (unless resuming it), or when a
 *   checkpoint to resume does not fit the model or the flags.
 *
 * @example
 * ```ts
 * await train({ command: 'train', model: 'lenet5', options }, io);
 * // ...
 * // test error 0.92% (92 of 10000) — lenet5, 15 epochs, 41m10s, run folder runs/lenet5-seed0
 * ```
 */
export async function train(invocation: TrainInvocation, io: CliIo): Promise<number> {
  const started = performance.now();
  const { model: name, options } = invocation;
  const resume = options.resume === undefined ? undefined : readCheckpoint(options.resume);
  const config =
    resume === undefined
      ? resolveTrainConfig(name, options)
      : resumedConfig(name, options, parseTrainConfig(resume.config, options.resume!));
  const out =
    options.out ??
    (options.resume === undefined ? `runs/${name}-seed${config.seed}` : dirname(options.resume));
  prepareFolder(out, resume);
  // On gpujs, every core trains: each step's batch is cut across data-parallel threads (faster
  // than cutting each kernel: the whole step runs in parallel), so the kernels keep one thread.
  const threads = options.backend === 'gpujs' ? kernelThreads(process.env) : 1;
  return onBackend(
    options.backend,
    () => {
      const result = runTraining({
        config,
        out,
        resume,
        resumePath: options.resume,
        backend: options.backend,
        threads,
        io,
      });
      const elapsed = (performance.now() - started) / 1000;
      const { errorRate, count } = result.test;
      const errors = Math.round(errorRate * count);
      io.stdout.write(
        `test error ${formatPercent(errorRate)} (${errors} of ${count}) — ${name}, ` +
          `${plural(result.epochs, 'epoch')}, ` +
          `${formatElapsed(elapsed)}, run folder ${out}\n`,
      );
      return 0;
    },
    1,
  );
}

/**
 * The configuration of a resumed run: the checkpoint's, with `--epochs` (to train longer)
 * taken from the command line. Any other training flag must agree with the checkpoint, since
 * changing it would not continue the same run.
 */
function resumedConfig(
  name: TrainInvocation['model'],
  options: TrainOptions,
  saved: TrainConfig,
): TrainConfig {
  const path = options.resume!;
  if (saved.model !== name) {
    throw new Error(
      `${path} holds a ${saved.model} run, not ${name}; ` +
        `resume it with 'tessera train ${saved.model} --resume ${path}'`,
    );
  }
  const given: [keyof TrainConfig, unknown][] = [
    ['optimizer', options.optimizer],
    ['lr', options.lr],
    ['schedule', options.schedule],
    ['batchSize', options.batchSize],
    ['limit', options.limit],
    // Flags with a default cannot tell "absent" from "given as the default": only a value
    // other than the default counts as given.
    ['distort', options.distort === TRAIN_FLAGS.distort.default ? undefined : options.distort],
    ['seed', options.seed === TRAIN_FLAGS.seed.default ? undefined : options.seed],
  ];
  for (const [field, value] of given) {
    if (value !== undefined && value !== saved[field]) {
      const flag = `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      throw new Error(
        `${flag} ${value} differs from the checkpoint's ${saved[field] ?? 'none'}; a resumed run ` +
          `keeps its configuration (only --epochs, --backend and --out may change)`,
      );
    }
  }
  return { ...saved, epochs: options.epochs ?? saved.epochs };
}

/**
 * Makes the run folder. A fresh run refuses a folder that holds another run's checkpoint or
 * metrics, rather than mixing them; a resumed run keeps the metrics rows up to its epoch.
 */
function prepareFolder(out: string, resume: Checkpoint | undefined): void {
  const checkpoint = join(out, RUN_FILES.checkpoint);
  const jsonl = join(out, RUN_FILES.metricsJsonl);
  const csv = join(out, RUN_FILES.metricsCsv);
  if (resume === undefined) {
    if (existsSync(checkpoint) || existsSync(jsonl)) {
      throw new Error(
        `${out} already holds a run; continue it with --resume ${checkpoint}, ` +
          'or choose another folder with --out, or delete this one',
      );
    }
    mkdirSync(out, { recursive: true });
    rmSync(csv, { force: true });
    return;
  }
  mkdirSync(out, { recursive: true });
  // Rows after the checkpoint's epoch (an interrupted epoch, or a checkpoint older than the
  // metrics) would be trained again: drop them, so the files hold each epoch once.
  const kept = readJsonl(jsonl).filter(
    (row) => typeof row.epoch === 'number' && row.epoch <= resume.epoch,
  );
  rmSync(jsonl, { force: true });
  rmSync(csv, { force: true });
  for (const row of kept) appendMetrics(out, EPOCH_COLUMNS, row);
}

interface TrainingRun {
  readonly config: TrainConfig;
  readonly out: string;
  readonly resume: Checkpoint | undefined;
  readonly resumePath: string | undefined;
  readonly backend: string;
  /** Threads computing each training step (data parallel when more than one). */
  readonly threads: number;
  readonly io: CliIo;
}

/** Loads the data, trains, evaluates on the test set and writes the run folder. */
function runTraining(run: TrainingRun): { test: Evaluation; epochs: number } {
  const { config, out, resume, io } = run;
  const model = MODELS[config.model].build();
  const load = (split: MnistSplit, limit = config.limit) =>
    mnist({ split, ...model.input, ...(limit === null ? {} : { limit }) });
  const trainSet = fromTensors(load('train50k'));
  const validation = fromTensors(load('validation'));
  const stepsPerEpoch = Math.ceil(trainSet.size / config.batchSize);
  const schedule = makeSchedule(config.schedule, config.lr, stepsPerEpoch, config.epochs);
  const optimizer = makeOptimizer(config.optimizer, schedule);
  const root = resume === undefined ? key(config.seed) : rootKey(resume);
  const progress = createProgressReporter(io.stdout);

  const startEpoch = resume?.epoch ?? 0;
  const what =
    resume === undefined
      ? `training ${config.model}`
      : `resuming ${config.model} after epoch ${startEpoch}`;
  progress.message(
    `${what} on ${trainSet.size} images, validating on ${validation.size}: ` +
      `${config.optimizer} lr ${config.lr} (${config.schedule}), batch ${config.batchSize}, ` +
      `${plural(config.epochs, 'epoch')}, distort ${config.distort}, seed ${config.seed}, ` +
      `backend ${backendInfo().name}${run.threads > 1 ? ` on ${run.threads} threads` : ''}`,
  );

  let step = resume?.step ?? 0;
  let epochStart = performance.now();
  let trainEnd = epochStart;
  let tracker: EpochTracker | undefined;
  const fitOptions: FitOptions<unknown> = {
    model: model as Model<unknown>,
    optimizer,
    train: trainSet,
    validation,
    epochs: config.epochs,
    batchSize: config.batchSize,
    key: root,
    ...distortOption(config),
    ...curvatureOption(model, config),
    ...(resume === undefined
      ? {}
      : { resume: resumedState(model, optimizer, root, resume, run.resumePath!) }),
    callbacks: {
      onStep(info) {
        if (info.step === 0) {
          tracker = new EpochTracker(
            { epoch: info.epoch + 1, epochs: config.epochs, total: trainSet.size },
            epochStart,
          );
        }
        step++;
        trainEnd = performance.now();
        progress.step(tracker!.add(info.loss, info.examples, trainEnd));
      },
      onEpoch(info) {
        const epoch = info.epoch + 1;
        const trainSeconds = (trainEnd - epochStart) / 1000;
        const record = {
          epoch,
          step,
          trainLoss: finite(info.trainLoss),
          trainError: null,
          valLoss: finite(info.validation?.loss),
          valError: finite(info.validation?.errorRate),
          lr: finite(schedule(Math.max(step - 1, 0))),
          seconds: finite(info.seconds),
          imagesPerSecond: finite(trainSet.size / trainSeconds),
        } satisfies MetricsRecord;
        appendMetrics(out, EPOCH_COLUMNS, record);
        saveCheckpoint(join(out, RUN_FILES.checkpoint), {
          params: info.params as TensorTree,
          optState: info.optState,
          epoch,
          step,
          keys: { root },
          config: { ...config, backend: run.backend },
          metrics: record,
        });
        progress.epoch({
          epoch,
          epochs: config.epochs,
          trainLoss: info.trainLoss,
          ...(info.validation === undefined
            ? {}
            : { valLoss: info.validation.loss, valError: info.validation.errorRate }),
          seconds: info.seconds,
          images: trainSet.size,
        });
        epochStart = performance.now();
      },
    },
  };
  const parallelStep =
    run.threads > 1
      ? makeDataParallelTrainStep(model, optimizer, {
          threads: run.threads,
          spec: MODELS[config.model].spec,
        })
      : undefined;
  let result: FitResult<unknown>;
  try {
    result = fit(parallelStep === undefined ? fitOptions : { ...fitOptions, step: parallelStep });
  } finally {
    parallelStep?.close();
  }
  progress.close();

  const test = evaluate(
    model,
    result.params,
    fromTensors(load('test')).batch(EVAL_BATCH).iterate(),
  );
  const history = readJsonl(join(out, RUN_FILES.metricsJsonl)).map(epochMetrics);
  writeFileSync(join(out, RUN_FILES.curves), trainingCurvesSvg(history));
  writeFileSync(
    join(out, RUN_FILES.confusion),
    confusionMatrixSvg(test.confusion, {
      title: `${config.model}: test confusion matrix (error ${formatPercent(test.errorRate)})`,
    }),
  );
  writeFileSync(
    join(out, RUN_FILES.test),
    `${JSON.stringify(
      {
        model: config.model,
        epochs: result.epochs,
        split: 'test',
        count: test.count,
        errors: Math.round(test.errorRate * test.count),
        errorRate: test.errorRate,
        loss: finite(test.loss),
        confusion: test.confusion,
        config,
      },
      null,
      2,
    )}\n`,
  );
  return { test, epochs: result.epochs };
}

/** `--distort` as `fit`'s option. */
function distortOption(config: TrainConfig): { distort?: DistortOptions } {
  switch (config.distort) {
    case 'none':
      return {};
    case 'affine':
      return { distort: { affine: {} } };
    case 'elastic':
      return { distort: { elastic: {} } };
  }
}

/**
 * For `sdlm`: the diagonal Gauss-Newton estimate on every training batch (`gaussNewtonOf`: the
 * model's own, such as `lenet5`'s through its RBF head, else `diagGaussNewton`), averaged by
 * the optimizer (Appendix C's running estimate). The paper's other protocol, one estimate on 500
 * images before each pass, lets the faithful LeNet-5 diverge at the paper's rates: with its
 * initialisation the curvature is tiny at first and the upper layers grow within a few steps.
 */
function curvatureOption(
  model: Model,
  config: TrainConfig,
): Pick<FitOptions<unknown>, 'curvature' | 'curvatureEvery'> {
  if (config.optimizer !== 'sdlm') return {};
  const estimate = gaussNewtonOf(model);
  return {
    curvatureEvery: 'step',
    curvature: (params, k, batch) => estimate(params, batch!.images, k),
  };
}

/** The root key of a checkpoint written by `tessera train`. */
function rootKey(checkpoint: Checkpoint): Key {
  const keys = checkpoint.keys as { readonly root?: unknown };
  if (typeof keys !== 'object' || keys === null || !(keys.root instanceof Key)) {
    throw new Error("the checkpoint has no keys.root; was it written by 'tessera train'?");
  }
  return keys.root;
}

/** The checkpoint's parameters and optimizer state, checked against fresh templates. */
function resumedState(
  model: Model,
  optimizer: ReturnType<typeof makeOptimizer>,
  root: Key,
  checkpoint: Checkpoint,
  path: string,
): { params: unknown; optState: OptState; startEpoch: number } {
  const [, template] = model.layer.init(runKeys(root).init, model.inputShape);
  try {
    const params = restoreInto(template, checkpoint.params, 'params');
    const optState = restoreInto(
      optimizer.init(params as TensorTree),
      checkpoint.optState,
      'optState',
    );
    return { params, optState, startEpoch: checkpoint.epoch };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${path}: ${message}`, { cause: error });
  }
}

/** `1 epoch`, `4 epochs`. */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A number for JSON: `null` when missing or not finite. */
function finite(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** A metrics row as the curves read it. */
function epochMetrics(row: MetricsRecord): EpochMetrics {
  const num = (name: string) => (typeof row[name] === 'number' ? (row[name] as number) : null);
  return {
    epoch: num('epoch') ?? 0,
    trainLoss: num('trainLoss'),
    valLoss: num('valLoss'),
    trainError: num('trainError'),
    valError: num('valError'),
  };
}

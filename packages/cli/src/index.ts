/**
 * `@tessera/cli`: the `tessera` command (train, eval, predict, info) and its parts: an argument
 * parser driven by one typed table of commands and flags, progress bars and epoch lines,
 * metrics files (JSON Lines and CSV), and hand-written SVG plots of training curves and
 * confusion matrices.
 *
 * @example
 * ```ts
 * import { main } from '@tessera/cli';
 *
 * process.exitCode = await main(['train', 'lenet5', '--epochs', '20']);
 * ```
 *
 * @packageDocumentation
 */

export {
  BACKEND_NAMES,
  type BackendName,
  COMMAND_NAMES,
  COMMANDS,
  type CommandName,
  type CommandTable,
  DISTORTION_NAMES,
  type DistortionName,
  EVAL_FLAGS,
  type EvalFlags,
  type EvalOptions,
  INFO_FLAGS,
  type InfoFlags,
  type InfoOptions,
  MODEL_NAMES,
  type ModelName,
  OPTIMIZER_NAMES,
  type OptimizerName,
  PREDICT_FLAGS,
  type PredictFlags,
  type PredictOptions,
  SCHEDULE_NAMES,
  type ScheduleName,
  TRAIN_FLAGS,
  type TrainFlags,
  type TrainOptions,
} from './args/commands.js';
export { UsageError } from './args/errors.js';
export { formatHelp } from './args/help.js';
export {
  type EvalInvocation,
  type HelpInvocation,
  type InfoInvocation,
  type Invocation,
  type PredictInvocation,
  parseArgs,
  type TrainInvocation,
  type VersionInvocation,
} from './args/parse.js';
export {
  type ChoiceFlag,
  type CommandSpec,
  type Defaulted,
  type FlagBase,
  type FlagSpec,
  type FlagTable,
  type FlagValue,
  type FlagValues,
  flagName,
  type IntFlag,
  type NumberFlag,
  type PositionalSpec,
  type StringFlag,
} from './args/spec.js';
export { evaluateCheckpoint } from './commands/eval.js';
export { info } from './commands/info.js';
export type { CliIo } from './commands/io.js';
export {
  MODELS,
  type ModelEntry,
  makeOptimizer,
  makeSchedule,
  OPTIMIZER_LR,
  parseTrainConfig,
  resolveTrainConfig,
  SDLM_CURVATURE_WEIGHT,
  type TrainConfig,
  type TrainDefaults,
} from './commands/models.js';
export { predict } from './commands/predict.js';
export {
  formatElapsed,
  kernelThreads,
  type LoadedRun,
  loadRun,
  onBackend,
  readCheckpoint,
} from './commands/run.js';
export { RUN_FILES, train } from './commands/train.js';
export { COMMAND_HANDLERS, type CommandHandlers, main } from './main.js';
export {
  type EpochSummary,
  formatDuration,
  formatEpochLine,
  formatLoss,
  formatPercent,
  formatProgressBar,
  formatRate,
  type ProgressSnapshot,
} from './progress/format.js';
export {
  createProgressReporter,
  type OutputStream,
  type ProgressOptions,
  type ProgressReporter,
} from './progress/reporter.js';
export { EpochTracker } from './progress/tracker.js';
export {
  appendCsv,
  appendJsonl,
  appendMetrics,
  csvField,
  csvRow,
  EPOCH_COLUMNS,
  MetricsFileError,
  type MetricsRecord,
  readJsonl,
} from './report/metrics.js';
export { type ConfusionMatrixOptions, confusionMatrixSvg } from './report/svg/confusion-matrix.js';
export {
  type LineChartOptions,
  lineChartSvg,
  PALETTE,
  type Series,
} from './report/svg/line-chart.js';
export { type EpochMetrics, trainingCurvesSvg } from './report/svg/training-curves.js';

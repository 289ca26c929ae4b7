/**
 * Optax-style optimizers: gradient transformations (pairs of pure `init` and `update`
 * functions), their composition with `chain`, the classic optimizers built from them, including
 * LeCun's stochastic diagonal Levenberg-Marquardt, and learning-rate schedules.
 *
 * @packageDocumentation
 */

export { applyUpdates } from './apply-updates.js';
export { adagrad } from './optimizers/adagrad.js';
export { adam } from './optimizers/adam.js';
export { adamax } from './optimizers/adamax.js';
export { type AdamwOptions, adamw } from './optimizers/adamw.js';
export { type RmspropOptions, rmsprop } from './optimizers/rmsprop.js';
export { sdlm } from './optimizers/sdlm.js';
export { type SgdOptions, sgd } from './optimizers/sgd.js';
export { type CosineDecayOptions, cosineDecay } from './schedules/cosine-decay.js';
export {
  type ExponentialDecayOptions,
  exponentialDecay,
} from './schedules/exponential-decay.js';
export {
  type InverseTimeDecayOptions,
  inverseTimeDecay,
} from './schedules/inverse-time-decay.js';
export { joinSchedules } from './schedules/join-schedules.js';
export {
  type LinearScheduleOptions,
  type LinearWarmupOptions,
  linearSchedule,
  linearWarmup,
} from './schedules/linear.js';
export {
  lecun1998Schedule,
  type PiecewiseConstantOptions,
  piecewiseConstant,
} from './schedules/piecewise-constant.js';
export {
  constantSchedule,
  type LearningRate,
  type Schedule,
} from './schedules/schedule.js';
export {
  type WarmupCosineDecayOptions,
  warmupCosineDecay,
} from './schedules/warmup-cosine-decay.js';
export {
  type AddDecayedWeightsOptions,
  addDecayedWeights,
} from './transform/add-decayed-weights.js';
export { type ChainState, chain, type StateOf } from './transform/chain.js';
export {
  type CheckFiniteOptions,
  checkFinite,
  NonFiniteError,
} from './transform/check-finite.js';
export { clip } from './transform/clip.js';
export { clipByGlobalNorm, globalNorm } from './transform/clip-by-global-norm.js';
export { identity } from './transform/identity.js';
export { type Mask, masked } from './transform/masked.js';
export { scale } from './transform/scale.js';
export {
  type ScaleByAdamOptions,
  type ScaleByAdamState,
  scaleByAdam,
} from './transform/scale-by-adam.js';
export { type ScaleByAdamaxOptions, scaleByAdamax } from './transform/scale-by-adamax.js';
export {
  type CountState,
  scaleByLearningRate,
  scaleBySchedule,
} from './transform/scale-by-learning-rate.js';
export {
  type ScaleByRmsOptions,
  type ScaleByRmsState,
  scaleByRms,
} from './transform/scale-by-rms.js';
export {
  type ScaleByRssOptions,
  type ScaleByRssState,
  scaleByRss,
} from './transform/scale-by-rss.js';
export {
  type ScaleBySdlmOptions,
  type ScaleBySdlmState,
  scaleBySdlm,
} from './transform/scale-by-sdlm.js';
export {
  type TraceMomentumOptions,
  type TraceState,
  traceMomentum,
} from './transform/trace-momentum.js';
export type { GradientTransformation, OptState, TensorTree, UpdateExtras } from './types.js';

import { checkStepCount } from '../checks.js';
import { cosineDecay } from './cosine-decay.js';
import { joinSchedules } from './join-schedules.js';
import { linearWarmup } from './linear.js';
import type { Schedule } from './schedule.js';

/** Options of {@link warmupCosineDecay}. */
export type WarmupCosineDecayOptions = {
  /** The value at step 0. Default 0. */
  readonly initValue?: number;
  /** The value reached at the end of the warm-up. */
  readonly peakValue: number;
  /** How many steps the linear warm-up takes. */
  readonly warmupSteps: number;
  /** The step, counted from 0 and including the warm-up, at which the value reaches `endValue`. */
  readonly decaySteps: number;
  /** The value from step `decaySteps` on. Default 0. */
  readonly endValue?: number;
};

/**
 * Linear warm-up to `peakValue`, then cosine decay to `endValue` at step `decaySteps`, as
 * Optax's `warmup_cosine_decay_schedule`; the usual schedule for transformers with AdamW.
 *
 * @example
 * ```ts
 * import { adamw, warmupCosineDecay } from '@tessera/optim';
 *
 * const lr = warmupCosineDecay({ peakValue: 1e-3, warmupSteps: 100, decaySteps: 1100 });
 * lr(50); // 5e-4
 * lr(100); // 1e-3
 * lr(600); // 5e-4
 * lr(1100); // 0
 * const optimizer = adamw(lr, { weightDecay: 0.01 });
 * ```
 */
export function warmupCosineDecay(options: WarmupCosineDecayOptions): Schedule {
  const { initValue = 0, peakValue, warmupSteps, decaySteps, endValue = 0 } = options;
  checkStepCount('warmupCosineDecay', 'warmupSteps', warmupSteps);
  if (!(decaySteps > warmupSteps)) {
    throw new RangeError(
      `warmupCosineDecay: decaySteps (${decaySteps}) must exceed warmupSteps (${warmupSteps})`,
    );
  }
  const decay = cosineDecayBetween(peakValue, endValue, decaySteps - warmupSteps);
  if (warmupSteps === 0) return decay;
  return joinSchedules([linearWarmup({ initValue, peakValue, warmupSteps }), decay], [warmupSteps]);
}

/** Cosine decay from `from` to `to` over `steps` steps. */
function cosineDecayBetween(from: number, to: number, steps: number): Schedule {
  const unit = cosineDecay({ initValue: 1, decaySteps: steps });
  return (count) => to + (from - to) * unit(count);
}

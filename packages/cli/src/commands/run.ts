import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createGpujsBackend, reference } from '@tessera/kernels';
import { type Checkpoint, loadCheckpoint, type Model, restoreInto } from '@tessera/models';
import { key } from '@tessera/random';
import { withBackend } from '@tessera/tensor';
import type { BackendName } from '../args/commands.js';
import { MODELS, parseTrainConfig, type TrainConfig } from './models.js';

/**
 * How many threads the gpujs backend computes with: `TESSERA_THREADS` when set, else one per
 * core (a 2-core machine trains LeNet-5 about 1.3-1.8 times faster on two).
 *
 * @example
 * ```ts
 * import { kernelThreads } from '@tessera/cli';
 *
 * kernelThreads({ TESSERA_THREADS: '1' }); // 1
 * ```
 */
export function kernelThreads(env: Readonly<Record<string, string | undefined>>): number {
  const asked = env.TESSERA_THREADS;
  return asked === undefined || asked === '' ? availableParallelism() : Number(asked);
}

/**
 * Runs `body` with the kernel backend `name` (gpujs: WebAssembly on `threads` kernel threads,
 * {@link kernelThreads} by default; reference: plain TypeScript), then frees the backend's
 * kernels and threads; the process-wide backend is left as it was.
 *
 * @example
 * ```ts
 * import { onBackend } from '@tessera/cli';
 *
 * const loss = onBackend('reference', () => 0.5);
 * ```
 */
export function onBackend<R>(
  name: BackendName,
  body: () => R,
  threads = kernelThreads(process.env),
): R {
  if (name === 'reference') return withBackend(reference, body);
  const backend = createGpujsBackend({ threads });
  try {
    return withBackend(backend, body);
  } finally {
    backend.dispose();
  }
}

/**
 * A checkpoint written by `tessera train`, its configuration, and the model rebuilt from it
 * with the checkpoint's parameters.
 *
 * @example
 * ```ts
 * import type { LoadedRun } from '@tessera/cli';
 *
 * const epochs = (run: LoadedRun) => run.checkpoint.epoch;
 * ```
 */
export interface LoadedRun {
  /** The checkpoint as read. */
  readonly checkpoint: Checkpoint;
  /** The run's configuration, checked. */
  readonly config: TrainConfig;
  /** The model named in the configuration. */
  readonly model: Model;
  /** The checkpoint's parameters, checked against the model's. */
  readonly params: unknown;
}

/**
 * Reads a checkpoint written by `tessera train`, rebuilds its model and restores the
 * parameters into it.
 *
 * @throws Error when the file is missing or is not a Tessera training checkpoint, and
 *   `CheckpointMismatchError` (naming the tensor and both shapes) when its parameters do not
 *   fit the model.
 *
 * @example
 * ```ts
 * import { loadRun } from '@tessera/cli';
 *
 * const { model, params, config } = loadRun('runs/lenet5-seed0/checkpoint.safetensors');
 * ```
 */
export function loadRun(path: string): LoadedRun {
  const checkpoint = readCheckpoint(path);
  const config = parseTrainConfig(checkpoint.config, path);
  const model = MODELS[config.model].build();
  const [, template] = model.layer.init(key(0), model.inputShape);
  let params: unknown;
  try {
    params = restoreInto(template, checkpoint.params);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${path}: ${message}`, { cause: error });
  }
  return { checkpoint, config, model, params };
}

/**
 * Reads a checkpoint, naming the path in every error.
 *
 * @throws Error when the file is missing or cannot be read as a checkpoint.
 *
 * @example
 * ```ts
 * import { readCheckpoint } from '@tessera/cli';
 *
 * readCheckpoint('runs/mlp-seed0/checkpoint.safetensors').epoch; // 15
 * ```
 */
export function readCheckpoint(path: string): Checkpoint {
  if (!existsSync(path)) throw new Error(`${path}: no such checkpoint`);
  try {
    return loadCheckpoint(path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${path}: ${message}`, { cause: error });
  }
}

/**
 * A duration as people read it: `45s`, `8m12s`, `1h02m05s`.
 *
 * @example
 * ```ts
 * import { formatElapsed } from '@tessera/cli';
 *
 * formatElapsed(492); // '8m12s'
 * ```
 */
export function formatElapsed(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h${two(m)}m${two(s)}s`;
  if (m > 0) return `${m}m${two(s)}s`;
  return `${s}s`;
}

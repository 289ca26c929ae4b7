/**
 * A data-parallel training step: each batch is cut into as many parts as there are threads,
 * every thread (the calling one included) computes the loss and gradient of its part on its
 * own copy of the model, and the calling thread averages them, weighting each part by its
 * share of the examples, and applies the optimizer. The losses are per-example means, so
 * `sum_i (n_i / N) grad L_i = grad L`: the same step as on one thread, up to the order of
 * float additions (for stochastic layers each part draws from its own key, split from the
 * step's).
 */
import { createSyncThreads, evenRanges } from '@tessera/kernels';
import type { GradientTransformation } from '@tessera/optim';
import { keyData, split } from '@tessera/random';
import type { Tensor } from '@tessera/tensor';
import { flatten, type Tree, unflatten } from '@tessera/tree';
import type { Model } from '../model.js';
import { applyGradients, type TrainStep } from '../train-step.js';
import { fromPlain, partLoss, plain } from './part.js';
import type {
  GradientAnswer,
  GradientRequest,
  GradientThreadData,
  ModelSpec,
  Plain,
  ThreadBackend,
} from './protocol.js';

// A variable, not a literal: bundlers rewrite `new URL('literal', import.meta.url)`.
const GRADIENT_THREAD = './worker.js';

/** Options of {@link makeDataParallelTrainStep}. */
export interface DataParallelOptions {
  /** Threads computing each step, the calling one included (2 on a 2-core machine). */
  readonly threads: number;
  /** How the other threads build the same model as `model`. */
  readonly spec: ModelSpec;
  /** The kernel backend of the other threads: `gpujs` (one thread each) by default. */
  readonly backend?: ThreadBackend;
}

/** A training step that runs on several threads; `close()` stops them. */
export type DataParallelTrainStep<P> = TrainStep<P> & {
  /** Threads computing each step, the calling one included. */
  readonly threads: number;
  /** Stops the other threads. */
  close(): void;
};

/** Rows `[from, to)` of a tensor's plain form (`data` is the whole tensor's). */
function rows(data: Plain['data'], shape: readonly number[], from: number, to: number): Plain {
  const per = data.length / shape[0]!;
  return { data: data.slice(from * per, to * per), shape: [to - from, ...shape.slice(1)] };
}

/** `sum_i w_i x_i` leaf by leaf. */
function weightedSum(answers: readonly GradientAnswer[], weights: readonly number[]): Plain[] {
  return answers[0]!.grads.map((first, leaf) => {
    const out = new (first.data.constructor as Float32ArrayConstructor)(first.data.length);
    answers.forEach((answer, i) => {
      const g = answer.grads[leaf]!.data;
      const w = weights[i]!;
      for (let j = 0; j < out.length; j++) out[j]! += w * g[j]!;
    });
    return { data: out, shape: first.shape };
  });
}

/**
 * The training step of `model` with `optimizer` computed on `options.threads` threads (Node
 * only). Equal to {@link makeTrainStep}'s up to the order of float additions.
 *
 * @example
 * ```ts
 * const step = makeDataParallelTrainStep(lenet5Modern(), adam(1e-3), {
 *   threads: 2,
 *   spec: { module: '@tessera/models', name: 'lenet5Modern' },
 * });
 * const { params, optState, metrics } = step(params0, optState0, batch, key(0));
 * step.close();
 * ```
 */
export function makeDataParallelTrainStep<P>(
  model: Model<P>,
  optimizer: GradientTransformation,
  options: DataParallelOptions,
): DataParallelTrainStep<P> {
  if (!Number.isInteger(options.threads) || options.threads < 1) {
    throw new RangeError(
      `makeDataParallelTrainStep: threads must be a positive integer, got ${options.threads}`,
    );
  }
  const data: GradientThreadData = { spec: options.spec, backend: options.backend ?? 'gpujs' };
  const threads = createSyncThreads<GradientRequest, GradientAnswer>(
    new URL(GRADIENT_THREAD, import.meta.url),
    data,
    options.threads - 1,
  );
  const local = partLoss(model as Model);
  const step: TrainStep<P> = (params, optState, batch, k, extra) => {
    const n = batch.labels.shape[0]!;
    const cut = evenRanges(n, options.threads);
    const [leaves, structure] = flatten(params as Tree<Tensor>);
    const shared = leaves.map(plain);
    const images = batch.images.data() as Plain['data'];
    const labels = batch.labels.data() as Plain['data'];
    const keys = split(k, Math.max(cut.length, 2));
    const requests: GradientRequest[] = cut.map(([from, to], i) => ({
      params: shared,
      images: rows(images, batch.images.shape, from, to),
      labels: rows(labels, batch.labels.shape, from, to),
      key: keyData(keys[i]!),
    }));
    const [mine, ...theirs] = threads.run(() => local(requests[0]!), requests.slice(1));
    const answers = [mine, ...theirs];
    const weights = cut.map(([from, to]) => (to - from) / n);
    const loss = answers.reduce((s, a, i) => s + weights[i]! * a.loss, 0);
    const grads = unflatten(structure, weightedSum(answers, weights).map(fromPlain));
    return applyGradients(optimizer, params, optState, grads, loss, extra);
  };
  return Object.assign(step, { threads: options.threads, close: () => threads.close() });
}

/**
 * The Tessera `lenet5Modern` network written directly in TensorFlow.js ops, so that its training
 * and inference speed can be compared with Tessera's on the same machine.
 *
 * Two ways of computing the convolutions' filter gradient are offered (see DESIGN.md,
 * "Benchmarking against TensorFlow.js"):
 * - `stock`: tfjs's own `Conv2DBackpropFilter` kernel. On the cpu backend it is a naive loop
 *   that dominates the step (LeNet-5 trains at a few tens of images/s at best); wasm has no
 *   such kernel at all, so `stock` cannot train there.
 * - `fair`: conv2d is wrapped in `tf.customGrad`, and the filter gradient is computed by the
 *   backend's fast forward conv2d kernel instead (same values up to float32 rounding). This is
 *   what a tfjs user who cared about speed would do, and what the comparison should be against.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
// Importing the wasm backend registers it with tfjs-core; `setWasmPaths` tells it where its
// .wasm binaries are, which it cannot find by itself under Node.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** The tfjs backends that run under Node without native binaries. */
export type TfjsBackendName = 'cpu' | 'wasm';

/** How the convolutions' filter gradient is computed; see the module comment. */
export type FilterGradient = 'stock' | 'fair';

/** A LeNet-5 trainer bound to one tfjs backend and one fixed batch. */
export interface TfjsTrainer {
  readonly backend: TfjsBackendName;
  readonly filterGradient: FilterGradient;
  /** Images per batch, for turning step times into images/s. */
  readonly batchSize: number;
  /** One SGD training step on the fixed batch given at creation (forward, backward, update); returns when the result is computed (dataSync the loss). */
  step(): number;
  /** Forward pass on the batch, returns when computed. */
  infer(): void;
  /**
   * The gradient of the loss on the batch with respect to every weight, without updating them;
   * for checking that the `fair` filter gradient equals the `stock` one. Keys are `c1.w`,
   * `c1.b`, ... `out.b`; conv filters are in tfjs's `[kh, kw, in, out]` layout.
   */
  gradients(): Record<string, Float32Array>;
  /** Frees the weights and the batch; the trainer cannot be used afterwards. */
  dispose(): void;
}

/** Options of {@link createTfjsTrainer}. */
export interface TfjsTrainerOptions {
  readonly backend: TfjsBackendName;
  readonly filterGradient: FilterGradient;
  readonly batchSize: number;
  /** The batch, `[batchSize, 1, 32, 32]` in NCHW order (Tessera's layout). */
  readonly images: Float32Array;
  /** Class indices in `[0, 10)`, one per image. */
  readonly labels: Int32Array;
  /** SGD learning rate. */
  readonly lr: number;
  /** Seed of the weight initialisation, a non-negative integer; 0 if omitted. Equal seeds give equal weights. */
  readonly seed?: number;
}

const CLASSES = 10;
// Keras's (and Tessera's) truncated-normal variance scaling divides by the standard deviation
// of a unit normal truncated to [-2, 2], so that the truncated samples keep the target variance.
const TRUNCATED_STDDEV = 0.8796256610342398;

type Weights = {
  readonly [K in 'c1' | 'c3' | 'c5' | 'f6' | 'out']: {
    readonly w: tf.Variable;
    readonly b: tf.Variable;
  };
};

let wasmPathsSet = false;

/**
 * Makes `name` tfjs's active backend, initialising it on first use.
 */
async function activateBackend(name: TfjsBackendName): Promise<void> {
  // The first tensor on the cpu backend prints a "use tfjs-node" banner; production mode
  // silences tfjs's warnings and logs and changes nothing else (tfjs-core 4.22 only reads the
  // PROD flag to gate console output).
  tf.enableProdMode();
  if (name === 'wasm' && !wasmPathsSet) {
    // The package's main file lies in its dist folder, next to the .wasm binaries.
    const main = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
    setWasmPaths(`${dirname(main)}/`);
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend '${name}' failed to initialise`);
  await tf.ready();
}

/**
 * tfjs has one global backend. Tensors used while another one is active would be copied over
 * on every op, so each call re-activates the trainer's own. Switching to an already initialised
 * backend happens synchronously inside `setBackend` (its promise only waits for first-time
 * initialisation), which the check below confirms.
 */
function ensureBackend(name: TfjsBackendName): void {
  if (tf.getBackend() === name) return;
  void tf.setBackend(name);
  if (tf.getBackend() !== name)
    throw new Error(`could not switch tfjs back to the '${name}' backend`);
}

/**
 * The filter gradient of a stride-1 'valid' NHWC conv2d, `dW[i,j,c,o] = Σ_{n,p,q}
 * x[n,p+i,q+j,c] · dy[n,p,q,o]`, computed by the forward conv2d kernel: seen with the batch
 * as channels, it is the valid convolution of `x` as `ci` images of `n` channels with `dy` as
 * an `oh×ow` filter from `n` to `co` channels. Measured on LeNet-5's three convolutions at
 * batch 128: on wasm it runs in XNNPACK, over ten times faster than the other route tfjs offers
 * there (`Conv3DBackpropFilterV2` on the batch seen as 3-D volumes of depth 1); on cpu it is as
 * fast as that route and some 40 times faster than the stock `Conv2DBackpropFilter`.
 */
function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor4D {
  const images = tf.transpose(x, [3, 1, 2, 0]); // [ci, h, w, n]
  const filter = tf.transpose(dy, [1, 2, 0, 3]); // [oh, ow, n, co]
  return tf.transpose(tf.conv2d(images, filter, 1, 'valid'), [1, 2, 0, 3]); // [ci, kh, kw, co] → [kh, kw, ci, co]
}

/** A stride-1 'valid' conv2d `(x, w) => y` whose gradients the caller controls. */
type Conv = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D;

const stockConv: Conv = (x, w) => tf.conv2d(x, w, 1, 'valid');

/**
 * conv2d with the filter gradient from {@link filterGradient} and the input gradient from the
 * same `Conv2DBackpropInput` kernel the stock gradient uses.
 */
const fairConv: Conv = (() => {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([x, w]);
    return {
      value: tf.conv2d(x, w, 1, 'valid'),
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [sx, sw] = saved as [tf.Tensor4D, tf.Tensor4D];
        return [tf.conv2dTranspose(dy, sw, sx.shape, 1, 'valid'), filterGradient(sx, dy)];
      },
    };
  });
  return (x, w) => op(x, w) as tf.Tensor4D;
})();

/**
 * {@link fairConv} for a constant input (the first layer's images): only the filter gradient is
 * computed, as the stock gradient does, since tfjs prunes the input branch of its tape there.
 */
function fairConvOfConstant(x: tf.Tensor4D): (w: tf.Tensor4D) => tf.Tensor4D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [w, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
    save([]);
    return {
      value: tf.conv2d(x, w, 1, 'valid'),
      gradFunc: (dy: tf.Tensor4D) => [filterGradient(x, dy)],
    };
  });
  return (w) => op(w) as tf.Tensor4D;
}

function initWeights(seed: number): Weights {
  // tfjs treats a seed of 0 as "no seed" (it falls back to Math.random), so the per-tensor
  // seeds start at 1; seeds 8 apart keep different trainers' streams apart.
  let next = 1 + 8 * seed;
  // A variable shares its initial tensor's data but not its handle; tidy frees the handle.
  const variable = (init: () => tf.Tensor) => tf.tidy(() => tf.variable(init()));
  // Each tensor gets its own seed so that the weights do not depend on tfjs's global RNG.
  const heNormal = (shape: number[], fanIn: number) =>
    variable(() =>
      tf.truncatedNormal(shape, 0, Math.sqrt(2 / fanIn) / TRUNCATED_STDDEV, 'float32', next++),
    );
  const glorotUniform = (shape: number[], fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return variable(() => tf.randomUniform(shape, -limit, limit, 'float32', next++));
  };
  const zeros = (n: number) => variable(() => tf.zeros([n]));
  return {
    c1: { w: heNormal([5, 5, 1, 6], 25), b: zeros(6) },
    c3: { w: heNormal([5, 5, 6, 16], 150), b: zeros(16) },
    c5: { w: heNormal([5, 5, 16, 120], 400), b: zeros(120) },
    f6: { w: heNormal([120, 84], 120), b: zeros(84) },
    out: { w: glorotUniform([84, 10], 84, 10), b: zeros(10) },
  };
}

/**
 * The training forward pass, from NHWC images to logits `[n, 10]`. Bias and ReLU are separate
 * ops because that is what tfjs itself runs under a gradient tape: `tf.fused.conv2d` with an
 * activation falls back to them whenever gradients are recorded.
 */
function trainLogits(
  weights: Weights,
  c1: (w: tf.Tensor4D) => tf.Tensor4D,
  conv: Conv,
  batchSize: number,
): tf.Tensor {
  const block = (y: tf.Tensor4D, b: tf.Tensor) =>
    tf.maxPool(tf.relu(tf.add<tf.Tensor4D>(y, b)), 2, 2, 'valid');
  const s2 = block(c1(weights.c1.w as tf.Tensor4D), weights.c1.b);
  const s4 = block(conv(s2, weights.c3.w as tf.Tensor4D), weights.c3.b);
  const c5 = tf.relu(tf.add<tf.Tensor4D>(conv(s4, weights.c5.w as tf.Tensor4D), weights.c5.b));
  const flat = tf.reshape(c5, [batchSize, 120]);
  const f6 = tf.fused.matMul({
    a: flat,
    b: weights.f6.w as tf.Tensor2D,
    bias: weights.f6.b,
    activation: 'relu',
  });
  return tf.fused.matMul({ a: f6, b: weights.out.w as tf.Tensor2D, bias: weights.out.b });
}

/** The inference forward pass, using tfjs's fused conv+bias+ReLU kernels (fastest without a tape). */
function inferLogits(weights: Weights, images: tf.Tensor4D, batchSize: number): tf.Tensor {
  const block = (x: tf.Tensor4D, layer: Weights['c1']) =>
    tf.fused.conv2d({
      x,
      filter: layer.w as tf.Tensor4D,
      strides: 1,
      pad: 'valid',
      bias: layer.b,
      activation: 'relu',
    });
  const s2 = tf.maxPool(block(images, weights.c1), 2, 2, 'valid');
  const s4 = tf.maxPool(block(s2, weights.c3), 2, 2, 'valid');
  const flat = tf.reshape(block(s4, weights.c5), [batchSize, 120]);
  const f6 = tf.fused.matMul({
    a: flat,
    b: weights.f6.w as tf.Tensor2D,
    bias: weights.f6.b,
    activation: 'relu',
  });
  return tf.fused.matMul({ a: f6, b: weights.out.w as tf.Tensor2D, bias: weights.out.b });
}

/**
 * Builds a LeNet-5 (`lenet5Modern`: conv 6@5x5, ReLU, maxpool 2, conv 16@5x5, ReLU, maxpool 2,
 * conv 120@5x5, ReLU, dense 84, ReLU, dense 10, softmax cross-entropy averaged over the batch)
 * trained by plain SGD on one fixed batch, on the given tfjs backend.
 *
 * Throws if the backend lacks a kernel the chosen gradient needs: `wasm` with `stock` has no
 * `Conv2DBackpropFilter`, so a harness should report that combination as not available.
 *
 * @example
 * ```ts
 * const trainer = await createTfjsTrainer({ backend: 'wasm', filterGradient: 'fair', batchSize: 32, images, labels, lr: 0.01 });
 * const loss = trainer.step();
 * trainer.dispose();
 * ```
 */
export async function createTfjsTrainer(options: TfjsTrainerOptions): Promise<TfjsTrainer> {
  const { backend, filterGradient: gradientKind, batchSize, images, labels, lr } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  if (images.length !== batchSize * 32 * 32) {
    throw new Error(
      `images must hold ${batchSize}x1x32x32 = ${batchSize * 1024} values, got ${images.length}`,
    );
  }
  if (labels.length !== batchSize)
    throw new Error(`labels must hold ${batchSize} values, got ${labels.length}`);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0)
    throw new Error(`seed must be a non-negative integer, got ${seed}`);
  if (gradientKind === 'stock' && tf.getKernel('Conv2DBackpropFilter', backend) === undefined) {
    throw new Error(
      `the tfjs ${backend} backend has no Conv2DBackpropFilter kernel, so tfjs cannot train a conv2d there with its own gradients`,
    );
  }
  await activateBackend(backend);

  // Transposed once to tfjs's NHWC here, so no step pays for it.
  const x = tf.tidy(() => tf.transpose(tf.tensor4d(images, [batchSize, 1, 32, 32]), [0, 2, 3, 1]));
  const oneHot = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES).toFloat());
  const weights = initWeights(seed);
  const variables = Object.values(weights).flatMap((layer) => [layer.w, layer.b]);
  const optimizer = tf.train.sgd(lr);
  const c1 = gradientKind === 'fair' ? fairConvOfConstant(x) : (w: tf.Tensor4D) => stockConv(x, w);
  const conv = gradientKind === 'fair' ? fairConv : stockConv;
  // Without weights, the default reduction (SUM_BY_NONZERO_WEIGHTS) is the mean over the batch.
  const loss = (): tf.Scalar =>
    tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(
      oneHot,
      trainLogits(weights, c1, conv, batchSize),
    );
  let disposed = false;
  const check = () => {
    if (disposed) throw new Error('TfjsTrainer used after dispose()');
    ensureBackend(backend);
  };

  return {
    backend,
    filterGradient: gradientKind,
    batchSize,
    step() {
      check();
      const cost = tf.tidy(() => {
        const c = optimizer.minimize(loss, true, variables);
        if (c === null) throw new Error('tfjs optimizer.minimize returned no loss');
        return c;
      });
      const value = cost.dataSync()[0];
      cost.dispose();
      if (value === undefined) throw new Error('tfjs returned an empty loss');
      return value;
    },
    infer() {
      check();
      const logits = tf.tidy(() => inferLogits(weights, x, batchSize));
      logits.dataSync();
      logits.dispose();
    },
    gradients() {
      check();
      const { value, grads } = tf.variableGrads(loss, variables);
      value.dispose();
      const result: Record<string, Float32Array> = {};
      for (const [name, layer] of Object.entries(weights)) {
        for (const part of ['w', 'b'] as const) {
          const grad = grads[layer[part].name];
          if (grad === undefined) throw new Error(`no gradient for ${name}.${part}`);
          result[`${name}.${part}`] = Float32Array.from(grad.dataSync());
        }
      }
      tf.dispose(grads);
      return result;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      tf.dispose([x, oneHot, ...variables]);
      optimizer.dispose();
    },
  };
}

/** Options of {@link measureTfjs}. */
export interface MeasureOptions {
  /** Untimed training steps and inferences before the timed runs (kernel set-up, JIT warm-up). */
  readonly warmup: number;
  /** Timed runs of each kind. */
  readonly runs: number;
  /** Training steps (and inferences) per timed run. */
  readonly stepsPerRun: number;
}

/** Throughput of each timed run. */
export interface TfjsMeasurement {
  readonly trainImagesPerSecond: number[];
  readonly inferImagesPerSecond: number[];
}

/**
 * Times `runs` runs of `stepsPerRun` training steps, then as many runs of inference, after
 * `warmup` untimed ones of each, and returns each run's images/s. Throws if the number of live
 * tfjs tensors grows across the timed runs, since a leak would slow later runs down.
 *
 * @example
 * ```ts
 * const { trainImagesPerSecond } = measureTfjs(trainer, { warmup: 2, runs: 5, stepsPerRun: 3 });
 * ```
 */
export function measureTfjs(trainer: TfjsTrainer, options: MeasureOptions): TfjsMeasurement {
  const { warmup, runs, stepsPerRun } = options;
  for (let i = 0; i < warmup; i++) trainer.step();
  for (let i = 0; i < warmup; i++) trainer.infer();
  const tensorsBefore = tf.memory().numTensors;
  const time = (work: () => void): number[] => {
    const rates: number[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      for (let i = 0; i < stepsPerRun; i++) work();
      rates.push((trainer.batchSize * stepsPerRun * 1000) / (performance.now() - start));
    }
    return rates;
  };
  const trainImagesPerSecond = time(() => trainer.step());
  const inferImagesPerSecond = time(() => trainer.infer());
  const tensorsAfter = tf.memory().numTensors;
  if (tensorsAfter !== tensorsBefore) {
    throw new Error(
      `tfjs tensors leaked: ${tensorsBefore} live before the timed runs, ${tensorsAfter} after`,
    );
  }
  return { trainImagesPerSecond, inferImagesPerSecond };
}

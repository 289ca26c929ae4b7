// Vanishing gradients: the gradient norm of every layer of a deep sigmoid or tanh network at
// initialisation, for several initialisations, on one batch of MNIST. Prints a table and writes
// an SVG plot (gradient norm against layer, log scale, one line per initialisation).
//
//   pnpm --filter @tessera/examples vanishing-gradients
//   pnpm --filter @tessera/examples vanishing-gradients --depth 20 --width 50 --out /tmp/vg
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { grad } from '@tessera/autodiff';
import { lineChartSvg } from '@tessera/cli';
import { mnist } from '@tessera/data';
import {
  type AnyLayer,
  type DenseParams,
  dense,
  flatten,
  glorotNormal,
  heNormal,
  type Initializer,
  type Layer,
  lecun1998Uniform,
  lecunNormal,
  Sigmoid,
  serial,
  softmaxCrossEntropy,
  Tanh,
} from '@tessera/layers';
import { key, normal } from '@tessera/random';
import { add, astype, square, sum, type Tensor, tensor, zeros } from '@tessera/tensor';
import { numberFlag, parseFlags, runIfMain } from './lib.js';

/** Weights drawn from N(0, 0.01^2) whatever the layer's size: the "small random numbers" recipe. */
export const normal001: Initializer = (k, shape, _fanIn, _fanOut, dtype = 'float32') => {
  const data = normal(k, shape, { dtype });
  for (let i = 0; i < data.length; i++) data[i] = data[i]! * 0.01;
  return tensor(data, { shape });
};

/** The initialisations compared (F is a layer's fan-in, F' its fan-out). */
export const INITIALISERS: Readonly<Record<string, Initializer>> = {
  'normal(0.01)': normal001, // variance 1e-4
  lecun1998: lecun1998Uniform, // U(-2.4/F, 2.4/F): variance 1.92/F^2
  lecunNormal: lecunNormal, // variance 1/F
  glorotNormal: glorotNormal, // variance 2/(F + F')
  heNormal: heNormal, // variance 2/F
};

export type Activation = 'sigmoid' | 'tanh';

/** Options of {@link gradientNorms} and {@link vanishingGradients}. */
export interface VanishingOptions {
  /** Hidden layers; default 10. */
  readonly depth?: number;
  /** Units per hidden layer; default 100. */
  readonly width?: number;
  /** MNIST training images in the batch; default 256. */
  readonly batch?: number;
  readonly seed?: number;
}

/** Per-layer gradient norms, from the first layer to the output layer. */
export interface LayerNorms {
  /** `||dL/dW_l||`: the gradient of the layer's weights, what the optimizer sees. */
  readonly weights: number[];
  /** `||dL/dz_l||`: the gradient of the layer's pre-activations over the batch, what backprop carries. */
  readonly signals: number[];
}

/**
 * A probe: adds a zero tensor to what flows through it, so the gradient with respect to that
 * zero is the gradient with respect to the flow (a custom layer, `{ init, apply }`).
 */
function probe(batch: number): Layer<Tensor> {
  return {
    init: (_key, inShape) => [inShape, zeros([batch, ...inShape], { dtype: 'float64' })],
    apply: (e, x) => add(x, e),
  };
}

/**
 * The gradient norms of every dense layer of `784 -> width x depth -> 10` (activation after
 * each hidden layer, softmax cross-entropy on the output) at initialisation, on one batch:
 * `depth + 1` numbers each, from the first layer to the output layer.
 */
export function gradientNorms(
  activation: Activation,
  init: Initializer,
  images: Tensor,
  labels: Tensor,
  options: VanishingOptions = {},
): LayerNorms {
  const { depth = 10, width = 100, seed = 0 } = options;
  const act = activation === 'sigmoid' ? Sigmoid : Tanh;
  const n = images.shape[0]!;
  const layers: AnyLayer[] = [flatten()];
  for (let l = 0; l < depth; l++) {
    layers.push(dense(width, { init, dtype: 'float64' }), probe(n), act);
  }
  layers.push(dense(10, { init, dtype: 'float64' }), probe(n));
  const net = serial(...layers);
  const [, params] = net.init(key(seed), [1, 28, 28]);
  const loss = (p: typeof params) => softmaxCrossEntropy(net.apply(p, images) as Tensor, labels);
  const grads = grad(loss)(params) as unknown as (DenseParams | Tensor | null)[];
  const norm = (t: Tensor) => Math.sqrt(sum(square(t)).item());
  const weights: number[] = [];
  const signals: number[] = [];
  for (const g of grads) {
    if (g === null) continue;
    if ('w' in g) weights.push(norm(g.w));
    else signals.push(norm(g));
  }
  return { weights, signals };
}

/** Every initialisation's per-layer gradient norms, for one activation. */
export type NormTable = Record<string, LayerNorms>;

/** Runs {@link gradientNorms} for both activations and every initialisation. */
export function vanishingGradients(options: VanishingOptions = {}): Record<Activation, NormTable> {
  const { images, labels } = mnist({ split: 'train', limit: options.batch ?? 256 });
  const x = astype(images, 'float64');
  const table = (activation: Activation): NormTable =>
    Object.fromEntries(
      Object.entries(INITIALISERS).map(([name, init]) => [
        name,
        gradientNorms(activation, init, x, labels, options),
      ]),
    );
  return { sigmoid: table('sigmoid'), tanh: table('tanh') };
}

/** Which of the two norms: of the weights' gradients, or of the back-propagated signal. */
export type Measure = keyof LayerNorms;

const MEASURE_NAMES: Record<Measure, string> = {
  weights: '||dL/dW|| (weight gradient)',
  signals: '||dL/dz|| (back-propagated gradient)',
};

/** The table as text: one row per initialisation, one column per layer. */
export function formatTable(activation: Activation, measure: Measure, norms: NormTable): string {
  const rows = Object.entries(norms).map(([name, n]) => [name, n[measure]] as const);
  const layers = rows[0]?.[1].length ?? 0;
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const head = Array.from({ length: layers }, (_, l) => `${l + 1}`.padStart(8));
  const lines = [
    `${activation}, ${MEASURE_NAMES[measure]} per layer (1 = first hidden, ${layers} = output)`,
    `${'layer'.padEnd(nameWidth)} ${head.join(' ')}`,
  ];
  for (const [name, values] of rows) {
    const cells = values.map((v) => v.toExponential(1).padStart(8));
    lines.push(`${name.padEnd(nameWidth)} ${cells.join(' ')}`);
  }
  return lines.join('\n');
}

/**
 * Four log-scale line charts, one line per initialisation: sigmoid on the top row, tanh below;
 * the weight gradients on the left, the back-propagated gradients on the right.
 */
export function vanishingGradientsSvg(results: Record<Activation, NormTable>): string {
  const width = 520;
  const height = 360;
  const chart = (activation: Activation, measure: Measure, x: number, y: number) =>
    lineChartSvg({
      title: `${activation}: ${MEASURE_NAMES[measure]}`,
      xLabel: 'layer (1 = first hidden, last = output)',
      yLabel: 'norm (log scale)',
      width,
      height,
      // The chart is linear: plot log10 of the norm, and label the ticks as powers of ten.
      yFormat: (v) => `1e${Number(v.toFixed(1))}`,
      series: Object.entries(results[activation]).map(([name, norms]) => ({
        name,
        points: norms[measure].map((n, l) => [l + 1, Math.log10(n)] as const),
      })),
    }).replace('<svg ', `<svg x="${x}" y="${y}" `);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * width}" height="${2 * height}">` +
    chart('sigmoid', 'weights', 0, 0) +
    chart('sigmoid', 'signals', width, 0) +
    chart('tanh', 'weights', 0, height) +
    chart('tanh', 'signals', width, height) +
    '</svg>\n'
  );
}

/** Runs the experiment, prints the tables and writes the plot to `out`; returns its path. */
export function runVanishingGradients(
  options: VanishingOptions & { readonly out: string; readonly log?: (line: string) => void },
): { readonly file: string; readonly results: Record<Activation, NormTable> } {
  const log = options.log ?? (() => {});
  const results = vanishingGradients(options);
  for (const activation of ['sigmoid', 'tanh'] as const) {
    for (const measure of ['weights', 'signals'] as const) {
      log(`${formatTable(activation, measure, results[activation])}\n`);
    }
  }
  mkdirSync(options.out, { recursive: true });
  const file = join(options.out, 'vanishing-gradients.svg');
  writeFileSync(file, vanishingGradientsSvg(results));
  log(`wrote ${file}`);
  return { file, results };
}

runIfMain(import.meta.url, (argv) => {
  const flags = parseFlags(
    argv,
    ['depth', 'width', 'batch', 'seed', 'out'],
    'usage: vanishing-gradients [--depth 10] [--width 100] [--batch 256] [--seed 0] [--out runs/vanishing-gradients]',
  );
  runVanishingGradients({
    depth: numberFlag(flags, 'depth', 10),
    width: numberFlag(flags, 'width', 100),
    batch: numberFlag(flags, 'batch', 256),
    seed: numberFlag(flags, 'seed', 0),
    out: flags.out ?? join('runs', 'vanishing-gradients'),
    log: console.log,
  });
});

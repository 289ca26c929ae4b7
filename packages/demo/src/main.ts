/**
 * The page: a drawing pad classified live by the trained LeNet-5, and a model trained in the
 * page with its loss curve. Everything computes through `@tessera/tensor` on the backend that
 * `chooseBackend` found (gpu.js `webgl2` where the browser has it).
 */
import { backendInfo } from '@tessera/kernels';
import { setBackend } from '@tessera/tensor';
import { chooseBackend, describeBackend, fromQuery, glRenderer, gpuCalls } from './backend.js';
import { type Classifier, loadClassifier, type Prediction } from './classifier.js';
import { attachPad, paintDigit } from './pad.js';
import { drawLoss } from './plot.js';
import { FIELD, toMnist } from './preprocess.js';
import { loadSubset, type MnistSubset, RECIPES, type RecipeName, train } from './train.js';

/** What the page exposes on `window.tesseraDemo`, for tests and the curious. */
export interface DemoState {
  /** The checkpoint is loaded and its kernels compiled. */
  ready: boolean;
  error: string | null;
  /** `gpujs:webgl2`, `gpujs:webasm` or `reference`. */
  backend: string;
  /** The gpu.js kernel classes that have run (`WebGL2Kernel`). */
  engines: string[];
  /** The WebGL renderer (a GPU, or SwiftShader in software). */
  renderer: string | null;
  /** The first classification's time, kernel compilation included. */
  warmupMs: number | null;
  /** Every classification of a drawing so far. */
  predictions: Prediction[];
  /** gpu.js kernel calls of the last classification. */
  gpuCallsPerInference: number | null;
  /** Losses of the training run in progress or last finished. */
  losses: number[];
  testErrors: number[];
  training: boolean;
}

declare global {
  interface Window {
    tesseraDemo: DemoState;
  }
}

const state: DemoState = {
  ready: false,
  error: null,
  backend: '',
  engines: [],
  renderer: null,
  warmupMs: null,
  predictions: [],
  gpuCallsPerInference: null,
  losses: [],
  testErrors: [],
  training: false,
};
window.tesseraDemo = state;

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found as T;
}

function text(id: string, value: string): void {
  element(id).textContent = value;
}

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// ---------------------------------------------------------------- backend

const query = fromQuery(location.search);
const choice = chooseBackend(query.modes, query.routing);
setBackend(choice.backend);
state.renderer = glRenderer();

function showBackend(): void {
  const info = backendInfo(choice.backend);
  state.backend = info.name;
  state.engines = Object.keys(info.gpujs?.engines ?? {});
  text('backend', describeBackend(choice.backend));
  const notes = [
    info.gpujs === undefined ? null : `routing ${info.gpujs.routing}`,
    state.renderer === null ? null : `WebGL renderer: ${state.renderer}`,
    ...choice.refused.map(({ mode, reason }) => `${mode} unavailable: ${reason}`),
  ].filter((note) => note !== null);
  text('renderer', notes.length === 0 ? '' : `· ${notes.join(' · ')}`);
}
showBackend();

function fail(error: unknown): void {
  state.error = error instanceof Error ? error.message : String(error);
  console.error(error);
  text('prediction', '!');
  text('checkpoint', `error: ${state.error}`);
}

// ---------------------------------------------------------------- draw view

const scores = element('scores');
for (let digit = 0; digit < 10; digit++) {
  const item = document.createElement('li');
  item.dataset.digit = String(digit);
  item.innerHTML =
    `<span class="digit">${digit}</span>` +
    '<span class="bar"><span class="fill"></span></span><span class="value">–</span>';
  scores.append(item);
}

function showPrediction(prediction: Prediction | null): void {
  text('prediction', prediction === null ? '–' : String(prediction.digit));
  for (const item of scores.children) {
    const digit = Number((item as HTMLElement).dataset.digit);
    const p = prediction?.probabilities[digit] ?? 0;
    (item.querySelector('.fill') as HTMLElement).style.width = `${(100 * p).toFixed(1)}%`;
    item.querySelector('.value')!.textContent = prediction === null ? '–' : p.toFixed(2);
    item.classList.toggle('best', prediction?.digit === digit);
  }
}

let classifier: Classifier | null = null;
const seen = element<HTMLCanvasElement>('seen');

function classifyPad(): void {
  if (classifier === null) return;
  const image = pad.empty ? null : toMnist(pad.ink());
  paintDigit(seen, image);
  if (image === null) {
    showPrediction(null);
    return;
  }
  const before = gpuCalls(choice.backend);
  const prediction = classifier.classify(image);
  state.gpuCallsPerInference = gpuCalls(choice.backend) - before;
  state.predictions.push(prediction);
  showPrediction(prediction);
  const recent = state.predictions.slice(-20).map((p) => p.ms);
  text('inference-ms', ms(prediction.ms));
  text('inference-median', `(median of the last ${recent.length}: ${ms(median(recent))})`);
  text(
    'gpu-calls',
    `${state.gpuCallsPerInference} per inference (the other ops run as TypeScript loops)`,
  );
  showBackend();
}

const pad = attachPad(element<HTMLCanvasElement>('pad'), classifyPad);
element('clear').addEventListener('click', () => {
  pad.clear();
  classifyPad();
});

async function startClassifier(): Promise<void> {
  const loaded = await loadClassifier(`${import.meta.env.BASE_URL}lenet5-modern.safetensors`);
  // The first call compiles one gpu.js kernel per op and shape: pay it now, not on the first
  // stroke.
  const warmup = loaded.classify(new Float32Array(FIELD * FIELD));
  state.warmupMs = warmup.ms;
  text('warmup-ms', `${ms(warmup.ms)} (compiles the kernels)`);
  const { epoch, config, metrics } = loaded.checkpoint;
  const testError = (metrics as { testError?: number | null } | undefined)?.testError;
  text(
    'checkpoint',
    `lenet5-modern, ${epoch} epochs` +
      (typeof testError === 'number' ? `, ${(100 * testError).toFixed(2)}% MNIST test error` : '') +
      ` (${String(config.optimizer)}, batch ${String(config.batchSize)})`,
  );
  classifier = loaded;
  state.ready = true;
  showBackend();
  classifyPad();
}

// ---------------------------------------------------------------- train view

const recipe = element<HTMLSelectElement>('recipe');
for (const [name, r] of Object.entries(RECIPES)) recipe.append(new Option(r.label, name));
const plot = element<HTMLCanvasElement>('loss-plot');
const startButton = element<HTMLButtonElement>('train-start');
const stopButton = element<HTMLButtonElement>('train-stop');
let subset: Promise<MnistSubset> | null = null;
let stop: AbortController | null = null;
let redraw = false;

function drawPlot(): void {
  drawLoss(plot, state.losses, 'training loss');
}

async function startTraining(): Promise<void> {
  const name = recipe.value as RecipeName;
  const chosen = RECIPES[name];
  const epochs = Math.max(1, Math.min(50, Number(element<HTMLInputElement>('epochs').value) || 1));
  state.losses = [];
  state.testErrors = [];
  state.training = true;
  startButton.disabled = true;
  recipe.disabled = true;
  stopButton.disabled = false;
  stop = new AbortController();
  text('train-test', '–');
  text('train-step', 'loading the digits…');
  drawPlot();
  try {
    subset ??= loadSubset(import.meta.env.BASE_URL);
    const data = await subset;
    const perEpoch = Math.floor(data.train.count / chosen.batchSize);
    const times: number[] = [];
    await train(data, chosen, {
      epochs,
      signal: stop.signal,
      onStep({ step, epoch, loss, ms: stepMs }) {
        state.losses.push(loss);
        times.push(stepMs);
        text('train-step', `${step} (epoch ${epoch} of ${epochs}, ${perEpoch} steps each)`);
        text('train-loss', loss.toFixed(4));
        const typical = median(times.slice(-20));
        text(
          'train-ms',
          `${ms(stepMs)} (median ${ms(typical)}; ` +
            `${Math.round((1000 * chosen.batchSize) / typical)} images/s)`,
        );
        if (!redraw) {
          redraw = true;
          requestAnimationFrame(() => {
            redraw = false;
            drawPlot();
          });
        }
      },
      onEpoch({ epoch, testError }) {
        state.testErrors.push(testError);
        text('train-test', `${(100 * testError).toFixed(1)}% after epoch ${epoch}`);
      },
    });
  } catch (error) {
    text('train-step', `error: ${error instanceof Error ? error.message : String(error)}`);
    console.error(error);
  } finally {
    state.training = false;
    startButton.disabled = false;
    recipe.disabled = false;
    stopButton.disabled = true;
    drawPlot();
    showBackend();
  }
}

startButton.addEventListener('click', () => void startTraining());
stopButton.addEventListener('click', () => stop?.abort());

// ---------------------------------------------------------------- tabs

function show(view: 'draw' | 'train'): void {
  for (const name of ['draw', 'train'] as const) {
    element(`tab-${name}`).setAttribute('aria-selected', String(name === view));
    element(`view-${name}`).hidden = name !== view;
  }
  if (view === 'train') drawPlot();
}
element('tab-draw').addEventListener('click', () => show('draw'));
element('tab-train').addEventListener('click', () => show('train'));
if (location.hash === '#train') show('train');

startClassifier().catch(fail);

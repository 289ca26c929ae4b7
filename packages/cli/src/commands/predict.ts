import { existsSync, readFileSync } from 'node:fs';
import { fromPng, PAPER_BACKGROUND, PAPER_FOREGROUND } from '@tessera/data';
import type { InputFormat } from '@tessera/models';
import { tensor } from '@tessera/tensor';
import type { PredictInvocation } from '../args/parse.js';
import type { CliIo } from './io.js';
import { MODELS } from './models.js';
import { loadRun, onBackend } from './run.js';

/** The size of an MNIST digit, the only size `predict` reads. */
const SIDE = 28;
/** LeNet-5's input: the digit padded with 2 pixels of background on each side. */
const PADDED = 32;

/**
 * `tessera predict`: classifies PNG images with a checkpoint's model and prints one line per
 * image: `seven.png: 7 (probability 99.81%)`. For the `mlp`, whose sigmoid outputs are not a
 * distribution, the score is the winning output (`output 0.934`).
 *
 * Images must be 28x28 and in MNIST's polarity: light ink on a dark background (nothing is
 * resized or inverted). Colour is averaged to grey and transparency is laid over black. Each
 * image is scaled and padded to the model's input, as the training images were.
 *
 * @returns the exit code.
 * @throws Error naming the file when an image is missing, not a PNG, or not 28x28.
 *
 * @example
 * ```ts
 * await predict({ command: 'predict', checkpoint: 'run/checkpoint.safetensors', images: ['7.png'], options }, io);
 * // 7.png: 7 (probability 99.81%)
 * ```
 */
export async function predict(invocation: PredictInvocation, io: CliIo): Promise<number> {
  const { checkpoint: path, images: files, options } = invocation;
  const { config, model, params } = loadRun(path);
  const side = model.input.pad ? PADDED : SIDE;
  const size = side * side;
  const data = new Float32Array(files.length * size);
  files.forEach((file, i) => {
    data.set(readDigit(file, model.input), i * size);
  });
  const { scores } = MODELS[config.model];
  const [digits, values] = onBackend(options.backend, () => {
    const batch = tensor(data, { shape: [files.length, 1, side, side] });
    const outputs = model.layer.apply(params, batch, { train: false });
    return [model.predict(outputs).data(), scores.of(outputs).data()] as const;
  });
  const lines = files.map((file, i) => {
    const digit = digits[i]!;
    const score = values[i * 10 + digit]!;
    const shown =
      scores.name === 'probability' ? `${(score * 100).toFixed(2)}%` : score.toPrecision(3);
    return `${file}: ${digit} (${scores.name} ${shown})\n`;
  });
  io.stdout.write(lines.join(''));
  return 0;
}

/**
 * Reads a 28x28 PNG as one image in the model's input format: grey levels scaled as the
 * training images were (`unit`: [0, 1]; `paper`: -0.1 to 1.175), padded to 32x32 with
 * background when the model is LeNet-5.
 */
function readDigit(file: string, input: InputFormat): Float32Array {
  if (!existsSync(file)) throw new Error(`${file}: no such image`);
  let png: ReturnType<typeof fromPng>;
  try {
    png = fromPng(new Uint8Array(readFileSync(file)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${file}: ${message}`, { cause: error });
  }
  const [channels, height, width] = png.shape as [number, number, number];
  if (height !== SIDE || width !== SIDE) {
    throw new Error(
      `${file} is ${width}x${height} pixels; tessera predict reads ${SIDE}x${SIDE} MNIST-style ` +
        'digits (light ink on a dark background), so resize it first',
    );
  }
  const pixels = png.data();
  const colour = channels >= 3 ? 3 : 1;
  const alpha = channels === 2 || channels === 4 ? channels - 1 : -1;
  const [lo, hi] = input.scale === 'paper' ? [PAPER_BACKGROUND, PAPER_FOREGROUND] : [0, 1];
  const side = input.pad ? PADDED : SIDE;
  const margin = (side - SIDE) / 2;
  const out = new Float32Array(side * side).fill(lo);
  const plane = SIDE * SIDE;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const at = y * SIDE + x;
      let grey = 0;
      for (let c = 0; c < colour; c++) grey += pixels[c * plane + at]!;
      grey /= colour;
      if (alpha >= 0) grey *= pixels[alpha * plane + at]!;
      out[(y + margin) * side + x + margin] = lo + (hi - lo) * grey;
    }
  }
  return out;
}

/**
 * From a drawing to what the network was trained on, the way MNIST was made (LeCun, Cortes and
 * Burges): the digit's bounding box is scaled, keeping its aspect ratio, to fit a 20x20 box
 * with anti-aliasing (each output pixel is the mean ink over the source area it covers), and
 * placed in a 28x28 field so that its centre of mass lies at the field's centre. The model's
 * input format then scales the values and pads to 32x32 for LeNet-5.
 *
 * Pure functions on typed arrays, so the Node tests run exactly what the page runs.
 */
import { PAPER_BACKGROUND, PAPER_FOREGROUND } from '@tessera/data';
import type { InputFormat } from '@tessera/models';

/** A grey image: ink from 0 (none) to 1 (full), row-major. */
export interface InkImage {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** MNIST's geometry: a 28x28 field, digits normalised to a 20x20 box. */
export const FIELD = 28;
export const BOX = 20;

/** Pixels with less ink than this do not count towards the bounding box (faint edges). */
const INK_THRESHOLD = 0.05;

/** Ink from RGBA pixels drawn on a transparent canvas: the alpha channel. */
export function inkFromRgba(rgba: Uint8ClampedArray, width: number, height: number): InkImage {
  const data = new Float32Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[4 * i + 3]! / 255;
  return { width, height, data };
}

/** The ink's bounding box (inclusive pixel indices), or null for an empty image. */
export function boundingBox(
  image: InkImage,
): { x0: number; y0: number; x1: number; y1: number } | null {
  const { width, height, data } = image;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! <= INK_THRESHOLD) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

/** The centre of mass of the ink, in continuous coordinates (pixel i spans [i, i + 1)). */
export function centreOfMass(image: InkImage): { x: number; y: number; mass: number } {
  const { width, height, data } = image;
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x]!;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return mass === 0 ? { x: width / 2, y: height / 2, mass } : { x: mx / mass, y: my / mass, mass };
}

/**
 * For each of `count` output pixels along one axis, the source pixels it covers and by how
 * much: output pixel u covers the source interval [start + u * step, start + (u + 1) * step).
 */
function coverage(
  count: number,
  start: number,
  step: number,
  size: number,
): { index: number; weight: number }[][] {
  const out: { index: number; weight: number }[][] = [];
  for (let u = 0; u < count; u++) {
    const a = start + u * step;
    const b = a + step;
    const taps: { index: number; weight: number }[] = [];
    for (let i = Math.max(0, Math.floor(a)); i < Math.min(size, Math.ceil(b)); i++) {
      const w = Math.min(b, i + 1) - Math.max(a, i);
      if (w > 0) taps.push({ index: i, weight: w / step });
    }
    out.push(taps);
  }
  return out;
}

/**
 * The MNIST-style 28x28 image of a drawing: its bounding box scaled to fit 20x20 (keeping the
 * aspect ratio), area-averaged, with the centre of mass at the centre of the field; values in
 * [0, 1]. Null when nothing is drawn.
 */
export function toMnist(image: InkImage): Float32Array | null {
  const box = boundingBox(image);
  if (box === null) return null;
  const side = Math.max(box.x1 + 1 - box.x0, box.y1 + 1 - box.y0);
  // Source pixels per output pixel: the larger side of the box becomes 20 pixels.
  const step = side / BOX;
  const com = centreOfMass(image);
  const columns = coverage(FIELD, com.x - (FIELD / 2) * step, step, image.width);
  const rows = coverage(FIELD, com.y - (FIELD / 2) * step, step, image.height);
  // Separable: first along x for every source row, then along y.
  const { width, data } = image;
  const across = new Float32Array(image.height * FIELD);
  for (let y = 0; y < image.height; y++) {
    for (let u = 0; u < FIELD; u++) {
      let sum = 0;
      for (const { index, weight } of columns[u]!) sum += weight * data[y * width + index]!;
      across[y * FIELD + u] = sum;
    }
  }
  const out = new Float32Array(FIELD * FIELD);
  for (let v = 0; v < FIELD; v++) {
    for (const { index, weight } of rows[v]!) {
      for (let u = 0; u < FIELD; u++) out[v * FIELD + u]! += weight * across[index * FIELD + u]!;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1, out[i]!);
  return out;
}

/**
 * A 28x28 image in [0, 1] in a model's input format: `unit` keeps the values, `paper` maps 0
 * to -0.1 and 1 to 1.175; `pad` adds 2 pixels of background on every side (32x32), as
 * `mnist({ scale, pad })` does for training.
 */
export function toModelInput(image: Float32Array, format: InputFormat): Float32Array {
  const p = format.pad ? 2 : 0;
  const side = FIELD + 2 * p;
  const [lo, hi] = format.scale === 'paper' ? [PAPER_BACKGROUND, PAPER_FOREGROUND] : [0, 1];
  const out = new Float32Array(side * side).fill(lo);
  for (let y = 0; y < FIELD; y++) {
    for (let x = 0; x < FIELD; x++) {
      out[(y + p) * side + x + p] = lo + (hi - lo) * image[y * FIELD + x]!;
    }
  }
  return out;
}

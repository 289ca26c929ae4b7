import { ConcreteTensor, type Tensor } from '@tessera/tensor';
import { convertIndexedToRgb, type DecodedPng, decode, hasPngSignature } from 'fast-png';
import { PngFormatError } from './errors.js';

/**
 * Options of {@link fromPng}.
 *
 * @example
 * ```ts
 * const paper: FromPngOptions = { range: [-0.1, 1.175], invert: true };
 * ```
 */
export interface FromPngOptions {
  /** The values that black and white become (default `[0, 1]`). */
  readonly range?: readonly [number, number];
  /** Read dark ink on a light background as high values (default false). */
  readonly invert?: boolean;
}

/**
 * Options of {@link fromPngGrid}: the cell size and gap that {@link toPngGrid} used.
 *
 * @example
 * ```ts
 * const cells: FromPngGridOptions = { height: 28, width: 28, gap: 2, count: 64 };
 * ```
 */
export interface FromPngGridOptions extends FromPngOptions {
  /** The height of one image, in pixels. */
  readonly height: number;
  /** The width of one image, in pixels. */
  readonly width: number;
  /** Pixels between images (default 2). */
  readonly gap?: number;
  /** How many images to read, row by row (default: every cell). */
  readonly count?: number;
}

/** A decoded PNG as numbers, channels interleaved, each in [0, max]. */
interface Raster {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly max: number;
  readonly data: ArrayLike<number>;
}

/** Unpacks samples of 1, 2 or 4 bits, each row starting on a byte, into one number each. */
function unpack(png: DecodedPng): Uint8Array {
  const { width, height, channels, depth } = png;
  const perRow = width * channels;
  const rowBytes = Math.ceil((perRow * depth) / 8);
  const out = new Uint8Array(perRow * height);
  const mask = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < perRow; i++) {
      const bit = i * depth;
      const byte = png.data[y * rowBytes + (bit >> 3)]!;
      out[y * perRow + i] = (byte >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}

function decodeRaster(op: string, bytes: Uint8Array): Raster {
  if (!hasPngSignature(bytes))
    throw new PngFormatError(`${op}: the bytes do not start with the PNG signature`);
  let png: DecodedPng;
  try {
    png = decode(bytes);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new PngFormatError(`${op}: the PNG is damaged (${message})`, { cause });
  }
  const { width, height } = png;
  if (png.palette !== undefined) {
    const data = convertIndexedToRgb(png);
    return { width, height, channels: data.length / (width * height), max: 255, data };
  }
  if (png.depth < 8) {
    return { width, height, channels: png.channels, max: (1 << png.depth) - 1, data: unpack(png) };
  }
  return {
    width,
    height,
    channels: png.channels,
    max: png.depth === 16 ? 65535 : 255,
    data: png.data,
  };
}

function checkRange(op: string, range: readonly [number, number]): void {
  const [lo, hi] = range;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo !== hi)) {
    throw new RangeError(`${op}: range must be two different finite numbers, got [${lo}, ${hi}]`);
  }
}

/**
 * Copies a `height x width` window at (top, left) of the raster into `out` at `offset`,
 * channels first, mapping [0, max] onto the range.
 */
function readCell(
  r: Raster,
  top: number,
  left: number,
  height: number,
  width: number,
  options: FromPngOptions,
  out: Float32Array,
  offset: number,
): void {
  const [lo, hi] = options.range ?? [0, 1];
  const invert = options.invert ?? false;
  const c = r.channels;
  const alpha = c === 2 || c === 4 ? c - 1 : -1;
  for (let ch = 0; ch < c; ch++) {
    const flip = invert && ch !== alpha;
    const base = offset + ch * height * width;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const raw = r.data[((top + y) * r.width + left + x) * c + ch]! / r.max;
        out[base + y * width + x] = lo + (hi - lo) * (flip ? 1 - raw : raw);
      }
    }
  }
}

/**
 * Decodes a PNG (any colour type and bit depth) into a float32 tensor
 * `[channels, height, width]`: 1 channel for grey, 2 for grey and alpha, 3 for RGB and
 * palettes, 4 with alpha. Black and white become the ends of `range`.
 *
 * @throws PngFormatError if the bytes are not a readable PNG
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 *
 * const digit = fromPng(readFileSync('seven.png')); // float32 [1, 28, 28] in [0, 1]
 * ```
 */
export function fromPng(bytes: Uint8Array, options: FromPngOptions = {}): Tensor {
  if (options.range !== undefined) checkRange('fromPng', options.range);
  const r = decodeRaster('fromPng', bytes);
  const out = new Float32Array(r.channels * r.height * r.width);
  readCell(r, 0, 0, r.height, r.width, options, out, 0);
  return new ConcreteTensor({
    dtype: 'float32',
    shape: [r.channels, r.height, r.width],
    data: out,
  });
}

/**
 * Decodes a grid of images, as {@link toPngGrid} writes them, into a float32 tensor
 * `[n, channels, height, width]`: cells of `height x width` separated by `gap` pixels, read
 * row by row.
 *
 * @throws PngFormatError if the bytes are not a readable PNG or do not split into such cells
 * @throws RangeError for a bad cell size, gap or count
 *
 * @example
 * ```ts
 * const png = toPngGrid(images, { columns: 10, range: [0, 1] });
 * const back = fromPngGrid(png, { height: 28, width: 28 }); // [n, 1, 28, 28]
 * ```
 */
export function fromPngGrid(bytes: Uint8Array, options: FromPngGridOptions): Tensor {
  const { height, width, gap = 2 } = options;
  for (const [name, v, min] of [
    ['height', height, 1],
    ['width', width, 1],
    ['gap', gap, 0],
  ] as const) {
    if (!Number.isInteger(v) || v < min) {
      throw new RangeError(`fromPngGrid: ${name} must be an integer >= ${min}, got ${v}`);
    }
  }
  if (options.range !== undefined) checkRange('fromPngGrid', options.range);
  const r = decodeRaster('fromPngGrid', bytes);
  const columns = (r.width + gap) / (width + gap);
  const rows = (r.height + gap) / (height + gap);
  if (!Number.isInteger(columns) || !Number.isInteger(rows)) {
    throw new PngFormatError(
      `fromPngGrid: a ${r.width}x${r.height} image does not split into ${width}x${height} cells with gaps of ${gap}`,
    );
  }
  const cells = rows * columns;
  const count = options.count ?? cells;
  if (!Number.isInteger(count) || count < 0 || count > cells) {
    throw new RangeError(`fromPngGrid: count must be an integer in [0, ${cells}], got ${count}`);
  }
  const size = r.channels * height * width;
  const out = new Float32Array(count * size);
  for (let i = 0; i < count; i++) {
    const top = Math.floor(i / columns) * (height + gap);
    const left = (i % columns) * (width + gap);
    readCell(r, top, left, height, width, options, out, i * size);
  }
  return new ConcreteTensor({
    dtype: 'float32',
    shape: [count, r.channels, height, width],
    data: out,
  });
}

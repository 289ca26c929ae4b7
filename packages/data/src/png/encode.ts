import { ConcreteTensor, type Tensor } from '@tessera/tensor';
import { encode } from 'fast-png';

/**
 * Options of {@link toPng} and {@link toPngGrid}.
 *
 * @example
 * ```ts
 * const paperLook: PngOptions = { range: [-0.1, 1.175], invert: true };
 * ```
 */
export interface PngOptions {
  /**
   * The values that become black and white (default: the smallest and largest value
   * present). Values outside are clipped.
   */
  readonly range?: readonly [number, number];
  /** Dark ink on a light background, as the paper prints digits (default false). */
  readonly invert?: boolean;
  /** Draw each pixel as a `zoom x zoom` square, to look at small images (default 1). */
  readonly zoom?: number;
}

/**
 * Options of {@link toPngGrid}.
 *
 * @example
 * ```ts
 * const options: PngGridOptions = { columns: 10, gap: 2 };
 * ```
 */
export interface PngGridOptions extends PngOptions {
  /** Images per row (default: the smallest count that makes the grid about square). */
  readonly columns?: number;
  /** Pixels between images (default 2). */
  readonly gap?: number;
  /** The grey level (0 to 255) of the gaps (default 128). */
  readonly gapColor?: number;
}

/** A float image or batch as the encoder reads it. */
interface Pixels {
  readonly data: ArrayLike<number>;
  readonly n: number;
  readonly c: number;
  readonly h: number;
  readonly w: number;
}

function concrete(op: string, x: Tensor): ConcreteTensor {
  if (!(x instanceof ConcreteTensor)) {
    throw new TypeError(`${op}: the tensor must have values, not be a traced value`);
  }
  return x;
}

function checkChannels(op: string, c: number, shape: readonly number[]): void {
  if (c < 1 || c > 4) {
    throw new RangeError(
      `${op}: ${c} channels in [${shape.join(',')}]; PNG holds 1 (grey), 2 (grey, alpha), 3 (RGB) or 4 (RGBA)`,
    );
  }
}

function imagePixels(op: string, x: Tensor): Pixels {
  const { shape, data } = concrete(op, x).buffer;
  if (shape.length === 2) return { data, n: 1, c: 1, h: shape[0]!, w: shape[1]! };
  if (shape.length === 3) {
    checkChannels(op, shape[0]!, shape);
    return { data, n: 1, c: shape[0]!, h: shape[1]!, w: shape[2]! };
  }
  throw new RangeError(
    `${op}: an image is [height, width] or [channels, height, width], got [${shape.join(',')}]`,
  );
}

function batchPixels(op: string, x: Tensor): Pixels {
  const { shape, data } = concrete(op, x).buffer;
  if (shape.length === 3) return { data, n: shape[0]!, c: 1, h: shape[1]!, w: shape[2]! };
  if (shape.length === 4) {
    checkChannels(op, shape[1]!, shape);
    return { data, n: shape[0]!, c: shape[1]!, h: shape[2]!, w: shape[3]! };
  }
  throw new RangeError(
    `${op}: images are [n, height, width] or [n, channels, height, width], got [${shape.join(',')}]`,
  );
}

/** The value range to map to 0..255: the one given, else the data's own (never empty). */
function valueRange(
  op: string,
  data: ArrayLike<number>,
  range?: readonly [number, number],
): [number, number] {
  if (range !== undefined) {
    const [lo, hi] = range;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
      throw new RangeError(
        `${op}: range must be two finite numbers, low < high, got [${lo}, ${hi}]`,
      );
    }
    return [lo, hi];
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo < hi)) return [Number.isFinite(lo) ? lo : 0, (Number.isFinite(lo) ? lo : 0) + 1];
  return [lo, hi];
}

/** A byte per value: the range mapped linearly onto 0..255, rounded and clipped. */
function toByte(v: number, lo: number, scale: number, invert: boolean): number {
  const b = Math.round((v - lo) * scale);
  const clipped = b < 0 ? 0 : b > 255 ? 255 : Number.isNaN(b) ? 0 : b;
  return invert ? 255 - clipped : clipped;
}

/**
 * Writes images into an 8-bit interleaved raster (channels last, as PNG stores them), image
 * `i` at cell (`i / columns`, `i % columns`), each pixel a `zoom x zoom` square.
 */
function raster(
  op: string,
  px: Pixels,
  columns: number,
  gap: number,
  gapColor: number,
  options: PngOptions,
): { width: number; height: number; data: Uint8Array } {
  const zoom = options.zoom ?? 1;
  if (!Number.isInteger(zoom) || zoom < 1) {
    throw new RangeError(`${op}: zoom must be a positive integer, got ${zoom}`);
  }
  const cellH = px.h * zoom;
  const cellW = px.w * zoom;
  const rowsOfCells = Math.max(1, Math.ceil(px.n / columns));
  const width = columns * cellW + (columns - 1) * gap;
  const height = rowsOfCells * cellH + (rowsOfCells - 1) * gap;
  const data = new Uint8Array(width * height * px.c).fill(gapColor);
  const [lo, hi] = valueRange(op, px.data, options.range);
  const scale = 255 / (hi - lo);
  const invert = options.invert ?? false;
  const plane = px.h * px.w;
  for (let i = 0; i < px.n; i++) {
    const top = Math.floor(i / columns) * (cellH + gap);
    const left = (i % columns) * (cellW + gap);
    for (let ch = 0; ch < px.c; ch++) {
      const src = (i * px.c + ch) * plane;
      // Alpha is opacity, never inverted.
      const inv = invert && !(ch === px.c - 1 && (px.c === 2 || px.c === 4));
      for (let y = 0; y < cellH; y++) {
        let dst = ((top + y) * width + left) * px.c + ch;
        const srcRow = src + Math.floor(y / zoom) * px.w;
        for (let x = 0; x < cellW; x++) {
          data[dst] = toByte(px.data[srcRow + Math.floor(x / zoom)]!, lo, scale, inv);
          dst += px.c;
        }
      }
    }
  }
  return { width, height, data };
}

/**
 * Encodes one image as an 8-bit PNG: `[height, width]` or `[1, height, width]` as grey,
 * `[3, height, width]` as RGB (`2` and `4` channels add alpha). The value range maps
 * linearly onto 0..255.
 *
 * @throws RangeError for a shape that is not an image, or an empty or non-finite range
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 *
 * const { images } = mnist({ split: 'test', limit: 1 });
 * writeFileSync('seven.png', toPng(reshape(images, [28, 28]), { range: [0, 1] }));
 * ```
 */
export function toPng(image: Tensor, options: PngOptions = {}): Uint8Array {
  const px = imagePixels('toPng', image);
  const { width, height, data } = raster('toPng', px, 1, 0, 0, options);
  return encode({ width, height, data, depth: 8, channels: px.c });
}

/**
 * Encodes a batch of images (`[n, height, width]` or `[n, channels, height, width]`) as one
 * PNG, in a grid of `columns` cells separated by `gap` pixels of `gapColor`. One value range
 * serves the whole grid, so images stay comparable.
 *
 * @throws RangeError for a shape that is not a batch of images or a bad layout option
 *
 * @example
 * ```ts
 * const { images } = mnist({ split: 'test', limit: 100 });
 * writeFileSync('digits.png', toPngGrid(images, { columns: 10, range: [0, 1] }));
 * ```
 */
export function toPngGrid(images: Tensor, options: PngGridOptions = {}): Uint8Array {
  const px = batchPixels('toPngGrid', images);
  const columns = options.columns ?? Math.max(1, Math.ceil(Math.sqrt(px.n)));
  const gap = options.gap ?? 2;
  const gapColor = options.gapColor ?? 128;
  if (!Number.isInteger(columns) || columns < 1) {
    throw new RangeError(`toPngGrid: columns must be a positive integer, got ${columns}`);
  }
  if (!Number.isInteger(gap) || gap < 0) {
    throw new RangeError(`toPngGrid: gap must be a non-negative integer, got ${gap}`);
  }
  if (!Number.isInteger(gapColor) || gapColor < 0 || gapColor > 255) {
    throw new RangeError(`toPngGrid: gapColor must be an integer in [0, 255], got ${gapColor}`);
  }
  const { width, height, data } = raster(
    'toPngGrid',
    px,
    Math.min(columns, Math.max(1, px.n)),
    gap,
    gapColor,
    options,
  );
  return encode({ width, height, data, depth: 8, channels: px.c });
}
